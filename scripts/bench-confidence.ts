// `npm run bench:confidence`: fault injection over the samples. Each sample is read up to a
// stage boundary (DOCX blocks, XLSX sheets, PDF pages), damaged in one of the ways real files
// go wrong, run through the rest of the pipeline and compared row by row with the sample's
// golden JSON (scripts/confidence/compare.ts says how rows are matched and what "flagged"
// means for a missing row). Prints, per damage kind and overall, the wrong rows and the share
// flagged (confidence below REVIEW_THRESHOLD), the right rows and the share flagged, the
// clean samples' flagged rows, and the trade-off curve over thresholds.
//
//   npx tsx scripts/bench-confidence.ts [--variants N] [--offset K] [--only KIND] [--sample SUBSTR] [--verbose]
//
// --offset K draws other damages (seeds K, K+1, …): the evidence was developed on the default
// seeds, so a run with another offset is the held-out check.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REVIEW_THRESHOLD } from '../src/confidence/score.ts';
import { type Expected, type RowVerdict, compareRows, isFlagged } from './confidence/compare.ts';
import { type Layer, damagePdfLayer, damageTableLayer, readLayer, runLayer } from './confidence/subjects.ts';
import { TABLE_DAMAGES } from './confidence/damage-table.ts';
import { PDF_DAMAGES } from './confidence/damage-pdf.ts';
import { makeRng, seedOf } from './confidence/text.ts';

const ROOT = join(import.meta.dirname, '..');
const SAMPLES = join(ROOT, 'samples');

export const DAMAGE_KINDS = ['delete-ruling', 'break-merge', 'shift-column', 'garble-characters', 'drop-header', 'swap-columns', 'strip-fonts', 'cut-at-page-break'];

interface Args { variants: number; only: string | null; sample: string | null; verbose: boolean; offset?: number }

function parseArgs(argv: string[]): Args {
  const args: Args = { variants: 6, only: null, sample: null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--variants') args.variants = Number(argv[++i]);
    else if (argv[i] === '--only') args.only = argv[++i];
    else if (argv[i] === '--sample') args.sample = argv[++i];
    else if (argv[i] === '--verbose') args.verbose = true;
    else if (argv[i] === '--offset') args.offset = Number(argv[++i]);
  }
  return args;
}

function expectedFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return expectedFiles(full);
    return name.endsWith('.expected.json') ? [full] : [];
  });
}

export interface Run { sample: string; kind: string; description: string; verdicts: RowVerdict[] }

/** Every damaged run of every sample (plus the clean run per sample, kind "clean"). */
export async function runBench(args: Args, log: (line: string) => void = () => {}): Promise<Run[]> {
  const runs: Run[] = [];
  for (const expectedPath of expectedFiles(SAMPLES)) {
    const samplePath = expectedPath.replace(/\.expected\.json$/u, '');
    const sample = relative(SAMPLES, samplePath);
    if (args.sample && !sample.includes(args.sample)) continue;
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
    const layer = await readLayer(samplePath);
    const clean = runLayer(layer);
    runs.push({ sample, kind: 'clean', description: 'undamaged', verdicts: compareRows(expected, clean.tables, clean.warnings) });
    for (const kind of DAMAGE_KINDS) {
      if (args.only && kind !== args.only) continue;
      if (layer.format !== 'pdf' && !(kind in TABLE_DAMAGES)) continue;
      let made = 0;
      for (let attempt = 0; made < args.variants && attempt < args.variants * 3; attempt++) {
        const rng = makeRng(seedOf(sample, kind, attempt + (args.offset ?? 0)));
        const damaged = layer.format === 'pdf' ? damagePdfLayer(copyLayer(layer), kind, rng) : damageTableLayer(copyLayer(layer), TABLE_DAMAGES[kind], rng);
        if (!damaged) continue;
        made++;
        const out = runLayer(damaged.layer);
        runs.push({ sample, kind, description: damaged.description, verdicts: compareRows(expected, out.tables, out.warnings) });
      }
      log(`${sample} ${kind}: ${made} variants`);
    }
  }
  return runs;
}

function copyLayer(layer: Layer): Layer {
  return structuredClone(layer);
}

export interface Tally { runs: number; wrong: number; wrongFlagged: number; right: number; rightFlagged: number }

