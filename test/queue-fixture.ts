// The set-up of the queue tests: a throwaway PostgreSQL (pg-harness.ts), a pool to look into it,
// and `zhibiao serve --db … --no-workers` in this process; the workers are processes each test starts.
import pg from 'pg';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { parseTokens } from '../src/server/auth.ts';
import { TOKENS, type Client, type Proc, client } from './api-fixture.ts';
import { type TestPostgres, startPostgres } from './pg-harness.ts';

export interface QueueTestbed {
  db: TestPostgres;
  sql: pg.Pool;
  server: RunningServer;
  api: Client;
}

export async function startQueueTestbed(limits: { timeoutMs: number; maxHeapMb: number } = { timeoutMs: 60_000, maxHeapMb: 512 }): Promise<QueueTestbed> {
  const db = await startPostgres();
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  sql.on('error', () => {}); // the fault tests restart the server under it
  const server = await startServer({ port: 0, host: '127.0.0.1', out: '', db: db.url, workers: false, concurrency: 1, ...limits, tokens: parseTokens(TOKENS) });
  return { db, sql, server, api: client(server.url) };
}

/** Kills the worker processes, then stops the server and the database. */
export async function stopQueueTestbed(bed: Partial<QueueTestbed>, workers: (Proc | null)[]): Promise<void> {
  for (const proc of workers) proc?.child.kill('SIGKILL');
  await bed.server?.close();
  await bed.sql?.end();
  bed.db?.stop();
}
