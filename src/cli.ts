// The zhibiao command line (SPEC §4). Data goes to stdout, progress and errors to stderr.
// Exit 0: every file succeeded; 1: some failed; 2: usage error.
import { Command, CommanderError, Option } from 'commander';
import { MultiBar, Presets } from 'cli-progress';
import { availableParallelism, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { documentJsonSchema } from './model/schema.ts';
import { type BatchProgress, collectInputs, runBatch, writeAtomic } from '../pipelines/batch.ts';
import { tablesToCsv } from '../pipelines/tables.ts';
import { WorkerPool } from '../pipelines/worker-pool.ts';
import { registerCorpusCommands } from './cli-corpus.ts';
import { documentJson } from '../pipelines/output.ts';
import { databaseUrl, registerServerCommands } from './server/cli.ts';

function fail(message: string, code: number): never {
  process.stderr.write(`zhibiao: ${message}\n`);
  process.exit(code);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(2, 'zhibiao.usage', `not a positive whole number: ${value}`);
  return n;
}

interface LimitOptions {
  timeout: number;
  maxMemory?: number;
}

interface ExtractOptions extends LimitOptions {
  out: string;
  concurrency: number;
  stdout?: boolean;
  force?: boolean;
  db?: string;
}

/** 1024 MB per worker, less when CONCURRENCY workers at that limit would take more than 60% of RAM (never under 256). */
export function defaultMaxMemory(concurrency: number): number {
  return Math.max(256, Math.min(1024, Math.floor((totalmem() / 2 ** 20) * 0.6 / Math.max(1, concurrency))));
}

/** First Ctrl-C: take no new files, finish those under way. Second: leave at once. */
function stopOnInterrupt(controller: AbortController, log: (text: string) => void): void {
  process.once('SIGINT', () => {
    controller.abort();
    log('zhibiao: stopping after the files under way (Ctrl-C again to leave now)…\n');
    process.once('SIGINT', () => {
      process.stderr.write('\nzhibiao: left at once; run the same command again to resume (finished files are skipped)\n');
      process.exit(130);
    });
  });
}

/** The progress bar on a terminal (files, pages, rate, ETA, failures); nothing otherwise. */
function progressBar(total: number): { update: (p: BatchProgress) => void; log: (text: string) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, log: (text) => process.stderr.write(text), stop: () => {} };
  const started = Date.now();
  const bars = new MultiBar({
    stream: process.stderr,
    format: '{bar} {value}/{total} files | {pages} pages | {rate} files/s | ETA {eta_formatted} | {failed} failed',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 64,
    fps: 5,
  }, Presets.shades_classic);
  const bar = bars.create(total, 0, { pages: 0, rate: '0.0', failed: 0 });
  return {
    update: (p) => bar.update(p.done, { pages: p.pagesDone, rate: (p.done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1), failed: p.failed }),
    log: (text) => bars.log(text),
    stop: () => bars.stop(),
  };
}

/** Runs one job in a worker under the time and memory limits, as a batch would. */
async function inWorker<T>(limits: LimitOptions, job: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = new WorkerPool({ size: 1, timeoutMs: limits.timeout * 1000, maxHeapMb: limits.maxMemory ?? defaultMaxMemory(1) });
  try {
    return await job(pool);
  } finally {
    await pool.close();
  }
}

async function extractCommand(paths: string[], opts: ExtractOptions): Promise<void> {
  const files = await collectInputs(paths, opts.out);
  if (opts.stdout) {
    if (files.length !== 1) fail(`--stdout takes exactly one file (got ${files.length})`, 2);
    const outcome = await inWorker(opts, (pool) => pool.run(files[0].path, files[0].relative));
    if (outcome.status !== 'ok') fail(`${files[0].relative}: ${outcome.code}: ${outcome.reason}`, 1);
    process.stdout.write(`${documentJson(outcome.result)}\n`);
    return;
  }
  if (files.length === 0) fail(`no PDF/DOCX/XLSX files found in ${paths.join(' ')}`, 1);
  const started = Date.now();
  const controller = new AbortController();
  const recorder = opts.db ? await openRecorder(opts.db, files, opts.out) : null;
  const progress = progressBar(files.length);
  stopOnInterrupt(controller, progress.log);
  let summary;
  try {
    summary = await runBatch(files, {
      out: opts.out,
      concurrency: opts.concurrency,
      timeoutMs: opts.timeout * 1000,
      maxHeapMb: opts.maxMemory ?? defaultMaxMemory(opts.concurrency),
      force: Boolean(opts.force),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.status === 'failed') progress.log(`zhibiao: ${p.path}: ${p.code}: ${p.reason}\n`);
        progress.update(p);
        recorder?.onProgress(p);
      },
    });
  } finally {
    progress.stop();
    const recorded = await recorder?.close();
    for (const error of recorded?.errors ?? []) process.stderr.write(`zhibiao: --db: ${error}\n`);
    if (recorded) process.stderr.write(`zhibiao: ${recorded.recorded} document(s) recorded in PostgreSQL\n`);
  }
  const { report, notStarted, pages } = summary;
  const t = report.totals;
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`zhibiao: ${t.files} files, ${t.ok} ok, ${t.skipped} unchanged, ${t.failed} failed, ${t.indicators} indicators, ${pages} PDF pages in ${seconds.toFixed(1)}s (${(t.files / Math.max(0.001, seconds)).toFixed(1)} files/s) → ${opts.out}/ (report.md)\n`);
  if (notStarted > 0) {
    process.stderr.write(`zhibiao: interrupted with ${notStarted} of ${files.length} files not started (indicators.jsonl and report.* not updated); run the same command again to resume (finished files are skipped)\n`);
    process.exitCode = 130;
  } else if (t.failed > 0) process.exitCode = 1;
}

