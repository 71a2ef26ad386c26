// Runs in a worker thread: reads one file and extracts it; the main thread only does I/O
// of outputs. Messages: in { id, path, relative }; out { type: 'ready' } once the stages are
// loaded, then { type: 'done', id, outcome } per job.
import { parentPort } from 'node:worker_threads';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { ExtractError, asExtractError } from '../src/model/errors.ts';
import { limitsFromEnv } from '../src/readers/limits.ts';
import { extractDocument } from './extract-document.ts';

export interface WorkerJob {
  id: number;
  path: string;
  relative: string;
}

export type WorkerOutcome =
  | { status: 'ok'; result: import('../src/model/schema.ts').DocumentResult }
  | { status: 'failed'; code: string; reason: string; sha256?: string };

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; outcome: WorkerOutcome };

async function run(job: WorkerJob): Promise<WorkerOutcome> {
  let sha256: string | undefined;
  try {
    // A file over the size limit is never read into memory (Buffers are not under the heap limit).
    const info = await stat(job.path).catch((error: unknown) => {
      if (job.path.includes('\uFFFD')) throw new ExtractError('io-error', 'the file name is not valid UTF-8 and cannot be opened; rename it');
      throw error;
    });
    const size = info.size;
    const { maxFileBytes } = limitsFromEnv();
    if (size > maxFileBytes) throw new ExtractError('too-large', `the file has ${(size / 2 ** 20).toFixed(1)} MB (limit ${(maxFileBytes / 2 ** 20).toFixed(0)} MB, ZHIBIAO_MAX_FILE_MB)`);
    const bytes = await readFile(job.path);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    return { status: 'ok', result: await extractDocument(bytes, job.relative) };
  } catch (error) {
    const failure = asExtractError(error);
    return { status: 'failed', code: failure.code, reason: failure.message, sha256 };
  }
}

// Test hook (never set by the CLI): ZHIBIAO_TEST_WORKER_FAULT=hang|crash|oom:NAME makes jobs on
// files whose name contains NAME hang, kill their worker, or allocate without bound.
const fault = /^(hang|crash|oom):(.+)$/u.exec(process.env.ZHIBIAO_TEST_WORKER_FAULT ?? '');

function injectFault(job: WorkerJob): void {
  if (!fault || !job.relative.includes(fault[2])) return;
  if (fault[1] === 'hang') for (;;);
  if (fault[1] === 'crash') process.exit(3);
  const hoard: unknown[] = [];
  for (;;) hoard.push(new Array(1e5).fill({ hoard }));
}

parentPort?.on('message', (job: WorkerJob) => {
  injectFault(job);
  void run(job).then((outcome) => parentPort?.postMessage({ type: 'done', id: job.id, outcome } satisfies WorkerMessage));
});
parentPort?.postMessage({ type: 'ready' } satisfies WorkerMessage);
