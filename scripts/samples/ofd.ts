// OFD twins of the PDF samples: each PDF is read into the page model (src/readers/pdf.ts)
// and the same page content — every text run at its place with its font and size, every
// ruling — is written as an OFD package (GB/T 33190): OFD.xml → Doc_0/Document.xml (page
// area, PublicRes fonts, DocumentRes drawing parameter) → one Content.xml per page with a
// TextObject per run (Boundary = the run's box, TextCode with DeltaX, `g N d` where deltas
// repeat) and a PathObject per ruling. Twins differ in how they write things, so the reader
// meets more than one producer's habits: millimetres throughout, or points under a CTM
// (`0.3528 0 0 0.3528 0 0`, as many converters write); rules as stroked lines, as thin
// filled rectangles, or as one stroked path of many segments.
//
//   npx tsx scripts/samples/ofd.ts        (writes samples/ofd/*.ofd and their .expected.json)
//
// The expected JSON of a twin is its PDF's, with `file` and `format` changed: the twin must
// give the same indicators. Output is deterministic (fixed ZIP dates and DocIDs).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfPage, Ruling, TextRun } from '../../src/model/layout.ts';
import { readPdf } from '../../src/readers/pdf.ts';
import { emWidth, TEXT_SETTINGS } from '../../src/readers/ofd-text.ts';
import { writeZip, type ZipEntry } from '../bad/zip.ts';

export interface OfdStyle {
  /** Coordinates in mm, or in points under a scaling CTM. */
  units: 'mm' | 'pt';
  /** Each ruling a stroked line, a thin filled rectangle, or all of a page's rulings one stroked path. */
  rules: 'stroke' | 'fill' | 'one-path';
}

const PT_TO_MM = 25.4 / 72;
const NS = 'http://www.ofdspec.org/2016';
/** Line width of the rules, mm (0.25 mm ≈ 0.7 pt, what office suites print). */
const RULE_MM = 0.25;

function esc(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

function n(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

/** An ST_Array of deltas, repeated values written as `g N d`. */
export function deltaArray(values: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && n(values[j + 1]) === n(values[i])) j++;
    const count = j - i + 1;
    out.push(count >= 3 ? `g ${count} ${n(values[i])}` : Array(count).fill(n(values[i])).join(' '));
    i = j + 1;
  }
  return out.join(' ');
}

class Ids {
  private next = 1;
  take(): number {
    return this.next++;
  }
  get max(): number {
    return this.next - 1;
  }
}

/** One run as a TextObject: Boundary = the run's box, the baseline placed so the reader's glyph box centres on the run. */
function textObject(run: TextRun, fontId: number, id: number, style: OfdStyle): string {
  const [x0, top, x1, bottom] = run.bbox.map((v) => v * PT_TO_MM);
  const chars = Array.from(run.text);
  const scale = style.units === 'pt' ? 1 / PT_TO_MM : 1; // object units per mm
  const size = run.fontSize * PT_TO_MM * scale;
  const width = (x1 - x0) * scale;
  const centre = ((bottom - top) / 2) * scale;
  const baseline = centre + (TEXT_SETTINGS.ascent - 0.5) * size;
  // Advances in proportion to the usual glyph widths (emWidth, what the reader assumes),
  // spread over the run's real width.
  const ems = chars.map(emWidth);
  const total = ems.reduce((a, b) => a + b, 0) || 1;
  const deltas = ems.slice(0, -1).map((e) => (e / total) * width);
  const ctm = style.units === 'pt' ? ` CTM="${n(PT_TO_MM)} 0 0 ${n(PT_TO_MM)} 0 0"` : '';
  const deltaAttr = deltas.length ? ` DeltaX="${deltaArray(deltas)}"` : '';
  return `<ofd:TextObject ID="${id}" Boundary="${n(x0)} ${n(top)} ${n(x1 - x0)} ${n(bottom - top)}" Font="${fontId}" Size="${n(size)}"${ctm}>`
    + `<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${n(baseline)}"${deltaAttr}>${esc(run.text)}</ofd:TextCode></ofd:TextObject>`;
}

