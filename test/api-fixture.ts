// Helpers of the API and queue tests: a client for a running server, `zhibiao` processes
// (serve, worker) to start and kill, and the reference output of `extract --stdout`.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'zhibiao.js');
export const TOKEN = 'test-token-0123456789abcdef';
export const TOKENS = `alice:${TOKEN},robot-token-fedcba9876543210`;

export interface Client {
  base: string;
  get(path: string, token?: string | null): Promise<Response>;
  upload(bytes: Uint8Array, name: string, token?: string | null): Promise<Response>;
  /** Polls GET /v1/documents/ID until its status is done or failed (or the deadline passes). */
  settle(id: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function client(base: string): Client {
  const auth = (token: string | null | undefined): Record<string, string> => (token === null ? {} : { authorization: `Bearer ${token ?? TOKEN}` });
  const get = (path: string, token?: string | null) => fetch(`${base}${path}`, { headers: auth(token) });
  return {
    base,
    get,
    upload(bytes, name, token) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${base}/v1/documents`, { method: 'POST', body: form, headers: auth(token) });
    },
    async settle(id, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await get(`/v1/documents/${id}`).catch(() => null);
        const body = response?.ok ? await response.json() as Record<string, unknown> : null;
        if (body && (body.status === 'done' || body.status === 'failed')) return body;
        if (Date.now() > deadline) throw new Error(`document ${id} not finished within ${timeoutMs} ms: ${JSON.stringify(body)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** Uploads until the API answers (it may be reconnecting to its database): 200 or 202. */
export async function uploadRetrying(api: Client, bytes: Uint8Array, name: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.upload(bytes, name).catch(() => null);
    if (response && (response.status === 200 || response.status === 202)) return ((await response.json()) as { id: string }).id;
    if (Date.now() > deadline) throw new Error(`upload of ${name} refused: ${response?.status} ${await response?.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What `zhibiao extract --stdout FILE` prints, parsed. */
export function extractStdout(file: string): unknown {
  const run = spawnSync(process.execPath, [BIN, 'extract', '--stdout', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/** Starts `zhibiao ARGS` (from BIN_PATH) with extra environment (and NODE_ARGS before the script); stderr and stdout are kept for assertions. */
export function startZhibiao(args: string[], env: NodeJS.ProcessEnv = {}, binPath = BIN, nodeArgs: string[] = []): Proc {
  const child = spawn(process.execPath, [...nodeArgs, binPath, ...args], { env: { ...process.env, ZHIBIAO_API_TOKENS: TOKENS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => output, exited };
}

/** Waits until CONDITION holds (polled every 100 ms) or throws after TIMEOUT_MS. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
