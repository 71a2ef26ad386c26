// `npm run bench:confidence`: fault injection over the samples. Each sample is read up to a
// stage boundary (DOCX blocks, XLSX sheets, PDF pages), damaged in one of the ways real files
// go wrong, run through the rest of the pipeline and compared row by row with the sample's
// golden JSON (scripts/confidence/compare.ts says how rows are matched and what "flagged"
// means for a missing row). Prints, per damage kind and overall, the wrong rows and the share
// flagged (confidence below REVIEW_THRESHOLD), the right rows and the share flagged, the
// clean samples' flagged rows, and the trade-off curve over thresholds.
//
//   npx tsx scripts/bench-confidence.ts [--on faults,generated,real] [--variants N] [--offset K]
//       [--only KIND] [--sample SUBSTR] [--count N] [--seed S] [--family F] [--verbose]
//
// --on faults (default): the fault injection above. --offset K draws other damages (seeds K,
// K+1, …): the evidence was developed on the default seeds, so another offset is held out.
// --on generated: COUNT documents of the layout generator's indicator families at SEED
// (scripts/layouts; truth from its data), rows judged by scripts/confidence/truth.ts. The
// evidence was developed on seed 1; other seeds are held out.
// --on real: every ../shared/real document with a truth file (never tuned on).
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
interface MainArgs extends Args { on: string[]; count: number; seed: number; family?: string }

function parseArgs(argv: string[]): MainArgs {
  const args: MainArgs = { variants: 6, only: null, sample: null, verbose: false, on: ['faults'], count: 200, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--variants') args.variants = Number(argv[++i]);
    else if (argv[i] === '--only') args.only = argv[++i];
    else if (argv[i] === '--sample') args.sample = argv[++i];
    else if (argv[i] === '--verbose') args.verbose = true;
    else if (argv[i] === '--offset') args.offset = Number(argv[++i]);
    else if (argv[i] === '--on') args.on = argv[++i].split(',');
    else if (argv[i] === '--count') args.count = Number(argv[++i]);
    else if (argv[i] === '--seed') args.seed = Number(argv[++i]);
    else if (argv[i] === '--family') args.family = argv[++i];
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
    if (!layer) continue;
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

const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];

function header(label: string): string {
  return `${label.padEnd(24)}${pad('runs', 6)}${pad('wrong', 8)}${pad('flagged', 9)}${pad('%', 8)}${pad('right', 8)}${pad('flagged', 9)}${pad('%', 8)}`;
}

function line(name: string, t: Tally): string {
  return `${name.padEnd(24)}${pad(t.runs, 6)}${pad(t.wrong, 8)}${pad(t.wrongFlagged, 9)}${pad(pct(t.wrongFlagged, t.wrong), 8)}${pad(t.right, 8)}${pad(t.rightFlagged, 9)}${pad(pct(t.rightFlagged, t.right), 8)}`;
}

/** The per-group table, the total and the trade-off curve of a set of runs. */
function section(title: string, runs: Run[], groups: string[], groupOf: (run: Run) => string, threshold: number, clean: Run[] = []): string[] {
  const lines = [title, '', header(groupOf === byKind ? 'damage' : 'group')];
  for (const g of groups) {
    const of = runs.filter((r) => groupOf(r) === g);
    if (of.length) lines.push(line(g, tally(of, threshold)));
  }
  lines.push(line('ALL', tally(runs, threshold)));
  if (clean.length) lines.push(line('clean samples', tally(clean, threshold)));
  lines.push('', `trade-off (${clean.length ? 'clean = flagged rows of the undamaged samples' : 'all runs'}):`);
  lines.push(`${'threshold'.padEnd(11)}${pad('wrong flagged', 15)}${pad('right flagged', 15)}${clean.length ? pad('clean flagged', 15) : ''}`);
  for (const th of THRESHOLDS) {
    const t = tally(runs, th);
    const c = tally(clean, th);
    lines.push(`${(th === threshold ? `${th} *` : String(th)).padEnd(11)}${pad(pct(t.wrongFlagged, t.wrong), 15)}${pad(pct(t.rightFlagged, t.right), 15)}${clean.length ? pad(c.rightFlagged + c.wrongFlagged, 15) : ''}`);
  }
  return lines;
}

const byKind = (run: Run) => run.kind;

function verboseLines(runs: Run[], threshold: number): string[] {
  const lines = ['', 'wrong rows not flagged:'];
  for (const run of runs) {
    const missed = run.verdicts.filter((v) => v.kind !== 'right' && !isFlagged(v, threshold));
    if (missed.length === 0) continue;
    lines.push(`- ${run.sample} ${run.kind}: ${run.description}`);
    for (const v of missed.slice(0, 6)) lines.push(`    ${v.kind} ${v.label} conf=${v.confidence} table=${v.tableConfidence} doc=${v.documentFactor} [${v.flags.join(',')}] ${v.diff.join('; ')}`);
    if (missed.length > 6) lines.push(`    … ${missed.length - 6} more`);
  }
  lines.push('', 'right rows flagged:');
  for (const run of runs) {
    const over = run.verdicts.filter((v) => v.kind === 'right' && isFlagged(v, threshold));
    if (over.length === 0) continue;
    lines.push(`- ${run.sample} ${run.kind}: ${run.description}`);
    for (const v of over.slice(0, 4)) lines.push(`    ${v.label} conf=${v.confidence} table=${v.tableConfidence} [${v.flags.join(',')}]`);
    if (over.length > 4) lines.push(`    … ${over.length - 4} more`);
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const threshold = REVIEW_THRESHOLD;
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const out: string[] = [`confidence bench — review threshold ${threshold} (a row is flagged when its confidence, or its table's, is below it)`];
  for (const on of args.on) {
    const started = Date.now();
    let runs: Run[];
    if (on === 'faults') {
      const all = await runBench(args, log);
      runs = all.filter((r) => r.kind !== 'clean');
      const clean = all.filter((r) => r.kind === 'clean');
      out.push('', ...section(`fault injection (${runs.length} damaged runs over ${clean.length} samples${args.offset ? `, offset ${args.offset}` : ''})`, runs, DAMAGE_KINDS, byKind, threshold, clean));
      out.push('', 'by format (damaged runs):');
      for (const format of ['docx', 'xlsx', 'xls', 'et', 'pdf', 'ofd']) {
        const of = runs.filter((r) => r.sample.endsWith(`.${format}`));
        if (of.length) out.push(line(`  ${format}`, tally(of, threshold)));
      }
    } else if (on === 'generated') {
      const { generatedRuns } = await import('./confidence/datasets.ts');
      runs = await generatedRuns({ count: args.count, seed: args.seed, family: args.family, log });
      const producers = [...new Set(runs.map(byKind))].sort();
      const families = [...new Set(runs.map((r) => r.description))].sort();
      out.push('', ...section(`layout generator: ${runs.length} indicator documents, seed ${args.seed}, by producer`, runs, producers, byKind, threshold));
      out.push('', header('family'));
      for (const f of families) out.push(line(f, tally(runs.filter((r) => r.description === f), threshold)));
    } else if (on === 'real') {
      const { realRuns } = await import('./confidence/datasets.ts');
      runs = await realRuns();
      out.push('', ...section(`../shared/real: ${runs.length} documents with truth`, runs, runs.map((r) => r.sample), (r) => r.sample, threshold));
    } else {
      throw new Error(`--on ${on}: expected faults, generated or real`);
    }
    if (args.verbose) out.push(...verboseLines(runs, threshold));
    out.push('', `${on}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
