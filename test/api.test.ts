// The HTTP API over the embedded store (SQLite + in-process worker pool): what a fresh clone
// serves with no database installed. Real HTTP on loopback, real extraction.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { parseTokens } from '../src/server/auth.ts';
import { documentJsonSchema } from '../src/model/schema.ts';
import { SearchResponse, TemplateDetail, TemplatesResponse } from '../src/model/api.ts';
import { xxeDocx } from '../scripts/make-bad-files.ts';
import { afterExtract, firstStage, parseStages } from '../pipelines/queue-stages.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { isConnectionError } from '../pipelines/queue-types.ts';
import { BIN, ROOT, TOKENS, type Client, client, extractStdout } from './api-fixture.ts';

const DOCX = join(ROOT, 'samples', 'declaration.docx');
const XLSX_SAMPLE = join(ROOT, 'samples', 'carry-forward.xlsx');
const BIG_PDF = join(ROOT, 'samples', 'pdf', 'self-evaluation.pdf'); // 66 KB: over the 50 KB limit below

let out: string;
let server: RunningServer;
let api: Client;
let docxId: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'zhibiao-api-'));
  process.env.ZHIBIAO_MAX_FILE_MB = '0.05';
  server = await startServer({
    port: 0, host: '127.0.0.1', out, workers: true, concurrency: 2, timeoutMs: 60_000, maxHeapMb: 512, tokens: parseTokens(TOKENS),
  });
  delete process.env.ZHIBIAO_MAX_FILE_MB;
  api = client(server.url);
});

afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('documents', () => {
  it('takes an upload (202), extracts it and serves the same JSON as extract --stdout', async () => {
    const response = await api.upload(readFileSync(DOCX), 'declaration.docx');
    expect(response.status).toBe(202);
    const body = await response.json() as { id: string; status: string };
    expect(body.status).toBe('queued');
    expect(body.id).toMatch(/^[0-9a-f]{32}$/u);
    docxId = body.id;
    const done = await api.settle(docxId);
    expect(done.status).toBe('done');
    expect(done.submittedBy).toBe('alice');
    expect(done.attempts).toBe(1);
    expect(done.result).toEqual(extractStdout(DOCX));
  });

  it('gives the same id for the same bytes (200), without a second extraction', async () => {
    const again = await api.upload(readFileSync(DOCX), 'renamed.docx');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: docxId, status: 'done' });
    const list = await (await api.get('/v1/documents')).json() as { documents: { id: string; attempts: number }[] };
    expect(list.documents.filter((d) => d.id === docxId)).toEqual([expect.objectContaining({ id: docxId, attempts: 1 })]);
  });

  it('fails a hostile file with its code, and keeps serving', async () => {
    const response = await api.upload(xxeDocx(), 'xxe.docx');
    expect(response.status).toBe(202);
    const { id } = await response.json() as { id: string };
    const failed = await api.settle(id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'unsafe-xml' } });
    expect(failed.result).toBeUndefined();
    const next = await api.upload(readFileSync(XLSX_SAMPLE), 'carry-forward.xlsx');
    expect((await api.settle(((await next.json()) as { id: string }).id)).status).toBe('done');
  });

  it('pages the list with a cursor and filters by status', async () => {
    const first = await (await api.get('/v1/documents?limit=2')).json() as { documents: { id: string }[]; next?: string };
    expect(first.documents).toHaveLength(2);
    expect(first.next).toBeTruthy();
    const second = await (await api.get(`/v1/documents?limit=2&cursor=${first.next}`)).json() as { documents: { id: string; name: string }[]; next?: string };
    expect(second.documents.map((d) => d.name)).toEqual(['carry-forward.xlsx']);
    expect(second.next).toBeUndefined();
    const failed = await (await api.get('/v1/documents?status=failed')).json() as { documents: { name: string }[] };
    expect(failed.documents.map((d) => d.name)).toEqual(['xxe.docx']);
    expect((await api.get('/v1/documents?cursor=nonsense')).status).toBe(400);
    expect((await api.get('/v1/documents/0123456789abcdef0123456789abcdef')).status).toBe(404);
  });

  it('refuses an upload over the size limit with 413 and stores nothing', async () => {
    const before = await (await api.get('/v1/documents')).json() as { documents: unknown[] };
    const response = await api.upload(readFileSync(BIG_PDF), 'self-evaluation.pdf');
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'too-large' } });
    const after = await (await api.get('/v1/documents')).json() as { documents: unknown[] };
    expect(after.documents).toHaveLength(before.documents.length);
  });
});

describe('auth', () => {
  it('answers 401 without a token or with a wrong one; accepts ?token= and named tokens', async () => {
    expect((await api.get('/v1/documents', null)).status).toBe(401);
    expect((await api.get('/v1/documents', 'wrong-token')).status).toBe(401);
    expect((await api.upload(readFileSync(DOCX), 'x.docx', null)).status).toBe(401);
    expect((await api.get('/metrics', null)).status).toBe(401);
    expect((await api.get(`/v1/documents?token=robot-token-fedcba9876543210`, null)).status).toBe(200);
    const health = await api.get('/healthz', null);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'embedded' });
  });

  it('names unnamed tokens and refuses malformed lists', () => {
    const tokens = parseTokens('a:one, two');
    expect([tokens.verify('one'), tokens.verify('two'), tokens.verify('three'), tokens.verify(undefined)]).toEqual(['a', 'token-2', null, null]);
    expect(() => parseTokens('a:x,a:y')).toThrow(/used twice/u);
    expect(() => parseTokens('a:')).toThrow(/no token/u);
  });
});

