// `zhibiao worker --db …`: takes jobs from the PostgreSQL queue (graphile-worker: LISTEN/NOTIFY for
// new jobs, retries with backoff) and runs each in the extraction worker pool that `extract` uses
// (same per-file time and heap limits). Around graphile-worker it adds what a fleet of machines
// needs and graphile-worker 0.17 leaves to its user:
// - liveness (queue-liveness.ts): the jobs of a worker that died go back to the queue at the next
//   sweep of any other worker, not after graphile-worker's 4 h lock timeout;
// - a runner that dies (its database connection gone at the wrong moment) is restarted, its jobs
//   unlocked, so a database restart costs at most a retry;
// - SIGTERM: no new jobs, jobs under way get `shutdownGraceMs` to finish, then go back to the queue.
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { type JobHelpers, type Runner, type TaskList, run } from 'graphile-worker';
import { WorkerPool } from './worker-pool.ts';
import { createPgPool, migrateQueue, queueLogger } from './queue-schema.ts';
import { claimDocument, finishDocument, handOver, requeueDocument, storeConverted } from './queue-store.ts';
import type { ExtractOptions } from './extract-document.ts';
import { type Stage, afterExtract, taskName } from './queue-stages.ts';
import { isDeterministicFailure, withReconnect } from './queue-types.ts';
import { Liveness, releaseStrandedJobs, sweepDeadWorkers } from './queue-liveness.ts';
import type { QueueMetrics } from './queue-metrics.ts';

export interface QueueWorkerOptions {
  db: string;
  /** Documents extracted at once (worker threads). */
  concurrency: number;
  stages: Stage[];
  /** Per-document time limit, ms, and heap limit per thread, MB (as `extract`). */
  timeoutMs: number;
  maxHeapMb: number;
  /** graphile-worker's fallback poll for jobs whose retry time has come (new jobs arrive by NOTIFY). */
  pollIntervalMs?: number;
  /** How often the sweeper looks for jobs of dead workers. */
  sweepIntervalMs?: number;
  /** A job is only taken from a pool nobody owns when locked this long, and never this soon after the database started. */
  sweepGraceMs?: number;
  /** On stop, how long jobs under way may take before they go back to the queue. */
  shutdownGraceMs?: number;
  metrics?: QueueMetrics;
  log?: (line: string) => void;
}

const DEFAULTS = { pollIntervalMs: 10_000, sweepIntervalMs: 15_000, sweepGraceMs: 20_000, shutdownGraceMs: 60_000 };

class StopRequested extends Error {}

