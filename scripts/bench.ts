// Speed of the PDF pipeline, as a ratio to raw pdfjs parsing of the same pages in the same run.
//
//   npm run bench [-- --rounds 3] [--json]
//
// Baseline: one raw parse of every page's content stream, pdfjs getOperatorList (what any
// pdfjs-based extractor must at least do: text and rulings are both in it), with the pipeline's
// pdfjs and its settings (no glyph outlines, no font programs, no image decoding: scripts/patch-pdfjs.mjs
// patches 4, 7 and 8 make the baseline cheaper too). Ours: the whole
// pipeline from bytes to indicator tables (reader, table finders, structurer, notice head,
// scorer). Rounds alternate baseline and ours so that machine noise hits both; the median of
// the rounds is reported, as wall time and as CPU time of the process (all threads: on a
// loaded machine the CPU ratio is the one to trust). Peak memory
// (VmHWM of `zhibiao extract FILE --stdout`, as a user runs it) is measured on
// bench/long-xiangfuban.pdf (211 pages, made by scripts/make-long-pdf.ts). Start-up: `zhibiao
// --help` and `zhibiao schema` against `node -e 0`. Both cores: `zhibiao extract` of samples/pdf
// and the ICDAR eu half, each file `--worker-copies` times (default 6: 192 documents, seconds of
// work for each worker, so that a worker's start-up and V8's warm-up do not decide the ratio),
// with 1 and then 2 workers (child processes, CPU from bash's `times`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
// The same pdfjs as the pipeline's, loaded with Array#push and JSON native again (see src/readers/pdfjs.ts).
import { forgetDeferredImages, pdfjs } from '../src/readers/pdfjs.ts';
import { documentGrids, gridsToTables } from '../pipelines/extract-document.ts';
import { readNotice } from '../src/notice/metadata.ts';
import { pdfTextStats } from '../src/readers/pdf-page-text.ts';
import { type ChildTiming, timeChild } from './lib/child-times.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3;
const asJson = args.includes('--json');
const workerCopies = Number(args[args.indexOf('--worker-copies') + 1]) || 6;

const require = createRequire(import.meta.url);
const PDFJS = dirname(require.resolve('pdfjs-dist/package.json'));

function pdfsIn(dir: string, skip: RegExp = /^$/u): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.pdf') && !skip.test(name)).sort().map((name) => join(dir, name));
}

async function rawParse(bytes: Uint8Array): Promise<number> {
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), cMapUrl: `${PDFJS}/cmaps/`, cMapPacked: true,
    standardFontDataUrl: `${PDFJS}/standard_fonts/`, isEvalSupported: false, useSystemFonts: false, verbosity: 0,
  });
  const doc = await task.promise;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
    forgetDeferredImages(task.docId); // as the reader does: images stay undecoded (scripts/patch-pdfjs.mjs, patch 8)
  }
}

async function pipeline(bytes: Uint8Array): Promise<number> {
  const grids = await documentGrids(bytes, 'pdf');
  gridsToTables(grids);
  readNotice(grids.lines);
  return grids.pages ?? 0;
}

/** Wall and CPU milliseconds (user + system, all threads of the process). */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface SetResult {
  name: string;
  files: number;
  pages: number;
  rawMs: number;
  oursMs: number;
  rawCpuMs: number;
  oursCpuMs: number;
  /** Pages the reader read through getTextContent (see src/readers/pdf-page-text.ts), by reason, per pipeline run. */
  fallbacks: Record<string, number>;
}

