// `zhibiao serve` and `zhibiao worker` (SPEC §4, §5): their options. The actions are
// src/commands/serve.ts and worker.ts, loaded only when the command runs, so `--help` and
// `extract` never load fastify or graphile-worker.
import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { lazy, positiveInt } from '../cli-common.ts';

export function usage(message: string): never {
  process.stderr.write(`zhibiao: ${message}\n`);
  throw new CommanderError(2, 'zhibiao.usage', message);
}

/** `postgres://…` or `postgresql://…`; anything else is a usage error. */
export function databaseUrl(value: string): string {
  if (!/^postgres(?:ql)?:\/\//u.test(value)) throw new InvalidArgumentError('a PostgreSQL URL is needed: postgres://user@host:port/db');
  return value;
}

/** Stops on the first SIGTERM/SIGINT (STOP), leaves at once on the second. */
export function onSignals(stop: () => Promise<void>, what: string): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`zhibiao: ${what}: second ${signal}, leaving now (jobs under way go back to the queue)\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`zhibiao: ${what}: ${signal}: finishing the jobs under way (${signal} again to leave now)…\n`);
    void stop().then(() => process.exit(0), (error: Error) => {
      process.stderr.write(`zhibiao: ${what}: ${error.message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/** Test and benchmark knobs of the queue (milliseconds), from ZHIBIAO_QUEUE_* variables. */
export function queueKnobs(): { pollIntervalMs?: number; sweepIntervalMs?: number; sweepGraceMs?: number; shutdownGraceMs?: number } {
  const ms = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  return {
    pollIntervalMs: ms('ZHIBIAO_QUEUE_POLL_MS'), sweepIntervalMs: ms('ZHIBIAO_QUEUE_SWEEP_MS'),
    sweepGraceMs: ms('ZHIBIAO_QUEUE_SWEEP_GRACE_MS'), shutdownGraceMs: ms('ZHIBIAO_QUEUE_SHUTDOWN_GRACE_MS'),
  };
}

export function registerServerCommands(program: Command): void {
  program.command('serve')
    .description('serve the HTTP API (tokens from ZHIBIAO_API_TOKENS: token or name:token, comma-separated)')
    .option('-p, --port <n>', 'port', positiveInt, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('-o, --out <dir>', 'embedded mode: folder of corpus.sqlite, api.sqlite and uploaded files', 'output')
    .option('--db <url>', 'PostgreSQL mode: documents, bytes and job queue in this database (schema created/migrated on start)', databaseUrl)
    .option('--no-workers', 'with --db: serve the API only (run `zhibiao worker` elsewhere)')
    .option('-c, --concurrency <n>', 'documents extracted at once by this process', positiveInt, Math.max(1, availableParallelism()))
    .option('--timeout <seconds>', 'time limit per document', positiveInt, 120)
    .option('--max-memory <mb>', 'heap limit per worker thread', positiveInt)
    .action(lazy(() => import('../commands/serve.ts')));

  program.command('worker')
    .description('take jobs from the PostgreSQL queue (run on as many machines as reach the database)')
    .requiredOption('--db <url>', 'the PostgreSQL database of `zhibiao serve --db`', databaseUrl)
    .option('-c, --concurrency <n>', 'documents extracted at once', positiveInt, Math.max(1, availableParallelism()))
    .option('--stages <list>', 'job stages this machine runs (convert, extract, ocr; default: those it has the parts for — LibreOffice for convert, the OCR models for ocr)')
    .option('--timeout <seconds>', 'time limit per document', positiveInt, 120)
    .option('--max-memory <mb>', 'heap limit per worker thread', positiveInt)
    .option('--metrics-port <n>', 'serve this worker\'s Prometheus metrics on 127.0.0.1:N/metrics', positiveInt)
    .action(lazy(() => import('../commands/worker.ts')));
}
