// The API over PostgreSQL with `zhibiao worker` processes taking the jobs (a throwaway server
// for this file): upload → poll → result, the same bytes once, the same document posted at the
// same moment once, a hostile file failing with its code without retries, and extract --db.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { vary } from '../scripts/bulk/archive.ts';
import { xxeDocx } from '../scripts/make-bad-files.ts';
import { BIN, ROOT, type Client, type Proc, extractStdout, startZhibiao, until } from './api-fixture.ts';
import { HAVE_POSTGRES, type TestPostgres } from './pg-harness.ts';
import { startQueueTestbed, stopQueueTestbed } from './queue-fixture.ts';

const PDF = join(ROOT, 'samples', 'pdf', 'carry-forward.pdf');
const DOCX = 'samples/declaration.docx';

let db: TestPostgres;
let sql: pg.Pool;
let server: RunningServer;
let api: Client;
let worker: Proc | null = null;

const jobsOf = async (id: string) => Number((await sql.query("SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'id' = $1", [id])).rows[0].n);

describe.skipIf(!HAVE_POSTGRES)('queue on PostgreSQL', () => {
  beforeAll(async () => {
    ({ db, sql, server, api } = await startQueueTestbed());
  }, 60_000);

  afterAll(() => stopQueueTestbed({ db, sql, server }, [worker]));

  it('stores an upload, its bytes and one job in one go; the same document posted five times at once is one document, one job', async () => {
    const bytes = vary(DOCX, readFileSync(join(ROOT, DOCX)), 7);
    const responses = await Promise.all(Array.from({ length: 5 }, () => api.upload(bytes, 'same.docx')));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ id: string; status: string }>));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 202]);
    const id = bodies[0].id;
    expect(await jobsOf(id)).toBe(1);
    const rows = await sql.query('SELECT status, blob IS NOT NULL AS has_bytes FROM zhibiao.documents WHERE id = $1', [id]);
    expect(rows.rows).toEqual([{ status: 'queued', has_bytes: true }]);
    expect(Number((await sql.query('SELECT count(*) AS n FROM zhibiao.blobs')).rows[0].n)).toBe(1);
    // No worker yet: the job waits, the API says so.
    expect(await (await api.get(`/v1/documents/${id}`)).json()).toMatchObject({ id, status: 'queued', attempts: 0 });
  }, 120_000);

  it('a worker process extracts it; the result equals extract --stdout; the same bytes again are the same id and no new job', async () => {
    worker = startZhibiao(['worker', '--db', db.url, '--concurrency', '1'], { ZHIBIAO_QUEUE_SWEEP_MS: '500' });
    const response = await api.upload(readFileSync(PDF), 'carry-forward.pdf');
    expect(response.status).toBe(202);
    const { id } = await response.json() as { id: string };
    const done = await api.settle(id);
    expect(done.status).toBe('done');
    expect(done.result).toEqual(extractStdout(PDF));
    // Done before graphile-worker, once the task has returned, deletes the job.
    await until(async () => (await jobsOf(id)) === 0, 'the job to be removed');
    const again = await api.upload(readFileSync(PDF), 'carry-forward.pdf');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, status: 'done' });
    expect(await jobsOf(id)).toBe(0);
    const list = await (await api.get('/v1/documents?status=done')).json() as { documents: { id: string; attempts: number }[] };
    expect(list.documents.find((d) => d.id === id)).toMatchObject({ attempts: 1 });
  }, 120_000);

  it('fails a hostile file with its code at the first attempt; the worker survives and goes on', async () => {
    const bad = await api.upload(xxeDocx(), 'xxe.docx');
    const { id } = await bad.json() as { id: string };
    const failed = await api.settle(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'unsafe-xml' } });
    // The document is failed before graphile-worker, once the task has returned, deletes its job.
    await until(async () => (await jobsOf(id)) === 0, 'the job to be removed');
    const good = await api.upload(vary(DOCX, readFileSync(join(ROOT, DOCX)), 8), 'after.docx');
    expect((await api.settle(((await good.json()) as { id: string }).id)).status).toBe('done');
    expect(worker!.child.exitCode).toBeNull();
    const metrics = await (await api.get('/metrics')).text();
    expect(metrics).toMatch(/^zhibiao_documents_failed\{code="unsafe-xml"\} 1$/mu);
    expect(metrics).toMatch(/^zhibiao_documents\{state="done"\} 3$/mu);
  }, 120_000);

  it('answers the corpus routes from PostgreSQL, 401 without a token', async () => {
    const search = await api.get(`/v1/search?q=${encodeURIComponent('满意度')}`);
    expect(search.status).toBe(200);
    const { hits } = await search.json() as { hits: { path: string; level3: string }[] };
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].level3).toContain('满意度');
    expect((await api.get('/v1/documents', null)).status).toBe(401);
    expect(await (await api.get('/healthz', null)).json()).toMatchObject({ status: 'ok', mode: 'postgres' });
  }, 120_000);

  it('extract --db records a batch in the same table, with the ids an upload gets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-extract-db-'));
    try {
      writeFileSync(join(dir, 'a.docx'), vary(DOCX, readFileSync(join(ROOT, DOCX)), 9));
      writeFileSync(join(dir, 'broken.pdf'), readFileSync(PDF).subarray(0, 2000));
      const run = spawnSync(process.execPath, [BIN, 'extract', dir, '--out', join(dir, 'out'), '--db', db.url], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(1); // one file failed
      expect(run.stderr).toContain('2 document(s) recorded in PostgreSQL');
      const upload = await api.upload(readFileSync(join(dir, 'a.docx')), 'a.docx');
      expect(upload.status).toBe(200);
      const { id } = await upload.json() as { id: string };
      const stored = await (await api.get(`/v1/documents/${id}`)).json() as { status: string; result: unknown };
      expect(stored.status).toBe('done');
      expect(stored.result).toEqual(JSON.parse(readFileSync(join(dir, 'out', 'a.docx.json'), 'utf8')));
      const failed = await sql.query("SELECT error_code FROM zhibiao.documents WHERE name = 'broken.pdf'");
      expect(failed.rows).toEqual([{ error_code: 'corrupt-pdf' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a worker started without ZHIBIAO_QUEUE_* knobs keeps the default sweep interval (it swept every millisecond, each sweep an error)', async () => {
    const idle = startZhibiao(['worker', '--db', db.url, '--concurrency', '1', '--stages', 'extract']);
    try {
      await until(() => idle.output().includes('waiting for jobs'), 'the worker to start', 60_000);
      const rollbacks = async () => Number((await sql.query('SELECT xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n);
      const before = await rollbacks();
      // The first sweep comes 1 s after the start, the next one 12–18 s later: at most one in 3 s.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await sql.query('SELECT pg_stat_clear_snapshot()');
      expect((await rollbacks()) - before).toBeLessThan(5);
    } finally {
      idle.child.kill('SIGTERM');
      await idle.exited;
    }
  }, 120_000);

  it('stops on SIGTERM: exit 0, its row in zhibiao.workers gone', async () => {
    await until(async () => Number((await sql.query('SELECT count(*) AS n FROM zhibiao.workers')).rows[0].n) === 1, 'the worker to register');
    worker!.child.kill('SIGTERM');
    expect(await worker!.exited).toBe(0);
    expect(Number((await sql.query('SELECT count(*) AS n FROM zhibiao.workers')).rows[0].n)).toBe(0);
    worker = null;
  }, 120_000);
});
