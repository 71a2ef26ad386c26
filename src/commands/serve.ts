// `zhibiao serve`: the HTTP API, embedded (SQLite) or on PostgreSQL (options: src/server/cli.ts).
import { defaultMaxMemory } from '../cli-common.ts';
import { onSignals, queueKnobs, usage } from '../server/cli.ts';

export default async function serveCommand(opts: { port: number; host: string; out: string; db?: string; workers: boolean; concurrency: number; timeout: number; maxMemory?: number }): Promise<void> {
  if (!opts.workers && !opts.db) usage('--no-workers needs --db (the embedded store extracts in this process)');
  const { parseTokens } = await import('../server/auth.ts');
  let tokens;
  try {
    tokens = parseTokens(process.env.ZHIBIAO_API_TOKENS);
  } catch (error) {
    usage((error as Error).message);
  }
  if (tokens.size === 0) usage('serve needs API tokens: set ZHIBIAO_API_TOKENS (e.g. ZHIBIAO_API_TOKENS=alice:$(openssl rand -hex 16))');
  const { startServer } = await import('../server/serve.ts');
  const server = await startServer({
    port: opts.port, host: opts.host, out: opts.out, db: opts.db, workers: opts.workers, concurrency: opts.concurrency,
    timeoutMs: opts.timeout * 1000, maxHeapMb: opts.maxMemory ?? defaultMaxMemory(opts.concurrency), tokens, queue: queueKnobs(),
  });
  const mode = opts.db ? `PostgreSQL${opts.workers ? `, ${opts.concurrency} worker thread(s)` : ', no workers'}` : `embedded: ${opts.out}/, ${opts.concurrency} worker thread(s)`;
  // fastify answers one address for a wildcard host; the server listens on all of them.
  const where = opts.host === '0.0.0.0' || opts.host === '::' ? `${server.url} and every other address of this machine (--host ${opts.host})` : server.url;
  process.stderr.write(`zhibiao: serving ${where} (${mode}; ${tokens.size} token(s))\n`);
  onSignals(() => server.close(), 'serve');
}
