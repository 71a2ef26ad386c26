// A pool of extraction workers: one job per worker at a time, a time limit per job, a heap
// limit per worker; a worker that hangs, runs out of memory or dies is replaced and its job
// reported as failed. Workers start on demand: a batch with nothing to extract starts none. A
// worker that grew on a large document is retired after its job (memory stays flat).
import { Worker } from 'node:worker_threads';
import { basename } from 'node:path';
import type { ConvertOutcome, JsonOutcome, TablesOutcome, WorkerJob, WorkerMessage, WorkerOutcome, WorkerOutputs, WorkerReply, WrittenOutcome } from './extract-worker.ts';
import { killHelperProcesses, type HelperProcesses } from '../src/readers/libreoffice.ts';
import type { ExtractOptions } from './extract-document.ts';

export interface PoolOptions {
  size: number;
  /** Per-file time limit in milliseconds. */
  timeoutMs: number;
  /** Heap limit of each worker in MB (V8 old generation). */
  maxHeapMb: number;
  /**
   * A worker holding more than this (MB: heap committed + malloc'd + external) after a job is
   * retired and a fresh one started when needed: V8 keeps the memory a large document made it
   * grow to, so without this the process's RSS creeps up towards the heap limit per worker.
   * Default: 1.5 × what the worker held after its first job, at least 128 (on the sample mix a
   * worker holds 90–120 MB; 128 kept the peak RSS of 2 workers on 500 documents at 438 MB
   * against 537 MB without recycling, at no measurable CPU cost; 100 recycled after almost
   * every job and cost 50% more CPU).
   */
  recycleMb?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  spawnedAt: number;
  /** The stages are loaded (the worker said 'ready'). */
  ready: boolean;
  /** What the worker held after its first job, MB. */
  firstJobMb?: number;
  /** Processes the worker started (LibreOffice listeners), killed when the worker is terminated. */
  helpers: Map<string, HelperProcesses>;
}

/** Helpers of every live worker of every pool, killed if the process exits with workers running. */
const liveHelpers = new Set<Map<string, HelperProcesses>>();
process.once('exit', () => {
  for (const helpers of liveHelpers) for (const helper of helpers.values()) killHelperProcesses(helper);
});

function endWorker(slot: Slot): Promise<number> {
  for (const helper of slot.helpers.values()) killHelperProcesses(helper);
  slot.helpers.clear();
  liveHelpers.delete(slot.helpers);
  return slot.worker.terminate();
}

interface Pending {
  job: WorkerJob;
  resolve: (outcome: WorkerReply) => void;
}

