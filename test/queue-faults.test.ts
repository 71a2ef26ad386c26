// Faults of the PostgreSQL queue, each with real processes on a throwaway server: a worker killed
// -9 mid-job (another takes the job over: one result, no duplicate), a worker stopped by SIGTERM
// mid-job (the job goes back to the queue), and PostgreSQL restarted mid-batch (API and workers
// reconnect, nothing lost).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { SAMPLE_FILES, vary } from '../scripts/bulk/archive.ts';
import { ROOT, type Client, type Proc, startZhibiao, until, uploadRetrying } from './api-fixture.ts';
import { HAVE_POSTGRES, type TestPostgres } from './pg-harness.ts';
import { startQueueTestbed, stopQueueTestbed } from './queue-fixture.ts';

// Sweeps every 300 ms; a job of a dead worker is taken over once locked for 1 s.
const FAST_QUEUE = { ZHIBIAO_QUEUE_SWEEP_MS: '300', ZHIBIAO_QUEUE_SWEEP_GRACE_MS: '1000', ZHIBIAO_QUEUE_POLL_MS: '500', ZHIBIAO_QUEUE_SHUTDOWN_GRACE_MS: '1000' };

let db: TestPostgres;
let sql: pg.Pool;
let server: RunningServer;
let api: Client;
const workers: Proc[] = [];

function worker(env: NodeJS.ProcessEnv = {}, args: string[] = []): Proc {
  const proc = startZhibiao(['worker', '--db', db.url, '--concurrency', '1', '--timeout', '60', ...args], { ...FAST_QUEUE, ...env });
  workers.push(proc);
  return proc;
}

/** A sample with bytes of its own (SEED), named NAME. */
function document(index: number, seed: number): Buffer {
  const file = SAMPLE_FILES[index % SAMPLE_FILES.length];
  return vary(file, readFileSync(join(ROOT, file)), seed);
}

const one = async (text: string, params: unknown[] = []) => (await sql.query(text, params)).rows[0];

describe.skipIf(!HAVE_POSTGRES)('queue faults', () => {
  beforeAll(async () => {
    ({ db, sql, server, api } = await startQueueTestbed());
  }, 60_000);

  afterAll(() => stopQueueTestbed({ db, sql, server }, workers));

  it('a worker killed -9 mid-job: another takes the job over, one result, no duplicate', async () => {
    // The first worker hangs on files named slow-*: the job is surely under way when it is killed.
    const first = worker({ ZHIBIAO_TEST_WORKER_FAULT: 'hang:slow-' });
    const id = await uploadRetrying(api, document(0, 101), 'slow-declaration.docx');
    await until(async () => (await one('SELECT status FROM zhibiao.documents WHERE id = $1', [id])).status === 'running', 'the job to start');
    first.child.kill('SIGKILL');
    await first.exited;
    const second = worker();
    const done = await api.settle(id, 60_000);
    expect(done).toMatchObject({ status: 'done', attempts: 2 });
    expect((done.result as { source: { path: string } }).source.path).toBe('slow-declaration.docx');
    expect(await one('SELECT count(*)::int AS n FROM zhibiao.documents')).toEqual({ n: 1 });
    expect(await one('SELECT count(*)::int AS n FROM graphile_worker._private_jobs')).toEqual({ n: 0 });
    expect(second.output()).toMatch(/returned 1 job\(s\) of stopped workers/u);
    // The dead worker's registration is gone; the living one's remains.
    expect(await one('SELECT count(*)::int AS n FROM zhibiao.workers')).toEqual({ n: 1 });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('a worker stopped by SIGTERM mid-job gives the job back; the next worker finishes it', async () => {
    const stuck = worker({ ZHIBIAO_TEST_WORKER_FAULT: 'hang:slow-' });
    const id = await uploadRetrying(api, document(1, 102), 'slow-notice.docx');
    await until(async () => (await one('SELECT status FROM zhibiao.documents WHERE id = $1', [id])).status === 'running', 'the job to start');
    stuck.child.kill('SIGTERM');
    expect(await stuck.exited).toBe(0); // after the 1 s shutdown grace
    const back = await one("SELECT d.status, j.locked_by, j.attempts FROM zhibiao.documents d JOIN graphile_worker._private_jobs j ON j.payload->>'id' = d.id WHERE d.id = $1", [id]);
    expect(back).toEqual({ status: 'queued', locked_by: null, attempts: 1 });
    const next = worker();
    expect(await api.settle(id, 60_000)).toMatchObject({ status: 'done', attempts: 2 });
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 180_000);

  it('a job locked for a live worker that never received it (get_job committed, its answer lost in a restart) goes back to the queue', async () => {
    // A worker that runs only the convert stage never takes this DOCX's extract job itself.
    const holder = worker({}, ['--stages', 'convert']);
    await until(async () => (await one('SELECT count(*)::int AS n FROM zhibiao.workers WHERE pid = $1 AND cardinality(pool_ids) > 0', [holder.child.pid])).n === 1, 'the worker to register its pool');
    const { pool } = await one('SELECT pool_ids[1] AS pool FROM zhibiao.workers WHERE pid = $1', [holder.child.pid]);
    const id = await uploadRetrying(api, document(2, 103), 'stranded.docx');
    await sql.query("UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() WHERE payload->>'id' = $2", [pool, id]);
    const next = worker();
    expect(await api.settle(id, 60_000)).toMatchObject({ status: 'done', attempts: 1 });
    expect(holder.output()).toMatch(/returned 1 job\(s\) locked for this worker but never received/u);
    for (const proc of [holder, next]) proc.child.kill('SIGTERM');
    expect(await Promise.all([holder.exited, next.exited])).toEqual([0, 0]);
  }, 180_000);

  it('PostgreSQL restarted mid-batch: API and workers reconnect, every document done once', async () => {
    const a = worker();
    const b = worker();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await uploadRetrying(api, document(i, 200 + i), `batch-${i}.${SAMPLE_FILES[i].split('.').pop()}`));
    await until(async () => (await one("SELECT count(*)::int AS n FROM zhibiao.documents WHERE id = ANY($1) AND status = 'done'", [ids])).n >= 1, 'a first document');
    db.restart();
    for (let i = 4; i < 8; i++) ids.push(await uploadRetrying(api, document(i, 200 + i), `batch-${i}.${SAMPLE_FILES[i].split('.').pop()}`));
    for (const id of ids) expect((await api.settle(id, 90_000)).status).toBe('done');
    expect(await one('SELECT count(*)::int AS n, count(DISTINCT sha256)::int AS distinct FROM zhibiao.documents WHERE id = ANY($1)', [ids])).toEqual({ n: 8, distinct: 8 });
    expect(await one('SELECT count(*)::int AS n FROM graphile_worker._private_jobs')).toEqual({ n: 0 });
    expect((await (await api.get('/healthz')).json() as { status: string }).status).toBe('ok');
    expect([a.child.exitCode, b.child.exitCode], `${a.output()}\n----\n${b.output()}`).toEqual([null, null]);
  }, 180_000);
});
