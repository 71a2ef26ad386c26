// One shard of a bench run in a worker thread: { keys, dump } in, { type: 'progress', done } and
// finally { type: 'done', outcome } out.
import { parentPort, workerData } from 'node:worker_threads';
import type { CaseKey } from './cases.ts';
import { runCases } from './run.ts';

const { keys, dump } = workerData as { keys: CaseKey[]; dump?: string };
const outcome = await runCases(keys, { dump, onProgress: (done) => parentPort!.postMessage({ type: 'progress', done }) });
parentPort!.postMessage({ type: 'done', outcome });
