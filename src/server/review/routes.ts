// The review pages of `zhibiao serve`: `/` (documents with status, confidence, rows to review;
// filters), `/review/{id}` (one document's rows beside its source), their assets (served from the
// package: no third-party origin), and the corrections API (`GET|POST /v1/documents/{id}/corrections`,
// `GET /v1/documents/{id}/file` for the page renderer). Pages answer with a strict CSP.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DocumentStore } from '../../../pipelines/queue-types.ts';
import { TableKind, type DocumentResult } from '../../model/schema.ts';
import { type Correction, CorrectionRequest } from '../../model/corrections.ts';
import type { CorrectionStore } from '../../corrections/store.ts';
import { anchorOf } from '../../corrections/identity.ts';
import { fieldText, invalidValue } from '../../corrections/apply.ts';
import { HttpError } from '../errors.ts';
import { documentView, listEntry, matches, type ListFilters } from './view.ts';
import { clientData, documentBody, listBody, page } from './pages.ts';
import { ReviewDocuments } from './documents.ts';

/** The package's folder: this module runs from src/server/review/ (tsx) or bundled in dist/. */
function packageRoot(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'server', 'review', 'assets'))) return dir;
    if (dirname(dir) === dir) throw new Error('zhibiao: the review page assets (src/server/review/assets) are missing from the package');
  }
}
const ASSETS = join(packageRoot(), 'src', 'server', 'review', 'assets');
const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Everything from this server; no inline script; pdf.js runs its worker from here too. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self' data:",
  "connect-src 'self'", "worker-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.bcmap': 'application/octet-stream', '.pfb': 'application/octet-stream', '.ttf': 'font/ttf',
};

/** Asset files under ROOT only (no `..`). */
function assetPath(root: string, name: string): string | null {
  const path = normalize(join(root, name));
  return path.startsWith(root + sep) ? path : null;
}

async function sendAsset(reply: FastifyReply, path: string | null): Promise<FastifyReply> {
  const bytes = path ? await readFile(path).catch(() => null) : null;
  if (!path || !bytes) throw new HttpError(404, 'not-found', 'no such asset');
  const ext = path.slice(path.lastIndexOf('.'));
  return reply.type(TYPES[ext] ?? 'application/octet-stream').header('cache-control', 'public, max-age=3600')
    .header('x-content-type-options', 'nosniff').send(bytes);
}

export interface ReviewOptions {
  store: DocumentStore;
  corrections: CorrectionStore;
  extractorVersion: string;
  /** The SQLite corpus whose documents (from `extract --out`) are listed too; null with --db. */
  corpusPath: string | null;
}

/** Is PATH one of the review assets (public: package files, no document data)? */
export const isReviewAsset = (path: string): boolean => path.startsWith('/review/assets/');

function linkQuery(query: Record<string, string | undefined>): string {
  return query.token ? new URLSearchParams({ token: query.token }).toString() : '';
}

function listFilters(query: Record<string, string | undefined>): ListFilters {
  const filters: ListFilters = {};
  if (query.review) filters.review = true;
  if (query.failed) filters.failed = true;
  if (query.kind) {
    const kind = TableKind.safeParse(query.kind);
    if (kind.success) filters.kind = kind.data;
  }
  if (query.year && /^\d{4}$/u.test(query.year)) filters.year = Number(query.year);
  return filters;
}

let css: string | null = null;
/** The stylesheet, for pages that inline it (report.html). */
export async function reviewCss(): Promise<string> {
  css ??= await readFile(join(ASSETS, 'review.css'), 'utf8');
  return css;
}

