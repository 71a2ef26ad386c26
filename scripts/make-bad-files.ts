// Makes the hostile-input corpus (issue 6) from the samples, into a directory:
//   npx tsx scripts/make-bad-files.ts [DIR]        (default: a new temp dir; prints the path)
// Nothing big is committed: the 4 GiB zip bombs are 4 MB files written in milliseconds, the
// 1 GiB PDF flate bomb 1 MB, the million-row sheet ~3 MB. test/hostile.test.ts builds the corpus at test time and checks
// each file's outcome (`expect` below) and the batch run over all of them.
import { makeRng } from './lib/rng.ts';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { encryptPdf } from './bad/pdf-encrypt.ts';
import { pdfFlateBomb } from './bad/pdf-bomb.ts';
import { badOfdFiles } from './bad/ofd.ts';
import { type ZipEntry, readZip, rawEntry, writeRawZip, writeZip, writeZipBomb } from './bad/zip.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
export const sample = (name: string): Buffer => readFileSync(join(ROOT, 'samples', name));

/** What a bad file must come to: a result (`ok`) or an error code. */
export interface BadFile {
  /** File name inside the corpus directory (a Buffer for names that are not UTF-8). */
  name: string;
  kind: string;
  expect: string;
  /** For `ok` files made from a sample: that sample, whose tables the result must equal. */
  sameTablesAs?: string;
}

/** Deterministic PRNG (mulberry32) so every corpus is the same bytes. */
export const rng = makeRng;

export function flipBits(bytes: Buffer, count: number, seed: number): Buffer {
  const out = Buffer.from(bytes);
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(r() * out.length);
    out[at] ^= 1 << Math.floor(r() * 8);
  }
  return out;
}