export function tally(runs: Run[], threshold: number): Tally {
  const t: Tally = { runs: runs.length, wrong: 0, wrongFlagged: 0, right: 0, rightFlagged: 0 };
  for (const run of runs) {
    for (const v of run.verdicts) {
      const flagged = isFlagged(v, threshold);
      if (v.kind === 'right') {
        t.right++;
        if (flagged) t.rightFlagged++;
      } else {
        t.wrong++;
        if (flagged) t.wrongFlagged++;
      }
    }
  }
  return t;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '—';
}

function pad(text: string | number, n: number): string {
  return String(text).padStart(n);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const runs = await runBench(args, (line) => process.stderr.write(`${line}\n`));
  const threshold = REVIEW_THRESHOLD;
  const damaged = runs.filter((r) => r.kind !== 'clean');
  const clean = runs.filter((r) => r.kind === 'clean');
  const lines: string[] = [];
  lines.push(`confidence bench — review threshold ${threshold} (a row is flagged when its confidence is below it)`);
  lines.push('');
  lines.push(`${'damage'.padEnd(20)}${pad('runs', 6)}${pad('wrong', 8)}${pad('flagged', 9)}${pad('%', 8)}${pad('right', 8)}${pad('flagged', 9)}${pad('%', 8)}`);
  const row = (name: string, t: Tally) => lines.push(`${name.padEnd(20)}${pad(t.runs, 6)}${pad(t.wrong, 8)}${pad(t.wrongFlagged, 9)}${pad(pct(t.wrongFlagged, t.wrong), 8)}${pad(t.right, 8)}${pad(t.rightFlagged, 9)}${pad(pct(t.rightFlagged, t.right), 8)}`);
  for (const kind of DAMAGE_KINDS) {
    const of = damaged.filter((r) => r.kind === kind);
    if (of.length) row(kind, tally(of, threshold));
  }
  row('ALL DAMAGED', tally(damaged, threshold));
  row('clean samples', tally(clean, threshold));
  lines.push('');
  lines.push('by format (damaged runs):');
  for (const format of ['docx', 'xlsx', 'pdf']) {
    const of = damaged.filter((r) => r.sample.endsWith(`.${format}`));
    if (of.length) row(`  ${format}`, tally(of, threshold));
  }
  lines.push('');
  lines.push('trade-off (all damaged runs; clean = flagged rows of the undamaged samples):');
  lines.push(`${'threshold'.padEnd(11)}${pad('wrong flagged', 15)}${pad('right flagged', 15)}${pad('clean flagged', 15)}`);
  for (const th of [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99]) {
    const t = tally(damaged, th);
    const c = tally(clean, th);
    lines.push(`${(th === threshold ? `${th} *` : String(th)).padEnd(11)}${pad(pct(t.wrongFlagged, t.wrong), 15)}${pad(pct(t.rightFlagged, t.right), 15)}${pad(c.rightFlagged + c.wrongFlagged, 15)}`);
  }
  if (args.verbose) {
    lines.push('', 'wrong rows not flagged:');
    for (const run of damaged) {
      const missed = run.verdicts.filter((v) => v.kind !== 'right' && !isFlagged(v, threshold));
      if (missed.length === 0) continue;
      lines.push(`- ${run.sample} ${run.kind}: ${run.description}`);
      for (const v of missed.slice(0, 6)) lines.push(`    ${v.kind} ${v.label} conf=${v.confidence} table=${v.tableConfidence} doc=${v.documentFactor} [${v.flags.join(',')}] ${v.diff.join('; ')}`);
      if (missed.length > 6) lines.push(`    … ${missed.length - 6} more`);
    }
    lines.push('', 'right rows flagged:');
    for (const run of damaged) {
      const over = run.verdicts.filter((v) => v.kind === 'right' && isFlagged(v, threshold));
      if (over.length === 0) continue;
      lines.push(`- ${run.sample} ${run.kind}: ${run.description}`);
      for (const v of over.slice(0, 4)) lines.push(`    ${v.label} conf=${v.confidence} [${v.flags.join(',')}]`);
      if (over.length > 4) lines.push(`    … ${over.length - 4} more`);
    }
  }
  lines.push('', `${damaged.length} damaged runs over ${clean.length} samples in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
