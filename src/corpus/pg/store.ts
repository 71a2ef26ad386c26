// The corpus in PostgreSQL (`serve --db`, `worker`, `extract --db`): one row per indicator with its
// table and document, written in the transaction that records the document as done, so the API's
// search, templates and export read every finished document on any machine. The row itself is
// kept as the CorpusRow JSON the SQLite corpus answers; the columns beside it are for filtering,
// ordering and the bigram tsvector index (terms.ts). Schema: migration 3 of pipelines/queue-schema.ts.
import type pg from 'pg';
import { type DocumentResult, type Indicator, TYPED_INDICATOR_KEYS, type TypedIndicatorKey } from '../../model/schema.ts';
import type { CorpusRow, SearchFilters } from '../search.ts';
import { queryTerms } from '../search.ts';
import { structureSignature, tableYear } from '../writer.ts';
import { type FamilyMember, type MemberValue, type TemplateDetail, type TemplateFamily, templateDetailOf, templateIdPattern } from '../templates.ts';
import { structureOf } from '../writer.ts';
import { type TermCache, type Weight, rowTerms, sharedTerms, termsSql, tsqueryOf } from './terms.ts';

export const PG_CORPUS_SCHEMA = `
  CREATE TABLE zhibiao.corpus_rows (
    id bigserial PRIMARY KEY,
    document_id text NOT NULL REFERENCES zhibiao.documents ON DELETE CASCADE,
    path text NOT NULL,
    table_index int NOT NULL,
    ord int NOT NULL,
    signature text NOT NULL,             -- template family (structureSignature of the table)
    kind text NOT NULL,
    year int,
    issuer text,
    level1 text, level2 text, level1_canonical text, level2_canonical text,
    row json NOT NULL,                   -- the CorpusRow, its keys in order (json, not jsonb)
    terms tsvector NOT NULL              -- Han bigrams + single characters, weighted by field
  );
  CREATE INDEX corpus_rows_document ON zhibiao.corpus_rows (document_id);
  CREATE INDEX corpus_rows_order ON zhibiao.corpus_rows (path, table_index, ord, id);
  CREATE INDEX corpus_rows_signature ON zhibiao.corpus_rows (signature);
  CREATE INDEX corpus_rows_terms ON zhibiao.corpus_rows USING gin (terms);
`;

const COLUMNS = ['document_id', 'path', 'table_index', 'ord', 'signature', 'kind', 'year', 'issuer', 'level1', 'level2', 'level1_canonical', 'level2_canonical', 'row', 'terms'];

/** The keys of a corpus row that every row of one table has (the first keys of a CorpusRow, in order). */
type TablePart = Pick<CorpusRow, 'path' | 'docNumber' | 'issuer' | 'docTitle' | 'date' | 'year' | 'tableIndex' | 'tableTitle' | 'kind' | 'projectName' | 'department' | 'implementer'>;
/** The keys of one indicator (the rest of a CorpusRow, in order). */
type IndicatorPart = Omit<CorpusRow, keyof TablePart>;

function tablePartOf(result: DocumentResult, table: DocumentResult['tables'][number], tableIndex: number): TablePart {
  const { notice } = result;
  return {
    path: result.source.path, docNumber: notice.docNumber, issuer: notice.issuer, docTitle: notice.title, date: notice.date,
    year: tableYear(result, table), tableIndex, tableTitle: table.title, kind: table.kind,
    projectName: table.project?.name?.text ?? null, department: table.project?.department?.text ?? null, implementer: table.project?.implementer?.text ?? null,
  };
}

function indicatorPartOf(indicator: Indicator): IndicatorPart {
  return {
    level1: indicator.level1, level2: indicator.level2, level3: indicator.level3,
    level1Canonical: indicator.level1Canonical, level2Canonical: indicator.level2Canonical,
    operator: indicator.operator, value: indicator.value, number: indicator.number, unit: indicator.unit, description: indicator.description,
    source: indicator.source, confidence: indicator.confidence, flags: indicator.flags, fields: indicator.fields,
    ...(Object.fromEntries(TYPED_INDICATOR_KEYS.map((key) => [key, indicator[key]])) as Pick<Indicator, TypedIndicatorKey>),
    quality: indicator.quality,
  };
}

/** The corpus rows of a result (the same rows the SQLite corpus search answers). */
export function corpusRowsOf(result: DocumentResult): CorpusRow[] {
  return result.tables.flatMap((table, tableIndex) => {
    const shared = tablePartOf(result, table, tableIndex);
    return table.indicators.map((indicator): CorpusRow => ({ ...shared, ...indicatorPartOf(indicator) }));
  });
}