function replaceEntry(entries: ZipEntry[], name: string, edit: (xml: string) => string): ZipEntry[] {
  return entries.map((e) => (e.name === name ? { ...e, data: Buffer.from(edit(e.data.toString('utf8')), 'utf8') } : e));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const cellXml = (inner: string) => `<w:tc>${inner}</w:tc>`;
const rowXml = (cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;

/** A table nested `depth` levels deep, innermost holding one text. */
function nestedTable(depth: number): string {
  let inner = para('最内层');
  for (let d = depth; d >= 1; d--) inner = `<w:tbl>${rowXml([cellXml(`${para(`第${d}层`)}${inner}`)])}</w:tbl>${para('')}`;
  return inner;
}

/** A DOCX with an indicator table whose 指标解释 cell holds a table nested `depth` deep. */
export function nestedDocx(depth: number): Buffer {
  const header = ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '指标解释'];
  const rows = [
    header,
    ['产出指标', '数量指标', '完成调研报告数量', '≥', '3', '篇', 'NEST'],
    ['满意度指标', '服务对象满意度指标', '群众满意度', '≥', '95', '%', '反映群众满意程度'],
  ];
  const table = `<w:tbl>${rows.map((r) => rowXml(r.map((t) => cellXml(t === 'NEST' ? `${para('见下表')}${nestedTable(depth)}` : para(t))))).join('')}</w:tbl>`;
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${para('测试项目绩效指标表')}${table}${para('')}</w:body></w:document>`;
  return writeZip(replaceEntry(readZip(sample('declaration.docx')), 'word/document.xml', () => doc));
}

/** The seed notice DOCX with a DTD that declares an external entity (file:///etc/passwd) used in the text. */
export function xxeDocx(): Buffer {
  return writeZip(replaceEntry(readZip(sample('xiangfuban-2024-40.docx')), 'word/document.xml', (xml) => {
    const decl = xml.startsWith('<?xml') ? xml.slice(0, xml.indexOf('?>') + 2) : '';
    const body = xml.slice(decl.length).replace(/<w:t>([^<]*)<\/w:t>/u, '<w:t>&xxe;$1</w:t>');
    return `${decl}<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${body}`;
  }));
}

/** An XLSX whose shared part declares nested internal entities (billion laughs). */
export function laughsXlsx(): Buffer {
  const lol = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
  return writeZip(replaceEntry(readZip(sample('carry-forward.xlsx')), 'xl/worksheets/sheet1.xml', (xml) => {
    const decl = xml.slice(0, xml.indexOf('?>') + 2);
    return `${decl}<!DOCTYPE worksheet [${lol}]>${xml.slice(decl.length).replace('<v>一级指标</v>', '<v>&l9;</v>')}`;
  }));
}

/** carry-forward.xlsx with an extra entry whose name climbs out of the archive. */
export function traversalZip(sampleName: string, entryName: string): Buffer {
  return writeZip([...readZip(sample(sampleName)), { name: entryName, data: Buffer.from('owned\n') }]);
}

/**
 * carry-forward.xlsx plus a million filler rows under its table and one merged range over all
 * of them (H1:H1000000). The sheet XML (~50 MB) is deflated in pieces.
 */
export function millionRowsXlsx(rows = 1_000_000): Buffer {
  const entries = readZip(sample('carry-forward.xlsx'));
  const raws = entries.map((e) => {
    if (e.name !== 'xl/worksheets/sheet1.xml') return rawEntry(e);
    const xml = e.data.toString('utf8');
    const cut = xml.indexOf('</sheetData>');
    const head = Buffer.from(xml.slice(0, cut).replace(/<dimension ref="[^"]*"\/>/u, `<dimension ref="A1:H${rows}"/>`), 'utf8');
    const tail = Buffer.from(`</sheetData><mergeCells count="1"><mergeCell ref="H1:H${rows}"/></mergeCells>${xml.slice(cut + '</sheetData>'.length)}`, 'utf8');
    const pieces: Buffer[] = [head];
    let batch = '';
    for (let r = 25; r <= rows; r++) {
      batch += `<row r="${r}"><c r="H${r}"><v>${r}</v></c></row>`;
      if (batch.length > 1 << 20) {
        pieces.push(Buffer.from(batch));
        batch = '';
      }
    }
    pieces.push(Buffer.from(batch), tail);
    const data = Buffer.concat(pieces);
    return { name: e.name, method: 8, crc: crc32(data), compressed: deflateRawSync(data, { level: 9 }), size: data.length };
  });
  return writeRawZip(raws);
}

/** The PDF with its xref table's offsets zeroed and startxref pointing nowhere. */
export function brokenXrefPdf(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const xref = text.lastIndexOf('\nxref');
  const trailer = text.indexOf('trailer', xref);
  const table = text.slice(xref, trailer).replace(/\d{10} (\d{5}) n/gu, '0000000000 $1 n');
  const tail = text.slice(trailer).replace(/startxref\s+\d+/u, 'startxref\n999999999');
  return Buffer.from(text.slice(0, xref) + table + tail, 'latin1');
}

/** A ZIP-level damage kind for DOCX/XLSX: one entry's bytes rewritten (keeping the CRC right), or an entry deleted. */
export function rewriteEntry(bytes: Buffer, name: string, data: Buffer): Buffer {
  return writeZip(readZip(bytes).map((e) => (e.name === name ? { ...e, data } : e)));
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4ee0000000049454e44ae426082', 'hex');

/** Writes the corpus into `dir` and returns what each file must come to. */
export function makeBadFiles(dir: string): BadFile[] {
  mkdirSync(dir, { recursive: true });
  const files: BadFile[] = [];
  const put = (name: string, bytes: Uint8Array, kind: string, expect: string, sameTablesAs?: string) => {
    writeFileSync(join(dir, name), bytes);
    files.push({ name, kind, expect, ...(sameTablesAs ? { sameTablesAs } : {}) });
  };
  const pdf = sample('pdf/carry-forward.pdf');
  const docx = sample('xiangfuban-2024-40.docx');
  const xlsx = sample('carry-forward.xlsx');

  put('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length / 2)), 'truncated PDF (first half)', 'corrupt-pdf');
  put('truncated-head.pdf', pdf.subarray(0, 300), 'truncated PDF (300 bytes)', 'corrupt-pdf');
  put('truncated.docx', docx.subarray(0, Math.floor(docx.length / 2)), 'truncated DOCX', 'corrupt-docx');
  put('truncated.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)), 'truncated XLSX', 'corrupt-xlsx');
  put('bitflip.pdf', flipBits(pdf, 40, 1), 'PDF with 40 flipped bits', 'ok');
  put('bitflip.docx', flipBits(docx, 40, 2), 'DOCX with 40 flipped bits', 'corrupt-docx');
  put('bitflip.xlsx', flipBits(xlsx, 40, 3), 'XLSX with 40 flipped bits', 'corrupt-xlsx');
  put('user-password.pdf', encryptPdf(pdf, { userPassword: 'secret', ownerPassword: 'owner' }), 'PDF with a user password (RC4-128)', 'encrypted');
  put('owner-password.pdf', encryptPdf(pdf, { userPassword: '', ownerPassword: 'owner' }), 'PDF with only an owner password (RC4-128)', 'ok', 'pdf/carry-forward.pdf');
  put('broken-xref.pdf', brokenXrefPdf(pdf), 'PDF whose xref offsets and startxref are wrong', 'ok', 'pdf/carry-forward.pdf');
  writeZipBomb(join(dir, 'bomb.docx'), readZip(sample('declaration.docx')).filter((e) => e.name !== 'word/document.xml'), 'word/document.xml', { mib: 4095 });
  files.push({ name: 'bomb.docx', kind: 'DOCX zip bomb: 4 MB → 4 GiB document.xml', expect: 'zip-bomb' });
  writeZipBomb(join(dir, 'bomb-hidden.xlsx'), readZip(xlsx).filter((e) => e.name !== 'xl/worksheets/sheet2.xml'), 'xl/worksheets/sheet2.xml', { mib: 4095, declaredSize: 40_000 });
  files.push({ name: 'bomb-hidden.xlsx', kind: 'XLSX zip bomb declaring 40 KB for a 4 GiB sheet', expect: 'zip-bomb' });
  put('flate-bomb.pdf', pdfFlateBomb(1024), 'PDF flate bomb: 1 MB → 1 GiB content stream', 'too-large');
  put('traversal.docx', traversalZip('declaration.docx', '../../x'), 'DOCX with an entry named ../../x', 'unsafe-zip');
  put('traversal.xlsx', traversalZip('carry-forward.xlsx', '/etc/cron.d/x'), 'XLSX with an entry named /etc/cron.d/x', 'unsafe-zip');
  put('xxe.docx', xxeDocx(), 'DOCX with an external entity (file:///etc/passwd)', 'unsafe-xml');
  put('laughs.xlsx', laughsXlsx(), 'XLSX with nested entity expansion (billion laughs)', 'unsafe-xml');
  put('million-rows.xlsx', millionRowsXlsx(), 'XLSX with a million rows and one merge over all of them', 'ok');
  put('nested-20.docx', nestedDocx(20), 'DOCX with a table nested 20 levels deep', 'ok');
  put('nested-3000.docx', nestedDocx(3000), 'DOCX with a table nested 3000 levels deep', 'too-large');
  put('empty.docx', Buffer.alloc(0), '0-byte file', 'empty-file');
  put('png.xlsx', PNG, 'a PNG named .xlsx', 'unsupported-format');
  put('png.docx', PNG, 'a PNG named .docx', 'unsupported-format');
  for (const f of badOfdFiles(sample('ofd/carry-forward.ofd'), dir)) {
    if (f.bytes) put(f.name, f.bytes, f.kind, f.expect, f.sameTablesAs);
    else files.push({ name: f.name, kind: f.kind, expect: f.expect });
  }
  return files;
}

/** Good files that go into the same batch (their JSON must equal a clean run's). */
export const GOOD_SAMPLES = ['carry-forward.xlsx', 'declaration.docx', 'pdf/self-evaluation.pdf', 'ofd/self-evaluation.ofd'];

/** Hostile names and a symlink loop: `dir/names/…` holds good files under odd names. */
export function makeOddNames(dir: string): { names: (string | Buffer)[] } {
  const names = join(dir, 'names');
  mkdirSync(join(names, 'loop', 'deeper'), { recursive: true });
  symlinkSync('..', join(names, 'loop', 'deeper', 'up')); // a directory cycle
  symlinkSync('.', join(names, 'loop', 'self'));
  const good = sample('declaration.docx');
  const list: (string | Buffer)[] = ['-rf.docx', '--help.xlsx', 'with spaces 文件.docx'];
  writeFileSync(join(names, '-rf.docx'), good);
  writeFileSync(join(names, '--help.xlsx'), sample('carry-forward.xlsx'));
  writeFileSync(join(names, 'with spaces 文件.docx'), good);
  // Not UTF-8: GBK bytes for 指标 (D6 B8 B1 EA).
  const raw = Buffer.concat([Buffer.from(join(names, 'loop', 'gbk-')), Buffer.from([0xd6, 0xb8, 0xb1, 0xea]), Buffer.from('.docx')]);
  writeFileSync(raw, good);
  list.push(raw);
  return { names: list };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'zhibiao-bad-files-'));
  const files = makeBadFiles(dir);
  makeOddNames(dir);
  for (const f of files) console.log(`${f.name.padEnd(22)} ${f.expect.padEnd(20)} ${f.kind}`);
  console.log(dir);
}
