// Staged workers on PostgreSQL (a throwaway server for this file): each stage is a job type of its
// own, taken only by workers that run it. A DOC waits at convert until a convert worker turns it
// into a DOCX, then goes through extract; a scanned PDF stops at extract's first scanned page and
// waits at ocr until an OCR worker reads it. The results equal `extract --stdout` of the same file.
// A machine without LibreOffice or the OCR models refuses those stages, saying what is missing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { BIN, ROOT, type Client, type Proc, extractStdout, startZhibiao, until } from './api-fixture.ts';
import { HAVE_POSTGRES, type TestPostgres } from './pg-harness.ts';
import { startQueueTestbed, stopQueueTestbed } from './queue-fixture.ts';

const DOC = join(ROOT, 'samples', 'legacy', 'xiangfuban-2024-40.doc');
const SCAN = join(ROOT, 'samples', 'scans', 'self-evaluation.scan-200-gray.pdf');

let db: TestPostgres;
let sql: pg.Pool;
let server: RunningServer;
let api: Client;
const workers: Proc[] = [];

const worker = (stages: string) => {
  const proc = startZhibiao(['worker', '--db', db.url, '--concurrency', '1', '--stages', stages], { ZHIBIAO_QUEUE_SWEEP_MS: '500' });
  workers.push(proc);
  return proc;
};

const documentRow = async (id: string) => (await sql.query<{ status: string; stage: string; converted_from: string | null }>(
  'SELECT status, stage, converted_from FROM zhibiao.documents WHERE id = $1', [id])).rows[0];
const jobTasks = async (id: string) => (await sql.query<{ task: string }>(
  "SELECT t.identifier AS task FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.payload->>'id' = $1", [id])).rows.map((r) => r.task);

describe.skipIf(!HAVE_POSTGRES)('staged workers on PostgreSQL', () => {
  beforeAll(async () => {
    ({ db, sql, server, api } = await startQueueTestbed({ timeoutMs: 120_000, maxHeapMb: 1024 }));
  }, 60_000);

  afterAll(() => stopQueueTestbed({ db, sql, server }, workers));

  it('a DOC waits at convert while only an extract worker runs, then goes convert → extract; the result is extract --stdout\'s', async () => {
    const extractor = worker('extract');
    await until(() => extractor.output().includes('waiting for jobs'), 'the extract worker to start', 60_000);
    const response = await api.upload(readFileSync(DOC), 'xiangfuban-2024-40.doc');
    expect(response.status).toBe(202);
    const { id } = await response.json() as { id: string };
    expect(await jobTasks(id)).toEqual(['zhibiao.convert']);
    expect(await documentRow(id)).toMatchObject({ status: 'queued', stage: 'convert' });

    worker('convert');
    const done = await api.settle(id, 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.result).toEqual(extractStdout(DOC));
    expect(done.result).toMatchObject({ source: { format: 'doc', sha256: createHash('sha256').update(readFileSync(DOC)).digest('hex') } });
    expect(await documentRow(id)).toMatchObject({ status: 'done', stage: 'extract', converted_from: 'doc' });
    // The DOCX is a blob of its own next to the DOC.
    expect(Number((await sql.query('SELECT count(*) AS n FROM zhibiao.blobs')).rows[0].n)).toBe(2);
    expect(await jobTasks(id)).toEqual([]);
  }, 240_000);

  it('a scanned PDF stops at the extract stage and waits at ocr; an OCR worker reads it', async () => {
    const response = await api.upload(readFileSync(SCAN), 'self-evaluation.scan-200-gray.pdf');
    const { id } = await response.json() as { id: string };
    await until(async () => (await jobTasks(id)).join() === 'zhibiao.ocr', 'the document to reach the ocr stage', 120_000);
    expect(await documentRow(id)).toMatchObject({ status: 'queued', stage: 'ocr' });

    worker('ocr');
    const done = await api.settle(id, 240_000);
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.result).toEqual(extractStdout(SCAN));
    const result = done.result as { tables: { indicators: unknown[] }[]; warnings: string[] };
    expect(result.tables.flatMap((table) => table.indicators).length).toBeGreaterThan(5);
    expect(await documentRow(id)).toMatchObject({ status: 'done', stage: 'ocr' });
  }, 480_000);

  it('a worker without LibreOffice refuses the convert stage, one without the OCR models the ocr stage, saying what to install', () => {
    const run = (stages: string, env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [BIN, 'worker', '--db', db.url, '--stages', stages], { encoding: 'utf8', env: { ...process.env, ...env } });
    const noOffice = run('extract,convert', { ZHIBIAO_SOFFICE: '/nonexistent/soffice' });
    expect(noOffice.status).toBe(2);
    expect(noOffice.stderr).toContain('cannot run stage convert: LibreOffice (/nonexistent/soffice, ZHIBIAO_SOFFICE) is not installed; install it: apt-get install libreoffice-writer-nogui python3-uno');
    const noModels = run('ocr', { ZHIBIAO_OCR_MODELS: '/nonexistent/models' });
    expect(noModels.status).toBe(2);
    expect(noModels.stderr).toContain('cannot run stage ocr: the OCR model file /nonexistent/models/ch_PP-OCRv4_det_infer.onnx is missing');
  }, 120_000);
});
