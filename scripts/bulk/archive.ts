// Builds a bulk archive for `npm run bench:bulk` from the bundled samples: N documents, PDF, DOCX
// and XLSX mixed (cycling through the 11 samples; one copy of bench/long-xiangfuban.pdf per 500
// documents), in part-XX/ folders of 100, every file with its own bytes and hash.
//
// What varies, honestly:
//   - DOCX: the text of every <w:t> run is rewritten (document.xml): the county (乡城县 → one of
//     several), years shifted (2019–2026, in 文号, dates and values), the 文号 number, and small
//     numbers in values (×0.5–1.5, percentages kept ≤ 100). Row order and layout are unchanged.
//   - XLSX: the same rewriting on every text cell, General-format numbers scaled; the workbook is
//     written again with SheetJS (merged ranges kept, styles not). Row order unchanged.
//   - PDF: content identical; a comment line with the copy number is appended after %%EOF, so
//     only the bytes (and the hash) differ, not the tables.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SAMPLE_FILES = [
  'samples/declaration.docx',
  'samples/xiangfuban-2024-40.docx',
  'samples/carry-forward.xlsx',
  'samples/row-heading.xlsx',
  'samples/self-evaluation.xlsx',
  'samples/xiangfuban-2024-40.xlsx',
  'samples/pdf/carry-forward.pdf',
  'samples/pdf/cid-stsong.pdf',
  'samples/pdf/self-evaluation.pdf',
  'samples/pdf/xiangfuban-2024-40-landscape.pdf',
  'samples/pdf/xiangfuban-2024-40.pdf',
];
export const LONG_PDF = 'bench/long-xiangfuban.pdf';

const COUNTIES = ['乡城县', '稻城县', '得荣县', '理塘县', '巴塘县', '雅江县', '新龙县', '白玉县'];

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next();
  return next;
}

interface Variation { county: string; yearShift: number; docNo: number; factor: number }

function variation(seed: number): Variation {
  const random = rng(seed);
  return {
    county: COUNTIES[Math.floor(random() * COUNTIES.length)],
    yearShift: Math.floor(random() * 8) - 5,
    docNo: 1 + Math.floor(random() * 199),
    factor: 0.5 + random(),
  };
}

function scale(n: number, v: Variation): number {
  return Math.max(1, Math.round(n * v.factor));
}

/** Rewrites one text run: county, years, 文号 number, small numbers. */
export function varyText(text: string, v: Variation): string {
  return text
    .replaceAll('乡城县', v.county)
    .replace(/〔(\d{4})〕(\d+)号/gu, (_, year: string) => `〔${Number(year) + v.yearShift}〕${v.docNo}号`)
    .replace(/(?<![\d.〔〕])(\d{1,4})(?![\d.])(%|％)?/gu, (match, digits: string, percent: string | undefined) => {
      const n = Number(digits);
      if (digits.length === 4) return n >= 1990 && n <= 2040 ? `${n + v.yearShift}${percent ?? ''}` : match;
      if (percent) return `${Math.min(100, scale(n, v))}${percent}`;
      return n === 0 ? match : String(scale(n, v));
    });
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/gu, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

function encodeXml(text: string): string {
  return text.replace(/[<>&]/gu, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
}

export function varyDocx(bytes: Buffer, seed: number): Buffer {
  const v = variation(seed);
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = XLSX.CFB.find(zip, 'Root Entry/word/document.xml') ?? XLSX.CFB.find(zip, '/word/document.xml');
  if (!entry?.content) throw new Error('no word/document.xml');
  const xml = Buffer.from(entry.content as Uint8Array).toString('utf8')
    .replace(/(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/gu, (_, open: string, text: string, close: string) => `${open}${encodeXml(varyText(decodeXml(text), v))}${close}`);
  entry.content = Buffer.from(xml, 'utf8');
  entry.size = entry.content.length;
  return Buffer.from(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Uint8Array);
}

export function varyXlsx(bytes: Buffer, seed: number): Buffer {
  const v = variation(seed);
  const workbook = XLSX.read(bytes, { cellNF: true });
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    for (const [address, cell] of Object.entries(sheet)) {
      if (address.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      if (c.t === 's' && typeof c.v === 'string') {
        c.v = varyText(c.v, v);
        c.w = c.v;
        delete c.h;
        delete c.r;
      } else if (c.t === 'n' && typeof c.v === 'number' && (!c.z || c.z === 'General')) {
        c.v = Number.isInteger(c.v) ? scale(c.v, v) : Math.round(c.v * v.factor * 100) / 100;
        delete c.w;
      }
    }
  }
  return Buffer.from(XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array);
}

export function varyPdf(bytes: Buffer, seed: number): Buffer {
  return Buffer.concat([bytes, Buffer.from(`\n%zhibiao-bench copy ${seed}\n`, 'latin1')]);
}

export function vary(file: string, bytes: Buffer, seed: number): Buffer {
  switch (extname(file)) {
    case '.docx': return varyDocx(bytes, seed);
    case '.xlsx': return varyXlsx(bytes, seed);
    default: return varyPdf(bytes, seed);
  }
}

export interface ArchiveStats { dir: string; documents: number; bytes: number; byFormat: Record<string, number> }

/** Writes COUNT documents into DIR (part-XX/NNNNN-name.ext), deterministic for a given count. */
export function makeArchive(dir: string, count: number): ArchiveStats {
  const sources = new Map([...SAMPLE_FILES, LONG_PDF].map((file) => [file, readFileSync(join(ROOT, file))]));
  const stats: ArchiveStats = { dir, documents: 0, bytes: 0, byFormat: {} };
  for (let i = 0; i < count; i++) {
    const source = i % 500 === 499 ? LONG_PDF : SAMPLE_FILES[i % SAMPLE_FILES.length];
    const bytes = vary(source, sources.get(source)!, i + 1);
    const path = join(dir, `part-${String(Math.floor(i / 100)).padStart(2, '0')}`, `${String(i).padStart(5, '0')}-${basename(source)}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    stats.documents++;
    stats.bytes += bytes.length;
    const format = extname(source).slice(1);
    stats.byFormat[format] = (stats.byFormat[format] ?? 0) + 1;
  }
  return stats;
}
