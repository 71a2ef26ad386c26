// LibreOffice as a long-running converter. One listener per thread (each pool worker has its
// own): a python3-uno bridge (libreoffice-bridge.ts) that starts `soffice --accept` on a private
// named pipe with its own profile and TMPDIR in a temp dir, and converts one file at a time.
// Started on the first conversion; restarted on the next one when it died; killed when a
// conversion passes its time limit. Every file goes through a temp dir that is removed after.
//
// Nothing is left behind: the bridge ends soffice when its stdin closes (also when this process
// dies by SIGKILL); `close()` asks it to; a thread that is terminated cannot, so the process
// groups and paths of a running listener are reported (`onHelperProcesses`) to whoever can kill
// them (the worker pool); at process exit the listeners of this thread are killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { createInterface } from 'node:readline';
import { ExtractError } from '../model/errors.ts';
import { BRIDGE_PY } from './libreoffice-bridge.ts';

/** The Debian packages a DOC/WPS conversion needs (README "What it does now"). */
export const LIBREOFFICE_APT = 'libreoffice-writer-nogui python3-uno';

export interface LibreOfficeOptions {
  /** `ZHIBIAO_SOFFICE`: the soffice executable (default: soffice on PATH). */
  soffice: string;
  /** `ZHIBIAO_PYTHON`: a python3 that can `import uno` (default: /usr/bin/python3, where Debian's python3-uno lives, else python3 on PATH). */
  python: string;
  /** Start-up time limit, ms: a cold start with a new profile takes ~2 s on 2 idle cores. */
  startTimeoutMs: number;
  /** `ZHIBIAO_CONVERT_TIMEOUT` (s): time limit of one conversion; past it the listener is killed and the file fails `timeout`. */
  convertTimeoutMs: number;
  /** `ZHIBIAO_LIBREOFFICE_MAX_MB`: address-space limit of soffice (idle it maps ~400 MB, holds ~85 MB); 0 = none. */
  maxMemoryMb: number;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function libreOfficeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LibreOfficeOptions {
  return {
    soffice: env.ZHIBIAO_SOFFICE || 'soffice',
    // pyenv and similar shims put a python3 without Debian's dist-packages first on PATH.
    python: env.ZHIBIAO_PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'),
    startTimeoutMs: 30_000,
    convertTimeoutMs: positiveNumber(env.ZHIBIAO_CONVERT_TIMEOUT, 60) * 1000,
    maxMemoryMb: env.ZHIBIAO_LIBREOFFICE_MAX_MB === '0' ? 0 : positiveNumber(env.ZHIBIAO_LIBREOFFICE_MAX_MB, 2048),
  };
}

/** What to kill and remove when the thread owning a listener ends without closing it. */
export interface HelperProcesses {
  /** Process groups (the bridge's, soffice's). */
  groups: number[];
  paths: string[];
}

/** Kills the groups (SIGKILL) and removes the paths; synchronous, so it works in an 'exit' handler. */
export function killHelperProcesses(helper: HelperProcesses): void {
  for (const group of helper.groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const path of helper.paths) rmSync(path, { recursive: true, force: true });
}

type HelperReporter = (id: string, helper: HelperProcesses | null) => void;
let reporter: HelperReporter | null = null;

/** Reports each listener's processes when it starts (and `null` when it is gone). */
export function onHelperProcesses(report: HelperReporter): void {
  reporter = report;
}

const live = new Set<Session>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const session of live) killHelperProcesses(session.helper());
  });
}

interface Reply {
  event?: 'ready' | 'error';
  id?: number;
  ok?: boolean;
  code?: 'needs-libreoffice' | 'timeout';
  reason?: string;
  crashed?: boolean;
  unstarted?: boolean;
  pid?: number;
  sockets?: string[];
}

let sessionCount = 0;

/**
 * A request its listener could not carry out because soffice was gone: it had died while idle,
 * or it died under the conversion (killed, crashed, or dying as the request came). The request
 * goes to a new listener once; a file that takes soffice down twice is reported corrupt-doc.
 */
class ListenerGone extends Error {}

function needsLibreOffice(reason: string): ExtractError {
  return new ExtractError('needs-libreoffice', `DOC/WPS files are converted with LibreOffice, which is not available here (${reason}); install it: apt-get install ${LIBREOFFICE_APT}`);
}

/** One run of the bridge and its soffice, from start to exit. */
class Session {
  readonly id = `${process.pid}-${threadId}-${++sessionCount}`;
  readonly base = mkdtempSync(join(tmpdir(), 'zhibiao-lo-'));
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private sofficePid: number | undefined;
  private sockets: string[] = [];
  private stderr = '';
  exited = false;
  private readonly exitedPromise: Promise<void>;

