// npm run bench:bulk [-- --sizes 1000,3000 --dir /tmp/x --keep]
// Bulk ingest benchmark (issue 5). Builds archives of N documents from the samples (see
// scripts/bulk/archive.ts for what varies), then runs `zhibiao extract` on them as a user would
// (a child process, bin/zhibiao.js) and measures from outside:
//   - smallest archive: 1 worker, then 2 workers (fresh output each), then 2 workers again on the
//     unchanged archive into the same output;
//   - every larger archive: 2 workers fresh, then the unchanged re-run;
// and prints docs/s, PDF pages/s, the 1→2 worker speed-up, peak RSS of the process tree (sampled
// from /proc every 100 ms), and the unchanged re-run's time as a share of the first run.
// Also: worker start-up time (tsx registration + stage imports incl. pdfjs), measured in-process.
// Not run by CI (minutes of CPU).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeArchive } from './bulk/archive.ts';
import { type Measured, measure } from './bulk/measure.ts';
import { snapshot } from './bulk/snapshot.ts';
import { WorkerPool } from '../pipelines/worker-pool.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
let BIN = join(ROOT, 'bin', 'zhibiao.js');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sizes = (arg('sizes') ?? '1000,3000').split(',').map(Number).sort((a, b) => a - b);
const base = arg('dir') ?? mkdtempSync(join(tmpdir(), 'zhibiao-bulk-'));
const keep = process.argv.includes('--keep');

interface Row { label: string; docs: number; workers: number; m: Measured; files: number; ok: number; skipped: number; failed: number; indicators: number; pages: number; share?: number }

function parseSummary(stderr: string): { files: number; ok: number; skipped: number; failed: number; indicators: number; pages: number } {
  const match = /zhibiao: (\d+) files, (\d+) ok, (\d+) unchanged, (\d+) failed, (\d+) indicators, (\d+) PDF pages/u.exec(stderr);
  if (!match) throw new Error(`no summary line in:\n${stderr.slice(-2000)}`);
  const [files, ok, skipped, failed, indicators, pages] = match.slice(1).map(Number);
  return { files, ok, skipped, failed, indicators, pages };
}

