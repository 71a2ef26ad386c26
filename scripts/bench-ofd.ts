// Speed of OFD against PDF on the same content: the OFD twins (samples/ofd, written by
// scripts/samples/ofd.ts from the PDF samples' page model) and their PDF originals, read in
// the same run, rounds alternating so machine noise hits both; the median round is reported.
//
//   npm run bench:ofd [-- --rounds 5] [--json]
//
// `reader`: bytes → page model (readPdf vs ZIP guard + readOfd). `pipeline`: bytes → indicator
// tables and notice head (documentGrids + structurer + readNotice), what `zhibiao extract` does
// per file apart from writing.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentGrids, gridsToTables } from '../pipelines/extract-document.ts';
import { ofdPages } from '../pipelines/ofd-grids.ts';
import type { Format } from '../src/model/layout.ts';
import { readNotice } from '../src/notice/metadata.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { TWINS } from './samples/ofd.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 5;
const asJson = args.includes('--json');

const files = TWINS.map(({ pdf }) => ({
  pdf: readFileSync(join(ROOT, 'samples', 'pdf', pdf)),
  ofd: readFileSync(join(ROOT, 'samples', 'ofd', `${basename(pdf, '.pdf')}.ofd`)),
}));

async function reader(format: Format, bytes: Buffer): Promise<number> {
  return format === 'pdf' ? (await readPdf(bytes)).length : ofdPages(bytes, DEFAULT_LIMITS).pages.length;
}

async function pipeline(format: Format, bytes: Buffer): Promise<number> {
  const grids = await documentGrids(bytes, format);
  gridsToTables(grids);
  readNotice(grids.lines);
  return grids.pages ?? 0;
}

/** Pages per second of one pass over every file. */
async function pass(format: 'pdf' | 'ofd', step: typeof reader): Promise<number> {
  const started = process.hrtime.bigint();
  let pages = 0;
  for (const f of files) pages += await step(format, f[format]);
  return pages / (Number(process.hrtime.bigint() - started) / 1e9);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// One warm-up pass of each, then the measured rounds.
for (const step of [reader, pipeline]) for (const format of ['pdf', 'ofd'] as const) await pass(format, step);
const result: Record<string, { pdf: number; ofd: number; ratio: number }> = {};
for (const [name, step] of [['reader', reader], ['pipeline', pipeline]] as const) {
  const pdf: number[] = [];
  const ofd: number[] = [];
  for (let r = 0; r < rounds; r++) {
    pdf.push(await pass('pdf', step));
    ofd.push(await pass('ofd', step));
  }
  result[name] = { pdf: median(pdf), ofd: median(ofd), ratio: median(ofd) / median(pdf) };
}
const pages = files.reduce((n, f) => n + ofdPages(f.ofd, DEFAULT_LIMITS).pages.length, 0);
if (asJson) console.log(JSON.stringify({ files: files.length, pages, rounds, ...result }, null, 2));
else {
  console.log(`${files.length} twins, ${pages} pages, median of ${rounds} rounds`);
  for (const [name, r] of Object.entries(result)) {
    console.log(`${name.padEnd(8)}  PDF ${r.pdf.toFixed(1)} pages/s   OFD ${r.ofd.toFixed(1)} pages/s   OFD/PDF ${r.ratio.toFixed(2)}×`);
  }
}
