// Documents, their bytes and their jobs in PostgreSQL (schema in queue-schema.ts). An upload is one
// transaction: bytes (unless the same bytes are there already), document row, first job — so a
// document is never queued without its bytes, nor stored without its job, and the same document
// posted twice at once gives one row and one job (the second insert waits on the first's key).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { DocumentList, DocumentStatus } from '../src/model/api.ts';
import {
  type DocumentRow, type DocumentStore, EMPTY_COUNTS, type ListQuery, type StoreCounts, type StoredDocument, type Submitted, type Upload,
  SUMMARY_COLUMNS, decodeCursor, documentId, encodeCursor, summaryOf,
} from './queue-types.ts';
import { type Stage, firstStage, taskName } from './queue-stages.ts';
import type { Format } from '../src/model/layout.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { writeCorpusRows } from '../src/corpus/pg/store.ts';
import { type CorpusPayload, corpusPayload } from '../src/corpus/pg/rows.ts';

export const CHUNK_BYTES = 1 << 20;
/** Attempts per job: a dead worker or a lost connection costs one; deterministic failures end at the first. */
export const MAX_ATTEMPTS = 5;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Adds the job of STAGE for document ID on CLIENT (inside the caller's transaction). */
export async function addStageJob(client: pg.ClientBase, stage: Stage, id: string): Promise<void> {
  await client.query('SELECT graphile_worker.add_job($1, json_build_object(\'id\', $2::text), max_attempts => $3)', [taskName(stage), id, MAX_ATTEMPTS]);
}

/** The format of an upload, for its first stage; null when it is none we read (extract names the failure). */
async function uploadFormat(path: string): Promise<Format | null> {
  const head = await readHead(path, 8);
  // Telling a Word from an Excel OLE file takes its directory, which may lie anywhere in the file.
  const bytes = head[0] === 0xd0 && head[1] === 0xcf ? await readFile(path) : head;
  try {
    return sniffFormat(bytes);
  } catch {
    return null;
  }
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: Math.max(0, bytes - 1) }) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(chunks, length);
}

export class PgStore implements DocumentStore {
  readonly mode = 'postgres';
  readonly incomingDir = join(tmpdir(), 'zhibiao-uploads');

  constructor(readonly pool: pg.Pool, readonly extractorVersion: string) {}