/** Rulings as PathObjects, in the page's coordinates (mm) placed by their Boundary. */
function pathObjects(rulings: readonly Ruling[], ids: Ids, style: OfdStyle, drawParam: number): string[] {
  const mm = rulings.map((r) => ({ x0: Math.min(r.x0, r.x1) * PT_TO_MM, y0: Math.min(r.y0, r.y1) * PT_TO_MM, x1: Math.max(r.x0, r.x1) * PT_TO_MM, y1: Math.max(r.y0, r.y1) * PT_TO_MM }));
  const half = RULE_MM / 2;
  if (style.rules === 'one-path') {
    if (mm.length === 0) return [];
    const bx = Math.min(...mm.map((r) => r.x0)) - half;
    const by = Math.min(...mm.map((r) => r.y0)) - half;
    const bw = Math.max(...mm.map((r) => r.x1)) + half - bx;
    const bh = Math.max(...mm.map((r) => r.y1)) + half - by;
    const data = mm.map((r) => `M ${n(r.x0 - bx)} ${n(r.y0 - by)} L ${n(r.x1 - bx)} ${n(r.y1 - by)}`).join(' ');
    return [`<ofd:PathObject ID="${ids.take()}" Boundary="${n(bx)} ${n(by)} ${n(bw)} ${n(bh)}" DrawParam="${drawParam}"><ofd:AbbreviatedData>${data}</ofd:AbbreviatedData></ofd:PathObject>`];
  }
  return mm.map((r) => {
    const bx = r.x0 - half;
    const by = r.y0 - half;
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    const box = `Boundary="${n(bx)} ${n(by)} ${n(w + RULE_MM)} ${n(h + RULE_MM)}"`;
    if (style.rules === 'fill') {
      // The ruling as a rectangle RULE_MM thick: the reader takes its centre line.
      const [rw, rh] = w >= h ? [w, RULE_MM] : [RULE_MM, h];
      const [ox, oy] = w >= h ? [half, 0] : [0, half];
      return `<ofd:PathObject ID="${ids.take()}" ${box} Stroke="false" Fill="true"><ofd:FillColor Value="0 0 0"/>`
        + `<ofd:AbbreviatedData>M ${n(ox)} ${n(oy)} L ${n(ox + rw)} ${n(oy)} L ${n(ox + rw)} ${n(oy + rh)} L ${n(ox)} ${n(oy + rh)} C</ofd:AbbreviatedData></ofd:PathObject>`;
    }
    return `<ofd:PathObject ID="${ids.take()}" ${box} DrawParam="${drawParam}"><ofd:AbbreviatedData>M ${n(half)} ${n(half)} L ${n(half + w)} ${n(half + h)}</ofd:AbbreviatedData></ofd:PathObject>`;
  });
}

function xml(body: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`, 'utf8');
}

/** The OFD package of these pages. */
export function pagesToOfd(pages: readonly PdfPage[], title: string, style: OfdStyle): Buffer {
  const ids = new Ids();
  const fonts = new Map<string, number>();
  for (const run of pages.flatMap((p) => p.runs)) if (!fonts.has(run.fontName)) fonts.set(run.fontName, ids.take());
  const drawParam = ids.take();
  const docId = createHash('sha256').update(title).digest('hex').slice(0, 32);
  const entries: ZipEntry[] = [];
  const pageRefs: string[] = [];
  pages.forEach((page, i) => {
    const pageId = ids.take();
    const objects = [
      ...page.runs.map((run) => textObject(run, fonts.get(run.fontName)!, ids.take(), style)),
      ...pathObjects(page.rulings, ids, style, drawParam),
    ];
    const w = page.width * PT_TO_MM;
    const h = page.height * PT_TO_MM;
    entries.push({
      name: `Doc_0/Pages/Page_${i}/Content.xml`,
      data: xml(`<ofd:Page xmlns:ofd="${NS}"><ofd:Area><ofd:PhysicalBox>0 0 ${n(w)} ${n(h)}</ofd:PhysicalBox></ofd:Area>`
        + `<ofd:Content><ofd:Layer ID="${ids.take()}">${objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>`),
    });
    pageRefs.push(`<ofd:Page ID="${pageId}" BaseLoc="Pages/Page_${i}/Content.xml"/>`);
  });
  const first = pages[0];
  const fontList = [...fonts].map(([name, id]) => `<ofd:Font ID="${id}" FontName="${esc(name)}" FamilyName="${esc(name)}"/>`).join('');
  entries.unshift(
    { name: 'OFD.xml', data: xml(`<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>${docId}</ofd:DocID>`
      + `<ofd:Title>${esc(title)}</ofd:Title><ofd:CreationDate>2025-01-01</ofd:CreationDate><ofd:Creator>zhibiao scripts/samples/ofd.ts</ofd:Creator></ofd:DocInfo>`
      + `<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`) },
    { name: 'Doc_0/Document.xml', data: xml(`<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${ids.max}</ofd:MaxUnitID>`
      + `<ofd:PageArea><ofd:PhysicalBox>0 0 ${n(first.width * PT_TO_MM)} ${n(first.height * PT_TO_MM)}</ofd:PhysicalBox></ofd:PageArea>`
      + `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>`
      + `<ofd:Pages>${pageRefs.join('')}</ofd:Pages></ofd:Document>`) },
    { name: 'Doc_0/PublicRes.xml', data: xml(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:ColorSpaces><ofd:ColorSpace ID="${ids.take()}" Type="RGB"/></ofd:ColorSpaces>`
      + `<ofd:Fonts>${fontList}</ofd:Fonts></ofd:Res>`) },
    { name: 'Doc_0/DocumentRes.xml', data: xml(`<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:DrawParams><ofd:DrawParam ID="${drawParam}" LineWidth="${RULE_MM}">`
      + `<ofd:StrokeColor Value="0 0 0"/></ofd:DrawParam></ofd:DrawParams></ofd:Res>`) },
  );
  return writeZip(entries);
}