/** The fields of a row's terms: its own (三级指标 first), then those every row of its table shares; the fields the SQLite corpus indexes. */
const ownFields = (row: Pick<CorpusRow, 'level3' | 'level1' | 'level2' | 'level1Canonical' | 'level2Canonical' | 'description'>): [string | null, Weight][] => [
  [row.level3, 'A'], [row.level1, 'B'], [row.level2, 'B'], [row.level1Canonical, 'B'], [row.level2Canonical, 'B'], [row.description, 'C']];
const sharedFields = (row: Pick<CorpusRow, 'tableTitle' | 'docNumber' | 'issuer' | 'docTitle'>): [string | null, Weight][] => [
  [row.tableTitle, 'D'], [row.docNumber, 'D'], [row.issuer, 'D'], [row.docTitle, 'D']];

/** Recomputes every row's terms (schema migration 5: rows indexed by an older cut), a thousand rows per statement. */
export async function reindexCorpusTerms(client: pg.ClientBase): Promise<void> {
  let after = '0';
  for (;;) {
    const { rows } = await client.query<{ id: string; row: CorpusRow }>('SELECT id, row FROM zhibiao.corpus_rows WHERE id > $1 ORDER BY id LIMIT 1000', [after]);
    if (!rows.length) return;
    const terms = rows.map((r) => ({ shared: sharedTerms(sharedFields(r.row)), ...rowTerms(ownFields(r.row)) }));
    await client.query(`UPDATE zhibiao.corpus_rows c SET terms = ${termsSql({ own: 't.own', singles: 't.singles' }, { literal: 't.shared', singles: 't.shared_singles' })}
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, own, singles, shared, shared_singles) WHERE c.id = t.id`,
    [rows.map((r) => r.id), terms.map((t) => t.own), terms.map((t) => t.singles), terms.map((t) => t.shared.literal), terms.map((t) => t.shared.singles)]);
    after = rows[rows.length - 1].id;
  }
}

/**
 * The parameters of one statement: a value that recurs (the document's id and path, a table's
 * kind, a level name) is sent once and named by every row that has it.
 */
class Parameters {
  readonly values: unknown[] = [];
  private readonly named = new Map<string, string>();

  /** A parameter of VALUE cast to TYPE, shared with every other use of the same value and type; NULL for null. */
  shared(value: string | number | null, type: 'text' | 'int'): string {
    if (value === null) return 'NULL';
    const key = `${type}\0${value}`;
    let name = this.named.get(key);
    if (name === undefined) {
      name = this.add(value, type);
      this.named.set(key, name);
    }
    return name;
  }

