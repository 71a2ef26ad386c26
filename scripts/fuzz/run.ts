// The fuzz loop: each iteration mutates a sample (scripts/fuzz/mutate.ts) and runs the
// one-document pipeline on it in the batch's WorkerPool (a worker thread per job slot, with
// the per-file time limit and heap limit), so a hang or a dying worker is seen and counted.
// A crash is any outcome that is not a schema-valid result or an ExtractError with a proper
// code: internal-error, timeout, out of memory, worker death, a result that fails the schema.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { WorkerPool } from '../../pipelines/worker-pool.ts';
import type { WorkerOutcome } from '../../pipelines/extract-worker.ts';
import { DocumentResult } from '../../src/model/schema.ts';
import { mutate, pickSample } from './mutate.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

/** Codes that are a proper answer to a bad file; anything else is a crash. */
export const CRASH_CODES = new Set(['internal-error', 'timeout']);

export interface FuzzOptions {
  iterations: number;
  seed: number;
  /** Worker threads (default 2). */
  concurrency?: number;
  /** Per-iteration time limit, ms: past it the iteration is a hang. */
  timeoutMs?: number;
  maxHeapMb?: number;
  /** Sample files (absolute paths); default: every DOCX/XLSX/PDF/OFD sample. */
  samples?: string[];
  /** Where crash reproducers are written (default: none written). */
  crashDir?: string;
  /** First iteration number (to resume or to split a round). */
  start?: number;
  onIteration?: (done: number, record: FuzzRecord) => void;
}

export interface FuzzRecord {
  iteration: number;
  sample: string;
  steps: string[];
  outcome: 'ok' | string;
  crash: string | null;
  ms: number;
}

export interface FuzzSummary {
  iterations: number;
  seed: number;
  seconds: number;
  ok: number;
  /** Count per error code of the proper failures. */
  codes: Record<string, number>;
  crashes: FuzzRecord[];
  hangs: number;
  slowest: { iteration: number; sample: string; ms: number };
}

export function defaultSamples(): string[] {
  const dir = join(ROOT, 'samples');
  const pick = (d: string) => readdirSync(d).filter((f) => /\.(docx|xlsx|pdf|ofd)$/u.test(f)).sort().map((f) => join(d, f));
  return [...pick(dir), ...pick(join(dir, 'pdf')), ...pick(join(dir, 'ofd'))];
}

/** The crash a worker outcome stands for, or null. */
export function crashOf(outcome: WorkerOutcome): string | null {
  if (outcome.status === 'ok') {
    const round = DocumentResult.safeParse(JSON.parse(JSON.stringify(outcome.result)));
    return round.success ? null : `invalid result: ${round.error.message.split('\n')[0]}`;
  }
  if (CRASH_CODES.has(outcome.code)) return `${outcome.code}: ${outcome.reason}`;
  if (/needs more than \d+ MB of memory/u.test(outcome.reason)) return `out of memory: ${outcome.reason}`;
  return null;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const samples = opts.samples ?? defaultSamples();
  const bytes = new Map(samples.map((s) => [s, readFileSync(s)]));
  const concurrency = opts.concurrency ?? 2;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const pool = new WorkerPool({ size: concurrency, timeoutMs, maxHeapMb: opts.maxHeapMb ?? 1024 });
  const work = mkdtempSync(join(tmpdir(), 'zhibiao-fuzz-'));
  const limit = pLimit(concurrency);
  const started = Date.now();
  const summary: FuzzSummary = { iterations: opts.iterations, seed: opts.seed, seconds: 0, ok: 0, codes: {}, crashes: [], hangs: 0, slowest: { iteration: -1, sample: '', ms: 0 } };
  let done = 0;
  const first = opts.start ?? 0;
  try {
    await Promise.all(Array.from({ length: opts.iterations }, (_, k) => limit(async () => {
      const iteration = first + k;
      const sample = pickSample(samples, opts.seed, iteration);
      const { bytes: input, steps } = mutate(bytes.get(sample)!, opts.seed, iteration);
      const file = join(work, `${iteration}${extname(sample)}`);
      writeFileSync(file, input);
      const t0 = Date.now();
      const outcome = await pool.run(file, basename(file));
      const ms = Date.now() - t0;
      rmSync(file, { force: true });
      const crash = crashOf(outcome);
      const record: FuzzRecord = { iteration, sample: basename(sample), steps, outcome: outcome.status === 'ok' ? 'ok' : outcome.code, crash, ms };
      if (outcome.status === 'ok') summary.ok++;
      else summary.codes[outcome.code] = (summary.codes[outcome.code] ?? 0) + 1;
      if (outcome.status === 'failed' && outcome.code === 'timeout') summary.hangs++;
      if (ms > summary.slowest.ms) summary.slowest = { iteration, sample: basename(sample), ms };
      if (crash) {
        summary.crashes.push(record);
        if (opts.crashDir) {
          mkdirSync(opts.crashDir, { recursive: true });
          const name = `seed${opts.seed}-it${iteration}-${basename(sample)}`;
          writeFileSync(join(opts.crashDir, name), input);
          writeFileSync(join(opts.crashDir, `${name}.txt`), `${JSON.stringify({ seed: opts.seed, iteration, sample: basename(sample), steps, crash }, null, 2)}\n`);
        }
      }
      opts.onIteration?.(++done, record);
    })));
  } finally {
    await pool.close();
    rmSync(work, { recursive: true, force: true });
  }
  summary.seconds = (Date.now() - started) / 1000;
  summary.crashes.sort((a, b) => a.iteration - b.iteration);
  return summary;
}