/** The twins: which PDF sample, and how its OFD is written. */
export const TWINS: { pdf: string; style: OfdStyle }[] = [
  { pdf: 'xiangfuban-2024-40.pdf', style: { units: 'mm', rules: 'stroke' } },
  { pdf: 'xiangfuban-2024-40-landscape.pdf', style: { units: 'pt', rules: 'fill' } },
  { pdf: 'carry-forward.pdf', style: { units: 'pt', rules: 'one-path' } },
  { pdf: 'self-evaluation.pdf', style: { units: 'mm', rules: 'fill' } },
  { pdf: 'cid-stsong.pdf', style: { units: 'pt', rules: 'stroke' } },
];

const RULE_STYLES: Record<OfdStyle['rules'], string> = {
  stroke: 'each a stroked line (DrawParam)',
  fill: 'each a filled rectangle 0.25 mm thick',
  'one-path': 'one stroked path per page',
};

const README_HEAD = `# OFD twins of the PDF samples

Written by \`npx tsx scripts/samples/ofd.ts\` (do not edit by hand): each PDF sample is read into
the page model and its text runs and rulings are written as an OFD package (OFD.xml, Document.xml,
PublicRes fonts, DocumentRes drawing parameter, one Content.xml per page; a TextObject per run with
TextCode DeltaX, \`g N d\` where deltas repeat; a PathObject per ruling). Each \`.expected.json\` is
the PDF's with \`file\` and \`format\` changed: the twin must give the same indicators
(test/golden.test.ts), and read back as the PDF's page model (test/ofd-twins.test.ts).

| twin | from | pages | coordinates | rules |
|---|---|---|---|---|`;

export async function writeOfdTwins(root: string): Promise<string[]> {
  const pdfDir = join(root, 'samples', 'pdf');
  const outDir = join(root, 'samples', 'ofd');
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const rows: string[] = [];
  for (const { pdf, style } of TWINS) {
    const pages = await readPdf(readFileSync(join(pdfDir, pdf)));
    const name = basename(pdf, '.pdf') + '.ofd';
    writeFileSync(join(outDir, name), pagesToOfd(pages, basename(pdf, '.pdf'), style));
    const expected = JSON.parse(readFileSync(join(pdfDir, `${pdf}.expected.json`), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(outDir, `${name}.expected.json`), `${JSON.stringify({ ...expected, file: name, format: 'ofd' }, null, 2)}\n`);
    written.push(`samples/ofd/${name} (${pages.length} page(s), ${style.units}, rules ${style.rules})`);
    rows.push(`| \`${name}\` | \`pdf/${pdf}\` | ${pages.length} | ${style.units === 'mm' ? 'millimetres' : 'points under CTM 0.3528'} | ${RULE_STYLES[style.rules]} |`);
  }
  writeFileSync(join(outDir, 'README.md'), `${README_HEAD}\n${rows.join('\n')}\n`);
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
  for (const line of await writeOfdTwins(root)) console.log(`wrote ${line}`);
}