async function openRecorder(url: string, files: Awaited<ReturnType<typeof collectInputs>>, out: string) {
  const [{ openExtractRecorder }, { currentExtractorVersion }] = await Promise.all([import('../pipelines/queue-extract.ts'), import('../pipelines/corpus.ts')]);
  try {
    return await openExtractRecorder(url, files, out, currentExtractorVersion());
  } catch (error) {
    fail(`--db ${url}: cannot use the database: ${(error as Error).message}`, 1);
  }
}

async function tablesCommand(file: string, opts: LimitOptions & { format: 'json' | 'csv'; out: string }): Promise<void> {
  const outcome = await inWorker(opts, (pool) => pool.tables(resolve(file)));
  if (outcome.status !== 'tables') fail(`${file}: ${outcome.code}: ${outcome.reason}`, 1);
  const { tables } = outcome;
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify(tables)}\n`);
    return;
  }
  try {
    for (const [i, csv] of tablesToCsv(tables).entries()) {
      const path = join(opts.out, `${basename(file)}.table-${i + 1}.csv`);
      await writeAtomic(path, csv);
      process.stdout.write(`${path}\n`);
    }
  } catch (error) {
    fail(`${file}: io-error: cannot write the CSV: ${(error as Error).message}`, 1);
  }
}

export function buildProgram(): Command {
  const program = new Command('zhibiao')
    .description('Extract budget-performance indicator tables (绩效指标表) from notices into normalized JSON.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program.command('extract')
    .description('extract indicator tables from files or directories (walked recursively)')
    .argument('<paths...>', 'PDF/DOCX/XLSX files or directories')
    .option('-o, --out <dir>', 'output directory', 'output')
    .option('-c, --concurrency <n>', 'files processed at once', positiveInt, Math.max(1, availableParallelism()))
    .option('--force', 're-extract files whose output is up to date')
    .option('--timeout <seconds>', 'time limit per file', positiveInt, 120)
    .option('--max-memory <mb>', 'heap limit per worker thread; a file that needs more fails as too-large (default 1024, lowered so that all workers stay within 60% of RAM)', positiveInt)
    .option('--stdout', 'print the JSON of a single file to stdout instead of writing files (same limits, one worker)')
    .option('--db <url>', 'also record every document (state, error, result) in this PostgreSQL database, as the API serves them', databaseUrl)
    .action(extractCommand);

  program.command('tables')
    .description('print every table found in a file, in the generic cell format (SPEC §3.2)')
    .argument('<file>', 'a PDF, DOCX or XLSX file')
    .addOption(new Option('-f, --format <format>', 'json on stdout, or one CSV file per table').choices(['json', 'csv']).default('json'))
    .option('-o, --out <dir>', 'directory for CSV files', 'output')
    .option('--timeout <seconds>', 'time limit', positiveInt, 120)
    .option('--max-memory <mb>', 'heap limit of the worker thread; a file that needs more fails as too-large', positiveInt)
    .action(tablesCommand);

  program.command('schema')
    .description('print the JSON Schema of the per-document output')
    .action(() => {
      process.stdout.write(`${JSON.stringify(documentJsonSchema(), null, 2)}\n`);
    });
  registerCorpusCommands(program);
  registerServerCommands(program, { positiveInt, defaultMaxMemory });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
      process.exit(code);
    }
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}

await main(process.argv);
