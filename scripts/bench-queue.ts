// npm run bench:queue [-- --docs 200 --rounds 3 --seconds 10 --connections 100 --profile DIR]
// The PostgreSQL queue against `zhibiao extract` on the same archive (scripts/bulk/archive.ts),
// everything as child processes on this machine, PostgreSQL a throwaway server with default
// durability (fsync, full-page writes on):
//   1. `extract --concurrency 1` and `--concurrency 2`, and two `extract --concurrency 1` processes at
//      once, each on half of the archive (what 2 worker processes are to 1): the baseline, docs/s;
//   2. the queue with 1 `zhibiao worker` process, then with 2 (each --concurrency 1): all documents
//      uploaded through the API first (upload rate measured apart), then the workers started; docs/s
//      from the first worker's spawn to the last document done, and per-document overhead over
//      extract with as many threads: in wall time, and in CPU time (which load distorts less) both
//      with start-up and in the steady state (queue: after the first document is done; extract: the
//      run minus a run of its first document alone);
//   3. the database's share: rows written and WAL bytes per document (pg_stat_user_tables,
//      pg_current_wal_lsn deltas) for the upload and for the processing, commits per document;
//   4. API latency (autocannon, loopback, N connections): GET /v1/documents/{id} on PostgreSQL and
//      on the embedded store, GET /v1/search on the embedded store's corpus (the extract run's).
// Steps 1–3 run --rounds times, each round comparing the queue with the extract runs of the same
// round; the figures are the min and median over rounds (the machine is shared: the 1-minute load
// average is printed before each step).
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { makeArchive } from './bulk/archive.ts';
import { cpuSeconds, measure, processTree } from './bulk/measure.ts';
import { snapshot } from './bulk/snapshot.ts';
import { startPostgres } from '../test/pg-harness.ts';
import { type Proc, TOKEN, client, startZhibiao, until, uploadRetrying } from '../test/api-fixture.ts';


function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const DOCS = arg('docs', 200);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 100);
const ROUNDS = arg('rounds', 3);
/** --profile DIR: every queue worker process writes a V8 CPU profile of each of its threads there (node --cpu-prof). */
const PROFILE = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : null;
const load = () => loadavg()[0].toFixed(1);
const log = (text: string) => process.stderr.write(`bench:queue: ${text}\n`);

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

const base = mkdtempSync(join(tmpdir(), 'zhibiao-bench-queue-'));
// Every process runs the same frozen code: the extractor version (part of a document's id) is a hash of the sources.
const BIN = snapshot(join(base, 'code'));
const started: Proc[] = [];
const zhibiao = (args: string[], nodeArgs: string[] = []) => {
  const proc = startZhibiao(args, {}, BIN, nodeArgs);
  started.push(proc);
  return proc;
};
// However the bench ends, no server or worker of it stays behind.
process.once('exit', () => {
  for (const proc of started) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
});

/** Waits for PROC to print TEXT; throws with what it printed otherwise. */
async function ready(proc: Proc, text: string): Promise<void> {
  await until(() => proc.output().includes(text) || proc.child.exitCode !== null, text, 120_000).catch(() => {});
  if (!proc.output().includes(text)) throw new Error(`no "${text}" from zhibiao:\n${proc.output()}`);
}
const archive = join(base, 'archive');
makeArchive(archive, DOCS);
const inputs = files(archive);
log(`${inputs.length} documents, ${(inputs.reduce((sum, f) => sum + statSync(f).size, 0) / 2 ** 20).toFixed(1)} MB`);

// 1. extract, and extract of the first document alone: the difference is the CPU of the other
// DOCS - 1 documents without start-up and first-document warm-up (what the queue's steady state is compared with).
const single = join(base, 'single');
mkdirSync(single);
copyFileSync(inputs[0], join(single, basename(inputs[0])));
// Two halves of the archive, for two extract processes at once.
const halves = [join(base, 'half-0'), join(base, 'half-1')];
inputs.forEach((file, i) => {
  const to = join(halves[i % 2], relative(archive, file));
  mkdirSync(dirname(to), { recursive: true });
  linkSync(file, to);
});