export class QueueWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly pg: pg.Pool;
  private readonly threads: WorkerPool;
  private readonly liveness: Liveness;
  private readonly options: QueueWorkerOptions & typeof DEFAULTS;
  private runner: Runner | null = null;
  private stopping = false;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly log: (line: string) => void;
  /** Settles when the worker has stopped. */
  readonly stopped: Promise<void>;
  private resolveStopped!: () => void;
  /** Jobs finished by this process (done or failed), for tests and the log. */
  finished = 0;
  /** graphile-worker ids of the jobs whose task runs in this process now. */
  private readonly running = new Set<string>();

  private constructor(options: QueueWorkerOptions) {
    // A knob left undefined (no ZHIBIAO_QUEUE_* variable) keeps its default: spread as undefined it
    // would make the sweep interval NaN, i.e. a sweep every millisecond.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as QueueWorkerOptions;
    this.options = { ...DEFAULTS, ...given };
    this.log = options.log ?? ((line) => process.stderr.write(line));
    this.pg = createPgPool(options.db, options.concurrency + 4, (message) => this.log(`zhibiao: worker: ${message}\n`));
    this.threads = new WorkerPool({ size: options.concurrency, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb });
    this.liveness = new Liveness(options.db, this.id, { stages: options.stages, concurrency: options.concurrency }, this.log);
    this.stopped = new Promise((resolve) => { this.resolveStopped = resolve; });
  }

  static async start(options: QueueWorkerOptions): Promise<QueueWorker> {
    const worker = new QueueWorker(options);
    await withReconnect(() => migrateQueue(worker.pg), 60_000);
    await worker.liveness.start();
    await worker.startRunner();
    worker.scheduleSweep(Math.min(1_000, worker.options.sweepIntervalMs));
    return worker;
  }

  private taskList(): TaskList {
    const tasks: TaskList = {};
    for (const stage of this.options.stages) {
      tasks[taskName(stage)] = async (payload, helpers) => {
        this.running.add(helpers.job.id);
        try {
          await this.runJob(stage, (payload as { id: string }).id, helpers);
        } finally {
          this.running.delete(helpers.job.id);
        }
      };
    }
    return tasks;
  }

  private async startRunner(): Promise<void> {
    const events = new EventEmitter() as NonNullable<Parameters<typeof run>[0]['events']>;
    let poolId: string | null = null;
    events.on('pool:create', ({ workerPool }) => {
      poolId = workerPool.id;
      void this.liveness.addPool(workerPool.id);
    });
    const runner = await withReconnect(() => run({
      pgPool: this.pg,
      // One job more than threads: the next document's bytes are read while a thread still works.
      concurrency: this.options.concurrency + 1,
      noHandleSignals: true,
      pollInterval: this.options.pollIntervalMs,
      gracefulShutdownAbortTimeout: this.options.shutdownGraceMs,
      taskList: this.taskList(),
      logger: queueLogger,
      events,
      // Completing or failing a job through graphile-worker's batcher, which retries through a
      // lost connection: without it (delay -1) the call is not awaited, and a database that is away
      // at that moment (restarting) gives an unhandled rejection that ends the process (exit 1).
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    }), 60_000);
    this.runner = runner;
    runner.promise.then(() => this.runnerEnded(runner, poolId, null), (error: unknown) => this.runnerEnded(runner, poolId, error));
  }

  /** A runner that ends while we are not stopping died (lost its connection at a bad moment): unlock its jobs and start another. */
  private async runnerEnded(runner: Runner, poolId: string | null, error: unknown): Promise<void> {
    if (this.runner !== runner) return;
    this.runner = null;
    if (this.stopping) return this.finish();
    this.log(`zhibiao: worker: job runner stopped (${error instanceof Error ? error.message.split('\n')[0] : 'no reason given'}); restarting it\n`);
    try {
      if (poolId) {
        await withReconnect(async () => {
          await this.pg.query("UPDATE zhibiao.documents SET status = 'queued', worker = NULL WHERE status = 'running' AND worker = $1", [poolId]);
          await this.pg.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [[poolId]]);
        });
      }
      if (!this.stopping) await this.startRunner();
      else await this.finish();
    } catch (restartError) {
      this.log(`zhibiao: worker: cannot restart the job runner: ${(restartError as Error).message}\n`);
      await this.finish();
    }
  }

  private scheduleSweep(delayMs: number): void {
    if (this.stopping) return;
    this.sweepTimer = setTimeout(() => {
      const sweep = async () => {
        const dead = await sweepDeadWorkers(this.pg, this.options.sweepGraceMs);
        if (dead > 0) this.log(`zhibiao: worker: returned ${dead} job(s) of stopped workers to the queue\n`);
        const stranded = await releaseStrandedJobs(this.pg, this.liveness.poolIds, [...this.running], this.options.sweepGraceMs);
        if (stranded > 0) this.log(`zhibiao: worker: returned ${stranded} job(s) locked for this worker but never received to the queue\n`);
      };
      sweep().catch(() => { /* the database is away; the next sweep tries again */ }).finally(() => {
        this.scheduleSweep(this.options.sweepIntervalMs * (0.8 + 0.4 * Math.random()));
      });
    }, delayMs);
    this.sweepTimer.unref();
  }

  private runJob(stage: Stage, id: string, helpers: JobHelpers): Promise<void> {
    return stage === 'convert' ? this.convertJob(id, helpers) : this.extractJob(stage, id, helpers);
  }

  /** The thread's answer to WORK, or the document back to the queue when the worker is stopped meanwhile. */
  private async inThread<T>(id: string, work: Promise<T>, helpers: JobHelpers): Promise<T> {
    try {
      return await abortable(work, helpers.abortSignal);
    } catch (error) {
      if (!(error instanceof StopRequested)) throw error;
      await withReconnect(() => requeueDocument(this.pg, id, { code: 'interrupted', message: 'the worker was stopped; the document goes back to the queue' }), 10_000).catch(() => {});
      throw new Error('the worker was stopped before the document was finished');
    }
  }

  /** A failure of a stage: final when the file decides it, else retried by graphile-worker with backoff. */
  private async failed(id: string, helpers: JobHelpers, outcome: { code: string; reason: string }, extractMs?: number): Promise<void> {
    if (!isDeterministicFailure(outcome.code) && helpers.job.attempts < helpers.job.max_attempts) {
      // A crash of the thread or the machine may not happen again.
      await withReconnect(() => requeueDocument(this.pg, id, { code: outcome.code, message: outcome.reason }));
      throw new Error(`${outcome.code}: ${outcome.reason}`);
    }
    await withReconnect(() => finishDocument(this.pg, id, { status: 'failed', code: outcome.code, message: outcome.reason, extractMs }));
    this.finished++;
  }

  /** convert: DOC/WPS → DOCX in a thread's LibreOffice listener, stored as a blob; then extract. */
  private async convertJob(id: string, helpers: JobHelpers): Promise<void> {
    const doc = await withReconnect(() => claimDocument(this.pg, id, 'convert', helpers.job.locked_by ?? 'unknown'));
    if (!doc) return;
    if (!doc.blob) return this.failed(id, helpers, { code: 'io-error', reason: 'the document\'s bytes are not stored in the database' });
    const outcome = await this.inThread(id, this.threads.convert(await withReconnect(() => doc.read()), doc.name), helpers);
    if (outcome.status === 'converted') return withReconnect(() => storeConverted(this.pg, id, outcome.bytes, outcome.from));
    this.options.metrics?.observe((outcome.ms ?? 0) / 1000, { status: 'failed', code: outcome.code });
    return this.failed(id, helpers, outcome, outcome.ms);
  }

  /** extract (OCR deferred to the ocr stage) and ocr (the same extraction, scanned pages read by OCR). */
  private async extractJob(stage: 'extract' | 'ocr', id: string, helpers: JobHelpers): Promise<void> {
    // The database may be away for a moment (a restart): the claim and the read wait for it, like
    // every write of the job, rather than fail the job while graphile-worker cannot record that either.
    const doc = await withReconnect(() => claimDocument(this.pg, id, stage, helpers.job.locked_by ?? 'unknown'));
    if (!doc) return; // done or failed already: a job that ran twice
    if (!doc.blob) return this.failed(id, helpers, { code: 'io-error', reason: 'the document\'s bytes are not stored in the database (recorded by extract --db)' });
    const bytes = await withReconnect(() => doc.read());
    const options: ExtractOptions = {
      ocr: stage === 'ocr' ? 'run' : 'defer',
      ...(doc.converted && doc.converted_from ? { convertedFrom: { format: doc.converted_from, sha256: doc.sha256 } } : {}),
    };
    const started = performance.now();
    const outcome = await this.inThread(id, this.threads.extractBytes(bytes, doc.name, options, { corpusRows: true }), helpers);
    // The thread's own time; a job that never answered (time limit, crash) counts from the hand-over.
    const extractMs = outcome.ms ?? Math.round(performance.now() - started);
    if (outcome.status === 'json') {
      this.options.metrics?.observe(extractMs / 1000, { status: 'ok', pages: outcome.pages });
      await withReconnect(() => finishDocument(this.pg, id, { status: 'done', resultJson: outcome.json, pages: outcome.pages, extractMs, corpus: outcome.corpus }));
      this.finished++;
      return;
    }
    const next = afterExtract(outcome.code);
    if (next) return withReconnect(() => handOver(this.pg, id, next));
    this.options.metrics?.observe(extractMs / 1000, { status: 'failed', code: outcome.code });
    return this.failed(id, helpers, outcome, extractMs);
  }

  /** Stops taking jobs; jobs under way finish (or after shutdownGraceMs go back to the queue). */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      if (this.sweepTimer) clearTimeout(this.sweepTimer);
      const runner = this.runner;
      if (runner) await runner.stop().catch(() => {});
      else await this.finish();
    }
    await this.stopped;
  }

  private finishing: Promise<void> | null = null;

  private finish(): Promise<void> {
    this.finishing ??= (async () => {
      await this.threads.close();
      await this.liveness.close();
      await this.pg.end().catch(() => {});
      this.log(`zhibiao: worker ${this.id}: stopped after ${this.finished} document(s)\n`);
      this.resolveStopped();
    })();
    return this.finishing;
  }
}

/** PROMISE, or a StopRequested rejection once SIGNAL aborts (the promise keeps running; its result is dropped). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new StopRequested());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new StopRequested());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then((value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); });
  });
}
