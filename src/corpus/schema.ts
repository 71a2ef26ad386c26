// The corpus database (SPEC §3.3 `corpus.sqlite`): opening and migrating. One SQLite file in
// WAL mode; `PRAGMA user_version` is the corpus schema version.
//
// Where the corpus SQL lives (all of it, so that another engine means touching these files only):
//   migrations.ts  every DDL statement and data migration, in order
//   writer.ts      every write (documents, paths and their stat, tables, indicators, FTS)
//   search.ts      search and export reads; templates.ts template-family reads
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.ts';

export type CorpusDb = Database.Database;

/** A corpus that cannot be opened or is not a zhibiao corpus: the CLI prints the message and exits 1. */
export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

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
    const step = MIGRATIONS[v];
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
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
