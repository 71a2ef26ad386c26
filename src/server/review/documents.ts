// The documents the review pages show: those uploaded to the server (its DocumentStore) and, in
// embedded mode, those `zhibiao extract --out DIR` put into DIR/corpus.sqlite — so that
// `extract notices/ --out DIR` then `serve --out DIR` reviews the folder. A corpus document has the
// id an upload of the same bytes would get; its file is read from where the batch found it (when
// it is still there with the same bytes).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { DocumentStore } from '../../../pipelines/queue-types.ts';
import { type DocumentSummary, documentId } from '../../model/api.ts';
import type { DocumentResult } from '../../model/schema.ts';
import { type CorpusDb, openCorpusReadonly } from '../../corpus/schema.ts';

export interface ReviewDocument {
  summary: DocumentSummary;
  /** The result as extracted (status done), else null. */
  result: DocumentResult | null;
}

interface CorpusRow { path: string; sha256: string; extractor_version: string; json: string; file: string | null }

export class ReviewDocuments {
  private db: CorpusDb | null = null;

  constructor(private readonly store: DocumentStore, private readonly corpusPath: string | null) {}

  private corpus(): CorpusDb | null {
    if (!this.db && this.corpusPath && existsSync(this.corpusPath)) this.db = openCorpusReadonly(this.corpusPath);
    return this.db;
  }

  private corpusRows(where = '', ...params: string[]): CorpusRow[] {
    const db = this.corpus();
    if (!db) return [];
    // Uploads are recorded in the corpus too (under uploads/<id>/): the store lists those.
    return db.prepare<string[], CorpusRow>(`SELECT d.path, d.sha256, d.extractor_version, d.json,
      (SELECT p.file FROM document_paths p WHERE p.document_id = d.id AND p.file IS NOT NULL LIMIT 1) AS file
      FROM documents d WHERE d.path NOT LIKE 'uploads/%' ${where} ORDER BY d.path`).all(...params);
  }

  private fromCorpus(row: CorpusRow): ReviewDocument {
    const result = JSON.parse(row.json) as DocumentResult;
    const summary: DocumentSummary = {
      id: documentId(row.sha256, row.extractor_version), status: 'done', name: row.path, sha256: row.sha256, size: 0, stage: 'extract', attempts: 1,
      submittedBy: null, createdAt: '', startedAt: null, finishedAt: null,
    };
    return { summary, result: { ...result, source: { ...result.source, path: row.path } } };
  }

  /** Every document: uploads first (newest last), then the corpus's by path. */
  async list(): Promise<ReviewDocument[]> {
    const out: ReviewDocument[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.store.list({ limit: 1000, cursor });
      for (const summary of page.documents) {
        seen.add(summary.id);
        out.push({ summary, result: summary.status === 'done' ? await this.uploaded(summary.id) : null });
      }
      cursor = page.next;
    } while (cursor);
    for (const row of this.corpusRows()) {
      const document = this.fromCorpus(row);
      if (!seen.has(document.summary.id)) out.push(document);
    }
    return out;
  }

  private async uploaded(id: string): Promise<DocumentResult | null> {
    const stored = await this.store.get(id);
    return stored?.resultJson ? JSON.parse(stored.resultJson) as DocumentResult : null;
  }

  async get(id: string): Promise<ReviewDocument | null> {
    if (!/^[0-9a-f]{32}$/u.test(id)) return null;
    const stored = await this.store.get(id);
    if (stored) return { summary: stored.summary, result: stored.resultJson ? JSON.parse(stored.resultJson) as DocumentResult : null };
    const row = this.corpusRows().find((candidate) => documentId(candidate.sha256, candidate.extractor_version) === id);
    return row ? this.fromCorpus(row) : null;
  }

  /** The document's bytes: the store's upload, else the file the batch read (if unchanged). */
  async file(id: string): Promise<Buffer | null> {
    const document = await this.get(id);
    if (!document) return null;
    const stored = await this.store.file(document.summary.sha256);
    if (stored) return stored;
    const row = this.corpusRows('AND d.sha256 = ?', document.summary.sha256)[0];
    const bytes = row?.file ? await readFile(row.file).catch(() => null) : null;
    return bytes && createHash('sha256').update(bytes).digest('hex') === document.summary.sha256 ? bytes : null;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