describe('corpus', () => {
  it('searches like `zhibiao search --json`', async () => {
    const response = await api.get(`/v1/search?q=${encodeURIComponent('供水')}&limit=5`);
    expect(response.status).toBe(200);
    const body = await response.json() as { hits: { path: string; level3: string }[]; more: boolean };
    const cli = spawnSync(process.execPath, [BIN, 'search', '供水', '--corpus', join(out, 'corpus.sqlite'), '--json', '--limit', '5'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits).toEqual(JSON.parse(cli.stdout));
    expect(body.hits.map((hit) => hit.path)).toContain(`uploads/${docxId}/declaration.docx`);
    expect(SearchResponse.safeParse(body).error).toBeUndefined(); // the published shape is the real one
    expect((await api.get('/v1/search')).status).toBe(400);
  });

  it('lists templates and streams exports in all three formats', async () => {
    const results = [DOCX, XLSX_SAMPLE].map((file) => extractStdout(file) as { tables: { indicators: unknown[] }[] });
    const tables = results.flatMap((result) => result.tables.filter((table) => table.indicators.length > 0));
    const templates = await (await api.get('/v1/templates')).json() as { templates: { id: string; members: number }[] };
    expect(TemplatesResponse.safeParse(templates).error).toBeUndefined();
    expect(templates.templates.reduce((sum, family) => sum + family.members, 0)).toBe(tables.length);
    const family = await (await api.get(`/v1/templates/${templates.templates[0].id.slice(0, 8)}`)).json();
    expect(TemplateDetail.safeParse(family).error).toBeUndefined();
    expect(family).toMatchObject({ id: templates.templates[0].id });
    const indicators = (await (await api.get('/v1/export?format=jsonl')).text()).trim().split('\n').map((line) => JSON.parse(line) as { path: string });
    expect(indicators).toHaveLength(tables.reduce((sum, table) => sum + table.indicators.length, 0));
    const csv = await api.get('/v1/export?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/u);
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(indicators.length + 1);
    const xlsx = await api.get('/v1/export?format=xlsx');
    expect(xlsx.status).toBe(200);
    const book = XLSX.read(Buffer.from(await xlsx.arrayBuffer()));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.indicators);
    expect(rows).toHaveLength(indicators.length);
    expect(rows[0].path).toBe(indicators[0].path);
    expect((await api.get('/v1/export?format=pdf')).status).toBe(400);
  });
});

describe('service documents', () => {
  it('publishes OpenAPI built from the zod schemas', async () => {
    const doc = await (await api.get('/openapi.json')).json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/documents', '/v1/documents/{id}', '/v1/search', '/v1/templates', '/v1/export', '/healthz', '/metrics']));
    // `zhibiao schema` holds the named parts as $defs; OpenAPI holds the same parts as components.
    const { $defs } = documentJsonSchema() as { $defs: Record<string, unknown> };
    const asComponents = JSON.parse(JSON.stringify($defs).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
    expect(Object.keys($defs)).toEqual(expect.arrayContaining(['DocumentResult', 'Table', 'Indicator', 'Target', 'Project', 'QualityFinding']));
    for (const [id, schema] of Object.entries(asComponents)) expect(doc.components.schemas[id], id).toEqual(schema);
    expect(JSON.stringify(doc.components.schemas)).not.toContain('__shared');
    expect(JSON.stringify(doc.components.schemas.DocumentResponse)).toContain('#/components/schemas/DocumentResult');
  });

  it('exposes Prometheus metrics: documents by state, extraction time, failures by code', async () => {
    const text = await (await api.get('/metrics')).text();
    expect(text).toMatch(/^zhibiao_documents\{state="done"\} 2$/mu);
    expect(text).toMatch(/^zhibiao_documents\{state="failed"\} 1$/mu);
    expect(text).toMatch(/^zhibiao_documents_failed\{code="unsafe-xml"\} 1$/mu);
    expect(text).toMatch(/^zhibiao_extraction_seconds_count\{outcome="ok"\} 2$/mu);
    expect(text).toMatch(/^zhibiao_extraction_failures_total\{code="unsafe-xml"\} 1$/mu);
  });
});

describe('job graph', () => {
  it('sends DOC/WPS to convert and everything else to extract; a scanned page goes on to ocr; unknown stages are refused', async () => {
    expect(await parseStages('extract, extract')).toEqual(['extract']);
    await expect(parseStages('render')).rejects.toThrow(/unknown stage render/u);
    expect(firstStage(sniffFormat(readFileSync(join(ROOT, 'samples/legacy/declaration.doc'))))).toBe('convert');
    expect(firstStage(sniffFormat(readFileSync(join(ROOT, 'samples/legacy/declaration.wps'))))).toBe('convert');
    // SheetJS reads XLS/ET itself: no LibreOffice needed.
    expect(firstStage(sniffFormat(readFileSync(join(ROOT, 'samples/legacy/carry-forward.xls'))))).toBe('extract');
    expect(firstStage(null)).toBe('extract');
    expect(afterExtract('needs-ocr')).toBe('ocr');
    expect(afterExtract('scanned-pdf')).toBeNull();
  });

  it('tells a lost connection from a failed query', () => {
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionError(new TypeError('x is not a function'))).toBe(false);
  });
});
