// `zhibiao extract PATH... --out DIR`: walk the inputs, extract each file in a pool of worker
// threads, write per-file JSON atomically, then indicators.jsonl and the report.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { once } from 'node:events';
import pLimit from 'p-limit';
import { asExtractError } from '../src/model/errors.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { type FileOutcome, buildReport, reportMarkdown } from '../src/confidence/report.ts';
import { extractDocument } from './extract-document.ts';
import { WorkerPool } from './worker-pool.ts';
import { corpusSink } from './corpus.ts';

const DOCUMENT_EXTENSIONS = new Set(['.pdf', '.docx', '.xlsx', '.doc', '.xls', '.wps', '.et', '.ofd']);

export interface InputFile {
  /** Absolute path to read. */
  path: string;
  /** Path relative to the root it was found under: names the output file. */
  relative: string;
}

/** Where finished documents go besides their JSON file (the corpus), and what it already holds. */
export interface DocumentSink {
  isDone(path: string, sha256: string): boolean;
  record(result: DocumentResult): void;
  close(): void;
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
  onProgress?: (done: number, total: number, outcome: FileOutcome) => void;
}

export interface BatchSummary {
  outcomes: FileOutcome[];
  /** Files not started because the batch was stopped. */
  notStarted: number;
}

async function walk(dir: string, root: string, found: InputFile[], seen: Set<string>, skipDir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.name.startsWith('.') || resolve(full) === skipDir) continue;
    const info = await stat(full).catch(() => null);
    if (!info) continue;
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

/** Writes a file so that readers never see it half-written: temp file, then rename. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

/** Extracts one file in this thread (for --stdout and tests). */
export async function extractFile(file: InputFile): Promise<FileOutcome> {
  try {
    const bytes = await readFile(file.path);
    return { path: file.relative, status: 'ok', result: await extractDocument(bytes, file.relative), output: null };
  } catch (error) {
    const failure = asExtractError(error);
    return { path: file.relative, status: 'failed', code: failure.code, reason: failure.message };
  }
}

export function indicatorLines(result: DocumentResult): string[] {
  return result.tables.flatMap((table) => table.indicators.map((indicator) => JSON.stringify({
    path: result.source.path,
    docNumber: result.notice.docNumber,
    tableIndex: table.index,
    tableTitle: table.title,
    tableKind: table.kind,
    ...indicator,
  })));
}

function outputPath(out: string, file: InputFile): string {
  return join(out, `${file.relative}.json`);
}

/** The earlier output of a file, when it is of the same bytes and recorded as done. */
async function previousResult(file: InputFile, options: BatchOptions): Promise<DocumentResult | null> {
  if (options.force || !options.sink) return null;
  const bytes = await readFile(file.path).catch(() => null);
  if (!bytes) return null;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!options.sink.isDone(file.relative, sha256)) return null;
  const text = await readFile(outputPath(options.out, file), 'utf8').catch(() => null);
  if (!text) return null;
  const previous = JSON.parse(text) as DocumentResult;
  return previous.source.sha256 === sha256 ? previous : null;
}

/** Extracts a file unless its output is up to date; also gives its indicators.jsonl lines. */
async function processFile(file: InputFile, pool: WorkerPool, options: BatchOptions): Promise<{ outcome: FileOutcome; lines: string[] }> {
  const previous = await previousResult(file, options);
  if (previous) return { outcome: { path: file.relative, status: 'skipped', reason: 'unchanged since the last run' }, lines: indicatorLines(previous) };
  const outcome = await pool.run(file.path, file.relative);
  if (outcome.status === 'failed') return { outcome: { path: file.relative, status: 'failed', code: outcome.code, reason: outcome.reason }, lines: [] };
  const output = outputPath(options.out, file);
  await writeAtomic(output, `${JSON.stringify(outcome.result, null, 2)}\n`);
  options.sink?.record(outcome.result);
  return { outcome: { path: file.relative, status: 'ok', result: outcome.result, output }, lines: indicatorLines(outcome.result) };
}

/** Appends each file's indicator lines in input order, whatever order files finish in. */
class OrderedLines {
  private readonly ready = new Map<number, string[]>();
  private next = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  add(index: number, lines: string[]): void {
    this.ready.set(index, lines);
    while (this.ready.has(this.next)) {
      const chunk = this.ready.get(this.next)!;
      this.ready.delete(this.next++);
      if (chunk.length) this.stream.write(`${chunk.join('\n')}\n`);
    }
  }
}

export async function runBatch(files: InputFile[], options: BatchOptions): Promise<BatchSummary> {
  await mkdir(options.out, { recursive: true });
  // Corpus: every ok document goes into DIR/corpus.sqlite as it completes (SPEC §3.3), unless a sink is given.
  options = { ...options, sink: options.sink ?? corpusSink(join(options.out, 'corpus.sqlite')) };
  const pool = new WorkerPool({ size: options.concurrency, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb });
  const jsonlPath = join(options.out, 'indicators.jsonl');
  const jsonlTemp = `${jsonlPath}.${process.pid}.tmp`;
  const jsonl = createWriteStream(jsonlTemp);
  const ordered = new OrderedLines(jsonl);
  // In-flight work is bounded so memory stays flat however many files there are.
  const limit = pLimit(Math.max(1, options.concurrency) * 2);
  let done = 0;
  let notStarted = 0;
  try {
    const outcomes = await Promise.all(files.map((file, index) => limit(async (): Promise<FileOutcome | null> => {
      if (options.signal?.aborted) {
        notStarted++;
        ordered.add(index, []);
        return null;
      }
      const { outcome, lines } = await processFile(file, pool, options);
      ordered.add(index, lines);
      options.onProgress?.(++done, files.length, outcome);
      return outcome;
    })));
    jsonl.end();
    await once(jsonl, 'finish');
    await rename(jsonlTemp, jsonlPath);
    const finished = outcomes.filter((outcome): outcome is FileOutcome => outcome !== null);
    const report = buildReport(finished);
    await writeAtomic(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeAtomic(join(options.out, 'report.md'), reportMarkdown(report));
    return { outcomes: finished, notStarted };
  } finally {
    jsonl.destroy();
    await rm(jsonlTemp, { force: true });
    await pool.close();
    options.sink?.close();
  }
}
