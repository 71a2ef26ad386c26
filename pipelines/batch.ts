// `zhibiao extract PATH... --out DIR`: walk the inputs, extract each file in a pool of worker
// threads, write per-file JSON atomically and into the corpus as each finishes, indicators.jsonl
// in input order, then the report. A file already done (same file by stat, else same bytes, same
// extractor version) is skipped; temp files of a killed run are removed at the start.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type Stats } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { once } from 'node:events';
import pLimit from 'p-limit';
import type { DocumentResult } from '../src/model/schema.ts';
import { type FileOutcome, type Report, type ReportFile, reportFromFiles, reportMarkdown, summarizeOutcome } from '../src/confidence/report.ts';
import { WorkerPool } from './worker-pool.ts';
import type { StaticEntry } from '../src/server/review/static-report.ts';
import { indicatorLines, writeAtomic } from './output.ts';

export { indicatorLines, writeAtomic };
import { corpusSink, currentExtractorVersion } from './corpus.ts';

const DOCUMENT_EXTENSIONS = new Set(['.pdf', '.docx', '.xlsx', '.doc', '.xls', '.wps', '.et', '.ofd']);

export interface InputFile {
  /** Absolute path to read. */
  path: string;
  /** Path relative to the root it was found under: names the output file. */
  relative: string;
}

/** How a source file looked when it was read: an unchanged re-run skips it from this alone. */
export interface FileStat {
  /** Absolute path. */
  file: string;
  size: number;
  mtimeMs: number;
}

/** Where finished documents go besides their JSON file (the corpus), and what it already holds. */
export interface DocumentSink {
  /** PATH was recorded from these bytes by this extractor version. */
  isDone(path: string, sha256: string): boolean;
  /** PATH was recorded from the same file, size and mtime by this extractor version (no read needed). */
  isDoneByStat?(path: string, stat: FileStat): boolean;
  record(result: DocumentResult, stat?: FileStat): void;
  /** A file found done by its hash: remember its stat so the next run need not hash it. */
  touch?(path: string, stat: FileStat): void;
  /** The recorded result of a done PATH (else the batch reads its JSON output). */
  stored?(path: string): DocumentResult | null;
  /** RESULT with the reviewers' corrections of its bytes applied (src/corrections/apply.ts). */
  corrected?(result: DocumentResult): DocumentResult;
  close(): void;
}

export interface BatchProgress {
  done: number;
  total: number;
  path: string;
  status: 'ok' | 'failed' | 'skipped';
  code?: string;
  reason?: string;
  /** PDF pages of this file (0 for DOCX/XLSX and failures). */
  pages: number;
  /** Totals so far. */
  pagesDone: number;
  failed: number;
}

