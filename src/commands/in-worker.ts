// Runs one job in a worker thread under the time and memory limits, as a batch would.
import { WorkerPool } from '../../pipelines/worker-pool.ts';
import { type LimitOptions, defaultMaxMemory } from '../cli-common.ts';

export async function inWorker<T>(limits: LimitOptions, job: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = new WorkerPool({ size: 1, timeoutMs: limits.timeout * 1000, maxHeapMb: limits.maxMemory ?? defaultMaxMemory(1) });
  try {
    return await job(pool);
  } finally {
    await pool.close();
  }
}
