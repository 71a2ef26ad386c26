// Where corrections are kept: the SQLite corpus (embedded `serve --out DIR`, and every later
// `extract --out DIR`) or PostgreSQL (`serve --db`). Both take the same Correction records.
import type pg from 'pg';
import type { Correction } from '../model/corrections.ts';
import { type CorpusDb, openCorpusDb } from '../corpus/schema.ts';
import { reapplyCorrections } from '../corpus/writer.ts';
import { CORRECTION_COLUMNS, correctionFromRow, correctionValues, insertCorrection, listCorrections } from './sqlite.ts';

export interface CorrectionStore {
  /** Corrections of the document with these bytes, oldest first. */
  list(sha256: string): Promise<Correction[]>;
  /** Records a correction; the corpus rows of its document are rewritten with it applied. */
  add(correction: Correction): Promise<void>;
  close(): Promise<void>;
}

/** Corrections in the SQLite corpus at PATH (created and migrated if needed). */
export class SqliteCorrections implements CorrectionStore {
  private readonly db: CorpusDb;

  constructor(path: string) {
    this.db = openCorpusDb(path);
  }

  async list(sha256: string): Promise<Correction[]> {
    return listCorrections(this.db, sha256);
  }

  async add(correction: Correction): Promise<void> {
    this.db.transaction(() => {
      insertCorrection(this.db, correction);
      // Search, export and templates read the rows: they see the correction at once.
      reapplyCorrections(this.db, correction.sha256);
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Corrections in PostgreSQL (zhibiao.corrections, queue migration 2). Phase B of issue 13 (the
 * corpus in PostgreSQL) rewrites its rows of the document in `add`, as the SQLite corpus does.
 */
export class PgCorrections implements CorrectionStore {
  constructor(private readonly pool: pg.Pool) {}

  async list(sha256: string): Promise<Correction[]> {
    const { rows } = await this.pool.query(`SELECT ${CORRECTION_COLUMNS} FROM zhibiao.corrections WHERE sha256 = $1 ORDER BY at, id`, [sha256]);
    return rows.map(correctionFromRow);
  }

  async add(correction: Correction): Promise<void> {
    const placeholders = CORRECTION_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ');
    await this.pool.query(`INSERT INTO zhibiao.corrections (${CORRECTION_COLUMNS}) VALUES (${placeholders})`, correctionValues(correction));
  }

  async close(): Promise<void> {}
}
