// Searching the corpus: FTS5 trigram MATCH for terms of three or more characters, LIKE for
// shorter ones (a trigram index cannot look up one or two characters), filters as SQL.
import type { Indicator, IndicatorSource, Operator, TableKind, TypedIndicatorKey } from '../model/schema.ts';
import { mapSymbolFontChars, safeNfkc } from '../normalize/text.ts';
import type { CorpusDb } from './schema.ts';

export interface SearchFilters {
  /** Exact 一级指标 as written or its canonical name. */
  level1?: string;
  /** Exact 二级指标 as written or its canonical name. */
  level2?: string;
  kind?: TableKind;
  /** Substring of the issuing office. */
  issuer?: string;
  /** The table's year (document date, else 起始/年度 in its context, else its title). */
  year?: number;
  /** Substring of the table's project name (项目名称, or 部门名称 of a 部门整体 table). */
  project?: string;
}

/** One indicator with its table and document: a search hit and an export row (schema v2 fields included). */
export type CorpusRow = CorpusRowBase & Pick<Indicator, TypedIndicatorKey | 'quality'>;

interface CorpusRowBase {
  path: string;
  docNumber: string | null;
  issuer: string | null;
  docTitle: string | null;
  date: string | null;
  year: number | null;
  tableIndex: number;
  tableTitle: string | null;
  kind: TableKind;
  projectName: string | null;
  department: string | null;
  implementer: string | null;
  level1: string | null;
  level2: string | null;
  level3: string;
  level1Canonical: string | null;
  level2Canonical: string | null;
  operator: Operator | null;
  value: string | null;
  number: number | null;
  unit: string | null;
  description: string | null;
  source: IndicatorSource;
  confidence: number;
  flags: string[];
  fields: Record<string, string>;
}

interface RawRow {
  path: string; doc_number: string | null; issuer: string | null; doc_title: string | null; date: string | null;
  year: number | null; table_index: number; table_title: string | null; kind: TableKind;
  level1: string | null; level2: string | null; level3: string; level1_canonical: string | null; level2_canonical: string | null;
  operator: Operator | null; value: string | null; number: number | null; unit: string | null; description: string | null;
  source: string; confidence: number; flags: string; fields: string;
  project_name: string | null; department: string | null; implementer: string | null; typed: string; quality: string;
}

const SELECT = `SELECT d.path, d.doc_number, d.issuer, d.title AS doc_title, d.date, t.year, t.idx AS table_index,
  t.title AS table_title, t.kind, i.level1, i.level2, i.level3, i.level1_canonical, i.level2_canonical,
  i.operator, i.value, i.number, i.unit, i.description, i.source, i.confidence, i.flags, i.fields,
  t.project_name, t.department, t.implementer, i.typed, i.quality
  FROM indicators i JOIN tables t ON t.id = i.table_id JOIN documents d ON d.id = t.document_id`;

/** Columns a short (LIKE) term is looked for in: the same text the FTS index holds. */
const LIKE_COLUMNS = ['i.level1', 'i.level2', 'i.level3', 'i.description', 'i.level1_canonical', 'i.level2_canonical',
  't.title', 'd.doc_number', 'd.issuer', 'd.title'];

/** bm25 column weights of indicator_fts (level1, level2, level3, description, canonical, table_title, document). */
const BM25 = 'bm25(indicator_fts, 2.0, 2.0, 10.0, 3.0, 1.0, 4.0, 1.0)';

function toRow(raw: RawRow): CorpusRow {
  return {
    path: raw.path, docNumber: raw.doc_number, issuer: raw.issuer, docTitle: raw.doc_title, date: raw.date, year: raw.year,
    tableIndex: raw.table_index, tableTitle: raw.table_title, kind: raw.kind,
    projectName: raw.project_name, department: raw.department, implementer: raw.implementer,
    level1: raw.level1, level2: raw.level2, level3: raw.level3,
    level1Canonical: raw.level1_canonical, level2Canonical: raw.level2_canonical,
    operator: raw.operator, value: raw.value, number: raw.number, unit: raw.unit, description: raw.description,
    source: JSON.parse(raw.source) as IndicatorSource, confidence: raw.confidence,
    flags: JSON.parse(raw.flags) as string[], fields: JSON.parse(raw.fields) as Record<string, string>,
    ...(JSON.parse(raw.typed) as Pick<Indicator, TypedIndicatorKey>),
    quality: JSON.parse(raw.quality) as Indicator['quality'],
  };
}

