// The HTTP API (SPEC §5) on fastify 5: documents in and out of a DocumentStore (embedded or
// PostgreSQL), the corpus queries, OpenAPI, health and metrics. Every answer but /healthz needs a
// token; every error is `{"error": {"code", "message"}}`.
import { rm } from 'node:fs/promises';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { DocumentStatus } from '../model/api.ts';
import type { DocumentStore } from '../../pipelines/queue-types.ts';
import { decodeCursor, isConnectionError } from '../../pipelines/queue-types.ts';
import type { QueueMetrics } from '../../pipelines/queue-metrics.ts';
import { type TokenSet, presentedToken } from './auth.ts';
import { HttpError, errorBody } from './errors.ts';
import { receiveUpload, tooLarge } from './upload.ts';
import { registerCorpusRoutes } from './corpus-routes.ts';
import type { PgCorpus } from '../corpus/pg/store.ts';
import { openApiDocument } from './openapi.ts';
import { addStoreGauges } from './metrics.ts';
import type { CorrectionStore } from '../corrections/store.ts';
import { applyCorrections } from '../corrections/apply.ts';
import { isReviewAsset, registerReviewRoutes } from './review/routes.ts';

export interface AppOptions {
  store: DocumentStore;
  tokens: TokenSet;
  /** Largest upload, bytes. */
  maxUploadBytes: number;
  /** The SQLite corpus to query, or null (PostgreSQL mode: pgCorpus instead). */
  corpusPath: string | null;
  /** PostgreSQL mode: the corpus in the database (then corpusPath is null). */
  pgCorpus?: PgCorpus | null;
  metrics: QueueMetrics;
  extractorVersion: string;
  /** Reviewers' corrections (the review pages; applied to GET /v1/documents/{id}). */
  corrections: CorrectionStore;
  /** fastify's request log (off by default). */
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Name of the token the request came with. */
    tokenName: string | null;
  }
}

const PUBLIC = new Set(['/healthz']);

function routePath(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, tokens } = options;
  const app = Fastify({ logger: options.logger ?? false, trustProxy: false });
  await app.register(multipart, { throwFileSizeLimit: true });
  app.decorateRequest('tokenName', null);
  addStoreGauges(options.metrics, store);

  app.addHook('onRequest', async (request) => {
    if (PUBLIC.has(routePath(request)) || isReviewAsset(request.url)) return;
    const name = tokens.verify(presentedToken(request.headers.authorization, (request.query as Record<string, unknown>).token));
    if (name === null) throw new HttpError(401, 'unauthorized', 'a valid token is needed: Authorization: Bearer <token> (or ?token=)');
    request.tokenName = name;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof HttpError) {
      if (error.statusCode === 401) reply.header('www-authenticate', 'Bearer');
      return reply.status(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') return reply.status(413).send(errorBody('too-large', tooLarge(options.maxUploadBytes)));
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('bad-request', error.message));
    }
    if (store.mode === 'postgres' && isConnectionError(error)) {
      return reply.status(503).header('retry-after', '2').send(errorBody('unavailable', `the database does not answer (${error.message.split('\n')[0]}); try again`));
    }
    reply.log.error(error);
    return reply.status(500).send(errorBody('internal-error', error.message.split('\n')[0]));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody('not-found', `no route ${request.method} ${request.url.split('?')[0]}`)));

  app.get('/healthz', async (_request, reply) => {
    const answer = { mode: store.mode, version: options.extractorVersion };
    try {
      await store.ping();
      return { status: 'ok', ...answer };
    } catch {
      return reply.status(503).send({ status: 'unavailable', ...answer });
    }
  });

  app.get('/openapi.json', async () => openApiDocument(options.extractorVersion));

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });

  app.post('/v1/documents', async (request, reply) => {
    const declared = Number(request.headers['content-length']);
    // The multipart envelope adds a few hundred bytes; a body far past the limit is refused unread.
    if (Number.isFinite(declared) && declared > options.maxUploadBytes + 65_536) throw new HttpError(413, 'too-large', tooLarge(options.maxUploadBytes));
    if (!request.isMultipart()) throw new HttpError(400, 'bad-request', 'POST a multipart/form-data body with the document in the field "file"');
    const file = await receiveUpload(request, store.incomingDir, options.maxUploadBytes);
    try {
      const submitted = await store.submit({ ...file, submittedBy: request.tokenName });
      return reply.status(submitted.created ? 202 : 200).send({ id: submitted.id, status: submitted.status });
    } finally {
      await rm(file.path, { force: true });
    }
  });

  app.get('/v1/documents/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const stored = /^[0-9a-f]{32}$/u.test(id) ? await store.get(id) : null;
    if (!stored) throw new HttpError(404, 'not-found', `no document ${id}`);
    const summary = JSON.stringify(stored.summary);
    // The result goes out as stored, byte for byte, without being parsed again, unless reviewers corrected it.
    const corrections = stored.resultJson === null ? [] : await options.corrections.list(stored.summary.sha256);
    const resultJson = corrections.length ? JSON.stringify(applyCorrections(JSON.parse(stored.resultJson!), corrections, id)) : stored.resultJson;
    const body = resultJson === null ? summary : `${summary.slice(0, -1)},"result":${resultJson}}`;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/v1/documents', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    let status: DocumentStatus | undefined;
    if (query.status !== undefined) {
      const parsed = DocumentStatus.safeParse(query.status);
      if (!parsed.success) throw new HttpError(400, 'bad-request', `?status= must be one of ${DocumentStatus.options.join(', ')}`);
      status = parsed.data;
    }
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, 'bad-request', '?limit= must be a whole number from 1 to 1000');
    if (query.cursor !== undefined && decodeCursor(query.cursor) === null) throw new HttpError(400, 'bad-request', '?cursor= is not a cursor this server gave');
    return store.list({ status, limit, cursor: query.cursor });
  });

  registerReviewRoutes(app, { store, corrections: options.corrections, extractorVersion: options.extractorVersion, corpusPath: options.corpusPath });
  registerCorpusRoutes(app, options.corpusPath, options.pgCorpus ?? null);
  return app;
}