export function registerReviewRoutes(app: FastifyInstance, options: ReviewOptions): void {
  const { corrections } = options;
  const documents = new ReviewDocuments(options.store, options.corpusPath);
  app.addHook('onClose', async () => documents.close());

  async function loadResult(id: string): Promise<{ result: DocumentResult; sha256: string } | null> {
    const document = await documents.get(id);
    return document?.result ? { result: document.result, sha256: document.summary.sha256 } : null;
  }

  const htmlReply = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').send(body);

  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const entries = [];
    // Every document: the list is for a folder of notices, not an archive.
    for (const { summary, result } of await documents.list()) {
      const view = result ? documentView(summary.id, result, await corrections.list(summary.sha256)) : null;
      entries.push(listEntry(summary, view));
    }
    const filters = listFilters(query);
    const shown = entries.filter((entry) => matches(entry, filters));
    return htmlReply(reply, page('绩效指标审核', listBody(shown, filters, { interactive: true, css: '', linkQuery: linkQuery(query) }), { interactive: true, css: '' }));
  });

  app.get('/review/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const loaded = await loadResult(id);
    if (!loaded) throw new HttpError(404, 'not-found', `no finished document ${id}`);
    const view = documentView(id, loaded.result, await corrections.list(loaded.sha256));
    const options = { interactive: true, css: '', linkQuery: linkQuery(request.query as Record<string, string | undefined>) };
    const title = `审核：${loaded.result.notice.title ?? loaded.result.source.path}`;
    return htmlReply(reply, page(title, documentBody(view, options), options, clientData(view, `/v1/documents/${id}/file`)));
  });

  app.get('/review/assets/*', async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    if (name.startsWith('pdfjs/')) {
      const rest = name.slice('pdfjs/'.length);
      const allowed = /^(build\/pdf(\.worker)?\.min\.mjs|cmaps\/[\w.-]+\.bcmap|standard_fonts\/[\w.-]+\.(pfb|ttf))$/u.test(rest);
      return sendAsset(reply, allowed ? assetPath(PDFJS, rest) : null);
    }
    return sendAsset(reply, /^[\w-]+\.(js|css)$/u.test(name) ? assetPath(ASSETS, name) : null);
  });

  app.get('/v1/documents/:id/file', async (request, reply) => {
    const { id } = request.params as { id: string };
    const bytes = await documents.file(id);
    if (!bytes) throw new HttpError(404, 'not-found', `no file for document ${id}`);
    return reply.type('application/octet-stream').header('content-disposition', 'attachment').header('x-content-type-options', 'nosniff').send(bytes);
  });

  app.get('/v1/documents/:id/corrections', async (request) => {
    const { id } = request.params as { id: string };
    const document = await documents.get(id);
    if (!document) throw new HttpError(404, 'not-found', `no document ${id}`);
    return { corrections: await corrections.list(document.summary.sha256) };
  });

  app.post('/v1/documents/:id/corrections', async (request, reply) => {
    const { id } = request.params as { id: string };
    const parsed = CorrectionRequest.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, 'bad-request', `a correction is {row: "table:ord", action: edit|accept|not-indicator|restore, field?, after?}: ${parsed.error.issues[0]?.message ?? ''}`);
    const loaded = await loadResult(id);
    if (!loaded) throw new HttpError(404, 'not-found', `no finished document ${id}`);
    const { row: key, action, field, after = null } = parsed.data;
    const [tableIndex, ord] = key.split(':').map(Number);
    const table = loaded.result.tables.find((t) => t.index === tableIndex);
    if (!table || !table.indicators[ord]) throw new HttpError(400, 'bad-request', `no row ${key} in document ${id}`);
    if (action === 'edit' && !field) throw new HttpError(400, 'bad-request', 'an edit names its field');
    const text = after === null ? null : after.trim() || null;
    if (action === 'edit') {
      const invalid = invalidValue(field!, text);
      if (invalid) throw new HttpError(400, 'bad-request', invalid);
    }
    // `before` is the field as the reviewer saw it: the row with the earlier corrections applied.
    const view = documentView(id, loaded.result, await corrections.list(loaded.sha256));
    const shown = view.tables.find((t) => t.table.index === tableIndex)!.rows[ord].row;
    const correction: Correction = {
      id: randomUUID(), sha256: loaded.sha256, documentId: id, extractorVersion: options.extractorVersion,
      anchor: anchorOf(table, ord), action, field: action === 'edit' ? field! : null,
      before: action === 'edit' ? fieldText(shown, field!) : null, after: action === 'edit' ? text : null,
      by: request.tokenName ?? 'unknown', at: new Date().toISOString(),
    };
    await corrections.add(correction);
    return reply.status(201).send({ correction });
  });
}