/**
 * The value as a reader would write it: `≥95%`, `定性 优、良`; with no value (a table that only
 * gives operator and unit) the unit is labelled: `≥ (单位: 次)`. Null when there is nothing.
 */
export function valueText(row: { operator: string | null; value: string | null; unit: string | null }): string | null {
  const operator = row.operator === '定性' ? '定性 ' : (row.operator ?? '');
  if (row.value !== null) return `${operator}${row.value}${row.unit ?? ''}`.trim();
  if (row.unit !== null) return `${operator} (单位: ${row.unit})`.trim();
  return operator.trim() || null;
}

/** Query terms: folded like the indexed text (NFKC, Symbol-font characters), split at whitespace. */
export function queryTerms(query: string): string[] {
  return safeNfkc(mapSymbolFontChars(query)).split(/[\s\u3000]+/u).filter(Boolean);
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/gu, (ch) => `\\${ch}`);
}

interface Built {
  sql: string;
  params: unknown[];
}

/** The SELECT of every indicator matching QUERY (all terms, AND) and the filters. */
function buildQuery(query: string | undefined, filters: SearchFilters): Built {
  const terms = queryTerms(query ?? '');
  const longTerms = terms.filter((term) => [...term].length >= 3);
  const shortTerms = terms.filter((term) => [...term].length < 3);
  const where: string[] = [];
  const params: unknown[] = [];
  let from = SELECT;
  let order = 'd.path, t.idx, i.ord';
  if (longTerms.length > 0) {
    // The MATCH runs first in a subquery (its rank computed once); joining indicators to the
    // FTS table instead lets the planner probe the FTS row by row, twice as slow.
    from = from.replace('FROM indicators i', `FROM (SELECT rowid AS id, ${BM25} AS rank FROM indicator_fts WHERE indicator_fts MATCH ?) f
      JOIN indicators i ON i.id = f.id`);
    params.push(longTerms.map((term) => `"${term.replace(/"/gu, '""')}"`).join(' AND '));
    order = `f.rank, ${order}`;
  }
  for (const term of shortTerms) {
    where.push(`(${LIKE_COLUMNS.map((column) => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    const pattern = `%${escapeLike(term)}%`;
    params.push(...LIKE_COLUMNS.map(() => pattern));
  }
  if (longTerms.length === 0 && shortTerms.length > 0) {
    // No bm25 without MATCH: rows whose indicator name holds the terms come first.
    order = `(${shortTerms.map(() => "i.level3 LIKE ? ESCAPE '\\'").join(' AND ')}) DESC, ${order}`;
  }
  const orderParams = longTerms.length === 0 ? shortTerms.map((term) => `%${escapeLike(term)}%`) : [];
  if (filters.level1 !== undefined) {
    where.push('(i.level1 = ? OR i.level1_canonical = ?)');
    params.push(filters.level1, filters.level1);
  }
  if (filters.level2 !== undefined) {
    where.push('(i.level2 = ? OR i.level2_canonical = ?)');
    params.push(filters.level2, filters.level2);
  }
  if (filters.kind !== undefined) {
    where.push('t.kind = ?');
    params.push(filters.kind);
  }
  if (filters.issuer !== undefined) {
    where.push("d.issuer LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(filters.issuer)}%`);
  }
  if (filters.year !== undefined) {
    where.push('t.year = ?');
    params.push(filters.year);
  }
  if (filters.project !== undefined) {
    where.push("t.project_name LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(filters.project)}%`);
  }
  const sql = `${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
  return { sql, params: [...params, ...orderParams] };
}

/**
 * Indicators matching QUERY (whitespace-separated terms, all required) and the filters, best
 * first. An empty query lists every indicator that passes the filters. `limit` ≤ 0: no limit.
 */
export function searchCorpus(db: CorpusDb, query: string, filters: SearchFilters = {}, limit = 50): CorpusRow[] {
  const { sql, params } = buildQuery(query, filters);
  const limited = limit > 0 ? `${sql} LIMIT ?` : sql;
  const rows = db.prepare(limited).all(...params, ...(limit > 0 ? [limit] : [])) as RawRow[];
  return rows.map(toRow);
}

/** Every matching row, one at a time (for exports of large corpora). */
export function* iterateCorpus(db: CorpusDb, query?: string, filters: SearchFilters = {}): Generator<CorpusRow> {
  const { sql, params } = buildQuery(query, filters);
  for (const raw of db.prepare(sql).iterate(...params) as Iterable<RawRow>) yield toRow(raw);
}
