// GET /openapi.json: OpenAPI 3.1 whose schemas are zod 4's JSON Schema output of src/model (the
// same source as `zhibiao schema`); only the list of operations is written here.
import { z } from 'zod';
import { DocumentResult } from '../model/schema.ts';
import { Correction, CorrectionRequest } from '../model/corrections.ts';
import {
  DocumentList, DocumentResponse, ErrorResponse, Health, SearchResponse, TemplateDetail, TemplatesResponse, UploadResponse,
} from '../model/api.ts';

const CorrectionList = z.object({ corrections: z.array(Correction).describe('oldest first') });
const CorrectionCreated = z.object({ correction: Correction });

const COMPONENTS = {
  DocumentResult, DocumentResponse, DocumentList, UploadResponse, ErrorResponse, SearchResponse, TemplatesResponse, TemplateDetail, Health,
  CorrectionRequest, CorrectionList, CorrectionCreated,
};

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  // The document schema's named parts (`meta({ id })`: Notice, Table, Indicator, Target, …) are
  // components of their own, referenced as #/components/schemas/<id> like in `zhibiao schema`'s $defs.
  for (const [id, schema] of z.globalRegistry._idmap) if (!(id in COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  // Each component is a standalone JSON Schema document; inside OpenAPI the $schema/$id keys are noise.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

const ref = (name: keyof typeof COMPONENTS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof COMPONENTS, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const errors = {
  401: json('ErrorResponse', 'no or invalid token'),
  400: json('ErrorResponse', 'bad parameters'),
};
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema });
const filters = [
  query('level1', '一级指标, as written or canonical (exact)'),
  query('level2', '二级指标, as written or canonical (exact)'),
  query('kind', 'table kind', { type: 'string', enum: ['indicator-system', 'performance-targets', 'self-evaluation', 'other'] }),
  query('issuer', 'issuing office contains this text'),
  query('year', 'table year', { type: 'string', pattern: '^\\d{4}$' }),
];

let cached: unknown = null;

/** The OpenAPI document of the v1 API (built once). */
export function openApiDocument(version: string): unknown {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'zhibiao API', version: 'v1', description: `Budget-performance indicator tables from Chinese government documents (extractor ${version}).` },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'a token of ZHIBIAO_API_TOKENS' },
        queryToken: { type: 'apiKey', in: 'query', name: 'token', description: 'the same token as ?token= (browser pages)' },
      },
    },
    security: [{ bearer: [] }, { queryToken: [] }],
    paths: {
      '/v1/documents': {
        post: {
          summary: 'Submit a document (PDF, DOCX, XLSX, …); the same bytes give the same id',
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: {
            202: json('UploadResponse', 'queued'), 200: json('UploadResponse', 'already there (same bytes, same extractor version)'),
            413: json('ErrorResponse', 'over the size limit'), ...errors,
          },
        },
        get: {
          summary: 'List documents in arrival order (keyset pagination)',
          parameters: [
            query('status', 'only documents in this state', { type: 'string', enum: ['queued', 'running', 'done', 'failed'] }),
            query('limit', 'page size (1–1000, default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
            query('cursor', '`next` of the previous page'),
          ],
          responses: { 200: json('DocumentList', 'a page of documents'), ...errors },
        },
      },
      '/v1/documents/{id}': {
        get: {
          summary: 'A document: its state, its error, and when done its result',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json('DocumentResponse', 'the document (reviewers\' corrections applied: see Indicator.corrected)'), 404: json('ErrorResponse', 'no such document'), ...errors },
        },
      },
      '/v1/documents/{id}/corrections': {
        get: {
          summary: 'Reviewers\' corrections of the document\'s bytes (any extraction of them)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json('CorrectionList', 'the corrections'), 404: json('ErrorResponse', 'no such document'), ...errors },
        },
        post: {
          summary: 'Correct a row (edit a field, accept it as read, mark it as no indicator, restore it); stored with the token\'s name',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CorrectionRequest') } } },
          responses: { 201: json('CorrectionCreated', 'stored'), 404: json('ErrorResponse', 'no finished document'), ...errors },
        },
      },
      '/v1/documents/{id}/file': {
        get: {
          summary: 'The document\'s bytes as uploaded (the review page renders PDF pages from them)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, 404: json('ErrorResponse', 'no such document or file'), ...errors },
        },
      },
      '/v1/search': {
        get: {
          summary: 'Search indicators in the corpus (as `zhibiao search --json`)',
          parameters: [query('q', 'words that must all occur', { type: 'string' }, true), query('limit', 'at most this many hits (default 50)', { type: 'integer' }), ...filters],
          responses: { 200: json('SearchResponse', 'hits, best first'), ...errors },
        },
      },
      '/v1/templates': {
        get: {
          summary: 'Template families: tables sharing one 一级/二级/三级 structure',
          parameters: [query('min', 'only families with at least this many tables', { type: 'integer' })],
          responses: { 200: json('TemplatesResponse', 'families, largest first'), ...errors },
        },
      },
      '/v1/templates/{id}': {
        get: {
          summary: 'One family (id or a unique prefix): its indicators with the values seen, and its member tables',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json('TemplateDetail', 'the family'), 404: json('ErrorResponse', 'no such family'), ...errors },
        },
      },
      '/v1/export': {
        get: {
          summary: 'Every indicator (or those matching q and the filters), streamed',
          parameters: [query('format', 'jsonl (default), csv or xlsx', { type: 'string', enum: ['jsonl', 'csv', 'xlsx'] }), query('q', 'only indicators matching this search'), ...filters],
          responses: {
            200: { description: 'the export', content: { 'application/x-ndjson': {}, 'text/csv': {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } },
            ...errors,
          },
        },
      },
      '/healthz': { get: { summary: 'Liveness and store reachability (no token needed)', security: [], responses: { 200: json('Health', 'ok'), 503: json('Health', 'the store does not answer') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': {} } }, ...errors } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } } },
    },
  };
  return cached;
}