  /** A parameter of its own (a value no other row has). */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

const ROWS_PER_STATEMENT = 500;

/** The columns of a row as the statement sends them: its table's part of the JSON and terms come from the table's tuple. */
const ROW_VALUES = 'document_id, path, table_index, ord, signature, kind, year, issuer, level1, level2, level1_canonical, level2_canonical, tail, own, singles';

/**
 * Replaces the corpus rows of document ID by those of RESULT (on CLIENT, inside the caller's
 * transaction). Each row's JSON is stored as JSON.stringify of the CorpusRow, byte for byte, but
 * sent as its indicator's keys, joined in SQL to its table's (sent once per table); its terms
 * likewise (termsSql): what every row of a table shares is cut, stringified, sent and parsed by
 * PostgreSQL once per table.
 */
export async function writeCorpusRows(client: pg.ClientBase, id: string, result: DocumentResult): Promise<void> {
  await client.query('DELETE FROM zhibiao.corpus_rows WHERE document_id = $1', [id]);
  const cache: TermCache = new Map();
  let params = new Parameters();
  let rows: string[] = [];
  let tables: string[] = [];
  const flush = async () => {
    if (!rows.length) return;
    await client.query(`INSERT INTO zhibiao.corpus_rows (${COLUMNS.join(', ')})
      SELECT r.document_id, r.path, r.table_index, r.ord, r.signature, r.kind, r.year::int, r.issuer, r.level1, r.level2, r.level1_canonical, r.level2_canonical,
        (t.head || r.tail)::json, ${termsSql({ own: 'r.own', singles: 'r.singles' }, { literal: 't.terms', singles: 't.singles' })}
      FROM (VALUES ${rows.join(', ')}) AS r(${ROW_VALUES}) JOIN (VALUES ${tables.join(', ')}) AS t(table_index, head, terms, singles) ON t.table_index = r.table_index`, params.values);
    params = new Parameters();
    rows = [];
    tables = [];
  };
  for (const [tableIndex, table] of result.tables.entries()) {
    if (!table.indicators.length) continue;
    const part = tablePartOf(result, table, tableIndex);
    // `{"path":…,"implementer":null,` — the row's JSON up to its indicator's keys.
    const head = `${JSON.stringify(part).slice(0, -1)},`;
    const signature = structureSignature(table.indicators);
    const shared = sharedTerms(sharedFields(part), cache);
    let tableIn: Parameters | null = null;
    let columns = '';
    for (const [ord, indicator] of table.indicators.entries()) {
      if (rows.length === ROWS_PER_STATEMENT) await flush();
      if (tableIn !== params) {
        // The table's tuple in this statement.
        tableIn = params;
        tables.push(`(${params.shared(tableIndex, 'int')}, ${params.add(head, 'text')}, ${params.add(shared.literal, 'tsvector')}, ${params.add(shared.singles, 'tsvector')})`);
        columns = [params.shared(id, 'text'), params.shared(part.path, 'text'), params.shared(tableIndex, 'int')].join(', ');
      }
      const own = indicatorPartOf(indicator);
      const terms = rowTerms(ownFields(own), cache);
      rows.push(`(${[
        columns, params.shared(ord, 'int'),
        params.shared(signature, 'text'), params.shared(part.kind, 'text'), params.shared(part.year, 'int'), params.shared(part.issuer, 'text'),
        params.shared(own.level1, 'text'), params.shared(own.level2, 'text'), params.shared(own.level1Canonical, 'text'), params.shared(own.level2Canonical, 'text'),
        params.add(JSON.stringify(own).slice(1), 'text'), params.add(terms.own, 'text'), params.add(terms.singles, 'text'),
      ].join(', ')})`);
    }
  }
  await flush();
}

/** The WHERE clause of the search filters (as the SQLite corpus reads them), its parameters numbered from FIRST. */
function filterSql(filters: SearchFilters, params: unknown[]): string[] {
  const where: string[] = [];
  const param = (value: unknown) => { params.push(value); return `$${params.length}`; };
  if (filters.level1 !== undefined) { const p = param(filters.level1); where.push(`(level1 = ${p} OR level1_canonical = ${p})`); }
  if (filters.level2 !== undefined) { const p = param(filters.level2); where.push(`(level2 = ${p} OR level2_canonical = ${p})`); }
  if (filters.kind !== undefined) where.push(`kind = ${param(filters.kind)}`);
  if (filters.issuer !== undefined) where.push(`issuer ILIKE ${param(`%${filters.issuer.replace(/[\\%_]/gu, (ch) => `\\${ch}`)}%`)}`);
  if (filters.year !== undefined) where.push(`year = ${param(filters.year)}`);
  return where;
}

export class PgCorpus {
  constructor(private readonly pool: pg.Pool) {}

  /** Indicators matching QUERY (every term as a phrase) and the filters, best first (field-weighted rank, then document order). */
  async search(query: string, filters: SearchFilters, limit: number): Promise<CorpusRow[]> {
    const params: unknown[] = [];
    const tsquery = tsqueryOf(queryTerms(query));
    if (tsquery === null) return [];
    params.push(tsquery);
    const where = ['terms @@ $1::tsquery', ...filterSql(filters, params)];
    params.push(limit);
    const { rows } = await this.pool.query<{ row: CorpusRow }>(`SELECT row FROM zhibiao.corpus_rows WHERE ${where.join(' AND ')}
      ORDER BY ts_rank(terms, $1::tsquery) DESC, path, table_index, ord, id LIMIT $${params.length}`, params);
    return rows.map((r) => r.row);
  }

  /** Every matching row in document order, read a page at a time (keyset), for exports of any size. */
  async *rows(query: string | undefined, filters: SearchFilters, pageSize = 1000): AsyncGenerator<CorpusRow> {
    const base: unknown[] = [];
    const where = filterSql(filters, base);
    if (query !== undefined) {
      const tsquery = tsqueryOf(queryTerms(query));
      if (tsquery === null) return;
      base.push(tsquery);
      where.push(`terms @@ $${base.length}::tsquery`);
    }
    let after: [string, number, number, string] | null = null;
    for (;;) {
      const params = [...base];
      const page = [...where];
      if (after) {
        params.push(...after);
        const n = params.length;
        page.push(`(path, table_index, ord, id) > ($${n - 3}, $${n - 2}, $${n - 1}, $${n})`);
      }
      params.push(pageSize);
      const { rows } = await this.pool.query<{ row: CorpusRow; path: string; table_index: number; ord: number; id: string }>(
        `SELECT row, path, table_index, ord, id FROM zhibiao.corpus_rows ${page.length ? `WHERE ${page.join(' AND ')}` : ''}
        ORDER BY path, table_index, ord, id LIMIT $${params.length}`, params);
      for (const r of rows) yield r.row;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.path, last.table_index, last.ord, last.id];
    }
  }

