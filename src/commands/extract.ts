// `zhibiao extract PATH...`: the batch (or one file with --stdout), progress on a terminal, the summary line.
import { MultiBar, Presets } from 'cli-progress';
import { type BatchProgress, collectInputs, runBatch } from '../../pipelines/batch.ts';
import { documentJson } from '../../pipelines/output.ts';
import { type LimitOptions, defaultMaxMemory, fail } from '../cli-common.ts';
import { inWorker } from './in-worker.ts';

export interface ExtractOptions extends LimitOptions {
  out: string;
  concurrency: number;
  stdout?: boolean;
  force?: boolean;
  db?: string;
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

/** `--db`: the PostgreSQL recorder of every document's state, loaded only when asked for. */
async function openRecorder(url: string, files: Awaited<ReturnType<typeof collectInputs>>, out: string) {
  const [{ openExtractRecorder }, { currentExtractorVersion }] = await Promise.all([import('../../pipelines/queue-extract.ts'), import('../../pipelines/corpus.ts')]);
  try {
    return await openExtractRecorder(url, files, out, currentExtractorVersion());
  } catch (error) {
    fail(`--db ${url}: cannot use the database: ${(error as Error).message}`, 1);
  }
}

export default async function extractCommand(paths: string[], opts: ExtractOptions): Promise<void> {
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
