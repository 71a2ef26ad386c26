// Corrections in the SQLite corpus (table `corrections`, corpus migration 6): the embedded store
// of `zhibiao serve --out DIR` and every later `zhibiao extract --out DIR` read the same file.
import { Correction } from '../model/corrections.ts';
import type { CorpusDb } from '../corpus/schema.ts';

interface CorrectionRow {
  id: string; sha256: string; document_id: string; extractor_version: string; anchor: string; action: string;
  field: string | null; before: string | null; after: string | null; by: string; at: string;
}

export function correctionFromRow(row: CorrectionRow): Correction {
  return Correction.parse({
    id: row.id, sha256: row.sha256, documentId: row.document_id, extractorVersion: row.extractor_version,
    anchor: typeof row.anchor === 'string' ? JSON.parse(row.anchor) : row.anchor,
    action: row.action, field: row.field, before: row.before, after: row.after, by: row.by,
    at: typeof row.at === 'string' ? row.at : new Date(row.at as unknown as Date).toISOString(),
  });
}

/** The columns of a correction, in the order of CORRECTION_COLUMNS. */
export function correctionValues(c: Correction): unknown[] {
  return [c.id, c.sha256, c.documentId, c.extractorVersion, JSON.stringify(c.anchor), c.action, c.field, c.before, c.after, c.by, c.at];
}

export const CORRECTION_COLUMNS = 'id, sha256, document_id, extractor_version, anchor, action, field, before, after, by, at';

const hasTable = new WeakMap<CorpusDb, boolean>();

/** Corrections of the document with these bytes, oldest first. */
export function listCorrections(db: CorpusDb, sha256: string): Correction[] {
  // A corpus opened read-only before migration 6 ran has no such table: no corrections.
  let known = hasTable.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'corrections'").get() !== undefined;
    hasTable.set(db, known);
  }
  if (!known) return [];
  const rows = db.prepare<[string], CorrectionRow>(`SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = ? ORDER BY at, id`).all(sha256);
  return rows.map(correctionFromRow);
}

export function insertCorrection(db: CorpusDb, correction: Correction): void {
  db.prepare(`INSERT INTO corrections (${CORRECTION_COLUMNS}) VALUES (${CORRECTION_COLUMNS.split(',').map(() => '?').join(', ')})`).run(...correctionValues(correction));
}
