// Runs in a worker thread: reads one file and extracts it (or, for `zhibiao tables`, lists its
// tables). With `output` set, the worker also writes the document's JSON (atomically), records
// it in the corpus (its own connection; one transaction) and sends back only what the batch
// keeps: the report summary, the indicators.jsonl lines and the page count — so the main thread
// never holds a whole document.
// Messages: in WorkerJob; out { type: 'ready' } once the stages are loaded, then
// { type: 'done', id, outcome, memoryMb } per job (memoryMb: what this worker's heap holds from
// the OS after the job, so the pool can retire a worker that grew on a large document), and
// { type: 'helper', id, helper } when a LibreOffice listener of this worker starts or ends, so the
// pool can kill it if it has to terminate this worker.
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { ExtractError, asExtractError } from '../src/model/errors.ts';
import { limitsFromEnv } from '../src/readers/limits.ts';
import { onHelperProcesses, type HelperProcesses } from '../src/readers/libreoffice.ts';
import type { DocumentResult, GenericTables } from '../src/model/schema.ts';
import { type ReportFile, summarizeOutcome } from '../src/confidence/report.ts';
import { type ExtractOptions, extractDocument } from './extract-document.ts';
import { documentJson, indicatorLines, writeAtomic } from './output.ts';
import type { FileStat } from './batch.ts';
import type { CorpusPayload } from '../src/corpus/pg/rows.ts';

export interface WorkerOutputs {
  /** The document's JSON file. */
  output: string;
  /** The corpus to record the document in, with the extractor version to record. */
  corpus?: { path: string; version: string };
  /** The file's stat before it was read, recorded with the document. */
  stat?: FileStat;
}

export interface WorkerJob extends Partial<WorkerOutputs> {
  id: number;
  path: string;
  relative: string;
  /** 'tables': every table of the file in the generic cell format, instead of the extraction; 'convert': DOC/WPS bytes → DOCX (the queue's convert stage). */
  task?: 'extract' | 'tables' | 'convert';
  /** The file's bytes (a queue job: they come from the database); `path` is then only its name. */
  bytes?: Uint8Array;
  /** Answer the document as its JSON text (`extract --stdout`'s bytes) instead of the object: no structured clone of it, no stringify on the other side. */
  json?: boolean;
  /** With `json`: also its PostgreSQL corpus rows (src/corpus/pg/rows.ts), so the queue worker's main thread does not parse the JSON again. */
  corpusRows?: boolean;
  /** How the queue's stages extract (extract-document.ts). */
  extract?: ExtractOptions;
}

export type FailedOutcome = { status: 'failed'; code: string; reason: string; sha256?: string };
/** A job without outputs: the result itself. */
export type WorkerOutcome = { status: 'ok'; result: DocumentResult } | FailedOutcome;
/** A job with outputs: what the batch keeps. */
export type WrittenOutcome = { status: 'written'; summary: ReportFile; lines: string[]; pages: number } | FailedOutcome;
/** A job with `json`; `ms`: the extraction's own time in the thread (not the wait for a free thread). */
export type JsonOutcome = { status: 'json'; json: string; pages: number; ms: number; corpus?: CorpusPayload } | (FailedOutcome & { ms?: number });
/** A 'convert' job: the converted bytes, and the format they were converted from. */
export type ConvertOutcome = { status: 'converted'; bytes: Uint8Array; from: 'doc' | 'wps'; ms: number } | (FailedOutcome & { ms?: number });
/** A 'tables' job. */
export type TablesOutcome = { status: 'tables'; tables: GenericTables } | FailedOutcome;
export type WorkerReply = WorkerOutcome | WrittenOutcome | TablesOutcome | JsonOutcome | ConvertOutcome;

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; outcome: WorkerReply; memoryMb: number }
  | { type: 'helper'; id: string; helper: HelperProcesses | null };

type Sink = ReturnType<typeof import('./corpus.ts')['corpusSink']>;
const sinks = new Map<string, Sink>();

async function sinkFor(corpus: { path: string; version: string }): Promise<Sink> {
  const key = `${corpus.path}\0${corpus.version}`;
  let sink = sinks.get(key);
  if (!sink) {
    const { corpusSink } = await import('./corpus.ts');
    sink = corpusSink(corpus.path, corpus.version);
    sinks.set(key, sink);
  }
  return sink;
}

/** A file over the size limit is never read (Buffers are not under the heap limit); a name that is not UTF-8 says so. */
async function checkInputSize(path: string): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    if (path.includes('\uFFFD')) throw new ExtractError('io-error', 'the file name is not valid UTF-8 and cannot be opened; rename it');
    throw error;
  });
  const { maxFileBytes } = limitsFromEnv();
  if (info.size > maxFileBytes) throw new ExtractError('too-large', `the file has ${+(info.size / 2 ** 20).toFixed(2)} MB (limit ${+(maxFileBytes / 2 ** 20).toFixed(2)} MB, ZHIBIAO_MAX_FILE_MB)`);
}

