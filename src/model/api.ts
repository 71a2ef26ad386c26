// The HTTP API's shapes (SPEC §5), in zod like the document schema they embed: the stores and
// the server take their types from here and GET /openapi.json publishes them, so no response
// shape is written twice. Corpus shapes (search hits, templates) are built on the model's
// Indicator/TableKind; phase B (the corpus in PostgreSQL) keeps them.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DocumentResult, Indicator, TableKind } from './schema.ts';

export const DocumentStatus = z.enum(['queued', 'running', 'done', 'failed'])
  .describe('queued: waiting for a worker; running: a worker has it; done: result ready; failed: see error');

export const ApiError = z.object({
  code: z.string().describe('stable machine code: an extraction error code (README "Limits") or an API code (unauthorized, too-large, not-found, bad-request, not-implemented, unavailable)'),
  message: z.string(),
});

/** A document as listed: everything but the result. */
export const DocumentSummary = z.object({
  id: z.string().describe('hash of the bytes\' SHA-256 and the extractor version: the same bytes give the same id'),
  status: DocumentStatus,
  name: z.string().describe('the uploaded file name (the result\'s source.path)'),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  stage: z.string().nullable().describe('the job stage the document is at or ended in: convert, extract or ocr'),
  attempts: z.number().int().nonnegative().describe('times a worker started on it (a retry after a dead worker counts)'),
  submittedBy: z.string().nullable().describe('name of the token that posted it'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: ApiError.optional(),
});

export const DocumentResponse = DocumentSummary.extend({
  result: DocumentResult.optional().describe('the document JSON, as `zhibiao extract --stdout` prints it (status done)'),
});

export const DocumentList = z.object({
  documents: z.array(DocumentSummary),
  next: z.string().optional().describe('cursor of the next page (pass as ?cursor=); absent on the last page'),
});

export const UploadResponse = z.object({ id: z.string(), status: DocumentStatus });

export const ErrorResponse = z.object({ error: ApiError });

/** One search hit or export row: an indicator with its table and document (`zhibiao search --json`). */
export const SearchHit = Indicator.extend({
  path: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  docTitle: z.string().nullable(),
  date: z.string().nullable(),
  year: z.number().int().nullable(),
  tableIndex: z.number().int().nonnegative(),
  tableTitle: z.string().nullable(),
  kind: TableKind,
});

export const SearchResponse = z.object({
  hits: z.array(SearchHit),
  more: z.boolean().describe('more hits than ?limit= exist'),
});

export const TemplateFamily = z.object({
  id: z.string(),
  members: z.number().int(),
  documents: z.number().int(),
  indicators: z.number().int(),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  titles: z.array(z.string()),
  issuers: z.array(z.string()),
  kinds: z.array(TableKind),
  level1: z.array(z.string()),
});

export const TemplateDetail = TemplateFamily.extend({
  indicatorRows: z.array(z.object({ level1: z.string().nullable(), level2: z.string().nullable(), level3: z.string(), values: z.array(z.string()).describe('values seen across the members, most frequent first') })),
  memberTables: z.array(z.object({
    path: z.string(), docNumber: z.string().nullable(), issuer: z.string().nullable(), tableIndex: z.number().int(),
    tableTitle: z.string().nullable(), kind: TableKind, year: z.number().int().nullable(),
  })),
});

export const TemplatesResponse = z.object({ templates: z.array(TemplateFamily) });

export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  mode: z.enum(['embedded', 'postgres']),
  version: z.string().describe('extractor version'),
});

export type DocumentStatus = z.infer<typeof DocumentStatus>;
export type ApiError = z.infer<typeof ApiError>;
export type DocumentSummary = z.infer<typeof DocumentSummary>;
export type DocumentList = z.infer<typeof DocumentList>;
export type UploadResponse = z.infer<typeof UploadResponse>;

/** A document's id: the same bytes under the same extractor version get the same id, everywhere. */
export function documentId(sha256: string, extractorVersion: string): string {
  return createHash('sha256').update(`${extractorVersion}\n${sha256}`).digest('hex').slice(0, 32);
}
