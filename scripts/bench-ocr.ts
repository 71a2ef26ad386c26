// npm run bench:ocr [-- --dpi 200 --mode gray --samples self-evaluation,carry-forward]
// Scanned twins of every PDF sample (150/200 dpi × gray/bw, made in a temp folder by
// scripts/samples/scan-twins.ts) through the whole extraction: characters and rows right
// against the originals' expected JSON, rows flagged for review (and how many of those are
// wrong, how many wrong rows are not flagged), CPU seconds and wall seconds per page, peak RSS
// of this process. The born-digital originals run first in the same process as the baseline.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractDocument } from '../pipelines/extract-document.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { makeTwin, PDF_SAMPLES, type ScanMode } from './samples/scan-twins.ts';
import { scoreTwin } from './samples/scan-compare.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dpis = (arg('dpi') ?? '150,200').split(',').map(Number);
const modes = (arg('mode') ?? 'gray,bw').split(',') as ScanMode[];
const only = arg('samples')?.split(',');
const samples = PDF_SAMPLES.filter((path) => !only || only.some((name) => basename(path).startsWith(name)));

let peakRss = 0;
const sampleRss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function timed(bytes: Uint8Array, name: string): Promise<{ result: DocumentResult | null; wall: number; cpu: number; error?: string }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let result: DocumentResult | null = null;
  let error: string | undefined;
  try {
    result = await extractDocument(bytes, name);
  } catch (e) {
    error = `${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message}`;
  }
  const cpu = process.cpuUsage(cpu0);
  return { result, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, error };
}

// Baseline: the born-digital PDFs (and the models loaded once, outside the figures).
let baseWall = 0;
let baseCpu = 0;
let basePages = 0;
for (const path of samples) {
  const run = await timed(new Uint8Array(readFileSync(path)), basename(path));
  baseWall += run.wall;
  baseCpu += run.cpu;
  basePages += run.result?.source.pages ?? 0;
}
await timed(await makeTwin({ source: samples[0], dpi: 150, mode: 'gray', pages: { first: 1, last: 1 } }), 'warm-up');

console.log(`born-digital baseline: ${basePages} pages, ${(baseWall / basePages).toFixed(3)} s/page wall, ${(baseCpu / basePages).toFixed(3)} s/page CPU\n`);
console.log('| dpi | mode | rows right | chars right | flagged (of them wrong) | wrong not flagged | wrong rows flagged | s/page wall | s/page CPU | CPU ratio to born-digital |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const misses: string[] = [];
for (const dpi of dpis) {
  for (const mode of modes) {
    const total = { rows: 0, rowsRight: 0, chars: 0, charsRight: 0, flagged: 0, flaggedWrong: 0, wrongUnflagged: 0, pages: 0, wall: 0, cpu: 0 };
    for (const source of samples) {
      const twin = await makeTwin({ source, dpi, mode });
      const run = await timed(twin, basename(source));
      if (run.error) misses.push(`${basename(source)} ${dpi} ${mode}: ${run.error}`);
      const expected = JSON.parse(readFileSync(`${source}.expected.json`, 'utf8'));
      const score = scoreTwin(expected, run.result);
      for (const key of ['rows', 'rowsRight', 'chars', 'charsRight', 'flagged', 'flaggedWrong', 'wrongUnflagged'] as const) total[key] += score[key];
      total.pages += run.result?.source.pages ?? 0;
      total.wall += run.wall;
      total.cpu += run.cpu;
      for (const miss of score.misses) misses.push(`${basename(source)} ${dpi} ${mode}: ${miss}`);
    }
    const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
    const wrong = total.rows - total.rowsRight;
    console.log(
      `| ${dpi} | ${mode} | ${total.rowsRight}/${total.rows} (${pct(total.rowsRight, total.rows)}) | ${pct(total.charsRight, total.chars)} | ${total.flagged} (${total.flaggedWrong}) | ${total.wrongUnflagged} | ${wrong ? pct(wrong - Math.min(wrong, total.wrongUnflagged), wrong) : '–'} | ${(total.wall / total.pages).toFixed(2)} | ${(total.cpu / total.pages).toFixed(2)} | ${(total.cpu / total.pages / (baseCpu / basePages)).toFixed(1)} |`,
    );
  }
}
clearInterval(sampleRss);
console.log(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
console.log(`\nrows not read exactly (expected ← closest read):`);
for (const miss of misses) console.log(`  ${miss}`);
