// Mutation fuzzer over the samples (issue 6):
//   npm run fuzz -- --iterations 10000 [--seed 1] [--concurrency 2] [--timeout 30] [--start 0] [--crash-dir DIR]
// Prints a progress line every 500 iterations on stderr, then a JSON summary on stdout;
// exits 1 when any iteration crashed or hung. Reproducers go to --crash-dir
// (default test/fuzz-crashes/, which test/fuzz.test.ts replays).
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runFuzz } from './fuzz/run.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

const program = new Command('fuzz')
  .option('--iterations <n>', 'iterations', Number, 1000)
  .option('--seed <n>', 'seed', Number, 1)
  .option('--start <n>', 'first iteration number', Number, 0)
  .option('--concurrency <n>', 'worker threads', Number, Math.max(1, Math.min(2, availableParallelism())))
  .option('--timeout <seconds>', 'time limit per iteration (a hang past it)', Number, 30)
  .option('--max-memory <mb>', 'heap limit per worker', Number, 1024)
  .option('--crash-dir <dir>', 'where crash reproducers are written', join(ROOT, 'test', 'fuzz-crashes'))
  .parse(process.argv);
const o = program.opts<{ iterations: number; seed: number; start: number; concurrency: number; timeout: number; maxMemory: number; crashDir: string }>();

const started = Date.now();
const summary = await runFuzz({
  iterations: o.iterations,
  seed: o.seed,
  start: o.start,
  concurrency: o.concurrency,
  timeoutMs: o.timeout * 1000,
  maxHeapMb: o.maxMemory,
  crashDir: resolve(o.crashDir),
  onIteration: (done, record) => {
    if (record.crash) process.stderr.write(`fuzz: CRASH iteration ${record.iteration} (${record.sample}; ${record.steps.join(', ')}): ${record.crash}\n`);
    if (done % 500 === 0) process.stderr.write(`fuzz: ${done}/${o.iterations} in ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
  },
});
process.stdout.write(`${JSON.stringify({ ...summary, crashes: summary.crashes.map((c) => ({ iteration: c.iteration, sample: c.sample, steps: c.steps, crash: c.crash })) }, null, 2)}\n`);
process.exitCode = summary.crashes.length > 0 ? 1 : 0;