async function measureSet(name: string, files: string[]): Promise<SetResult> {
  const docs = files.map((file) => readFileSync(file));
  let pages = 0;
  for (const bytes of docs) pages += await rawParse(bytes); // warm-up and page count
  const before = { ...pdfTextStats.fallbacks };
  for (const bytes of docs) await pipeline(bytes);
  const fallbacks = Object.fromEntries(Object.entries(pdfTextStats.fallbacks).map(([reason, n]) => [reason, n - (before[reason as keyof typeof before] ?? 0)]).filter(([, n]) => (n as number) > 0));
  const raw: { wall: number; cpu: number }[] = [];
  const ours: { wall: number; cpu: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    raw.push(await timed(async () => { for (const bytes of docs) await rawParse(bytes); }));
    ours.push(await timed(async () => { for (const bytes of docs) await pipeline(bytes); }));
  }
  return {
    name, files: files.length, pages, fallbacks,
    rawMs: median(raw.map((t) => t.wall)), oursMs: median(ours.map((t) => t.wall)),
    rawCpuMs: median(raw.map((t) => t.cpu)), oursCpuMs: median(ours.map((t) => t.cpu)),
  };
}

/** Peak RSS (VmHWM, polled) of `zhibiao extract FILE --stdout` as a user runs it. */
async function peakMemory(file: string): Promise<{ pages: number; peakRssMb: number; seconds: number } | null> {
  const start = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'zhibiao.js'), 'extract', file, '--stdout'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? 0));
    } catch {
      // the process has just exited
    }
  }, 10);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk; });
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(poll);
  if (code !== 0) return null;
  const pages = (JSON.parse(output) as { source: { pages?: number } }).source.pages ?? 0;
  return { pages, peakRssMb: Math.round(peakKb / 1024), seconds: (Date.now() - start) / 1000 };
}

/** `zhibiao --help` and `zhibiao schema` (the bundle in dist/, as `npx zhibiao` runs it) against `node -e 0`: median seconds of 7 starts each. */
function startup(work: string): { name: string; wall: number; cpu: number }[] {
  const commands: [string, string[]][] = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['zhibiao --help', [process.execPath, join(ROOT, 'bin', 'zhibiao.js'), '--help']],
    ['zhibiao schema', [process.execPath, join(ROOT, 'bin', 'zhibiao.js'), 'schema']],
  ];
  const runs = new Map<string, ChildTiming[]>(commands.map(([name]) => [name, []]));
  for (let i = 0; i < 7; i++) for (const [name, argv] of commands) runs.get(name)!.push(timeChild(argv, join(work, 'startup.txt')));
  return [...runs].map(([name, list]) => ({ name, wall: median(list.map((t) => t.wall)), cpu: median(list.map((t) => t.cpu)) }));
}

/** `zhibiao extract FILES --concurrency N --force` (every file COPIES times) for N = 1 and 2, rounds alternating; median wall and CPU seconds. */
function workers(files: string[], copies: number, work: string): { concurrency: number; wall: number; cpu: number }[] {
  const input = join(work, 'in');
  for (let copy = 0; copy < copies; copy++) {
    for (const [i, file] of files.entries()) {
      const dir = join(input, String(copy), String(i));
      mkdirSync(dir, { recursive: true });
      symlinkSync(file, join(dir, basename(file)));
    }
  }
  const run = (n: number) => timeChild([process.execPath, join(ROOT, 'bin', 'zhibiao.js'), 'extract', input, '--out', join(work, `out-${n}`), '--concurrency', String(n), '--force'], join(work, 'extract.txt'), [0, 1]);
  run(2); // warm-up: file cache
  const times: Record<number, ChildTiming[]> = { 1: [], 2: [] };
  for (let round = 0; round < rounds; round++) for (const n of [1, 2]) times[n].push(run(n));
  return [1, 2].map((n) => ({ concurrency: n, wall: median(times[n].map((t) => t.wall)), cpu: median(times[n].map((t) => t.cpu)) }));
}