async function listTables(job: WorkerJob): Promise<TablesOutcome> {
  try {
    await checkInputSize(job.path);
    const bytes = await readFile(job.path);
    const { genericTables } = await import('./tables.ts');
    return { status: 'tables', tables: await genericTables(bytes) };
  } catch (error) {
    const failure = asExtractError(error);
    return { status: 'failed', code: failure.code, reason: failure.message };
  }
}

async function convert(job: WorkerJob): Promise<ConvertOutcome> {
  const started = performance.now();
  try {
    const [{ sniffFormat }, { convertLegacy }] = await Promise.all([import('../src/readers/sniff.ts'), import('../src/readers/legacy-convert.ts')]);
    const from = sniffFormat(job.bytes!);
    if (from !== 'doc' && from !== 'wps') throw new ExtractError('internal-error', `the convert stage takes DOC/WPS files, not ${from}`);
    const converted = (await convertLegacy(job.bytes!, from)).bytes;
    // Owned bytes, so that they can be moved to the main thread.
    const bytes = converted.byteOffset === 0 && converted.byteLength === converted.buffer.byteLength ? converted : new Uint8Array(converted);
    return { status: 'converted', bytes, from, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const failure = asExtractError(error);
    return { status: 'failed', code: failure.code, reason: failure.message, ms: Math.round(performance.now() - started) };
  }
}

async function run(job: WorkerJob): Promise<WorkerReply> {
  if (job.task === 'tables') return listTables(job);
  if (job.task === 'convert') return convert(job);
  if (job.json) {
    const started = performance.now();
    const reply = await extract(job) as JsonOutcome;
    return { ...reply, ms: Math.round(performance.now() - started) };
  }
  return extract(job);
}

async function extract(job: WorkerJob): Promise<WorkerReply> {
  let sha256: string | undefined;
  let result: DocumentResult;
  try {
    let bytes = job.bytes;
    if (!bytes) {
      await checkInputSize(job.path);
      bytes = await readFile(job.path);
    }
    sha256 = createHash('sha256').update(bytes).digest('hex');
    result = await extractDocument(bytes, job.relative, job.extract);
  } catch (error) {
    const failure = asExtractError(error);
    return { status: 'failed', code: failure.code, reason: failure.message, sha256 };
  }
  if (job.json) {
    const corpus = job.corpusRows ? (await import('../src/corpus/pg/rows.ts')).corpusPayload(result) : undefined;
    return { status: 'json', json: documentJson(result), pages: result.source.pages ?? 0, ms: 0, ...(corpus ? { corpus } : {}) };
  }
  if (!job.output) return { status: 'ok', result };
  // The outputs carry the reviewers' corrections of these bytes (the corpus keeps the extraction too).
  let reviewed = result;
  try {
    const sink = job.corpus ? await sinkFor(job.corpus) : null;
    if (sink) reviewed = sink.corrected(result);
    // JSON first, then the corpus: a document in the corpus always has its JSON file.
    await writeAtomic(job.output, `${documentJson(reviewed)}\n`);
    sink?.record(result, job.stat);
  } catch (error) {
    return { status: 'failed', code: 'io-error', reason: `cannot write the output: ${(error as Error).message}`, sha256 };
  }
  return {
    status: 'written',
    summary: summarizeOutcome({ path: job.relative, status: 'ok', result: reviewed, output: job.output }),
    lines: indicatorLines(reviewed),
    pages: result.source.pages ?? 0,
  };
}

/** This isolate's heap as committed from the OS, plus malloc'd and external (ArrayBuffer) memory, MB. */
function heldMb(): number {
  const heap = getHeapStatistics() as ReturnType<typeof getHeapStatistics> & { external_memory?: number };
  return Math.round((heap.total_heap_size + heap.malloced_memory + (heap.external_memory ?? 0)) / 2 ** 20);
}

// Test hook (never set by the CLI): ZHIBIAO_TEST_WORKER_FAULT=KIND:NAME[|KIND:NAME…], KIND one of
// hang, crash, oom, makes jobs on files whose path contains NAME hang, end their worker, or
// allocate without bound.
const faults = (process.env.ZHIBIAO_TEST_WORKER_FAULT ?? '').split('|').map((spec) => /^(hang|crash|oom):(.+)$/u.exec(spec)).filter((m) => m !== null);

function injectFault(job: WorkerJob): void {
  const fault = faults.find((f) => job.relative.includes(f[2]));
  if (!fault) return;
  if (fault[1] === 'hang') for (;;);
  if (fault[1] === 'crash') process.exit(3);
  const hoard: unknown[] = [];
  for (;;) hoard.push(new Array(1e5).fill({ hoard }));
}

parentPort?.on('message', (job: WorkerJob) => {
  injectFault(job);
  void run(job).then((outcome) => {
    // Converted bytes move back instead of being copied.
    const transfer = outcome.status === 'converted' ? [outcome.bytes.buffer as ArrayBuffer] : [];
    parentPort?.postMessage({ type: 'done', id: job.id, outcome, memoryMb: heldMb() } satisfies WorkerMessage, transfer);
  });
});
onHelperProcesses((id, helper) => parentPort?.postMessage({ type: 'helper', id, helper } satisfies WorkerMessage));
parentPort?.postMessage({ type: 'ready' } satisfies WorkerMessage);
