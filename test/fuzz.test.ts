// A short fixed-seed fuzz round (scripts/fuzz.ts runs long ones) and the saved crash
// reproducers: every outcome must be a schema-valid result or a proper error code.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../pipelines/worker-pool.ts';
import { crashOf, runFuzz } from '../scripts/fuzz/run.ts';
import { mutate, pickSample } from '../scripts/fuzz/mutate.ts';

const CRASHES = join(import.meta.dirname, 'fuzz-crashes');

describe('fuzzing', () => {
  it('mutations are deterministic in (seed, iteration)', () => {
    const input = Buffer.from('PK\u0003\u0004 some bytes 12345 <xml/> 67890');
    expect(mutate(input, 7, 3).bytes.equals(mutate(input, 7, 3).bytes)).toBe(true);
    expect(pickSample(['a', 'b', 'c'], 7, 3)).toBe(pickSample(['a', 'b', 'c'], 7, 3));
  });

  it('150 iterations at seed 42: no crash, no hang', async () => {
    const summary = await runFuzz({ iterations: 150, seed: 42, concurrency: 2, timeoutMs: 30_000 });
    expect(summary.crashes.map((c) => `${c.iteration} ${c.sample} ${c.steps.join(',')}: ${c.crash}`)).toEqual([]);
    expect(summary.hangs).toBe(0);
    expect(summary.ok + Object.values(summary.codes).reduce((a, b) => a + b, 0)).toBe(150);
  }, 120_000);

  it('every saved reproducer gets a proper outcome', async () => {
    const files = readdirSync(CRASHES).filter((f) => /\.(docx|xlsx|pdf|ofd|xls)$/u.test(f));
    const pool = new WorkerPool({ size: 2, timeoutMs: 30_000, maxHeapMb: 1024 });
    try {
      const outcomes = await Promise.all(files.map(async (f) => [f, crashOf(await pool.run(join(CRASHES, f), f))] as const));
      expect(outcomes.filter(([, crash]) => crash)).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('a Type 1 font whose encoding names code 9,693,570 is read in seconds (pdfjs patched by scripts/patch-pdfjs.mjs)', async () => {
    // seed 1, iteration 7835 of the 10,000-iteration round: unpatched, pdfjs's
    // Type1Parser.extractFontProgram spends 60–80 s in indexOf over a sparse encoding array.
    const input = join(CRASHES, 'seed1-it7835-xiangfuban-2024-40.pdf');
    const pool = new WorkerPool({ size: 1, timeoutMs: 20_000, maxHeapMb: 1024 });
    try {
      const started = Date.now();
      const outcome = await pool.run(input, 'type1.pdf');
      expect(crashOf(outcome)).toBeNull();
      expect(outcome.status).toBe('ok');
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
