// Every change to the corpus schema, in order: migration i brings the schema to version i + 1.
// Never edit a shipped migration: append a new one. A migration is SQL, or a function for
// changes that need the code (rewriting stored documents); each runs in one transaction.
import type { CorpusDb } from './schema.ts';
import { isV1Document, upgradeV1Document } from './upgrade-v1.ts';
import { rewriteStoredDocument } from './writer.ts';

export type Migration = string | ((db: CorpusDb) => void);

/** Rewrites every stored schema v1 document as v2 (same extractor version, same paths). */
function upgradeV1Documents(db: CorpusDb): void {
  const rows = db.prepare('SELECT id, json FROM documents').all() as { id: number; json: string }[];
  for (const row of rows) {
    const doc = JSON.parse(row.json) as { schemaVersion?: unknown };
    if (isV1Document(doc)) rewriteStoredDocument(db, row.id, upgradeV1Document(doc));
  }
}

export const MIGRATIONS: Migration[] = [
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
  // 4: schema v2 (forms as data): typed indicator fields as columns for filters and exports,
  // the whole typed block and the quality findings as JSON; the project block and 总分 row per table.
  `
  ALTER TABLE indicators ADD COLUMN actual_value TEXT;
  ALTER TABLE indicators ADD COLUMN actual_number REAL;
  ALTER TABLE indicators ADD COLUMN actual_unit TEXT;
  ALTER TABLE indicators ADD COLUMN weight_number REAL;  -- 分值/权重
  ALTER TABLE indicators ADD COLUMN score_number REAL;   -- 得分
  ALTER TABLE indicators ADD COLUMN deviation TEXT;
  ALTER TABLE indicators ADD COLUMN direction TEXT;      -- 正向 | 反向 | 中性
  ALTER TABLE indicators ADD COLUMN basis TEXT;
  ALTER TABLE indicators ADD COLUMN origin TEXT;
  ALTER TABLE indicators ADD COLUMN remark TEXT;
  ALTER TABLE indicators ADD COLUMN typed TEXT;          -- JSON: target, actual, weight, score, deviation, direction, history, basis, origin, remark
  ALTER TABLE indicators ADD COLUMN quality TEXT;        -- JSON: the indicator's quality findings
  ALTER TABLE tables ADD COLUMN project TEXT;            -- JSON or NULL
  ALTER TABLE tables ADD COLUMN project_name TEXT;
  ALTER TABLE tables ADD COLUMN department TEXT;
  ALTER TABLE tables ADD COLUMN implementer TEXT;
  ALTER TABLE tables ADD COLUMN total TEXT;              -- JSON or NULL
  ALTER TABLE tables ADD COLUMN quality TEXT;            -- JSON: the table's quality findings
  CREATE INDEX tables_project_name ON tables(project_name);
  `,
  // 5: documents written by a schema v1 zhibiao are brought to v2 in place (upgrade-v1.ts):
  // their JSON, tables and indicators rewritten with typed fields, project block and quality.
  upgradeV1Documents,
  // 6: reviewers' corrections (src/corrections/), kept by the document's bytes so that they outlive
  // any one extraction; each indicator row keeps what was applied to it (corrected, original,
  // accepted, corrections) as JSON.
  `
  CREATE TABLE corrections (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,                -- the document's bytes
    document_id TEXT NOT NULL,           -- the extraction the reviewer looked at
    extractor_version TEXT NOT NULL,
    anchor TEXT NOT NULL,                -- JSON RowAnchor: the row's identity
    action TEXT NOT NULL,                -- edit | accept | not-indicator | restore
    field TEXT,
    before TEXT,
    after TEXT,
    by TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX corrections_sha256 ON corrections(sha256, at);
  ALTER TABLE indicators ADD COLUMN review TEXT;  -- JSON or NULL: corrected, original, accepted, corrections
  `,
];