  /** Every template family with at least MIN members, largest first (then earliest year, then id), as the SQLite corpus lists them. */
  async templates(min: number): Promise<TemplateFamily[]> {
    const { rows } = await this.pool.query<TemplateFamily>(`
      WITH t AS (
        SELECT signature, document_id, table_index, min(path) AS path, min(issuer) AS issuer, min(row->>'tableTitle') AS title,
          min(kind) AS kind, min(year) AS year, count(*)::int AS n
        FROM zhibiao.corpus_rows GROUP BY signature, document_id, table_index),
      f AS (
        SELECT signature, count(*)::int AS members, count(DISTINCT document_id)::int AS documents, min(n) AS indicators,
          min(year) AS first_year, max(year) AS last_year
        FROM t GROUP BY signature HAVING count(*) >= $1)
      SELECT f.signature AS id, f.members, f.documents, f.indicators, f.first_year AS "firstYear", f.last_year AS "lastYear",
        coalesce((SELECT array_agg(v ORDER BY c DESC, v) FROM (SELECT title AS v, count(*) AS c FROM t WHERE t.signature = f.signature AND title IS NOT NULL GROUP BY title) x), '{}') AS titles,
        coalesce((SELECT array_agg(v ORDER BY c DESC, v) FROM (SELECT issuer AS v, count(*) AS c FROM t WHERE t.signature = f.signature AND issuer IS NOT NULL GROUP BY issuer) x), '{}') AS issuers,
        coalesce((SELECT array_agg(v ORDER BY c DESC, v) FROM (SELECT kind AS v, count(*) AS c FROM t WHERE t.signature = f.signature GROUP BY kind) x), '{}') AS kinds,
        coalesce((SELECT array_agg(l ORDER BY o) FROM (
          SELECT coalesce(r.level1_canonical, r.level1) AS l, min(r.ord) AS o FROM zhibiao.corpus_rows r
          WHERE (r.document_id, r.table_index) = (SELECT document_id, table_index FROM t WHERE t.signature = f.signature ORDER BY path, table_index LIMIT 1)
            AND coalesce(r.level1_canonical, r.level1) IS NOT NULL
          GROUP BY 1) y), '{}') AS level1
      FROM f ORDER BY f.members DESC, coalesce(f.first_year, 9999), f.signature`, [min]);
    return rows;
  }

  /** Family ids starting with PREFIX (an id or a unique prefix of one). */
  async resolveTemplateId(prefix: string): Promise<string[]> {
    const pattern = templateIdPattern(prefix);
    if (pattern === null) return [];
    const { rows } = await this.pool.query<{ signature: string }>('SELECT DISTINCT signature FROM zhibiao.corpus_rows WHERE signature LIKE $1 ORDER BY signature', [pattern]);
    return rows.map((row) => row.signature);
  }

  /** One family with its indicators (and the values seen for each) and its member tables, as the SQLite corpus shows it; null if unknown. */
  async template(id: string): Promise<TemplateDetail | null> {
    const { rows } = await this.pool.query<MemberValue & {
      document_id: string; path: string; table_index: number; kind: FamilyMember['kind']; year: number | null; issuer: string | null;
      level1: string | null; level2: string | null; level3: string; level1_canonical: string | null; level2_canonical: string | null;
      doc_number: string | null; table_title: string | null;
    }>(`SELECT document_id, path, table_index, ord, kind, year, issuer, level1, level2, row->>'level3' AS level3, level1_canonical, level2_canonical,
        row->>'docNumber' AS doc_number, row->>'tableTitle' AS table_title, row->>'operator' AS operator, row->>'value' AS value, row->>'unit' AS unit
      FROM zhibiao.corpus_rows WHERE signature = $1 ORDER BY path, table_index, ord, id`, [id]);
    if (!rows.length) return null;
    const members: FamilyMember[] = [];
    let last: (typeof rows)[number] | null = null;
    for (const row of rows) {
      if (last && last.document_id === row.document_id && last.table_index === row.table_index) members[members.length - 1].indicators++;
      else {
        members.push({ path: row.path, docNumber: row.doc_number, issuer: row.issuer, tableIndex: row.table_index, tableTitle: row.table_title,
          kind: row.kind, year: row.year, documentId: row.document_id, indicators: 1 });
      }
      last = row;
    }
    const first = rows.filter((row) => row.document_id === rows[0].document_id && row.table_index === rows[0].table_index);
    const structure = structureOf(first.map((row) => ({ level1: row.level1, level2: row.level2, level3: row.level3, level1Canonical: row.level1_canonical, level2Canonical: row.level2_canonical })));
    return templateDetailOf(id, members, structure, rows);
  }
}