interface ExtractRound {
  /** Wall seconds of the archive with 1 and 2 threads, and of the two half-archive processes at once. */
  seconds: Record<1 | 2, number>; processesSeconds: number; processesCpu: number;
  /** CPU seconds of the whole run, and per document in the steady state (the run minus a run of its first document alone). */
  cpu: Record<1 | 2, number>; steadyCpu: Record<1 | 2, number>;
}
async function extractRound(round: number): Promise<ExtractRound> {
  const out = (name: string) => join(base, `r${round}-${name}`);
  const run = async (dir: string, to: string, threads: number) => {
    const m = await measure(process.execPath, [BIN, 'extract', dir, '--out', to, '--concurrency', String(threads)]);
    if (m.code !== 0) throw new Error(`extract failed: ${m.stderr.slice(-1000)}`);
    return m;
  };
  const seconds = { 1: 0, 2: 0 };
  const cpu = { 1: 0, 2: 0 };
  const steadyCpu = { 1: 0, 2: 0 };
  for (const threads of [1, 2] as const) {
    log(`round ${round}: extract --concurrency ${threads} (load ${load()})…`);
    const m = await run(archive, out(`out-${threads}`), threads);
    const first = await run(single, out(`single-${threads}`), threads);
    seconds[threads] = m.wallSeconds;
    cpu[threads] = m.cpuSeconds;
    steadyCpu[threads] = (m.cpuSeconds - first.cpuSeconds) / (DOCS - 1);
    log(`  ${m.wallSeconds.toFixed(1)} s, ${(DOCS / m.wallSeconds).toFixed(2)} docs/s, ${m.cpuSeconds.toFixed(1)} CPU s (first document alone: ${first.cpuSeconds.toFixed(2)} CPU s)`);
  }
  log(`round ${round}: 2 extract processes, half of the archive each (load ${load()})…`);
  const started = performance.now();
  const both = await Promise.all(halves.map((half, i) => run(half, out(`half-out-${i}`), 1)));
  const processesSeconds = (performance.now() - started) / 1000;
  const processesCpu = both.reduce((sum, m) => sum + m.cpuSeconds, 0);
  log(`  ${processesSeconds.toFixed(1)} s, ${(DOCS / processesSeconds).toFixed(2)} docs/s, ${processesCpu.toFixed(1)} CPU s`);
  return { seconds, processesSeconds, processesCpu, cpu, steadyCpu };
}

// 2–3. the queue
const db = await startPostgres({ durable: true });
process.once('exit', () => db.stop());
const sql = new pg.Pool({ connectionString: db.url, max: 2 });
// The bench's own statements (polls, counters) are commits too: counted, and taken off the database's figures.
let ownStatements = 0;
const ask = <R extends pg.QueryResultRow>(text: string, params: unknown[] = []) => { ownStatements++; return sql.query<R>(text, params); };
const apiPort = 18_000 + Math.floor(Math.random() * 1000);
const server = zhibiao(['serve', '--db', db.url, '--no-workers', '--port', String(apiPort)]);
await ready(server, 'serving');
const api = client(`http://127.0.0.1:${apiPort}`);

interface DbCounters { wal: string; rows: number; commits: number; own: number }
async function counters(): Promise<DbCounters> {
  await new Promise((resolve) => setTimeout(resolve, 1500)); // table statistics are flushed about once a second
  const { rows } = await ask<{ wal: string; rows: string; commits: string }>(`SELECT pg_current_wal_lsn()::text AS wal,
    (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables WHERE schemaname IN ('zhibiao', 'graphile_worker')) AS rows,
    (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits`);
  return { wal: rows[0].wal, rows: Number(rows[0].rows), commits: Number(rows[0].commits), own: ownStatements };
}
async function delta(a: DbCounters, b: DbCounters): Promise<{ walBytes: number; rows: number; commits: number }> {
  const { rows } = await sql.query<{ d: string }>('SELECT pg_wal_lsn_diff($2, $1) AS d', [a.wal, b.wal]);
  return { walBytes: Number(rows[0].d), rows: b.rows - a.rows, commits: b.commits - a.commits - (b.own - a.own) };
}

