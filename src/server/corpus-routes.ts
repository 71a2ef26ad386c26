// GET /v1/search, /v1/templates, /v1/export: the corpus queries of `zhibiao search`, `templates`
// and `export`, on the SQLite corpus of the embedded store. With --db the corpus is not in
// PostgreSQL yet (phase B of issue 13): these answer 501 and say so.
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { TableKind } from '../model/schema.ts';
import { type CorpusDb, openCorpusReadonly } from '../corpus/schema.ts';
import { type SearchFilters, queryTerms, searchCorpus, iterateCorpus } from '../corpus/search.ts';
import { listTemplates, resolveTemplateId, showTemplate } from '../corpus/templates.ts';
import { FLAT_COLUMNS, exportChunks, flatRow } from '../corpus/export.ts';
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

const NOT_YET = 'the corpus (search, templates, export) is not in PostgreSQL yet: with --db, use GET /v1/documents/{id} for results, or run `zhibiao serve --out DIR` on a corpus built by `zhibiao extract`';

const EXPORT_TYPES = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Registers the corpus routes on APP; CORPUS_PATH null: answer 501 (PostgreSQL mode). */
export function registerCorpusRoutes(app: FastifyInstance, corpusPath: string | null): void {
  let shared: CorpusDb | null = null;
  const open = (): CorpusDb => {
    if (corpusPath === null) throw new HttpError(501, 'not-implemented', NOT_YET);
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
    const rows = searchCorpus(db(), q, filtersOf(query), limit + 1);
    return { hits: rows.slice(0, limit), more: rows.length > limit };
  });

  app.get('/v1/templates', async (request) => {
    const query = request.query as Query;
    return { templates: listTemplates(db(), intParam(query, 'min', 1, 1_000_000)) };
  });

  app.get('/v1/templates/:id', async (request) => {
    const { id } = request.params as { id: string };
    const ids = resolveTemplateId(db(), id);
    if (ids.length !== 1) throw new HttpError(ids.length ? 400 : 404, ids.length ? 'bad-request' : 'not-found', ids.length ? `${id} is ambiguous` : `no template family ${id}`);
    return showTemplate(db(), ids[0]);
  });

  app.get('/v1/export', async (request, reply: FastifyReply) => {
    const query = request.query as Query;
    const format = query.format ?? 'jsonl';
    if (!(format in EXPORT_TYPES)) throw new HttpError(400, 'bad-request', '?format= must be jsonl, csv or xlsx');
    const q = query.q;
    if (q !== undefined && queryTerms(q).length === 0) throw new HttpError(400, 'bad-request', '?q= is empty');
    const filters = filtersOf(query);
    // An export iterates for as long as the client reads: a connection of its own, closed at the end.
    const exportDb = open();
    let body: Readable;
    if (format === 'xlsx') {
      const rows = iterateCorpus(exportDb, q, filters);
      body = xlsxStream('indicators', FLAT_COLUMNS, (function* () {
        for (const row of rows) {
          const flat = flatRow(row);
          yield FLAT_COLUMNS.map((column) => flat[column]);
        }
      })());
    } else {
      body = Readable.from(exportChunks(exportDb, format as 'jsonl' | 'csv', q, filters));
    }
    const closeDb = () => { if (exportDb.open) exportDb.close(); };
    body.once('close', closeDb);
    body.once('error', closeDb);
    reply.header('content-type', EXPORT_TYPES[format as keyof typeof EXPORT_TYPES]);
    reply.header('content-disposition', `attachment; filename="indicators.${format}"`);
    return reply.send(body);
  });
}
