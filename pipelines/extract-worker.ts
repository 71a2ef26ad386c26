// Runs in a worker thread: reads one file and extracts it; the main thread only does I/O
// of outputs. Messages: in { id, path, relative }, out { id, outcome }.
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { asExtractError } from '../src/model/errors.ts';
import { extractDocument } from './extract-document.ts';

export interface WorkerJob {
  id: number;
  path: string;
  relative: string;
}

export type WorkerOutcome =
  | { status: 'ok'; result: import('../src/model/schema.ts').DocumentResult }
  | { status: 'failed'; code: string; reason: string; sha256?: string };

async function run(job: WorkerJob): Promise<WorkerOutcome> {
  let sha256: string | undefined;
  try {
    const bytes = await readFile(job.path);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    return { status: 'ok', result: await extractDocument(bytes, job.relative) };
  } catch (error) {
    const failure = asExtractError(error);
    return { status: 'failed', code: failure.code, reason: failure.message, sha256 };
  }
}

parentPort?.on('message', (job: WorkerJob) => {
  void run(job).then((outcome) => parentPort?.postMessage({ id: job.id, outcome }));
});