interface QueueRun {
  seconds: number; upload: Awaited<ReturnType<typeof delta>>; work: Awaited<ReturnType<typeof delta>>; uploadSeconds: number; ids: string[];
  extractingShare: number; cpu: number; pgCpu: number; mainBusy: number;
  /** CPU seconds per document of the workers and of PostgreSQL after the first document was done. */
  steadyCpu: number; steadyPgCpu: number;
}
async function queueRun(round: number, workerCount: number): Promise<QueueRun> {
  await ask('TRUNCATE zhibiao.corpus_rows, zhibiao.documents, zhibiao.blobs, zhibiao.blob_chunks');
  const c0 = await counters();
  log(`round ${round}: queue, ${workerCount} worker(s): uploading (load ${load()})…`);
  const uploadStart = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += 4) {
    ids.push(...await Promise.all(inputs.slice(i, i + 4).map((file) => uploadRetrying(api, readFileSync(file), relative(archive, file)))));
  }
  const uploadSeconds = (performance.now() - uploadStart) / 1000;
  const c1 = await counters();
  log(`  uploads: ${(DOCS / uploadSeconds).toFixed(1)} docs/s; working (load ${load()})…`);
  const postgresCpu = () => processTree(db.pid()).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const pgCpuBefore = postgresCpu();
  const started = performance.now();
  const procs: Proc[] = Array.from({ length: workerCount }, () => zhibiao(['worker', '--db', db.url, '--concurrency', '1'], PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : []));
  const workersCpu = () => procs.reduce((sum, proc) => sum + cpuSeconds(proc.child.pid!), 0);
  // Steady state: from the moment every worker has started and a first document is done to the last.
  let firstDone: { n: number; cpu: number; pgCpu: number } | null = null;
  await until(async () => {
    const n = Number((await ask<{ n: string }>("SELECT count(*) AS n FROM zhibiao.documents WHERE status IN ('done', 'failed')")).rows[0].n);
    // Every worker started (its start-up checks of LibreOffice and the OCR runtime behind it) and a document done.
    if (n > 0 && firstDone === null && procs.every((proc) => proc.output().includes('waiting for jobs'))) firstDone = { n, cpu: workersCpu(), pgCpu: postgresCpu() };
    return n === DOCS;
  }, 'all documents', 3_600_000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = workersCpu();
  const steady = firstDone as { n: number; cpu: number; pgCpu: number } | null;
  const steadyCpu = steady && steady.n < DOCS ? (cpu - steady.cpu) / (DOCS - steady.n) : cpu / DOCS;
  const steadyPgCpu = steady && steady.n < DOCS ? (postgresCpu() - steady.pgCpu) / (DOCS - steady.n) : 0;
  // The main thread (its tid is the pid) does all of the queue's own work; the rest is extraction and V8's helpers.
  const mainBusy = procs.reduce((sum, proc) => sum + cpuSeconds(proc.child.pid!, proc.child.pid), 0);
  const pgCpu = postgresCpu() - pgCpuBefore;
  for (const proc of procs) proc.child.kill('SIGTERM');
  await Promise.all(procs.map((proc) => proc.exited));
  const c2 = await counters();
  const failed = Number((await ask("SELECT count(*) AS n FROM zhibiao.documents WHERE status = 'failed'")).rows[0].n);
  // Time the worker threads spent extracting, against the workers' wall time: the rest is the queue (and start-up).
  const extractingSeconds = Number((await ask('SELECT coalesce(sum(extract_ms), 0) AS ms FROM zhibiao.documents')).rows[0].ms) / 1000;
  log(`  ${seconds.toFixed(1)} s, ${(DOCS / seconds).toFixed(2)} docs/s (${failed} failed), workers ${cpu.toFixed(1)} CPU s, PostgreSQL ${pgCpu.toFixed(1)} CPU s, main threads ${mainBusy.toFixed(1)} CPU s; threads extracting ${((extractingSeconds / (seconds * workerCount)) * 100).toFixed(1)}% of the workers' wall time`);
  return { seconds, upload: await delta(c0, c1), work: await delta(c1, c2), uploadSeconds, ids, extractingShare: extractingSeconds / (seconds * workerCount), cpu, pgCpu, mainBusy, steadyCpu, steadyPgCpu };
}

