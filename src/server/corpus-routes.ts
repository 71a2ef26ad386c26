// GET /v1/search, /v1/templates, /v1/export: the corpus queries of `zhibiao search`, `templates`
// and `export`, on the SQLite corpus of the embedded store, or with --db on the PostgreSQL corpus
// (src/corpus/pg/store.ts).
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { TableKind } from '../model/schema.ts';
import { type CorpusDb, openCorpusReadonly } from '../corpus/schema.ts';
import { type SearchFilters, queryTerms, searchCorpus, iterateCorpus } from '../corpus/search.ts';
import { listTemplates, resolveTemplateId, showTemplate } from '../corpus/templates.ts';
import { FLAT_COLUMNS, csvLine, flatRow, jsonlRow } from '../corpus/export.ts';
import type { PgCorpus } from '../corpus/pg/store.ts';
import type { CorpusRow } from '../corpus/search.ts';
import { HttpError } from './errors.ts';
import { xlsxStream } from './xlsx-stream.ts';

type Query = Record<string, string | undefined>;

function intParam(query: Query, name: string, fallback: number, max: number): number {
  const text = query[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new HttpError(400, 'bad-request', `?${name}= must be a whole number from 1 to ${max}`);
  return n;
}

/** The filters of `zhibiao search` as query parameters: level1, level2, kind, issuer, year. */
function filtersOf(query: Query): SearchFilters {
  const filters: SearchFilters = {};
  if (query.level1) filters.level1 = query.level1;
  if (query.level2) filters.level2 = query.level2;
  if (query.kind) {
    const kind = TableKind.safeParse(query.kind);
    if (!kind.success) throw new HttpError(400, 'bad-request', `?kind= must be one of ${TableKind.options.join(', ')}`);
    filters.kind = kind.data;
  }
  if (query.issuer) filters.issuer = query.issuer;
  if (query.year) {
    if (!/^\d{4}$/u.test(query.year)) throw new HttpError(400, 'bad-request', '?year= must be a four-digit year');
    filters.year = Number(query.year);
  }
  return filters;
}


const EXPORT_TYPES = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The export's text chunks of ROWS (header first for CSV). */
async function* exportText(rows: Iterable<CorpusRow> | AsyncIterable<CorpusRow>, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield `\uFEFF${csvLine([...FLAT_COLUMNS])}`;
  for await (const row of rows) {
    if (format === 'jsonl') yield `${JSON.stringify(jsonlRow(row))}\n`;
    else {
      const flat = flatRow(row);
      yield csvLine(FLAT_COLUMNS.map((column) => flat[column]));
    }
  }
}

async function* flatCells(rows: Iterable<CorpusRow> | AsyncIterable<CorpusRow>): AsyncGenerator<(string | number | null)[]> {
  for await (const row of rows) {
    const flat = flatRow(row);
    yield FLAT_COLUMNS.map((column) => flat[column]);
  }
}

/** Registers the corpus routes on APP: on the SQLite corpus at CORPUS_PATH, or on PG (PostgreSQL mode). */
export function registerCorpusRoutes(app: FastifyInstance, corpusPath: string | null, pg: PgCorpus | null = null): void {
  let shared: CorpusDb | null = null;
  const open = (): CorpusDb => {
    if (corpusPath === null) throw new HttpError(501, 'not-implemented', 'no corpus is configured');
    if (!existsSync(corpusPath)) throw new HttpError(503, 'unavailable', 'the corpus does not exist yet');
    return openCorpusReadonly(corpusPath);
  };
  // Search and templates run one synchronous query each: one connection serves them all.
  const db = (): CorpusDb => (shared ??= open());
  app.addHook('onClose', async () => { shared?.close(); });

  app.get('/v1/search', async (request) => {
    const query = request.query as Query;
    const q = query.q ?? '';
    if (queryTerms(q).length === 0) throw new HttpError(400, 'bad-request', '?q= is missing or empty');
    const limit = intParam(query, 'limit', 50, 1000);
    const rows = pg ? await pg.search(q, filtersOf(query), limit + 1) : searchCorpus(db(), q, filtersOf(query), limit + 1);
    return { hits: rows.slice(0, limit), more: rows.length > limit };
  });

  app.get('/v1/templates', async (request) => {
    const query = request.query as Query;
    const min = intParam(query, 'min', 1, 1_000_000);
    return { templates: pg ? await pg.templates(min) : listTemplates(db(), min) };
  });

  app.get('/v1/templates/:id', async (request) => {
    const { id } = request.params as { id: string };
    const ids = pg ? await pg.resolveTemplateId(id) : resolveTemplateId(db(), id);
    const detail = ids.length === 1 ? (pg ? await pg.template(ids[0]) : showTemplate(db(), ids[0])) : null;
    if (ids.length > 1) throw new HttpError(400, 'bad-request', `${id} is ambiguous`);
    if (detail === null) throw new HttpError(404, 'not-found', `no template family ${id}`);
    return detail;
  });

  app.get('/v1/export', async (request, reply: FastifyReply) => {
    const query = request.query as Query;
    const format = query.format ?? 'jsonl';
    if (!(format in EXPORT_TYPES)) throw new HttpError(400, 'bad-request', '?format= must be jsonl, csv or xlsx');
    const q = query.q;
    if (q !== undefined && queryTerms(q).length === 0) throw new HttpError(400, 'bad-request', '?q= is empty');
    const filters = filtersOf(query);
    let body: Readable;
    if (pg) {
      const rows = pg.rows(q, filters);
      body = format === 'xlsx' ? xlsxStream('indicators', FLAT_COLUMNS, flatCells(rows)) : Readable.from(exportText(rows, format as 'jsonl' | 'csv'));
    } else {
      // An export iterates for as long as the client reads: a connection of its own, closed at the end.
      const exportDb = open();
      body = format === 'xlsx' ? xlsxStream('indicators', FLAT_COLUMNS, flatCells(iterateCorpus(exportDb, q, filters)))
        : Readable.from(exportText(iterateCorpus(exportDb, q, filters), format as 'jsonl' | 'csv'));
      const closeDb = () => { if (exportDb.open) exportDb.close(); };
      body.once('close', closeDb);
      body.once('error', closeDb);
    }
    reply.header('content-type', EXPORT_TYPES[format as keyof typeof EXPORT_TYPES]);
    reply.header('content-disposition', `attachment; filename="indicators.${format}"`);
    return reply.send(body);
  });
}