  constructor(private readonly options: LibreOfficeOptions) {
    const pipeName = `zhibiao_${this.id.replace(/-/gu, '_')}_${Math.random().toString(36).slice(2, 8)}`;
    const args = ['-c', BRIDGE_PY, options.soffice, this.base, pipeName, String(options.startTimeoutMs / 1000), String(options.maxMemoryMb)];
    // Its own process group: a Ctrl-C at the terminal does not reach soffice mid-conversion
    // (the batch lets files under way finish), and the group can be killed as a whole.
    this.child = spawn(options.python, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    live.add(this);
    installExitHook();
    let settleReady!: { resolve: () => void; reject: (error: Error) => void };
    this.ready = new Promise((resolve, reject) => { settleReady = { resolve, reject }; });
    this.ready.catch(() => {});
    const startTimer = setTimeout(() => settleReady.reject(new ExtractError('timeout', `LibreOffice did not start within ${options.startTimeoutMs / 1000} s`)), options.startTimeoutMs + 5000);
    this.child.stdin!.on('error', () => {}); // EPIPE when the bridge has died: 'close' reports it
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000); });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        return;
      }
      if (reply.event === 'ready') {
        clearTimeout(startTimer);
        this.sofficePid = reply.pid;
        this.sockets = reply.sockets ?? [];
        reporter?.(this.id, this.helper());
        settleReady.resolve();
      } else if (reply.event === 'error') {
        clearTimeout(startTimer);
        settleReady.reject(reply.code === 'timeout' ? new ExtractError('timeout', reply.reason ?? 'LibreOffice did not start') : needsLibreOffice(reply.reason ?? 'it did not start'));
      } else if (reply.id !== undefined) {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.ok) waiter?.resolve();
        else if (reply.unstarted || reply.crashed) waiter?.reject(new ListenerGone(reply.reason));
        else waiter?.reject(new ExtractError('corrupt-doc', `LibreOffice cannot convert the file (${reply.reason ?? 'no reason given'})`));
      }
    });
    this.exitedPromise = new Promise((resolve) => {
      const onGone = (error?: Error) => {
        if (this.exited) return;
        this.exited = true;
        clearTimeout(startTimer);
        live.delete(this);
        // The bridge cleans up after itself; after a kill it could not have.
        killHelperProcesses({ groups: this.sofficePid ? [this.sofficePid] : [], paths: [this.base, ...this.sockets] });
        reporter?.(this.id, null);
        const reason = error ? `cannot run ${options.python}: ${error.message}` : `the python3-uno bridge exited${this.stderr ? `: ${this.stderr.trim().split('\n').pop()}` : ''}`;
        settleReady.reject(needsLibreOffice(reason));
        for (const waiter of this.waiting.values()) waiter.reject(new ExtractError('corrupt-doc', `LibreOffice stopped while converting the file (${reason})`));
        this.waiting.clear();
        resolve();
      };
      this.child.once('error', onGone);
      // 'close', not 'exit': the bridge's last replies are read before its requests fail.
      this.child.once('close', () => onGone());
    });
    reporter?.(this.id, this.helper());
    this.idle(true);
  }

  helper(): HelperProcesses {
    return { groups: [this.child.pid, this.sofficePid].filter((pid): pid is number => pid !== undefined), paths: [this.base, ...this.sockets] };
  }

  /** An idle listener does not keep the process alive (a script or test can end; the exit hook kills it). */
  idle(idle: boolean): void {
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as ({ ref(): void; unref(): void } | null)[];
    for (const handle of handles) {
      if (idle) handle?.unref();
      else handle?.ref();
    }
  }

  request(input: string, output: string, filter: string, timeoutMs: number): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.kill();
        reject(new ExtractError('timeout', `LibreOffice did not convert the file within ${timeoutMs / 1000} s (ZHIBIAO_CONVERT_TIMEOUT)`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      this.child.stdin!.write(`${JSON.stringify({ id, input, output, filter })}\n`);
    });
  }

  /** Set once it is killed or gone: the next conversion starts a new session. */
  get dead(): boolean {
    return this.exited || this.killed;
  }

  private killed = false;

  kill(): void {
    this.killed = true;
    killHelperProcesses(this.helper());
  }

  /** Asks the bridge to end soffice and clean up; kills everything if it has not within 5 s. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.idle(false);
    this.child.stdin!.end();
    const timer = setTimeout(() => this.kill(), 5000);
    await this.exitedPromise;
    clearTimeout(timer);
  }
}

/** A converter backed by one LibreOffice listener; conversions run one at a time. */
export class LibreOfficeListener {
  private session: Session | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Listeners started (the first one and every restart). */
  starts = 0;

  constructor(readonly options: LibreOfficeOptions = libreOfficeOptionsFromEnv()) {}

  /** Converts BYTES (a file with extension FROM) with LibreOffice's export filter FILTER into a file with extension TO. */
  convert(bytes: Uint8Array, from: string, to: string, filter: string): Promise<Uint8Array> {
    const run = this.queue.then(() => this.convertNow(bytes, from, to, filter));
    this.queue = run.catch(() => {});
    return run;
  }

  private async started(): Promise<Session> {
    if (!this.session || this.session.dead) {
      this.session = new Session(this.options);
      this.starts++;
    }
    const session = this.session;
    try {
      await session.ready;
    } catch (error) {
      session.kill();
      if (this.session === session) this.session = null;
      throw error;
    }
    return session;
  }

  private async convertNow(bytes: Uint8Array, from: string, to: string, filter: string, retried = false): Promise<Uint8Array> {
    const session = await this.started();
    session.idle(false);
    const dir = mkdtempSync(join(session.base, 'job-'));
    try {
      const input = join(dir, `in.${from}`);
      const output = join(dir, `out.${to}`);
      writeFileSync(input, bytes);
      await session.request(input, output, filter, this.options.convertTimeoutMs);
      return readFileSync(output);
    } catch (error) {
      if (!(error instanceof ListenerGone)) throw error;
      session.kill();
      if (retried) throw new ExtractError('corrupt-doc', `LibreOffice stopped twice while converting the file (${error.message})`);
      return await this.convertNow(bytes, from, to, filter, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (!session.dead) session.idle(true);
    }
  }

  /** Ends the listener (if one runs) and removes its files. */
  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    await this.queue;
    await session?.close();
  }
}

/** Whether `soffice` can be found (for scripts that need it; the converter says so itself). */
export function hasSoffice(options: LibreOfficeOptions = libreOfficeOptionsFromEnv()): boolean {
  return options.soffice.includes('/') ? existsSync(options.soffice) : onPath(options.soffice);
}