  async submit(upload: Upload): Promise<Submitted> {
    const id = documentId(upload.sha256, this.extractorVersion);
    const stage = firstStage(await uploadFormat(upload.path));
    return inTransaction(this.pool, async (client) => {
      const existing = await client.query<{ status: DocumentStatus }>('SELECT status FROM zhibiao.documents WHERE id = $1', [id]);
      if (existing.rowCount) return { id, status: existing.rows[0].status, created: false };
      const blob = await client.query('INSERT INTO zhibiao.blobs (sha256, size) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256', [upload.sha256, upload.size]);
      if (blob.rowCount) await this.writeChunks(client, upload);
      const inserted = await client.query(`INSERT INTO zhibiao.documents (id, sha256, extractor_version, name, size, blob, status, stage, submitted_by)
        VALUES ($1, $2, $3, $4, $5, $2, 'queued', $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, upload.sha256, this.extractorVersion, upload.name, upload.size, stage, upload.submittedBy]);
      if (!inserted.rowCount) {
        // The same document, posted at the same moment, committed first.
        const now = await client.query<{ status: DocumentStatus }>('SELECT status FROM zhibiao.documents WHERE id = $1', [id]);
        return { id, status: now.rows[0].status, created: false };
      }
      await addStageJob(client, stage, id);
      return { id, status: 'queued' as const, created: true };
    });
  }

  private async writeChunks(client: pg.PoolClient, upload: Upload): Promise<void> {
    let seq = 0;
    for await (const chunk of createReadStream(upload.path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      await client.query('INSERT INTO zhibiao.blob_chunks (sha256, seq, data) VALUES ($1, $2, $3)', [upload.sha256, seq++, chunk]);
    }
  }

  async get(id: string): Promise<StoredDocument | null> {
    const { rows } = await this.pool.query<DocumentRow & { result: string | null }>(
      `SELECT ${SUMMARY_COLUMNS}, result::text AS result FROM zhibiao.documents WHERE id = $1`, [id]);
    if (!rows.length) return null;
    return { summary: summaryOf(rows[0]), resultJson: rows[0].status === 'done' ? rows[0].result : null };
  }

  async list(query: ListQuery): Promise<DocumentList> {
    const after = query.cursor ? decodeCursor(query.cursor) : 0n;
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${SUMMARY_COLUMNS} FROM zhibiao.documents
      WHERE seq > $1 AND ($2::text IS NULL OR status = $2) ORDER BY seq LIMIT $3`, [String(after ?? 0n), query.status ?? null, query.limit + 1]);
    const page = rows.slice(0, query.limit);
    return { documents: page.map(summaryOf), ...(rows.length > query.limit ? { next: encodeCursor(page[page.length - 1].seq) } : {}) };
  }

  async counts(): Promise<StoreCounts> {
    const counts = EMPTY_COUNTS();
    const byStatus = await this.pool.query<{ status: DocumentStatus; n: string }>('SELECT status, count(*) AS n FROM zhibiao.documents GROUP BY status');
    for (const row of byStatus.rows) counts.byStatus[row.status] = Number(row.n);
    const failures = await this.pool.query<{ code: string; n: string }>("SELECT error_code AS code, count(*) AS n FROM zhibiao.documents WHERE status = 'failed' GROUP BY error_code");
    for (const row of failures.rows) counts.failuresByCode[row.code ?? 'unknown'] = Number(row.n);
    return counts;
  }

  async file(sha256: string): Promise<Buffer | null> {
    return readBlob(this.pool, sha256).catch(() => null);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

// ---- what a worker does to a document --------------------------------------------------------

export interface ClaimedDocument {
  id: string;
  name: string;
  sha256: string;
  blob: string | null;
  /** The convert stage's DOCX of it, and the format it was converted from. */
  converted: string | null;
  converted_from: Format | null;
  /** The bytes to work on: the converted DOCX if there is one, else the upload. */
  read(): Promise<Buffer>;
}

/**
 * Marks ID running under POOL and reads its bytes' first chunk in the same statement (most
 * documents are one chunk: claim and bytes in one round trip); null when it is done or failed
 * already (a job run twice does nothing).
 */
export async function claimDocument(pool: pg.Pool, id: string, stage: Stage, workerPool: string): Promise<ClaimedDocument | null> {
  const { rows } = await pool.query<ClaimedDocument & { size: string | null; chunks: number; first: Buffer | null }>(`WITH claimed AS (
      UPDATE zhibiao.documents SET status = 'running', stage = $2, worker = $3, attempts = attempts + 1, started_at = now()
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING id, name, sha256, blob, converted, converted_from, coalesce(converted, blob) AS bytes)
    SELECT c.id, c.name, c.sha256, c.blob, c.converted, c.converted_from, b.size,
      (SELECT count(*)::int FROM zhibiao.blob_chunks k WHERE k.sha256 = c.bytes) AS chunks,
      (SELECT data FROM zhibiao.blob_chunks k WHERE k.sha256 = c.bytes AND k.seq = 0) AS first
    FROM claimed c LEFT JOIN zhibiao.blobs b ON b.sha256 = c.bytes`, [id, stage, workerPool]);
  if (!rows.length) return null;
  const { size, chunks, first, ...doc } = rows[0];
  const blob = doc.converted ?? doc.blob;
  return { ...doc, read: () => (blob && size !== null ? readBlob(pool, blob, { size: Number(size), chunks, first }) : Promise.reject(new Error(`blob ${blob} is missing`))) };
}

/**
 * The bytes of a blob, read a chunk per query: pg receives bytea as hex text (its binary mode
 * decodes rows as UTF-8), so a whole 200 MB blob in one row would be a 400 MB string. KNOWN: its
 * size, chunk count and first chunk when the caller has read them already.
 */
export async function readBlob(pool: pg.Pool, sha256: string, known?: { size: number; chunks: number; first: Buffer | null }): Promise<Buffer> {
  let size = known?.size;
  let chunks = known?.chunks;
  if (size === undefined || chunks === undefined) {
    const { rows } = await pool.query<{ size: string; chunks: number }>('SELECT b.size, (SELECT count(*)::int FROM zhibiao.blob_chunks c WHERE c.sha256 = b.sha256) AS chunks FROM zhibiao.blobs b WHERE b.sha256 = $1', [sha256]);
    if (!rows.length) throw new Error(`blob ${sha256} is missing`);
    size = Number(rows[0].size);
    chunks = rows[0].chunks;
  }
  // A single chunk is the blob itself: no copy.
  if (chunks === 1 && known?.first && known.first.length === size) return known.first;
  const bytes = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (let seq = 0; seq < chunks; seq++) {
    const data = seq === 0 && known?.first ? known.first
      : (await pool.query<{ data: Buffer }>('SELECT data FROM zhibiao.blob_chunks WHERE sha256 = $1 AND seq = $2', [sha256, seq])).rows[0].data;
    offset += data.copy(bytes, offset);
  }
  if (offset !== bytes.length) throw new Error(`blob ${sha256} has ${offset} of ${bytes.length} bytes`);
  return bytes;
}

export type Finish =
  | { status: 'done'; resultJson: string; pages: number; extractMs?: number; /** Its corpus rows (built in the extraction thread); from resultJson if left out. */ corpus?: CorpusPayload }
  | { status: 'failed'; code: string; message: string; extractMs?: number };

/** Records the end of a document (idempotent: a second run writes the same); a result's corpus rows in the same transaction. */
export async function finishDocument(pool: pg.Pool, id: string, finish: Finish): Promise<void> {
  if (finish.status === 'done') {
    const corpus = finish.corpus ?? corpusPayload(JSON.parse(finish.resultJson) as DocumentResult);
    await inTransaction(pool, async (client) => {
      await client.query(`UPDATE zhibiao.documents SET status = 'done', result = $2, pages = $3, extract_ms = $4, error_code = NULL, error_message = NULL,
        worker = NULL, finished_at = now() WHERE id = $1`, [id, finish.resultJson, finish.pages, finish.extractMs ?? null]);
      await writeCorpusRows(client, id, corpus);
    });
  } else {
    await pool.query(`UPDATE zhibiao.documents SET status = 'failed', error_code = $2, error_message = $3, extract_ms = $4, result = NULL,
      worker = NULL, finished_at = now() WHERE id = $1`, [id, finish.code, finish.message, finish.extractMs ?? null]);
  }
}

/** Puts ID back to queued (its job is about to be retried). */
export async function requeueDocument(pool: pg.Pool, id: string, reason: { code: string; message: string }): Promise<void> {
  await pool.query(`UPDATE zhibiao.documents SET status = 'queued', worker = NULL, error_code = $2, error_message = $3
    WHERE id = $1 AND status = 'running'`, [id, reason.code, reason.message]);
}

/** Moves ID to the next STAGE: its job is added in the same transaction as the state change. */
export async function handOver(pool: pg.Pool, id: string, stage: Stage): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("UPDATE zhibiao.documents SET status = 'queued', stage = $2, worker = NULL WHERE id = $1", [id, stage]);
    await addStageJob(client, stage, id);
  });
}

/** Stores the convert stage's BYTES of ID and hands it to extract, in one transaction. */
export async function storeConverted(pool: pg.Pool, id: string, bytes: Uint8Array, from: Format): Promise<void> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await inTransaction(pool, async (client) => {
    const blob = await client.query('INSERT INTO zhibiao.blobs (sha256, size) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256', [sha256, bytes.length]);
    if (blob.rowCount) {
      for (let seq = 0, at = 0; at < bytes.length; seq++, at += CHUNK_BYTES) {
        await client.query('INSERT INTO zhibiao.blob_chunks (sha256, seq, data) VALUES ($1, $2, $3)', [sha256, seq, Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK_BYTES, bytes.length - at))]);
      }
    }
    await client.query("UPDATE zhibiao.documents SET status = 'queued', stage = 'extract', worker = NULL, converted = $2, converted_from = $3 WHERE id = $1", [id, sha256, from]);
    await addStageJob(client, 'extract', id);
  });
}

