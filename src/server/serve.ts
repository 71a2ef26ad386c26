// `zhibiao serve`: the API over the embedded store (SQLite + in-process worker pool, nothing to
// install) or over PostgreSQL (--db: schema migrated on start; the server also runs workers
// unless --no-workers, and `zhibiao worker` adds more on any machine).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { currentExtractorVersion } from '../../pipelines/corpus.ts';
import { QueueMetrics } from '../../pipelines/queue-metrics.ts';
import type { DocumentStore } from '../../pipelines/queue-types.ts';
import { withReconnect } from '../../pipelines/queue-types.ts';
import type { QueueWorker } from '../../pipelines/queue-worker.ts';
import type { PgCorpus } from '../corpus/pg/store.ts';
import { limitsFromEnv } from '../readers/limits.ts';
import type { TokenSet } from './auth.ts';
import { buildApp } from './app.ts';
import { type CorrectionStore, PgCorrections, SqliteCorrections } from '../corrections/store.ts';

export interface ServeOptions {
  port: number;
  host: string;
  /** Embedded mode: the output folder (corpus.sqlite, api.sqlite, uploads/). */
  out: string;
  /** PostgreSQL mode. */
  db?: string;
  workers: boolean;
  concurrency: number;
  timeoutMs: number;
  maxHeapMb: number;
  tokens: TokenSet;
  /** Test and benchmark knobs of the queue worker. */
  queue?: { pollIntervalMs?: number; sweepIntervalMs?: number; sweepGraceMs?: number; shutdownGraceMs?: number };
  log?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  store: DocumentStore;
  worker: QueueWorker | null;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const version = currentExtractorVersion();
  const metrics = new QueueMetrics();
  let store: DocumentStore;
  let worker: QueueWorker | null = null;
  let corrections: CorrectionStore;
  let pgCorpus: PgCorpus | null = null;
  if (options.db) {
    const [{ PgStore }, { createPgPool, migrateQueue }, { PgCorpus }] = await Promise.all([import('../../pipelines/queue-store.ts'), import('../../pipelines/queue-schema.ts'), import('../corpus/pg/store.ts')]);
    const pool = createPgPool(options.db, 10, (message) => options.log?.(`zhibiao: serve: ${message}\n`));
    await withReconnect(() => migrateQueue(pool), 60_000);
    store = new PgStore(pool, version);
    corrections = new PgCorrections(pool);
    pgCorpus = new PgCorpus(pool);
    if (options.workers) {
      const { QueueWorker } = await import('../../pipelines/queue-worker.ts');
      const { stagesWithParts } = await import('../../pipelines/queue-stages.ts');
      const { stages, missing } = await stagesWithParts();
      for (const [stage, why] of Object.entries(missing)) options.log?.(`zhibiao: serve: not running stage ${stage}: ${why}\n`);
      worker = await QueueWorker.start({
        db: options.db, concurrency: options.concurrency, stages, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb,
        metrics, log: options.log, ...options.queue,
      });
    }
  } else {
    const { EmbeddedStore } = await import('../../pipelines/queue-embedded.ts');
    corrections = new SqliteCorrections(join(options.out, 'corpus.sqlite'));
    store = new EmbeddedStore({ out: options.out, concurrency: options.concurrency, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb, extractorVersion: version, metrics });
  }
  const app = await buildApp({
    store, tokens: options.tokens, maxUploadBytes: limitsFromEnv().maxFileBytes, corpusPath: options.db ? null : join(options.out, 'corpus.sqlite'),
    pgCorpus, metrics, extractorVersion: version, corrections,
  });
  const address = await app.listen({ port: options.port, host: options.host });
  return {
    app, url: address, store, worker,
    async close() {
      await app.close();
      await worker?.stop();
      await corrections.close();
      await store.close();
    },
  };
}
