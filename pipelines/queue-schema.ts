// The PostgreSQL side of the queue: schema `zhibiao` (documents, their bytes, live workers) next to
// graphile-worker's own schema, both created or migrated on start by whoever connects first
// (serve, worker, extract --db), under one advisory lock so that ten machines starting together
// migrate once.
import pg from 'pg';
import { Logger, runMigrations } from 'graphile-worker';
import { PG_CORPUS_SCHEMA, reindexCorpusTerms } from '../src/corpus/pg/store.ts';

/** Key of the advisory lock held while migrating (any constant unique to zhibiao). */
const MIGRATION_LOCK = 7_218_452_031;

/**
 * Migrations of schema `zhibiao`; migration i brings it to version i + 1. Never edit a shipped
 * migration: append one.
 */
const MIGRATIONS: (string | ((client: pg.ClientBase) => Promise<void>))[] = [
  `
  -- Uploaded bytes, content-addressed: one blob per SHA-256, cut into 1 MiB chunks so that a
  -- 200 MB file is written and read with bounded memory. STORAGE EXTERNAL: PDFs and ZIPs are
  -- compressed already, so TOAST does not try again.
  CREATE TABLE zhibiao.blobs (
    sha256 text PRIMARY KEY,
    size bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE zhibiao.blob_chunks (
    sha256 text NOT NULL REFERENCES zhibiao.blobs ON DELETE CASCADE,
    seq int NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (sha256, seq)
  );
  ALTER TABLE zhibiao.blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

  -- One row per (bytes, extractor version): its state, its error, its result.
  CREATE TABLE zhibiao.documents (
    seq bigserial NOT NULL UNIQUE,       -- arrival order: keyset pagination
    id text PRIMARY KEY,                 -- documentId(sha256, extractor_version)
    sha256 text NOT NULL,
    extractor_version text NOT NULL,
    name text NOT NULL,                  -- file name as uploaded / path relative to the batch root
    size bigint NOT NULL,
    blob text REFERENCES zhibiao.blobs,  -- NULL: recorded by extract --db, the bytes stayed on disk
    status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    stage text,                          -- convert | extract | ocr
    worker text,                         -- graphile-worker pool that runs it
    attempts int NOT NULL DEFAULT 0,
    error_code text,
    error_message text,
    result json,                         -- json, not jsonb: kept byte for byte as extract --stdout prints it
    pages int,
    extract_ms int,
    submitted_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz
  );
  CREATE INDEX documents_status_seq ON zhibiao.documents (status, seq);
  CREATE INDEX documents_failed_code ON zhibiao.documents (error_code) WHERE status = 'failed';

  -- Worker processes alive now: each holds the session advisory lock lock_key on a connection of
  -- its own, so a process that dies (kill -9, power loss) frees it at once and the others return
  -- the jobs locked by its graphile-worker pools to the queue.
  CREATE TABLE zhibiao.workers (
    id text PRIMARY KEY,
    lock_key bigint NOT NULL UNIQUE,
    pool_ids text[] NOT NULL DEFAULT '{}',
    host text NOT NULL,
    pid int NOT NULL,
    stages text[] NOT NULL,
    concurrency int NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    seen_at timestamptz NOT NULL DEFAULT now()
  );
  `,
  `
  -- Reviewers' corrections (issue 14, src/corrections/): kept by the document's bytes so that a
  -- re-extraction by a newer extractor (a new document id) keeps them; anchor = the row's identity.
  CREATE TABLE zhibiao.corrections (
    id text PRIMARY KEY,
    sha256 text NOT NULL,
    document_id text NOT NULL,
    extractor_version text NOT NULL,
    anchor json NOT NULL,
    action text NOT NULL CHECK (action IN ('edit', 'accept', 'not-indicator', 'restore')),
    field text,
    before text,
    after text,
    by text NOT NULL,
    at timestamptz NOT NULL
  );
  CREATE INDEX corrections_sha256 ON zhibiao.corrections (sha256, at);
  `,
  `
  -- The convert stage's output (a DOCX of a DOC/WPS), content-addressed like any blob; the
  -- extract stage reads it and records the format it was converted from.
  ALTER TABLE zhibiao.documents ADD COLUMN converted text REFERENCES zhibiao.blobs, ADD COLUMN converted_from text;
  `,
  // The corpus (search, templates, export): src/corpus/pg/store.ts.
  PG_CORPUS_SCHEMA,
  // Search terms cut into bigrams across scripts (src/corpus/pg/terms.ts), so that search finds what the SQLite corpus finds.
  reindexCorpusTerms,
];

export const QUEUE_SCHEMA_VERSION = MIGRATIONS.length;

/** A pool whose idle clients may be cut (a database restart) without crashing the process. */
export function createPgPool(url: string, max: number, log: (message: string) => void = () => {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, keepAlive: true, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  // A client's own errors surface in the query that fails; unhandled they would end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Brings graphile-worker's schema and ours up to date (idempotent; safe when many processes start at once). */
export async function migrateQueue(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await runMigrations({ pgPool: pool, logger: queueLogger });
      await client.query('CREATE SCHEMA IF NOT EXISTS zhibiao');
      await client.query('CREATE TABLE IF NOT EXISTS zhibiao.migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM zhibiao.migrations');
      const current = rows[0].version ?? 0;
      if (current > QUEUE_SCHEMA_VERSION) throw new Error(`database schema zhibiao is at version ${current}, newer than this zhibiao understands (${QUEUE_SCHEMA_VERSION})`);
      for (let v = current; v < QUEUE_SCHEMA_VERSION; v++) {
        await client.query('BEGIN');
        try {
          const step = MIGRATIONS[v];
          if (typeof step === 'string') await client.query(step);
          else await step(client);
          await client.query('INSERT INTO zhibiao.migrations (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}


/** graphile-worker logs through this: errors and warnings to stderr, the rest dropped. */
export const queueLogger = new Logger(() => (level: string, message: string) => {
  if (level === 'error' || level === 'warning') process.stderr.write(`zhibiao: queue: ${message}\n`);
});