const sets = [
  await measureSet('samples/pdf', pdfsIn(join(ROOT, 'samples', 'pdf'))),
  await measureSet('icdar2013-eu', pdfsIn(join(ROOT, '..', 'shared', 'bench', 'icdar2013-eu'))),
];
const long = pdfsIn(join(ROOT, 'bench')).find((file) => basename(file).startsWith('long-'));
const memory = long ? { file: basename(long), ...(await peakMemory(long)) } : null;
const work = mkdtempSync(join(tmpdir(), 'zhibiao-bench-'));
const poolFiles = [...pdfsIn(join(ROOT, 'samples', 'pdf')), ...pdfsIn(join(ROOT, '..', 'shared', 'bench', 'icdar2013-eu'))];
let starts: ReturnType<typeof startup>;
let pool: ReturnType<typeof workers>;
try {
  starts = startup(work);
  pool = workers(poolFiles, workerCopies, work);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (asJson) {
  process.stdout.write(`${JSON.stringify({ rounds, sets, memory, startup: starts, workers: { documents: poolFiles.length * workerCopies, runs: pool } }, null, 2)}\n`);
} else {
  const load = loadavg()[0];
  console.log(`rounds: ${rounds} (median); 1-minute load average ${load.toFixed(2)} on ${availableParallelism()} cores${load > 1.5 ? ' (busy machine: trust the CPU ratio)' : ''}`);
  console.log('set             files  pages  raw parse pages/s  zhibiao pages/s  wall vs raw  CPU vs raw  pages via getTextContent');
  for (const set of sets) {
    const rawRate = set.pages / (set.rawMs / 1000);
    const ourRate = set.pages / (set.oursMs / 1000);
    const fallbacks = Object.entries(set.fallbacks).map(([reason, n]) => `${n} ${reason}`).join(', ') || '0';
    console.log(`${set.name.padEnd(15)} ${String(set.files).padStart(5)}  ${String(set.pages).padStart(5)}  ${rawRate.toFixed(1).padStart(17)}  ${ourRate.toFixed(1).padStart(15)}  ${(set.oursMs / set.rawMs).toFixed(2).padStart(10)}×  ${(set.oursCpuMs / set.rawCpuMs).toFixed(2).padStart(9)}×  ${fallbacks}`);
  }
  if (memory) console.log(`peak RSS on ${memory.file} (${memory.pages} pages): ${memory.peakRssMb} MB in ${memory.seconds} s`);
  else console.log('peak RSS: no bench/long-*.pdf to measure (make it with scripts/make-long-pdf.ts)');
  const bare = starts[0];
  console.log('start-up (median of 7)   wall s   CPU s   wall vs node -e 0');
  for (const start of starts) console.log(`${start.name.padEnd(22)} ${start.wall.toFixed(3).padStart(8)} ${start.cpu.toFixed(3).padStart(7)}  ${(start.wall / bare.wall).toFixed(2).padStart(17)}×`);
  const [one, two] = pool;
  const documents = poolFiles.length * workerCopies;
  console.log(`workers: zhibiao extract of samples/pdf + icdar2013-eu, ${poolFiles.length} PDFs × ${workerCopies} copies = ${documents} documents, 1 worker ${one.wall.toFixed(1)} s (CPU ${one.cpu.toFixed(1)} s), 2 workers ${two.wall.toFixed(1)} s (CPU ${two.cpu.toFixed(1)} s): 2 workers ${(one.wall / two.wall).toFixed(2)}× one worker (wall)${load > 1.5 ? '; the machine is busy, so two workers share the cores with other processes and this ratio is a floor' : ''}`);
  // The figures (#15), each with its goal.
  const ratios = sets.map((set) => `${(set.oursCpuMs / set.rawCpuMs).toFixed(2)}× (${set.name})`).join(', ');
  const help = starts.find((start) => start.name === 'zhibiao --help')!;
  console.log('issue 15 figures:');
  console.log(`  pipeline / one raw parse, CPU: ${ratios}  [goal ≤ 1.1×]`);
  console.log(`  zhibiao --help: ${help.wall.toFixed(3)} s, ${(help.wall / bare.wall).toFixed(2)}× node -e 0  [goal ≤ 0.2 s and ≤ 2×]`);
  console.log(`  2 workers / 1 worker, wall: ${(one.wall / two.wall).toFixed(2)}× on ${documents} documents  [goal ≥ 1.8×]`);
  console.log('  zhibiao vs pdfplumber: npm run bench:peers  [goal ≥ 5×]');
}
