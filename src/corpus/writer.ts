// Writing documents into the corpus: one document, one transaction; re-runs replace, never duplicate.
import { createHash } from 'node:crypto';
import { type DocumentResult, type Indicator, type Table, TYPED_INDICATOR_KEYS } from '../model/schema.ts';
import type { CorpusDb } from './schema.ts';
import { documentId as extractionId } from '../model/api.ts';
import { applyCorrections } from '../corrections/apply.ts';
import { listCorrections } from '../corrections/sqlite.ts';

/** A (level1, level2, level3) triple of a table's structure, canonical names preferred. */
export type StructureTriple = [string | null, string | null, string];

export function structureOf(indicators: Pick<Indicator, 'level1' | 'level2' | 'level3' | 'level1Canonical' | 'level2Canonical'>[]): StructureTriple[] {
  return indicators.map((row) => [row.level1Canonical ?? row.level1, row.level2Canonical ?? row.level2, row.level3]);
}

/**
 * The template family id of a table: the first 12 hex digits of the SHA-256 of its ordered
 * structure triples (values, units and titles play no part). Stable across runs and machines.
 */
export function structureSignature(indicators: Parameters<typeof structureOf>[0]): string {
  return createHash('sha256').update(JSON.stringify(structureOf(indicators))).digest('hex').slice(0, 12);
}

/** A four-digit year (1900–2099) standing alone in a text, e.g. `(2024年度)`, `〔2024〕40号`, `2023`. */
export function yearIn(text: string | null | undefined): number | null {
  const match = text?.match(/(?<!\d)((?:19|20)\d{2})(?!\d)/u);
  return match ? Number(match[1]) : null;
}

/** The year of a notice: its date, else the 〔year〕 of its 文号. */
export function noticeYear(notice: DocumentResult['notice']): number | null {
  return yearIn(notice.date) ?? yearIn(notice.docNumber);
}

export function documentYear(result: DocumentResult): number | null {
  return noticeYear(result.notice);
}

const YEAR_CONTEXT_KEY = /起始|^年度$|年份|预算年度|实施年度|^年$/u;

/** The year a table belongs to: the document's, else 起始/年度 in its context, else a year in its title. */
export function tableYear(result: DocumentResult, table: Table): number | null {
  const fromDocument = documentYear(result);
  if (fromDocument !== null) return fromDocument;
  for (const [key, value] of Object.entries(table.context)) {
    if (YEAR_CONTEXT_KEY.test(key)) {
      const year = yearIn(value);
      if (year !== null) return year;
    }
  }
  return yearIn(table.title);
}

interface Statements {
  pathDocument: import('better-sqlite3').Statement<[string], { document_id: number }>;
  shaDocument: import('better-sqlite3').Statement<[string], { id: number }>;
  insertDocument: import('better-sqlite3').Statement<unknown[], unknown>;
  updateDocument: import('better-sqlite3').Statement<unknown[], unknown>;
  setPath: import('better-sqlite3').Statement<[string, number], unknown>;
  pathCount: import('better-sqlite3').Statement<[number], { n: number }>;
  deleteFts: import('better-sqlite3').Statement<[number], unknown>;
  deleteTables: import('better-sqlite3').Statement<[number], unknown>;
  deleteDocument: import('better-sqlite3').Statement<[number], unknown>;
  insertTable: import('better-sqlite3').Statement<unknown[], unknown>;
  insertIndicator: import('better-sqlite3').Statement<unknown[], unknown>;
  insertFts: import('better-sqlite3').Statement<unknown[], unknown>;
  isDone: import('better-sqlite3').Statement<[string, string, string], { one: number }>;
  isDoneByStat: import('better-sqlite3').Statement<[string, string, number, number, string], { one: number }>;
  setStat: import('better-sqlite3').Statement<[string, number, number, string], unknown>;
  storedJson: import('better-sqlite3').Statement<[string], { json: string; extractor_version: string }>;
  shaJson: import('better-sqlite3').Statement<[string], { id: number; json: string; extractor_version: string }>;
  setJson: import('better-sqlite3').Statement<[string, number], unknown>;
}

const cache = new WeakMap<CorpusDb, Statements>();

