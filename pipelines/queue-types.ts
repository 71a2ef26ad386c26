// What the HTTP API needs of a document store, shared by the embedded store (SQLite + the
// in-process worker pool) and the PostgreSQL queue; both pipelines import this, never each other.
import type { DocumentList, DocumentStatus, DocumentSummary } from '../src/model/api.ts';

/** An upload already streamed to a temp file and hashed. */
export interface Upload {
  /** The temp file; the store moves or copies it and the caller removes what is left. */
  path: string;
  sha256: string;
  size: number;
  /** File name as uploaded (becomes the result's source.path). */
  name: string;
  /** Name of the token that posted it. */
  submittedBy: string | null;
}

export interface Submitted {
  id: string;
  status: DocumentStatus;
  /** False when the same bytes were already there for this extractor version (nothing queued). */
  created: boolean;
}

export interface StoredDocument {
  summary: DocumentSummary;
  /** The result JSON exactly as `extract --stdout` prints it (status done), else null. */
  resultJson: string | null;
}

export interface ListQuery {
  status?: DocumentStatus;
  limit: number;
  cursor?: string;
}

export interface StoreCounts {
  byStatus: Record<DocumentStatus, number>;
  failuresByCode: Record<string, number>;
}

export interface DocumentStore {
  readonly mode: 'embedded' | 'postgres';
  /** Where uploads are streamed to before `submit` (on the store's file system for the embedded store, so a rename moves them). */
  readonly incomingDir: string;
  submit(upload: Upload): Promise<Submitted>;
  get(id: string): Promise<StoredDocument | null>;
  list(query: ListQuery): Promise<DocumentList>;
  counts(): Promise<StoreCounts>;
  /** The uploaded bytes of a document (the review page renders them), or null. */
  file(sha256: string): Promise<Buffer | null>;
  /** Throws when the store cannot answer (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export { documentId } from '../src/model/api.ts';

/** Keyset cursors: the arrival sequence number of the last document of a page, opaque to clients. */
export function encodeCursor(seq: number | bigint | string): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

/** The sequence number in a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): bigint | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  return /^s\d{1,19}$/u.test(text) ? BigInt(text.slice(1)) : null;
}

/** Extraction codes that say something about the file, not the machine: retrying gives the same answer. */
export function isDeterministicFailure(code: string): boolean {
  return code !== 'internal-error' && code !== 'io-error';
}

/** A document row as both stores keep it (PostgreSQL gives Date and bigint-as-string, SQLite text and numbers). */
export interface DocumentRow {
  seq: string | number; id: string; name: string; sha256: string; size: string | number; status: DocumentStatus; stage: string | null;
  attempts: number; submitted_by: string | null; created_at: Date | string; started_at: Date | string | null; finished_at: Date | string | null;
  error_code: string | null; error_message: string | null;
}

export const SUMMARY_COLUMNS = 'seq, id, name, sha256, size, status, stage, attempts, submitted_by, created_at, started_at, finished_at, error_code, error_message';

const iso = (value: Date | string | null): string | null => (value === null ? null : typeof value === 'string' ? value : value.toISOString());

export function summaryOf(row: DocumentRow): DocumentSummary {
  return {
    id: row.id, status: row.status, name: row.name, sha256: row.sha256, size: Number(row.size), stage: row.stage,
    attempts: row.attempts, submittedBy: row.submitted_by, createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at), finishedAt: iso(row.finished_at),
    ...(row.error_code ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
  };
}

/** Errors of a lost or refused connection (worth waiting out), as opposed to errors of the query itself. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/u.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE…
  // SQLSTATE classes: connection exception, insufficient resources, operator intervention (shutdown), system error, rollback.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code)) return /^(08|53|57|58|40)/u.test(code);
  const message = error instanceof Error ? error.message : '';
  return /connection terminated|connection error|timeout exceeded when trying to connect|not queryable|Connection refused|the database system is/iu.test(message);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Runs WORK until it succeeds or fails for a reason other than the connection (up to LIMIT ms of retries). */
export async function withReconnect<T>(work: () => Promise<T>, limitMs = 300_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() > deadline) throw error;
      await sleep(delay);
    }
  }
}

export const EMPTY_COUNTS: () => StoreCounts = () => ({ byStatus: { queued: 0, running: 0, done: 0, failed: 0 }, failuresByCode: {} });
