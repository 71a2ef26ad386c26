// Which queue workers are alive, and what happens to the jobs of those that are not. Each worker
// process holds a session advisory lock on a connection of its own and lists its graphile-worker
// pool ids in zhibiao.workers; a process that dies (kill -9, power loss, a cut network) frees the
// lock when its connection goes, and the next sweep — every worker runs one — returns the jobs its
// pools had locked to the queue at once (graphile-worker 0.17 itself waits 4 hours).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Stage } from './queue-stages.ts';
import { sleep } from './queue-types.ts';

/** The advisory lock that says this process is alive, and its row in zhibiao.workers; re-taken after a reconnect. */
export class Liveness {
  readonly lockKey = randomBytes(8).readBigInt64BE().toString();
  private client: pg.Client | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;
  readonly poolIds: string[] = [];

  constructor(private readonly url: string, readonly id: string, private readonly info: { stages: Stage[]; concurrency: number }, private readonly log: (line: string) => void) {}

  start(): Promise<void> {
    this.connecting ??= this.connect().finally(() => { this.connecting = null; });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    for (let delay = 250; !this.closed; delay = Math.min(delay * 2, 2_000)) {
      const client = new pg.Client({ connectionString: this.url, keepAlive: true });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('SELECT pg_advisory_lock($1)', [this.lockKey]);
        await client.query(`INSERT INTO zhibiao.workers (id, lock_key, pool_ids, host, pid, stages, concurrency) VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (id) DO UPDATE SET pool_ids = excluded.pool_ids, seen_at = now()`,
        [this.id, this.lockKey, this.poolIds, hostname(), process.pid, this.info.stages, this.info.concurrency]);
        client.once('error', () => this.lost(client));
        client.once('end', () => this.lost(client));
        this.client = client;
        return;
      } catch {
        await client.end().catch(() => {});
        await sleep(delay);
      }
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.log('zhibiao: worker: lost the database connection; reconnecting…\n');
    void this.start();
  }

  async addPool(poolId: string): Promise<void> {
    this.poolIds.push(poolId);
    await this.client?.query('UPDATE zhibiao.workers SET pool_ids = $2, seen_at = now() WHERE id = $1', [this.id, this.poolIds]).catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (!client) return;
    await client.query('DELETE FROM zhibiao.workers WHERE id = $1', [this.id]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/**
 * Returns to the queue the jobs locked by graphile-worker pools of processes that are gone: their
 * advisory lock is free, so their zhibiao.workers row is deleted and their pools' locks cleared.
 * Returns the number of jobs unlocked.
 */
export async function sweepDeadWorkers(pool: pg.Pool, graceMs: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const grace = graceMs / 1000;
    const settled = await client.query<{ settled: boolean }>('SELECT now() - pg_postmaster_start_time() > make_interval(secs => $1) AS settled', [grace]);
    // Right after a database restart every worker is reconnecting: nobody is declared dead yet.
    if (!settled.rows[0].settled) {
      await client.query('COMMIT');
      return 0;
    }
    await client.query('DELETE FROM zhibiao.workers WHERE pg_try_advisory_xact_lock(lock_key)');
    const orphans = await client.query<{ id: string; jobs: number }>(`SELECT locked_by AS id, count(*)::int AS jobs FROM graphile_worker._private_jobs
      WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)
        AND locked_by NOT IN (SELECT unnest(pool_ids) FROM zhibiao.workers) GROUP BY locked_by`, [grace]);
    const ids = orphans.rows.map((row) => row.id);
    const jobs = orphans.rows.reduce((sum, row) => sum + row.jobs, 0);
    await client.query(`UPDATE zhibiao.documents SET status = 'queued', worker = NULL WHERE status = 'running'
      AND (worker = ANY($1) OR (started_at < now() - make_interval(secs => $2) AND worker NOT IN (SELECT unnest(pool_ids) FROM zhibiao.workers)))`, [ids, grace]);
    if (ids.length) {
      await client.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [ids]);
      await client.query("SELECT pg_notify('jobs:insert', json_build_object('count', $1::int)::text)", [jobs]);
    }
    await client.query('COMMIT');
    return jobs;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Returns to the queue the jobs locked by this process's own pools (POOL_IDS) that it is not
 * running (RUNNING, graphile-worker job ids): when the connection goes between get_job's commit and
 * its answer (a database restart), the job stays locked by a pool that is alive but never got it —
 * the dead-worker sweep leaves it, graphile-worker waits 4 hours. A job locked less than GRACE_MS
 * ago may be on its way to its task; one that finished and is being completed is merely run again
 * (the claim finds the document done). Returns the number of jobs unlocked.
 */
export async function releaseStrandedJobs(pool: pg.Pool, poolIds: string[], running: string[], graceMs: number): Promise<number> {
  if (poolIds.length === 0) return 0;
  const { rowCount } = await pool.query(`UPDATE graphile_worker._private_jobs SET locked_by = NULL, locked_at = NULL
    WHERE locked_by = ANY($1::text[]) AND locked_at < now() - make_interval(secs => $2) AND NOT (id = ANY($3::bigint[]))`, [poolIds, graceMs / 1000, running]);
  const jobs = rowCount ?? 0;
  if (jobs > 0) await pool.query("SELECT pg_notify('jobs:insert', json_build_object('count', $1::int)::text)", [jobs]);
  return jobs;
}
