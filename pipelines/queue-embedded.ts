// The embedded document store of `zhibiao serve` without --db: nothing to install. Documents and
// their state in OUT/api.sqlite, uploaded bytes content-addressed in OUT/uploads/<sha256>, jobs run
// by the worker pool `extract` uses (same limits), results also written into the corpus
// OUT/corpus.sqlite so that /v1/search, /v1/templates and /v1/export see them. A server that was
// stopped takes up the documents it had not finished when it starts again.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { access, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentList, DocumentStatus } from '../src/model/api.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { WorkerPool } from './worker-pool.ts';
import { documentJson } from './output.ts';
import { corpusSink } from './corpus.ts';
import type { QueueMetrics } from './queue-metrics.ts';
import {
  type DocumentRow, type DocumentStore, EMPTY_COUNTS, type ListQuery, type StoreCounts, type StoredDocument, type Submitted, type Upload,
  SUMMARY_COLUMNS, decodeCursor, documentId, encodeCursor, isDeterministicFailure, summaryOf,
} from './queue-types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  status TEXT NOT NULL,
  stage TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT,
  result TEXT,
  pages INTEGER,
  submitted_by TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS documents_status_seq ON documents (status, seq);
`;

/** Attempts of a document whose thread crashed (internal-error) before it is failed. */
const MAX_ATTEMPTS = 3;

export interface EmbeddedOptions {
  out: string;
  concurrency: number;
  timeoutMs: number;
  maxHeapMb: number;
  extractorVersion: string;
  metrics?: QueueMetrics;
}

export class EmbeddedStore implements DocumentStore {
  readonly mode = 'embedded';
  readonly incomingDir: string;
  private readonly db: Database.Database;
  private readonly blobDir: string;
  private readonly pool: WorkerPool;
  private readonly corpus: ReturnType<typeof corpusSink>;
  private readonly running = new Set<string>();
  private closed = false;
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: EmbeddedOptions) {
    this.blobDir = join(options.out, 'uploads');
    this.incomingDir = join(this.blobDir, '.incoming');
    mkdirSync(this.incomingDir, { recursive: true });
    this.db = new Database(join(options.out, 'api.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // Documents a stopped server had under way start again.
    this.db.prepare("UPDATE documents SET status = 'queued' WHERE status = 'running'").run();
    this.corpus = corpusSink(join(options.out, 'corpus.sqlite'), options.extractorVersion);
    this.pool = new WorkerPool({ size: options.concurrency, timeoutMs: options.timeoutMs, maxHeapMb: options.maxHeapMb });
    this.pump();
  }

  private blobPath(sha256: string): string {
    return join(this.blobDir, sha256);
  }

  async submit(upload: Upload): Promise<Submitted> {
    const id = documentId(upload.sha256, this.options.extractorVersion);
    const existing = this.db.prepare<[string], { status: DocumentStatus }>('SELECT status FROM documents WHERE id = ?').get(id);
    if (existing) return { id, status: existing.status, created: false };
    const blob = this.blobPath(upload.sha256);
    if (!(await access(blob).then(() => true, () => false))) await rename(upload.path, blob);
    const inserted = this.db.prepare(`INSERT INTO documents (id, sha256, extractor_version, name, size, status, stage, submitted_by, created_at)
      VALUES (?, ?, ?, ?, ?, 'queued', 'extract', ?, ?) ON CONFLICT (id) DO NOTHING`)
      .run(id, upload.sha256, this.options.extractorVersion, upload.name, upload.size, upload.submittedBy, new Date().toISOString());
    if (inserted.changes === 0) return { id, status: this.db.prepare<[string], { status: DocumentStatus }>('SELECT status FROM documents WHERE id = ?').get(id)!.status, created: false };
    this.pump();
    return { id, status: 'queued', created: true };
  }

  /** Starts queued documents, oldest first, while threads are free. */
  private pump(): void {
    while (!this.closed && this.running.size < this.options.concurrency) {
      const placeholders = [...this.running].map(() => '?').join(', ');
      const next = this.db.prepare<string[], { id: string; sha256: string; name: string; attempts: number }>(
        `SELECT id, sha256, name, attempts FROM documents WHERE status = 'queued'${placeholders ? ` AND id NOT IN (${placeholders})` : ''} ORDER BY seq LIMIT 1`,
      ).get(...this.running);
      if (!next) break;
      this.running.add(next.id);
      this.db.prepare("UPDATE documents SET status = 'running', attempts = attempts + 1, started_at = ? WHERE id = ?").run(new Date().toISOString(), next.id);
      void this.extract(next).finally(() => {
        this.running.delete(next.id);
        this.pump();
        if (this.running.size === 0) for (const resolve of this.idle) resolve();
      });
    }
  }

  private async extract(doc: { id: string; sha256: string; name: string; attempts: number }): Promise<void> {
    const started = performance.now();
    const outcome = await this.pool.run(this.blobPath(doc.sha256), doc.name).catch((error: Error) => ({ status: 'failed' as const, code: 'internal-error', reason: error.message }));
    if (this.closed) return;
    const seconds = (performance.now() - started) / 1000;
    const now = new Date().toISOString();
    if (outcome.status === 'ok') {
      this.options.metrics?.observe(seconds, { status: 'ok', pages: outcome.result.source.pages ?? 0 });
      this.db.prepare("UPDATE documents SET status = 'done', result = ?, pages = ?, error_code = NULL, error_message = NULL, finished_at = ? WHERE id = ?")
        .run(documentJson(outcome.result), outcome.result.source.pages ?? null, now, doc.id);
      this.recordInCorpus(doc.id, outcome.result);
      return;
    }
    this.options.metrics?.observe(seconds, { status: 'failed', code: outcome.code });
    if (!isDeterministicFailure(outcome.code) && doc.attempts + 1 < MAX_ATTEMPTS) {
      this.db.prepare("UPDATE documents SET status = 'queued', error_code = ?, error_message = ? WHERE id = ?").run(outcome.code, outcome.reason, doc.id);
      return;
    }
    this.db.prepare("UPDATE documents SET status = 'failed', error_code = ?, error_message = ?, finished_at = ? WHERE id = ?").run(outcome.code, outcome.reason, now, doc.id);
  }

  /** Into the corpus under `uploads/<id>/<name>`: two uploads with the same name stay two documents there. */
  private recordInCorpus(id: string, result: DocumentResult): void {
    this.corpus.record({ ...result, source: { ...result.source, path: `uploads/${id}/${result.source.path}` } });
  }

  async file(sha256: string): Promise<Buffer | null> {
    return /^[0-9a-f]{64}$/u.test(sha256) ? readFile(this.blobPath(sha256)).catch(() => null) : null;
  }

  async get(id: string): Promise<StoredDocument | null> {
    const row = this.db.prepare<[string], DocumentRow & { result: string | null }>(`SELECT ${SUMMARY_COLUMNS}, result FROM documents WHERE id = ?`).get(id);
    if (!row) return null;
    return { summary: summaryOf(row), resultJson: row.status === 'done' ? row.result : null };
  }

  async list(query: ListQuery): Promise<DocumentList> {
    const after = query.cursor ? decodeCursor(query.cursor) ?? 0n : 0n;
    const rows = this.db.prepare<unknown[], DocumentRow>(`SELECT ${SUMMARY_COLUMNS} FROM documents WHERE seq > ?${query.status ? ' AND status = ?' : ''} ORDER BY seq LIMIT ?`)
      .all(...[after, ...(query.status ? [query.status] : []), query.limit + 1]);
    const page = rows.slice(0, query.limit);
    return { documents: page.map(summaryOf), ...(rows.length > query.limit ? { next: encodeCursor(page[page.length - 1].seq) } : {}) };
  }

  async counts(): Promise<StoreCounts> {
    const counts = EMPTY_COUNTS();
    for (const row of this.db.prepare<[], { status: DocumentStatus; n: number }>('SELECT status, count(*) AS n FROM documents GROUP BY status').all()) counts.byStatus[row.status] = row.n;
    for (const row of this.db.prepare<[], { code: string; n: number }>("SELECT error_code AS code, count(*) AS n FROM documents WHERE status = 'failed' GROUP BY error_code").all()) {
      counts.failuresByCode[row.code ?? 'unknown'] = row.n;
    }
    return counts;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** Resolves when no document is being extracted (tests, benchmarks). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { this.idle.delete(done); resolve(); };
      this.idle.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
    this.corpus.close();
    this.db.close();
  }
}