const ENTRY = new URL('./extract-worker.mjs', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  /** Milliseconds from spawning a worker to its stages being loaded (tsx registered, pdfjs imported), one per worker started. */
  readonly startupMs: number[] = [];
  /** Workers started, replacements included. */
  spawned = 0;
  /** Workers retired after a job because they held more than `recycleMb`. */
  recycled = 0;
  /** Workers terminated in the middle of a job (time limit, out of memory, crash). */
  stoppedMidJob = 0;

  constructor(private readonly options: PoolOptions) {}

  private spawn(): Slot {
    // V8's default young generation: a 64 MB one saved ~10% CPU on the sample mix but held ~35 MB
    // more per worker.
    const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    worker.unref();
    this.spawned++;
    const slot: Slot = { worker, busy: false, spawnedAt: performance.now(), ready: false, helpers: new Map() };
    liveHelpers.add(slot.helpers);
    // An error after its job was settled (a worker past its time limit running out of memory
    // before terminate() takes effect) must not be unhandled: that would end the whole batch.
    worker.on('error', () => {});
    worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'helper') return;
      if (message.helper) slot.helpers.set(message.id, message.helper);
      else slot.helpers.delete(message.id);
    });
    const onReady = (message: WorkerMessage) => {
      if (message.type !== 'ready') return;
      worker.off('message', onReady);
      slot.ready = true;
      this.startupMs.push(performance.now() - slot.spawnedAt);
    };
    worker.on('message', onReady);
    // A worker that dies while idle (it should not) is replaced when next needed.
    worker.once('exit', () => {
      void endWorker(slot);
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !slot.busy) this.slots.splice(index, 1);
    });
    return slot;
  }

  /** Extracts a file; with OUTPUTS the worker also writes its JSON and corpus rows and answers `written`. */
  run(path: string, relative: string): Promise<WorkerOutcome>;
  run(path: string, relative: string, outputs: WorkerOutputs): Promise<WrittenOutcome>;
  run(path: string, relative: string, outputs?: WorkerOutputs): Promise<WorkerOutcome | WrittenOutcome>;
  run(path: string, relative: string, outputs?: WorkerOutputs): Promise<WorkerOutcome | WrittenOutcome> {
    return this.enqueue({ path, relative, ...outputs }) as Promise<WorkerOutcome | WrittenOutcome>;
  }

  /** Extracts a document from its bytes (a queue job), under the same limits, answering its JSON text; NAME becomes its source.path. */
  extractBytes(bytes: Uint8Array, name: string, extract?: ExtractOptions, options: { corpusRows?: boolean } = {}): Promise<JsonOutcome> {
    return this.enqueue({ path: name, relative: name, bytes, json: true, ...(extract ? { extract } : {}), ...(options.corpusRows ? { corpusRows: true } : {}) }) as Promise<JsonOutcome>;
  }

  /** Converts DOC/WPS bytes to DOCX in a thread's LibreOffice listener (the queue's convert stage), under the same time limit. */
  convert(bytes: Uint8Array, name: string): Promise<ConvertOutcome> {
    return this.enqueue({ path: name, relative: name, bytes, task: 'convert' }) as Promise<ConvertOutcome>;
  }

  /** Lists every table of a file (`zhibiao tables`) under the same limits. */
  tables(path: string): Promise<TablesOutcome> {
    return this.enqueue({ path, relative: basename(path), task: 'tables' }) as Promise<TablesOutcome>;
  }

  private enqueue(job: Omit<WorkerJob, 'id'>): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, ...job }, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot) {
        if (this.slots.length >= Math.max(1, this.options.size)) return;
        slot = this.spawn();
        this.slots.push(slot);
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, pending: Pending): void {
    slot.busy = true;
    const { worker } = slot;
    let settled = false;
    const finish = (outcome: WorkerReply, replace: boolean, recycling = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (replace) {
        if (!recycling) this.stoppedMidJob++;
        // A worker stopped at its time limit may still hit its heap limit before it is gone: that late error is no one's.
        worker.on('error', () => {});
        void endWorker(slot);
        const index = this.slots.indexOf(slot);
        // The replacement starts when a job needs it.
        if (index >= 0) this.slots.splice(index, 1);
      } else {
        slot.busy = false;
      }
      pending.resolve(outcome);
      this.dispatch();
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type !== 'done' || message.id !== pending.job.id) return;
      slot.firstJobMb ??= message.memoryMb;
      const retire = message.memoryMb > (this.options.recycleMb ?? Math.max(128, 1.5 * slot.firstJobMb));
      if (retire) this.recycled++;
      finish(message.outcome, retire, retire);
    };
    const onError = (error: Error & { code?: string }) => {
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const reason = !oom ? `the worker crashed: ${error.message.split('\n')[0]}`
        : slot.ready ? `the file needs more than ${this.options.maxHeapMb} MB of memory (--max-memory)`
          : `the worker ran out of memory while starting: ${this.options.maxHeapMb} MB (--max-memory) is too little`;
      finish({ status: 'failed', code: oom ? 'too-large' : 'internal-error', reason }, true);
    };
    const onExit = (code: number) => finish({ status: 'failed', code: 'internal-error', reason: `the worker exited (code ${code})` }, true);
    // The time limit counts from the job's start in its worker, start-up of a fresh worker included.
    const timer = setTimeout(() => finish({ status: 'failed', code: 'timeout', reason: `not finished within ${Math.round(this.options.timeoutMs / 1000)} s (--timeout)` }, true), this.options.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // Bytes move to the worker instead of being copied (a view into a shared pool slab is copied once first).
    const { bytes } = pending.job;
    const owned = bytes && (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) ? new Uint8Array(bytes) : bytes;
    worker.postMessage({ ...pending.job, bytes: owned }, owned ? [owned.buffer as ArrayBuffer] : []);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map(endWorker));
  }
}
