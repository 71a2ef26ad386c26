// Scoring zhibiao's output against the hand-made truth of ../shared/real (its README says how
// the truth was made and what is scored right). Used by test/real-documents.test.ts and by
// `npx tsx test/real-truth.ts` (prints rows right per file and every difference).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentResult, Operator } from '../src/model/schema.ts';

export const REAL = join(import.meta.dirname, '..', '..', 'shared', 'real');

export interface TruthRow {
  table: string;
  level1: string | null;
  level2: string | null;
  level3: string;
  operator: Operator | null;
  value: string | null;
  unit: string | null;
}

export interface TruthMeta {
  docNumber: string | null;
  issuer: string | null;
  title: string | null;
  date: string | null;
  tables: number;
  indicators: number;
  /** Whether the forms have a unit column; without one, value and unit are compared together. */
  unitColumn: boolean;
}

export interface Truth {
  name: string;
  rows: TruthRow[];
  meta: TruthMeta;
}

/** Files of ../shared/real/docs that have a truth, in name order. */
export function truthNames(): string[] {
  const dir = join(REAL, 'truth');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.meta.json')).map((name) => name.slice(0, -'.meta.json'.length)).sort();
}

export function loadTruth(name: string): Truth {
  const dir = join(REAL, 'truth');
  const rows = readFileSync(join(dir, `${name}.jsonl`), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as TruthRow);
  const meta = JSON.parse(readFileSync(join(dir, `${name}.meta.json`), 'utf8')) as TruthMeta;
  return { name, rows, meta };
}

/** Text as the truth writes it: NFKC (full-width brackets fold), no whitespace. */
export function norm(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s/gu, '');
}

/**
 * The truth leaves a trailing 以上/以下/以内 and a bare leading 大于/少于 in the value with no
 * operator; reading them as an operator (as SPEC says) is right too. Both sides are brought to
 * the operator reading before they are compared.
 */
const TRAILING: [string, Operator][] = [['以上', '≥'], ['以下', '≤'], ['以内', '≤']];
const LEADING: [string, Operator][] = [['大于', '>'], ['少于', '<']];

function readingsOf(operator: Operator | null, value: string): string[] {
  const readings = [`${operator ?? ''}|${value}`];
  if (operator) return readings;
  for (const [word, op] of TRAILING) if (value.endsWith(word) && value.length > word.length) readings.push(`${op}|${value.slice(0, -word.length)}`);
  for (const [word, op] of LEADING) if (value.startsWith(word) && value.length > word.length) readings.push(`${op}|${value.slice(word.length)}`);
  return readings;
}

/** A row of ours: like the truth's, though a table may have no title. */
export type RowLike = Omit<TruthRow, 'table'> & { table: string | null };

/** The fields of a row that differ from the truth, `[]` when it is right. */
export function rowDifferences(got: RowLike, truth: TruthRow, unitColumn: boolean): string[] {
  const diffs: string[] = [];
  for (const field of ['table', 'level1', 'level2', 'level3'] as const) {
    if (norm(got[field]) !== norm(truth[field])) diffs.push(`${field}: ${JSON.stringify(got[field])} ≠ ${JSON.stringify(truth[field])}`);
  }
  const gotValue = norm(got.value) + (unitColumn ? '' : norm(got.unit));
  const truthValue = norm(truth.value) + (unitColumn ? '' : norm(truth.unit));
  const gotReadings = readingsOf(got.operator, gotValue);
  const truthReadings = readingsOf(truth.operator, truthValue);
  if (!gotReadings.some((reading) => truthReadings.includes(reading))) {
    diffs.push(`operator/value: ${got.operator ?? ''} ${JSON.stringify(got.value)}${unitColumn ? '' : ` ${JSON.stringify(got.unit)}`} ≠ ${truth.operator ?? ''} ${JSON.stringify(truth.value)}${unitColumn ? '' : ` ${JSON.stringify(truth.unit)}`}`);
  }
  if (unitColumn && norm(got.unit) !== norm(truth.unit)) diffs.push(`unit: ${JSON.stringify(got.unit)} ≠ ${JSON.stringify(truth.unit)}`);
  return diffs;
}

export function rowsOf(result: DocumentResult): RowLike[] {
  return result.tables.flatMap((table) => table.indicators.map((row) => ({ ...row, table: table.title })));
}

export interface DocumentScore {
  right: number;
  total: number;
  /** One line per wrong, missing or extra row. */
  rowErrors: string[];
  /** One line per meta field that differs. */
  metaErrors: string[];
}

/** Aligns our rows with the truth's by (table, 三级指标) in order (longest common subsequence). */
function align(got: RowLike[], truth: TruthRow[]): [number, number][] {
  const key = (row: { table: string | null; level3: string }) => `${norm(row.table)}|${norm(row.level3)}`;
  const a = got.map(key);
  const b = truth.map(key);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

export function scoreDocument(result: DocumentResult, truth: Truth): DocumentScore {
  const got = rowsOf(result);
  const pairs = align(got, truth.rows);
  const rowErrors: string[] = [];
  let right = 0;
  const matchedGot = new Set(pairs.map(([g]) => g));
  const matchedTruth = new Set(pairs.map(([, t]) => t));
  for (const [g, t] of pairs) {
    const diffs = rowDifferences(got[g], truth.rows[t], truth.meta.unitColumn);
    if (diffs.length === 0) right++;
    else rowErrors.push(`wrong  ${truth.rows[t].table} / ${truth.rows[t].level3}: ${diffs.join('; ')}`);
  }
  truth.rows.forEach((row, t) => { if (!matchedTruth.has(t)) rowErrors.push(`missing ${row.table} / ${row.level3}`); });
  got.forEach((row, g) => { if (!matchedGot.has(g)) rowErrors.push(`extra  ${row.table} / ${row.level3} (${row.level1}/${row.level2}, ${row.value})`); });
  const metaErrors: string[] = [];
  for (const field of ['title', 'docNumber', 'issuer', 'date'] as const) {
    if (norm(result.notice[field]) !== norm(truth.meta[field])) metaErrors.push(`${field}: ${JSON.stringify(result.notice[field])} ≠ ${JSON.stringify(truth.meta[field])}`);
  }
  if (result.tables.length !== truth.meta.tables) metaErrors.push(`tables: ${result.tables.length} ≠ ${truth.meta.tables}`);
  if (got.length !== truth.meta.indicators) metaErrors.push(`indicators: ${got.length} ≠ ${truth.meta.indicators}`);
  return { right, total: truth.rows.length, rowErrors, metaErrors };
}

async function main(): Promise<void> {
  const { extractDocument } = await import('../pipelines/extract-document.ts');
  const verbose = process.argv.includes('--verbose');
  let right = 0;
  let total = 0;
  for (const name of truthNames()) {
    const truth = loadTruth(name);
    const result = await extractDocument(readFileSync(join(REAL, 'docs', name)), name);
    const score = scoreDocument(result, truth);
    right += score.right;
    total += score.total;
    console.log(`${name}: rows ${score.right}/${score.total} right, ${score.rowErrors.length} errors; meta ${score.metaErrors.length === 0 ? 'right' : score.metaErrors.join('; ')}`);
    if (verbose) for (const line of score.rowErrors) console.log(`  ${line}`);
  }
  console.log(`all: ${right}/${total} rows right`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
