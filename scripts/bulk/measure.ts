// Runs a command and measures it from outside: wall time, peak RSS of its whole process tree
// (the process and every descendant: RSS sampled from /proc every 100 ms, descendants looked up
// every second; worker threads live in the process, so their memory is in its RSS) and CPU
// seconds of the tree (last sample).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

const PAGE = 4096;
const TICKS = 100;

export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallSeconds: number;
  peakRssMb: number;
  /** RSS samples (MB), one per 100 ms. */
  rssMb: number[];
  cpuSeconds: number;
  loadBefore: number;
  stdout: string;
  stderr: string;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The pid and all its descendants (from /proc/*\/stat parent links). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function rssBytes(pid: number): number {
  const statm = read(`/proc/${pid}/statm`);
  return statm ? Number(statm.split(' ')[1]) * PAGE : 0;
}

/** CPU seconds of a process (all its threads, and children it has waited for), or of its thread TID alone. */
export function cpuSeconds(pid: number, tid?: number): number {
  const stat = read(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14–17 (1-based); here 0-based after the comm: 11–14.
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS;
}

export async function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const loadBefore = loadavg()[0];
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const samples: number[] = [];
  let cpu = 0;
  // The tree is looked up once a second (a scan of /proc), the RSS of its members every 100 ms.
  let tree: number[] = [];
  let treeAt = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    if (performance.now() - treeAt > 1000) {
      tree = processTree(child.pid);
      treeAt = performance.now();
    }
    samples.push(tree.reduce((sum, pid) => sum + rssBytes(pid), 0) / 2 ** 20);
    cpu = Math.max(cpu, tree.reduce((sum, pid) => sum + cpuSeconds(pid), 0));
  };
  const timer = setInterval(sample, 100);
  sample();
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearInterval(timer);
  return {
    code, signal, wallSeconds: (performance.now() - started) / 1000, peakRssMb: Math.max(0, ...samples), rssMb: samples,
    cpuSeconds: cpu, loadBefore, stdout, stderr,
  };
}