async function extract(label: string, docs: number, archive: string, out: string, workers: number, nodeOptions?: string): Promise<Row> {
  process.stderr.write(`bench:bulk: ${label}…`);
  const env = nodeOptions ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${nodeOptions}`.trim() } : process.env;
  const m = await measure(process.execPath, [BIN, 'extract', archive, '--out', out, '--concurrency', String(workers)], { env });
  if (m.code !== 0) throw new Error(`${label}: exit ${m.code}\n${m.stderr.slice(-2000)}`);
  const row = { label, docs, workers, m, ...parseSummary(m.stderr) };
  process.stderr.write(` ${m.wallSeconds.toFixed(1)} s, peak ${m.peakRssMb.toFixed(0)} MB\n`);
  return row;
}

/** Spawn → 'ready' of the bundled worker the CLI runs (dist/extract-worker.mjs). */
async function bundledWorkerStartup(code: string): Promise<number> {
  const started = performance.now();
  const worker = new Worker(join(code, 'dist', 'extract-worker.mjs'));
  await new Promise<void>((resolve) => worker.on('message', (m: { type: string }) => m.type === 'ready' && resolve()));
  const ms = performance.now() - started;
  await worker.terminate();
  return ms;
}

async function workerStartup(): Promise<{ startupMs: number; firstJobMs: number; nextJobMs: number }> {
  const pool = new WorkerPool({ size: 1, timeoutMs: 120_000, maxHeapMb: 1024 });
  const file = join(ROOT, 'samples', 'pdf', 'cid-stsong.pdf');
  let t = performance.now();
  await pool.run(file, 'cid-stsong.pdf');
  const firstJobMs = performance.now() - t;
  t = performance.now();
  await pool.run(file, 'cid-stsong.pdf');
  const nextJobMs = performance.now() - t;
  const startupMs = pool.startupMs[0];
  await pool.close();
  return { startupMs, firstJobMs, nextJobMs };
}

const rows: Row[] = [];
try {
  console.log(`bench:bulk: ${cpus().length} CPUs, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; archives under ${base}`);
  const archives = sizes.map((n) => {
    const t = performance.now();
    const stats = makeArchive(join(base, `archive-${n}`), n);
    console.log(`archive ${n}: ${stats.documents} documents (${Object.entries(stats.byFormat).map(([f, c]) => `${c} ${f}`).join(', ')}), ${(stats.bytes / 2 ** 20).toFixed(1)} MB, made in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return { n, dir: stats.dir };
  });

  const code = join(base, 'code');
  BIN = snapshot(code);
  const startup = await workerStartup();
  console.log(`worker start-up through tsx (tests, scripts): ${startup.startupMs.toFixed(0)} ms to load the stages; first job on a fresh worker ${startup.firstJobMs.toFixed(0)} ms, same job on the warm worker ${startup.nextJobMs.toFixed(0)} ms`);

  for (const [i, { n, dir }] of archives.entries()) {
    if (i === 0) {
      rows.push(await extract(`${n} docs, 1 worker`, n, dir, join(base, `out-${n}-1`), 1));
      const ms = [await bundledWorkerStartup(code), await bundledWorkerStartup(code), await bundledWorkerStartup(code)].sort((a, b) => a - b)[1];
      console.log(`worker start-up as the CLI runs it (esbuild bundle): ${ms.toFixed(0)} ms to load the stages (median of 3)`);
      rmSync(join(base, `out-${n}-1`), { recursive: true, force: true });
    }
    if (i === 0) {
      // V8's background threads (TurboFan recompiling the readers' hot code, GC) take ~40% on top
      // of a worker's own CPU; with one of them instead of four the two workers compete less.
      rows.push(await extract(`${n} docs, 2 workers, v8-pool-size=1`, n, dir, join(base, `out-${n}-p1`), 2, '--v8-pool-size=1'));
      rmSync(join(base, `out-${n}-p1`), { recursive: true, force: true });
    }
    const out = join(base, `out-${n}-2`);
    const first = await extract(`${n} docs, 2 workers`, n, dir, out, 2);
    rows.push(first);
    const again = await extract(`${n} docs, 2 workers, unchanged re-run`, n, dir, out, 2);
    again.share = again.m.wallSeconds / first.m.wallSeconds;
    rows.push(again);
    const lines = readFileSync(join(out, 'indicators.jsonl'), 'utf8').split('\n').length - 1;
    if (lines !== first.indicators) throw new Error(`indicators.jsonl has ${lines} lines after the re-run, expected ${first.indicators}`);
    rmSync(out, { recursive: true, force: true });
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (v: number, d = 1) => v.toFixed(d).padStart(8);
  console.log('');
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
  console.log(`${pad('run', 40)}${'wall s'.padStart(8)}${'docs/s'.padStart(8)}${'pages/s'.padStart(8)}${'CPU s'.padStart(8)}${'RSS p50'.padStart(8)}${'p95'.padStart(6)}${'peak'.padStart(6)}${'load'.padStart(6)}  files ok/skip/fail, indicators, PDF pages`);
  for (const r of rows) {
    console.log(`${pad(r.label, 40)}${num(r.m.wallSeconds)}${num(r.files / r.m.wallSeconds)}${num(r.pages / r.m.wallSeconds)}${num(r.m.cpuSeconds)}${num(pct(r.m.rssMb, 0.5), 0)}${pct(r.m.rssMb, 0.95).toFixed(0).padStart(6)}${r.m.peakRssMb.toFixed(0).padStart(6)}${r.m.loadBefore.toFixed(2).padStart(6)}  ${r.ok}/${r.skipped}/${r.failed}, ${r.indicators}, ${r.pages}${r.share !== undefined ? `  (${(r.share * 100).toFixed(1)}% of the first run)` : ''}`);
  }
  console.log('RSS in MB, of the whole process tree, sampled every 100 ms; load = 1-minute load average before the run (other work on the machine).');
  const one = rows.find((r) => r.workers === 1)!;
  const fresh = rows.filter((r) => r.workers === 2 && r.share === undefined && !r.label.includes('pool'));
  const two = fresh.find((r) => r.docs === one.docs)!;
  const pooled = rows.find((r) => r.label.includes('pool'));
  console.log('');
  console.log(`speed-up 1 → 2 workers (${one.docs} docs): ${(one.m.wallSeconds / two.m.wallSeconds).toFixed(2)}× (aim ≥ 1.7×)`);
  if (pooled) console.log(`with NODE_OPTIONS=--v8-pool-size=1: 2 workers ${(pooled.files / pooled.m.wallSeconds).toFixed(1)} docs/s, ${(one.m.wallSeconds / pooled.m.wallSeconds).toFixed(2)}× the default 1-worker run`);
  console.log(`RSS of the process tree, 2 workers: ${fresh.map((r) => `${r.docs} docs p50 ${pct(r.m.rssMb, 0.5).toFixed(0)} / p95 ${pct(r.m.rssMb, 0.95).toFixed(0)} / peak ${r.m.peakRssMb.toFixed(0)} MB`).join('; ')} (aim < 500 MB, flat)`);
  console.log(`unchanged re-run: ${rows.filter((r) => r.share !== undefined).map((r) => `${r.docs} docs ${r.m.wallSeconds.toFixed(1)} s = ${(r.share! * 100).toFixed(1)}%`).join(', ')} of the first run (aim < 5%)`);
  console.log('pages/s counts PDF pages only (DOCX and XLSX have none); wall times include starting node (~1 s).');
} finally {
  if (!keep && !arg('dir')) rmSync(base, { recursive: true, force: true });
}
