// A pool of extraction workers: one job per worker at a time, a time limit per job, a heap
// limit per worker; a worker that hangs, runs out of memory or dies is replaced and its job
// reported as failed.
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerOutcome } from './extract-worker.ts';

export interface PoolOptions {
  size: number;
  /** Per-file time limit in milliseconds. */
  timeoutMs: number;
  /** Heap limit of each worker in MB (V8 old generation). */
  maxHeapMb: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  job: WorkerJob;
  resolve: (outcome: WorkerOutcome) => void;
}

const ENTRY = new URL('./extract-worker.mjs', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    worker.unref();
    return { worker, busy: false };
  }

  run(path: string, relative: string): Promise<WorkerOutcome> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, path, relative }, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, pending: Pending): void {
    slot.busy = true;
    const { worker } = slot;
    let settled = false;
    const finish = (outcome: WorkerOutcome, replace: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (replace) {
        void worker.terminate();
        const index = this.slots.indexOf(slot);
        if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
      } else {
        slot.busy = false;
      }
      pending.resolve(outcome);
      this.dispatch();
    };
    const onMessage = (message: { id: number; outcome: WorkerOutcome }) => {
      if (message.id === pending.job.id) finish(message.outcome, false);
    };
    const onError = (error: Error & { code?: string }) => {
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({ status: 'failed', code: oom ? 'too-large' : 'internal-error', reason: oom ? `the file needs more than ${this.options.maxHeapMb} MB of memory` : `the worker crashed: ${error.message.split('\n')[0]}` }, true);
    };
    const onExit = (code: number) => finish({ status: 'failed', code: 'internal-error', reason: `the worker exited (code ${code})` }, true);
    const timer = setTimeout(() => finish({ status: 'failed', code: 'timeout', reason: `not finished within ${Math.round(this.options.timeoutMs / 1000)} s` }, true), this.options.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(pending.job);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