export interface BatchOptions {
  out: string;
  concurrency: number;
  /** Per-file time limit, ms. */
  timeoutMs: number;
  /** Heap limit per worker, MB. */
  maxHeapMb: number;
  /** Re-extract files whose outputs are up to date. */
  force: boolean;
  sink?: DocumentSink;
  /** Set to stop taking new files; files under way finish. */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

export interface BatchSummary {
  /** The report (also written to report.json/report.md when the batch was not interrupted). */
  report: Report;
  /** Files not started because the batch was stopped: indicators.jsonl and report.* were then left as they were. */
  notStarted: number;
  /** PDF pages of the files extracted or skipped. */
  pages: number;
  /** Workers started (replacements included), retired for their memory, and their start-up times, ms. */
  workers: { spawned: number; recycled: number; startupMs: number[] };
}

async function walk(dir: string, root: string, found: InputFile[], seen: Set<string>, skipDir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.name.startsWith('.') || resolve(full) === skipDir) continue;
    const info = await stat(full).catch(() => null);
    if (!info) {
      // A name that is not UTF-8 cannot be opened by its decoded string: reported (io-error), not dropped.
      if (entry.name.includes('\uFFFD') && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) found.push({ path: full, relative: relative(root, full) });
      continue;
    }
    if (info.isDirectory()) {
      const key = `${info.dev}:${info.ino}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await walk(full, root, found, seen, skipDir);
    } else if (info.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      found.push({ path: full, relative: relative(root, full) });
    }
  }
}

/** Files named directly are always taken; directories are walked for document files, in name order. */
export async function collectInputs(paths: string[], outDir: string): Promise<InputFile[]> {
  const found: InputFile[] = [];
  const skipDir = resolve(outDir);
  for (const input of paths) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      await walk(resolve(input), resolve(input), found, new Set([`${info.dev}:${info.ino}`]), skipDir);
    } else {
      found.push({ path: resolve(input), relative: basename(input) });
    }
  }
  return found;
}

/** report.html: the review list of the batch from the per-file JSON (corrections applied), static. */
async function reportHtml(out: string, files: InputFile[], summaries: (ReportFile | undefined)[]): Promise<string> {
  const [{ staticReportHtml }, { reviewCss }] = await Promise.all([import('../src/server/review/static-report.ts'), import('../src/server/review/routes.ts')]);
  const entries: StaticEntry[] = [];
  for (const [i, summary] of summaries.entries()) {
    if (!summary) continue;
    if (summary.status === 'failed') entries.push({ path: summary.path, status: 'failed', code: summary.code ?? 'failed', reason: summary.reason ?? '' });
    else {
      const json = await readFile(outputPath(out, files[i]), 'utf8').catch(() => null);
      if (json) entries.push({ path: summary.path, status: 'ok', result: JSON.parse(json) as DocumentResult });
    }
  }
  return staticReportHtml(entries, await reviewCss());
}

function outputPath(out: string, file: InputFile): string {
  return join(out, `${file.relative}.json`);
}

/** Temp files of writeAtomic and of indicators.jsonl: `NAME.<pid>.<random>.tmp`, `indicators.jsonl.<pid>.tmp`. */
const TEMP_FILE = /\.(\d+)(?:\.[a-z0-9]+)?\.tmp$/u;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left in DIR by a run that was killed (its pid is gone), and with INCLUDE_OWN
 * this process's own (only when nothing is being written). Temp files are never read, so one that
 * stays (its pid reused by another process) does no harm either.
 */
export async function removeStaleTemps(dir: string, includeOwn = false): Promise<number> {
  let removed = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) removed += await removeStaleTemps(full, includeOwn);
    else if (entry.isFile()) {
      const match = TEMP_FILE.exec(entry.name);
      if (match && ((includeOwn && Number(match[1]) === process.pid) || !processAlive(Number(match[1])))) {
        await rm(full, { force: true });
        removed++;
      }
    }
  }
  return removed;
}

type Processed = { summary: ReportFile; lines: string[]; pages: number };

function processed(outcome: FileOutcome): Processed {
  const result = outcome.status === 'failed' ? undefined : outcome.result;
  return { summary: summarizeOutcome(outcome), lines: result ? indicatorLines(result) : [], pages: result?.source.pages ?? 0 };
}

/** The earlier result of a file whose outputs are up to date (same file by stat, else same bytes), or null. */
async function previousResult(file: InputFile, stat: FileStat | null, options: BatchOptions): Promise<DocumentResult | null> {
  const sink = options.sink;
  if (options.force || !sink || !stat) return null;
  const output = outputPath(options.out, file);
  if (!(await stat_(output))) return null;
  let sha256: string | null = null;
  if (!sink.isDoneByStat?.(file.relative, stat)) {
    const bytes = await readFile(file.path).catch(() => null);
    if (!bytes) return null;
    sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!sink.isDone(file.relative, sha256)) return null;
    try {
      sink.touch?.(file.relative, stat);
    } catch {
      // Only a shortcut for the next run (the corpus may be busy); the file stays done by its hash.
    }
  }
  let previous = sink.stored?.(file.relative) ?? null;
  if (!previous) {
    const text = await readFile(output, 'utf8').catch(() => null);
    previous = text ? JSON.parse(text) as DocumentResult : null;
  }
  if (!previous || (sha256 !== null && previous.source.sha256 !== sha256)) return null;
  return { ...previous, source: { ...previous.source, path: file.relative } };
}

async function stat_(path: string): Promise<Stats | null> {
  return stat(path).catch(() => null);
}

/** Extracts a file unless its output is up to date; gives its report summary and indicators.jsonl lines. */
async function processFile(file: InputFile, pool: WorkerPool, options: BatchOptions, corpus: { path: string; version: string } | undefined): Promise<Processed> {
  // Taken before the worker reads the file: if the file changes meanwhile, the next run sees a new stat and hashes it.
  const info = await stat_(file.path);
  const stat: FileStat | undefined = info ? { file: file.path, size: info.size, mtimeMs: info.mtimeMs } : undefined;
  const previous = await previousResult(file, stat ?? null, options);
  if (previous) return processed({ path: file.relative, status: 'skipped', reason: 'unchanged since the last run', result: previous });
  const output = outputPath(options.out, file);
  // The worker writes the JSON and the corpus rows itself when the batch uses its own corpus.
  const outcome = await pool.run(file.path, file.relative, corpus ? { output, corpus, stat } : undefined);
  switch (outcome.status) {
    case 'failed': return processed({ path: file.relative, status: 'failed', code: outcome.code, reason: outcome.reason });
    case 'written': return { summary: outcome.summary, lines: outcome.lines, pages: outcome.pages };
    case 'ok': {
      const reviewed = options.sink?.corrected?.(outcome.result) ?? outcome.result;
      await writeAtomic(output, `${JSON.stringify(reviewed, null, 2)}\n`);
      options.sink?.record(outcome.result, stat);
      return processed({ path: file.relative, status: 'ok', result: reviewed, output });
    }
  }
}

/**
 * Appends each file's indicator lines in input order, whatever order files finish in. A file
 * starts only within WINDOW files of the first unfinished one, so lines waiting for a slow file
 * stay bounded (the other workers pause rather than pile up finished files).
 */
class OrderedLines {
  private readonly ready = new Map<number, string[]>();
  private next = 0;
  private readonly waiting: { index: number; resolve: () => void }[] = [];

  constructor(private readonly stream: NodeJS.WritableStream, private readonly window: number) {}

  async turn(index: number): Promise<void> {
    if (index < this.next + this.window) return;
    await new Promise<void>((resolve) => this.waiting.push({ index, resolve }));
  }

  add(index: number, lines: string[]): void {
    this.ready.set(index, lines);
    while (this.ready.has(this.next)) {
      const chunk = this.ready.get(this.next)!;
      this.ready.delete(this.next++);
      if (chunk.length) this.stream.write(`${chunk.join('\n')}\n`);
    }
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (this.waiting[i].index < this.next + this.window) this.waiting.splice(i, 1)[0].resolve();
    }
  }
}

export async function runBatch(files: InputFile[], options: BatchOptions): Promise<BatchSummary> {
  await mkdir(options.out, { recursive: true });
  await removeStaleTemps(options.out);
  // Corpus: every ok document goes into DIR/corpus.sqlite as it completes (SPEC §3.3), written by
  // the worker that extracted it; the batch's own connection only answers what is done. A sink
  // given by the caller gets the documents from the main thread instead.
  const corpus = options.sink ? undefined : { path: join(options.out, 'corpus.sqlite'), version: currentExtractorVersion() };
  options = { ...options, sink: options.sink ?? corpusSink(corpus!.path, corpus!.version) };
  const pool = new WorkerPool({ size: options.concurrency, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb });
  const jsonlPath = join(options.out, 'indicators.jsonl');
  const jsonlTemp = `${jsonlPath}.${process.pid}.tmp`;
  const jsonl = createWriteStream(jsonlTemp);
  const concurrency = Math.max(1, options.concurrency);
  const ordered = new OrderedLines(jsonl, Math.max(64, 16 * concurrency));
  // In-flight work (file reads, hashing, jobs queued for a worker) is bounded so memory stays flat however many files there are.
  const limit = pLimit(concurrency * 2);
  // What the report needs of each file, nothing more.
  const summaries: (ReportFile | undefined)[] = new Array(files.length);
  let done = 0;
  let failed = 0;
  let pages = 0;
  let notStarted = 0;
  try {
    await Promise.all(files.map((file, index) => limit(async () => {
      await ordered.turn(index);
      if (options.signal?.aborted) {
        notStarted++;
        ordered.add(index, []);
        return;
      }
      const { summary, lines, pages: filePages } = await processFile(file, pool, options, corpus).catch((error: unknown) => processed({
        path: file.relative, status: 'failed', code: 'io-error', reason: (error as Error).message,
      }));
      ordered.add(index, lines);
      summaries[index] = summary;
      pages += filePages;
      if (summary.status === 'failed') failed++;
      options.onProgress?.({ done: ++done, total: files.length, path: summary.path, status: summary.status, code: summary.code, reason: summary.reason, pages: filePages, pagesDone: pages, failed });
    })));
    const report = reportFromFiles(summaries.filter((summary): summary is ReportFile => summary !== undefined));
    jsonl.end();
    await once(jsonl, 'finish');
    // An interrupted batch leaves the batch-wide outputs of the last complete run as they were.
    if (notStarted === 0) {
      await rename(jsonlTemp, jsonlPath);
      await writeAtomic(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
      await writeAtomic(join(options.out, 'report.md'), reportMarkdown(report));
      await writeAtomic(join(options.out, 'report.html'), await reportHtml(options.out, files, summaries));
    }
    return { report, notStarted, pages, workers: { spawned: pool.spawned, recycled: pool.recycled, startupMs: pool.startupMs } };
  } finally {
    jsonl.destroy();
    await rm(jsonlTemp, { force: true });
    await pool.close();
    options.sink?.close();
    // A worker stopped mid-job (time limit, crash) may have left a temp file under this process's pid.
    if (pool.stoppedMidJob > 0) await removeStaleTemps(options.out, true);
  }
}
