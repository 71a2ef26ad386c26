// The corpus database (SPEC §3.3 `corpus.sqlite`): schema, migrations and opening.
// One SQLite file in WAL mode; `PRAGMA user_version` is the corpus schema version.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type CorpusDb = Database.Database;

/** A corpus that cannot be opened or is not a zhibiao corpus: the CLI prints the message and exits 1. */
export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

/**
 * Migrations, applied in order; migration i brings the schema to version i + 1. Never edit
 * a shipped migration: append a new one.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,                  -- source path of the last write (relative to the batch root)
    sha256 TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    pages INTEGER,
    sheets TEXT,                         -- JSON array or NULL
    doc_number TEXT,
    issuer TEXT,
    title TEXT,
    date TEXT,                           -- YYYY-MM-DD
    year INTEGER,                        -- from date, else from the 文号's 〔year〕
    confidence REAL NOT NULL,
    extractor_version TEXT NOT NULL,
    json TEXT NOT NULL,                  -- the whole DocumentResult
    indexed_at TEXT NOT NULL
  );
  -- Every source path that produced a document (identical files under two paths share one document).
  CREATE TABLE document_paths (
    path TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
  );
  CREATE INDEX document_paths_document ON document_paths(document_id);
  CREATE TABLE tables (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    title TEXT,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,              -- JSON
    context TEXT NOT NULL,               -- JSON
    columns TEXT NOT NULL,               -- JSON
    confidence REAL NOT NULL,
    warnings TEXT NOT NULL,              -- JSON
    year INTEGER,                        -- document year, else 起始/年度 in context, else a year in the title
    signature TEXT NOT NULL,             -- template family id: hash of the ordered (level1, level2, level3) triples
    UNIQUE (document_id, idx)
  );
  CREATE INDEX tables_signature ON tables(signature);
  CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,                -- position in the table
    level1 TEXT,
    level2 TEXT,
    level3 TEXT NOT NULL,
    level1_canonical TEXT,
    level2_canonical TEXT,
    operator TEXT,
    value TEXT,
    number REAL,
    unit TEXT,
    description TEXT,
    fields TEXT NOT NULL,                -- JSON
    source TEXT NOT NULL,                -- JSON
    confidence REAL NOT NULL,
    flags TEXT NOT NULL                  -- JSON
  );
  CREATE INDEX indicators_table ON indicators(table_id, ord);
  CREATE INDEX indicators_level1 ON indicators(level1);
  CREATE INDEX indicators_level1_canonical ON indicators(level1_canonical);
  -- Full-text index, one row per indicator (rowid = indicators.id). Trigram: any substring of
  -- three or more characters matches, which suits Chinese (no word segmentation needed).
  CREATE VIRTUAL TABLE indicator_fts USING fts5(
    level1, level2, level3, description, canonical, table_title, document,
    tokenize = 'trigram'
  );
  `,
  // 2: document order (path, table, row) straight from indexes, no sort of the whole corpus.
  `
  CREATE INDEX documents_path ON documents(path);
  `,
  // 3: how each source file looked when it was read (absolute path, size, mtime), so an unchanged
  // re-run of a batch skips it from a stat() alone, without reading and hashing it.
  `
  ALTER TABLE document_paths ADD COLUMN file TEXT;
  ALTER TABLE document_paths ADD COLUMN size INTEGER;
  ALTER TABLE document_paths ADD COLUMN mtime_ms REAL;
  `,
];

export const CORPUS_SCHEMA_VERSION = MIGRATIONS.length;

function configure(db: CorpusDb): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function schemaVersion(db: CorpusDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Opens (creating if needed) a corpus for writing and brings its schema up to date. */
export function openCorpusDb(path: string): CorpusDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: CorpusDb;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new CorpusError(`${path}: cannot open the corpus: ${(error as Error).message}`);
  }
  configure(db);
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: CorpusDb, path: string): void {
  let version: number;
  try {
    version = schemaVersion(db);
  } catch (error) {
    throw new CorpusError(`${path}: not a SQLite database (${(error as Error).message})`);
  }
  if (version > CORPUS_SCHEMA_VERSION) {
    throw new CorpusError(`${path}: corpus schema version ${version} is newer than this zhibiao understands (${CORPUS_SCHEMA_VERSION})`);
  }
  if (version === 0) {
    const objects = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (objects.n > 0) throw new CorpusError(`${path}: an existing SQLite database that is not a zhibiao corpus`);
  }
  for (let v = version; v < CORPUS_SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Opens an existing corpus for reading (search, templates, export). */
export function openCorpusReadonly(path: string): CorpusDb {
  if (!existsSync(path)) {
    throw new CorpusError(`no corpus at ${path} (run \`zhibiao extract … --out DIR\` to build DIR/corpus.sqlite, or pass --corpus FILE)`);
  }
  let db: CorpusDb;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    configure(db);
  } catch (error) {
    throw new CorpusError(`${path}: cannot open the corpus: ${(error as Error).message}`);
  }
  let version: number;
  try {
    version = schemaVersion(db);
  } catch (error) {
    db.close();
    throw new CorpusError(`${path}: not a SQLite database (${(error as Error).message})`);
  }
  if (version === 0 || version > CORPUS_SCHEMA_VERSION) {
    db.close();
    throw new CorpusError(version === 0
      ? `${path}: not a zhibiao corpus (no corpus schema)`
      : `${path}: corpus schema version ${version} is newer than this zhibiao understands (${CORPUS_SCHEMA_VERSION})`);
  }
  return db;
}
