// Corrections with `serve --db`: kept in zhibiao.corrections (PostgreSQL), applied to
// GET /v1/documents/{id} and shown on the review page; the page's file comes from the blob store.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { parseTokens } from '../src/server/auth.ts';
import { TOKEN, TOKENS, type Client, client } from './api-fixture.ts';
import { HAVE_POSTGRES, type TestPostgres, startPostgres } from './pg-harness.ts';
import { HOSTILE_NAME, PDF_SAMPLE, hostileWorkbook } from './review-fixture.ts';

let db: TestPostgres;
let sql: pg.Pool;
let server: RunningServer;
let api: Client;

describe.skipIf(!HAVE_POSTGRES)('review with PostgreSQL', () => {
  beforeAll(async () => {
    db = await startPostgres();
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    server = await startServer({
      port: 0, host: '127.0.0.1', out: '', db: db.url, workers: true, concurrency: 1, timeoutMs: 60_000, maxHeapMb: 512, tokens: parseTokens(TOKENS),
      queue: { pollIntervalMs: 100 },
    });
    api = client(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await sql?.end();
    db?.stop();
  });

  it('stores a correction by the token\'s name and gives the corrected row, the original kept', async () => {
    const response = await api.upload(hostileWorkbook(), 'hostile.xlsx');
    const { id } = (await response.json()) as { id: string };
    expect((await api.settle(id, 120_000)).status).toBe('done');
    const posted = await fetch(`${server.url}/v1/documents/${id}/corrections`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ row: '0:0', action: 'edit', field: 'value', after: '125' }),
    });
    expect(posted.status, await posted.clone().text()).toBe(201);
    const { rows } = await sql.query('SELECT by, field, before, after, document_id FROM zhibiao.corrections');
    expect(rows).toEqual([{ by: 'alice', field: 'value', before: '120', after: '125', document_id: id }]);
    const body = await (await api.get(`/v1/documents/${id}`)).json() as { result: { tables: { indicators: Record<string, unknown>[] }[]; corrections: unknown } };
    expect(body.result.tables[0].indicators[0]).toMatchObject({ level3: HOSTILE_NAME, value: '125', corrected: true, original: { value: '120' } });
    expect(body.result.corrections).toEqual({ applied: 1, unplaced: [] });
    const page = await (await fetch(`${server.url}/review/${id}?token=${TOKEN}`)).text();
    expect(page).toContain('已更正');
    expect(page).toContain('alice');
  }, 180_000);

  it('serves a PDF\'s bytes to the page renderer from the blob store', async () => {
    const bytes = readFileSync(PDF_SAMPLE);
    const { id } = (await (await api.upload(bytes, 'self-evaluation.pdf')).json()) as { id: string };
    expect((await api.settle(id, 120_000)).status).toBe('done');
    const file = await fetch(`${server.url}/v1/documents/${id}/file`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  }, 180_000);
});