function statements(db: CorpusDb): Statements {
  let s = cache.get(db);
  if (s) return s;
  const documentColumns = 'path, sha256, format, pages, sheets, doc_number, issuer, title, date, year, confidence, extractor_version, json, indexed_at';
  s = {
    pathDocument: db.prepare('SELECT document_id FROM document_paths WHERE path = ?'),
    shaDocument: db.prepare('SELECT id FROM documents WHERE sha256 = ?'),
    insertDocument: db.prepare(`INSERT INTO documents (${documentColumns}) VALUES (${documentColumns.split(',').map(() => '?').join(', ')})`),
    updateDocument: db.prepare(`UPDATE documents SET ${documentColumns.split(', ').map((c) => `${c} = ?`).join(', ')} WHERE id = ?`),
    setPath: db.prepare('INSERT INTO document_paths (path, document_id) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET document_id = excluded.document_id'),
    pathCount: db.prepare('SELECT count(*) AS n FROM document_paths WHERE document_id = ?'),
    deleteFts: db.prepare('DELETE FROM indicator_fts WHERE rowid IN (SELECT i.id FROM indicators i JOIN tables t ON t.id = i.table_id WHERE t.document_id = ?)'),
    deleteTables: db.prepare('DELETE FROM tables WHERE document_id = ?'),
    deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
    insertTable: db.prepare(`INSERT INTO tables (document_id, idx, title, kind, location, context, columns, confidence, warnings, year, signature,
      project, project_name, department, implementer, total, quality)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertIndicator: db.prepare(`INSERT INTO indicators (table_id, ord, level1, level2, level3, level1_canonical, level2_canonical,
      operator, value, number, unit, description, fields, source, confidence, flags,
      actual_value, actual_number, actual_unit, weight_number, score_number, deviation, direction, basis, origin, remark, typed, quality)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertFts: db.prepare('INSERT INTO indicator_fts (rowid, level1, level2, level3, description, canonical, table_title, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    isDone: db.prepare(`SELECT 1 AS one FROM document_paths p JOIN documents d ON d.id = p.document_id
      WHERE p.path = ? AND d.sha256 = ? AND d.extractor_version = ?`),
    isDoneByStat: db.prepare(`SELECT 1 AS one FROM document_paths p JOIN documents d ON d.id = p.document_id
      WHERE p.path = ? AND p.file = ? AND p.size = ? AND p.mtime_ms = ? AND d.extractor_version = ?`),
    setStat: db.prepare('UPDATE document_paths SET file = ?, size = ?, mtime_ms = ? WHERE path = ?'),
    storedJson: db.prepare('SELECT d.json, d.extractor_version FROM document_paths p JOIN documents d ON d.id = p.document_id WHERE p.path = ?'),
    shaJson: db.prepare('SELECT id, json, extractor_version FROM documents WHERE sha256 = ?'),
    setJson: db.prepare('UPDATE documents SET json = ? WHERE id = ?'),
  };
  cache.set(db, s);
  return s;
}

function removeChildren(s: Statements, documentId: number): void {
  s.deleteFts.run(documentId);
  s.deleteTables.run(documentId); // indicators go by ON DELETE CASCADE
}

function joinText(...parts: (string | null | undefined)[]): string {
  return parts.filter((part): part is string => Boolean(part)).join(' ');
}

export interface UpsertStats {
  documentId: number;
  tables: number;
  indicators: number;
}

/**
 * Writes one document in one transaction. Earlier rows of the same source path are replaced
 * (so re-runs never duplicate); a file whose bytes are already in the corpus under another
 * path shares that document (sha256 is unique) and the path is recorded as one more alias.
 */
export function upsertDocument(db: CorpusDb, result: DocumentResult, extractorVersion: string): UpsertStats {
  const s = statements(db);
  return db.transaction((): UpsertStats => {
    const path = result.source.path;
    const previous = s.pathDocument.get(path)?.document_id ?? null;
    const existing = s.shaDocument.get(result.source.sha256)?.id ?? null;
    const notice = result.notice;
    const year = documentYear(result);
    const documentValues = [
      path, result.source.sha256, result.source.format, result.source.pages ?? null,
      result.source.sheets ? JSON.stringify(result.source.sheets) : null,
      notice.docNumber, notice.issuer, notice.title, notice.date, year, result.confidence,
      extractorVersion, JSON.stringify(result), new Date().toISOString(),
    ];
    let documentId: number;
    if (existing !== null) {
      removeChildren(s, existing);
      s.updateDocument.run(...documentValues, existing);
      documentId = existing;
    } else {
      documentId = Number(s.insertDocument.run(...documentValues).lastInsertRowid);
    }
    s.setPath.run(path, documentId);
    if (previous !== null && previous !== documentId && s.pathCount.get(previous)!.n === 0) {
      // The path used to hold other bytes that no other path holds: that document is gone.
      removeChildren(s, previous);
      s.deleteDocument.run(previous);
    }

    // The JSON stays as extracted; the rows carry the reviewers' corrections.
    const indicators = insertChildren(s, documentId, withCorrections(db, result, extractorVersion));
    return { documentId, tables: result.tables.length, indicators };
  })();
}

/** Tables, indicators and FTS rows of one document. Returns the number of indicators written. */
function insertChildren(s: Statements, documentId: number, result: DocumentResult): number {
  const notice = result.notice;
  const documentText = joinText(notice.docNumber, notice.issuer, notice.title);
  let indicators = 0;
  for (const table of result.tables) {
    const project = table.project;
    const tableId = Number(s.insertTable.run(
      documentId, table.index, table.title, table.kind, JSON.stringify(table.location), JSON.stringify(table.context),
      JSON.stringify(table.columns), table.confidence, JSON.stringify(table.warnings), tableYear(result, table),
      structureSignature(table.indicators),
      project ? JSON.stringify(project) : null, project?.name?.text ?? null, project?.department?.text ?? null, project?.implementer?.text ?? null,
      table.total ? JSON.stringify(table.total) : null, JSON.stringify(table.quality),
    ).lastInsertRowid);
    table.indicators.forEach((row, ord) => {
      // The typed block also carries what reviewers did to the row (search hits and exports show it).
      const typed = Object.fromEntries([...TYPED_INDICATOR_KEYS, ...REVIEW_KEYS].filter((key) => row[key] !== undefined).map((key) => [key, row[key]]));
      const id = s.insertIndicator.run(
        tableId, ord, row.level1, row.level2, row.level3, row.level1Canonical, row.level2Canonical,
        row.operator, row.value, row.number, row.unit, row.description, JSON.stringify(row.fields),
        JSON.stringify(row.source), row.confidence, JSON.stringify(row.flags),
        row.actual?.value ?? null, row.actual?.number ?? null, row.actual?.unit ?? null, row.weight?.number ?? null, row.score?.number ?? null,
        row.deviation?.text ?? null, row.direction?.value ?? row.direction?.text ?? null, row.basis?.text ?? null, row.origin?.text ?? null,
        row.remark?.text ?? null, JSON.stringify(typed), JSON.stringify(row.quality),
      ).lastInsertRowid;
      s.insertFts.run(
        id, row.level1 ?? '', row.level2 ?? '', row.level3, row.description ?? '',
        joinText(row.level1Canonical, row.level2Canonical), table.title ?? '', documentText,
      );
      indicators++;
    });
  }
  return indicators;
}

/** Fields a reviewed row carries (src/corrections/apply.ts). */
const REVIEW_KEYS = ['corrected', 'original', 'accepted', 'corrections'] as const;

/** RESULT with the corrections of its bytes (as recorded in this corpus) applied. */
export function withCorrections(db: CorpusDb, result: DocumentResult, extractorVersion: string): DocumentResult {
  return applyCorrections(result, listCorrections(db, result.source.sha256), extractionId(result.source.sha256, extractorVersion));
}

/**
 * Rewrites the rows of the document with these bytes after its corrections changed (its JSON,
 * as extracted, stays). False when the corpus does not hold it.
 */
export function reapplyCorrections(db: CorpusDb, sha256: string): boolean {
  const s = statements(db);
  return db.transaction(() => {
    const row = s.shaJson.get(sha256);
    if (!row) return false;
    removeChildren(s, row.id);
    insertChildren(s, row.id, withCorrections(db, JSON.parse(row.json) as DocumentResult, row.extractor_version));
    return true;
  })();
}

/**
 * Replaces a stored document's JSON and rows with RESULT, keeping its id, paths, stats and
 * extractor version (for data migrations: migrations.ts).
 */
export function rewriteStoredDocument(db: CorpusDb, documentId: number, result: DocumentResult): void {
  const s = statements(db);
  removeChildren(s, documentId);
  s.setJson.run(JSON.stringify(result), documentId);
  insertChildren(s, documentId, result);
}

/** True when PATH was read from this very file (absolute path, size, mtime) by the same extractor version. */
export function isDoneByStat(db: CorpusDb, path: string, stat: { file: string; size: number; mtimeMs: number }, extractorVersion: string): boolean {
  return statements(db).isDoneByStat.get(path, stat.file, stat.size, stat.mtimeMs, extractorVersion) !== undefined;
}

/** Records how the file behind PATH looked when it was read (for isDoneByStat). */
export function recordStat(db: CorpusDb, path: string, stat: { file: string; size: number; mtimeMs: number }): void {
  statements(db).setStat.run(stat.file, stat.size, stat.mtimeMs, path);
}

/** True when PATH was already written from the same bytes by the same extractor version (resumable batches). */
export function isDone(db: CorpusDb, path: string, sha256: string, extractorVersion: string): boolean {
  return statements(db).isDone.get(path, sha256, extractorVersion) !== undefined;
}

/** The stored DocumentResult of a source path, corrections applied (for a resumed batch that skips the file), or null. */
export function storedDocument(db: CorpusDb, path: string): DocumentResult | null {
  const row = statements(db).storedJson.get(path);
  if (!row) return null;
  const result = withCorrections(db, JSON.parse(row.json) as DocumentResult, row.extractor_version);
  return { ...result, source: { ...result.source, path } };
}