interface Round { extract: ExtractRound; one: QueueRun; two: QueueRun }
const rounds: Round[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const extract = await extractRound(round);
  rounds.push({ extract, one: await queueRun(round, 1), two: await queueRun(round, 2) });
}
const { one, two } = rounds[rounds.length - 1];

// 4. API latency
async function cannon(label: string, url: string): Promise<string> {
  log(`autocannon ${label} (load ${load()})…`);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${TOKEN}` } });
  const non2xx = result.non2xx + result.errors;
  return `| ${label} | ${result.latency.p50} | ${result.latency.p99} | ${Math.round(result.requests.average)} | ${non2xx} |`;
}
const latency: string[] = [];
latency.push(await cannon('PostgreSQL: GET /v1/documents/{id}', `${api.base}/v1/documents/${two.ids[0]}`));
server.child.kill('SIGTERM');
await server.exited;
const embeddedPort = apiPort + 1;
const embedded = zhibiao(['serve', '--out', join(base, 'out-1'), '--port', String(embeddedPort)]);
await ready(embedded, 'serving');
const local = client(`http://127.0.0.1:${embeddedPort}`);
const localId = await uploadRetrying(local, readFileSync(inputs[0]), 'one.docx');
await local.settle(localId);
latency.push(await cannon('embedded: GET /v1/documents/{id}', `${local.base}/v1/documents/${localId}`));
latency.push(await cannon('embedded: GET /v1/search?q=满意度 (limit 50)', `${local.base}/v1/search?q=${encodeURIComponent('满意度')}`));
embedded.child.kill('SIGTERM');
await embedded.exited;
await sql.end();
db.stop();
rmSync(base, { recursive: true, force: true });

// Report: every ratio is taken within a round (queue against the extract runs just before it), then min and median over rounds.
const perDoc = (d: { walBytes: number; rows: number; commits: number }) => `${(d.walBytes / DOCS / 1024).toFixed(1)} KiB WAL, ${(d.rows / DOCS).toFixed(1)} rows, ${(d.commits / DOCS).toFixed(1)} commits`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** "M (min a, max b)": the median, least and greatest of one figure over the rounds. */
const over = (of: (r: Round) => number, format: (value: number) => string) => {
  const values = rounds.map(of);
  return rounds.length === 1 ? format(values[0]) : `${format(median(values))} (min ${format(Math.min(...values))}, max ${format(Math.max(...values))})`;
};
const pct = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
const times = (value: number) => `${value.toFixed(2)}×`;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
const docsPerSecond = (value: number) => `${value.toFixed(2)} docs/s`;
const share = (value: number) => `${(value * 100).toFixed(1)}%`;
const ratio = (queue: number, extract: number) => queue / extract - 1;
// Per-document database figures: the median round's (rows and commits hardly vary; WAL does with checkpoints).
const db1 = (of: (r: QueueRun) => number) => median(rounds.map((r) => of(r.one))) / DOCS;
const walPerDoc = db1((q) => q.upload.walBytes + q.work.walBytes);
const commitsPerDoc = db1((q) => q.upload.commits + q.work.commits);
const rowsPerDoc = db1((q) => q.upload.rows + q.work.rows);
const pgMsPerDoc = median(rounds.map((r) => r.two.steadyPgCpu)) * 1000;
const rate2 = median(rounds.map((r) => DOCS / r.two.seconds));
const lines = [
  `documents: ${DOCS} (scripts/bulk/archive.ts), ${rounds.length} round(s); figures: median over rounds (min, max), each ratio within one round; load average now ${load()}`,
  `extract: 1 thread ${over((r) => DOCS / r.extract.seconds[1], docsPerSecond)}; 2 threads ${over((r) => DOCS / r.extract.seconds[2], docsPerSecond)}; 2 processes (half each) ${over((r) => DOCS / r.extract.processesSeconds, docsPerSecond)}`,
  `queue: 1 worker ${over((r) => DOCS / r.one.seconds, docsPerSecond)}; 2 workers ${over((r) => DOCS / r.two.seconds, docsPerSecond)}; uploads ${over((r) => DOCS / r.one.uploadSeconds, docsPerSecond)}`,
  // Whether the queue is what keeps 2 workers from 2×: its scaling against extract's own, in the same round.
  `2 against 1 (goal ≥ 1.8×): queue 2 workers / 1 ${over((r) => r.one.seconds / r.two.seconds, times)}; extract 2 threads / 1 ${over((r) => r.extract.seconds[1] / r.extract.seconds[2], times)}; extract 2 processes / 1 ${over((r) => r.extract.seconds[1] / r.extract.processesSeconds, times)}`,
  `  queue's scaling / extract's (2 processes) ${over((r) => (r.one.seconds / r.two.seconds) / (r.extract.seconds[1] / r.extract.processesSeconds), times)}: below 1× is what the queue costs the scaling, the rest is extraction's own`,
  `wall-clock overhead over extract: 1 worker vs 1 thread ${over((r) => ratio(r.one.seconds, r.extract.seconds[1]), pct)}; 2 workers vs 2 processes ${over((r) => ratio(r.two.seconds, r.extract.processesSeconds), pct)}`,
  // The goal's figure: CPU per document in the steady state (after the first document; extract: the run minus a run of its first document alone).
  `CPU per document over extract, steady state (goal ≤ 5%): 1 worker ${over((r) => ratio(r.one.steadyCpu, r.extract.steadyCpu[1]), pct)}; 2 workers (vs 2 threads) ${over((r) => ratio(r.two.steadyCpu, r.extract.steadyCpu[2]), pct)}`,
  `  extract ${over((r) => r.extract.steadyCpu[1], ms)} (1 thread), ${over((r) => r.extract.steadyCpu[2], ms)} (2); queue workers ${over((r) => r.one.steadyCpu, ms)} (1), ${over((r) => r.two.steadyCpu, ms)} (2); PostgreSQL ${over((r) => r.one.steadyPgCpu, ms)} (1), ${over((r) => r.two.steadyPgCpu, ms)} (2) more`,
  `CPU per document over extract, start-up included: 1 worker ${over((r) => ratio(r.one.cpu, r.extract.cpu[1]), pct)}; 2 workers vs 2 processes ${over((r) => ratio(r.two.cpu, r.extract.processesCpu), pct)} (vs 2 threads ${over((r) => ratio(r.two.cpu, r.extract.cpu[2]), pct)})`,
  `worker main threads (the queue's own work, start-up included): ${over((r) => r.one.mainBusy / DOCS, ms)} per document (1 worker), ${over((r) => r.two.mainBusy / DOCS, ms)} (2 workers)`,
  `worker threads busy extracting: ${over((r) => r.one.extractingShare, share)} (1 worker), ${over((r) => r.two.extractingShare, share)} (2 workers) of the workers' wall time, start-up included`,
  `database per document (the bench's own statements left out; last round): upload ${perDoc(one.upload)}; processing ${perDoc(one.work)}`,
  // N machines share one PostgreSQL: what each adds to it, and how many one PostgreSQL core would carry at this rate.
  `N machines at ${rate2.toFixed(1)} docs/s each (2 workers): per machine ${((walPerDoc * rate2) / 2 ** 20).toFixed(2)} MB/s of WAL, ${(rowsPerDoc * rate2).toFixed(0)} rows/s, ${(commitsPerDoc * rate2).toFixed(0)} commits/s and ${((pgMsPerDoc * rate2) / 1000).toFixed(2)} PostgreSQL cores (${pgMsPerDoc.toFixed(1)} ms per document): one PostgreSQL core per ${(1000 / (pgMsPerDoc * rate2)).toFixed(0)} machines, before disk`,
  '',
  `| API (${CONNECTIONS} connections, ${SECONDS} s) | p50 ms | p99 ms | req/s | non-2xx |`,
  '| --- | --- | --- | --- | --- |',
  ...latency,
];
process.stdout.write(`${lines.join('\n')}\n`);