// ---- extract --db -----------------------------------------------------------------------------

export interface ExtractedDocument {
  sha256: string;
  size: number;
  name: string;
  outcome: Finish;
}

/** Records a document of an `extract --db` batch (no bytes stored, no job: it is finished already). */
export async function recordExtracted(pool: pg.Pool, version: string, doc: ExtractedDocument): Promise<string> {
  const id = documentId(doc.sha256, version);
  const { outcome } = doc;
  const done = outcome.status === 'done';
  await inTransaction(pool, async (client) => {
    const written = await client.query(`INSERT INTO zhibiao.documents (id, sha256, extractor_version, name, size, status, stage, attempts, error_code, error_message,
        result, pages, extract_ms, started_at, finished_at)
      VALUES ($1, $2, $3, $4, $5, $6, 'extract', 1, $7, $8, $9, $10, $11, now(), now())
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code, error_message = excluded.error_message,
        result = excluded.result, pages = excluded.pages, finished_at = excluded.finished_at
      WHERE zhibiao.documents.status <> 'done'`,
    [id, doc.sha256, version, doc.name, doc.size, outcome.status, done ? null : outcome.code, done ? null : outcome.message,
      done ? outcome.resultJson : null, done ? outcome.pages : null, outcome.extractMs ?? null]);
    if (written.rowCount && outcome.status === 'done') await writeCorpusRows(client, id, outcome.corpus ?? corpusPayload(JSON.parse(outcome.resultJson) as DocumentResult));
  });
  return id;
}
