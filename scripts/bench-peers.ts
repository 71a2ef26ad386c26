// zhibiao against its peers on the same PDFs, in the same run, one process each way:
//
//   npm run bench:peers [-- --rounds 3] [--json]
//
// zhibiao: `zhibiao extract DIR --concurrency 1 --force` as a user runs it (start-up, reading,
// tables, structure, writing JSON, report and corpus included). pdfplumber: find_tables + extract
// on every page (scripts/peers/pdfplumber_tables.py). Camelot (lattice): if it installs.
// The peers come from the machine's Python package index (pip's own configuration) into a venv
// under node_modules/.cache/zhibiao-peers; a peer that cannot be installed is named as such in the
// output, never skipped silently. Rounds alternate the tools so that machine noise hits each; the
// median round is reported as wall time and as CPU time (user + system of the process and its
// threads, from bash's `times`: on a loaded machine the CPU ratio is the one to trust).
//
// PDFs: samples/pdf (+ borders/), ../shared/bench/icdar2013-eu, and the text PDFs of ../shared/real
// (scans left out: pdfplumber reads no image, zhibiao would OCR them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildTiming, timeChild } from './lib/child-times.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const SHARED = join(ROOT, '..', 'shared');
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 1;
const asJson = args.includes('--json');

function pdfsUnder(dir: string, skip: RegExp = /^$/u): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((name) => name.toLowerCase().endsWith('.pdf') && !skip.test(name)).sort().map((name) => join(dir, name));
}

const files = [
  ...pdfsUnder(join(ROOT, 'samples', 'pdf')),
  ...pdfsUnder(join(SHARED, 'bench', 'icdar2013-eu')),
  ...pdfsUnder(join(SHARED, 'real'), /(^|\/)scans\//u),
];

interface Peer {
  name: string;
  /** pip requirement */
  requirement: string;
  /** module to import to check it works */
  module: string;
  script: string;
}

const PEERS: Peer[] = [
  { name: 'pdfplumber find_tables + extract', requirement: 'pdfplumber', module: 'pdfplumber', script: join(ROOT, 'scripts', 'peers', 'pdfplumber_tables.py') },
  { name: 'Camelot lattice', requirement: 'camelot-py', module: 'camelot', script: join(ROOT, 'scripts', 'peers', 'camelot_tables.py') },
];

const VENV = join(ROOT, 'node_modules', '.cache', 'zhibiao-peers', 'venv');
const PYTHON = join(VENV, 'bin', 'python');

function run(command: string, argv: string[], timeoutMs = 600_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: timeoutMs });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') + (result.error ? String(result.error) : '') };
}

function lastLines(text: string, n = 2): string {
  return text.trim().split('\n').slice(-n).join(' / ');
}

/** Installs (once) each peer into the venv; returns why a peer is missing, or null when it is there. */
function installPeer(peer: Peer): string | null {
  if (!existsSync(PYTHON)) {
    mkdirSync(join(VENV, '..'), { recursive: true });
    const venv = run('python3', ['-m', 'venv', VENV]);
    if (venv.status !== 0) return `python3 -m venv failed: ${lastLines(venv.stderr)}`;
  }
  if (run(PYTHON, ['-c', `import ${peer.module}`]).status === 0) return null;
  // pip's configuration on this machine points at its local index; no retries against an index it cannot reach.
  const pip = run(PYTHON, ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--timeout', '15', peer.requirement]);
  if (pip.status !== 0) return `pip install ${peer.requirement} failed: ${lastLines(pip.stderr)}`;
  return run(PYTHON, ['-c', `import ${peer.module}`]).status === 0 ? null : `${peer.module} installed but does not import`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const work = mkdtempSync(join(tmpdir(), 'zhibiao-peers-'));
const OUTPUT = join(work, 'last-output.txt');
try {
  // One folder of links, so that `zhibiao extract` walks the same files the peers get.
  const input = join(work, 'in');
  for (const [i, file] of files.entries()) {
    const dir = join(input, String(i).padStart(3, '0'));
    mkdirSync(dir, { recursive: true });
    symlinkSync(file, join(dir, basename(file)));
  }
  const zhibiao = ['node', join(ROOT, 'bin', 'zhibiao.js'), 'extract', input, '--out', join(work, 'out'), '--concurrency', '1', '--force'];

  const missing: Record<string, string> = {};
  const available = PEERS.filter((peer) => {
    const why = installPeer(peer);
    if (why) missing[peer.name] = why;
    return !why;
  });

  const times: Record<string, ChildTiming[]> = { zhibiao: [] };
  for (const peer of available) times[peer.name] = [];
  // Exit 1 is a finished run in which some files failed (no indicator table in an ICDAR page, …).
  timeChild(zhibiao, OUTPUT, [0, 1]); // warm-up: file cache, dist/ compile cache
  const summaries: Record<string, string> = {};
  for (let round = 0; round < rounds; round++) {
    const ours = timeChild(zhibiao, OUTPUT, [0, 1]);
    times.zhibiao.push(ours);
    summaries.zhibiao = ours.lastLine;
    for (const peer of available) {
      const theirs = timeChild([PYTHON, peer.script, ...files], OUTPUT);
      times[peer.name].push(theirs);
      summaries[peer.name] = theirs.lastLine;
    }
  }
  const rows = Object.entries(times).map(([name, list]) => ({ name, wall: median(list.map((t) => t.wall)), cpu: median(list.map((t) => t.cpu)) }));
  const ours = rows[0];
  const result = {
    rounds, files: files.length, sets: [...new Set(files.map((f) => relative(ROOT, f).split('/').slice(0, 3).join('/')))],
    rows: rows.map((row) => ({ ...row, wallVsZhibiao: row.wall / ours.wall, cpuVsZhibiao: row.cpu / ours.cpu })),
    missing, summaries,
  };
  if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const load = loadavg()[0];
    console.log(`bench:peers: ${files.length} PDFs (samples/pdf, icdar2013-eu, shared/real text PDFs), one process each way, ${rounds} round(s) (median); load average ${load.toFixed(2)} on ${availableParallelism()} cores${load > 1.5 ? ' (busy machine: trust the CPU ratio)' : ''}`);
    console.log('tool                                  wall s   CPU s   zhibiao faster (wall)  (CPU)');
    for (const row of result.rows) {
      console.log(`${row.name.padEnd(36)} ${row.wall.toFixed(2).padStart(7)} ${row.cpu.toFixed(2).padStart(7)}  ${row.wallVsZhibiao.toFixed(2).padStart(20)}×  ${row.cpuVsZhibiao.toFixed(2).padStart(5)}×`);
    }
    for (const [name, summary] of Object.entries(summaries)) console.log(`${name}: ${summary}`);
    for (const [name, why] of Object.entries(missing)) console.log(`${name}: NOT MEASURED, cannot be installed here (${why})`);
    // The figures (#15), each with its goal.
    console.log('issue 15 figures:');
    for (const [peer, goal] of [['pdfplumber', 5], ['Camelot lattice', 20]] as const) {
      const row = result.rows.find((r) => r.name.startsWith(peer));
      const name = PEERS.find((p) => p.name.startsWith(peer))?.name ?? peer;
      console.log(row
        ? `  zhibiao vs ${peer}: ${row.cpuVsZhibiao.toFixed(2)}× faster in CPU, ${row.wallVsZhibiao.toFixed(2)}× in wall time  [goal ≥ ${goal}×]`
        : `  zhibiao vs ${peer}: not measured — ${missing[name] ?? 'not installed'}  [goal ≥ ${goal}×]`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
