// Produced rows against a truth made outside the pipeline: the layout generator's (its spec)
// or ../shared/real/truth (by hand). Both follow ../shared/real/README.md "How the truth was
// made": where the table has no unit column, value and unit are compared together; a reading
// listed as an alternative (`90%以上` as ≥ 90%) is right too.
//
// Pairing: truth rows in document order first take the next unused produced row with the same
// level3 in a table of the same title (where the truth names its table), then the rows left take
// any unused one with the same level3 — so when a table's rows are lost, a row of another table
// that shares a name (可持续影响 rows recur) is not judged against the lost one; last, a row left
// takes a produced row whose name is a cut piece of its own or holds it among others (rows run
// together), and is wrong there. A paired row is right when level1, level2, level3,
// operator, value+unit (and description, where the truth has it) agree. Unpaired truth rows
// are missing, unpaired produced rows extra; `isFlagged` (compare.ts) decides what the
// reviewer is sent to. A missing row counts as flagged only when the document has a
// document-level finding (a skipped grid, indicator text outside tables), the report points at
// text of its tables it could not place, or the file failed.
import type { DocumentResult } from '../../src/model/schema.ts';
import { FLAGS, confidenceOf, warningCode } from '../../src/confidence/score.ts';
import { type RowVerdict, pointsAtUnplaced } from './compare.ts';
import type { Op } from '../layouts/spec.ts';

export interface TruthRow {
  level1: string | null;
  level2: string | null;
  level3: string;
  operator: Op | null;
  value: string | null;
  unit: string | null;
  /** Undefined: the truth does not state it (not compared). */
  description?: string | null;
  alternatives?: { operator: Op | null; value: string | null }[];
  /** Whether the row's table has a unit column. */
  unitColumn: boolean;
  /** The title of the row's table, where the truth names it. */
  table?: string | null;
}

/**
 * Texts compared as SPEC cleans them: NFKC (the hand-made truth keeps full-width ，；), no
 * whitespace next to CJK. Punctuation width is not a misreading.
 */
function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, ' ').replace(/ ?([^\x00-\x7F]) ?/gu, '$1').trim();
}

const blank = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : fold(s));

/** The readings ../shared/real/README.md also scores as right: trailing 以上/以下/以内, leading 大于/少于. */
export function lenientReadings(row: Pick<TruthRow, 'operator' | 'value'>): { operator: Op | null; value: string | null }[] {
  if (row.operator !== null || !row.value) return [];
  const v = row.value;
  const out: { operator: Op | null; value: string | null }[] = [];
  const trailing: [string, Op][] = [['以上', '≥'], ['以下', '≤'], ['以内', '≤']];
  for (const [word, op] of trailing) if (v.endsWith(word) && v.length > word.length) out.push({ operator: op, value: v.slice(0, -word.length) });
  // Word operators SPEC maps that the hand-made truth left in the value.
  const leading: [string, Op][] = [['大于', '>'], ['少于', '<'], ['不大于', '≤'], ['不小于', '≥'], ['不多于', '≤']];
  for (const [word, op] of leading) if (v.startsWith(word) && v.length > word.length) out.push({ operator: op, value: v.slice(word.length) });
  return out;
}

/** The fields of a produced row that differ from its truth row. */
export function truthDiffs(t: TruthRow, got: DocumentResult['tables'][number]['indicators'][number]): string[] {
  const out: string[] = [];
  for (const f of ['level1', 'level2', 'level3'] as const) if (blank(got[f]) !== blank(t[f])) out.push(`${f}: ${JSON.stringify(t[f])} → ${JSON.stringify(got[f])}`);
  if (t.description !== undefined && blank(got.description) !== blank(t.description)) out.push(`description: ${JSON.stringify(t.description)} → ${JSON.stringify(got.description)}`);
  const key = (op: string | null, value: string | null, unit: string | null) => (t.unitColumn
    ? `${op}|${blank(value)}|${blank(unit)}` : `${op}|${blank((value ?? '') + (unit ?? ''))}`);
  const have = key(got.operator, blank(got.value), blank(got.unit));
  const readings = [{ operator: t.operator, value: t.value }, ...(t.alternatives ?? []), ...lenientReadings(t)];
  if (!readings.some((r) => key(r.operator, r.value, t.unit) === have)) {
    out.push(`target: ${JSON.stringify([t.operator, t.value, t.unit])} → ${JSON.stringify([got.operator, got.value, got.unit])}`);
  }
  return out;
}

/** Row verdicts of one document against its truth rows (null result: the file failed). */
export function truthVerdicts(result: DocumentResult | null, truth: TruthRow[]): RowVerdict[] {
  const rows = (result?.tables ?? []).flatMap((table) => table.indicators.map((row) => ({ row, table })));
  const documentCodes = (result?.warnings ?? []).map(warningCode).filter((c): c is string => c !== null && FLAGS[c]?.scope === 'document');
  const documentFactor = result ? confidenceOf(documentCodes) : 0;
  const used = new Array<boolean>(rows.length).fill(false);
  const paired = new Array<number>(truth.length).fill(-1);
  const take = (t: TruthRow, from: number, sameTable: boolean) => {
    const name = blank(t.level3);
    const fits = (r: (typeof rows)[number], i: number) => i >= from && !used[i] && blank(r.row.level3) === name && (!sameTable || blank(r.table.title) === blank(t.table));
    return rows.findIndex(fits);
  };
  // Pass 1: same table title and name, in document order; pass 2: the name anywhere.
  for (const sameTable of [true, false]) {
    let next = 0;
    truth.forEach((t, j) => {
      if (paired[j] >= 0 || (sameTable && !t.table)) {
        if (paired[j] >= 0) next = paired[j] + 1;
        return;
      }
      const k = [take(t, next, sameTable), take(t, 0, sameTable)].find((i) => i >= 0);
      if (k === undefined) return;
      used[k] = true;
      paired[j] = k;
      next = k + 1;
    });
  }
  // Pass 3: a name cut (the produced name, of ≥ 4 characters, opens or ends the truth's) or run
  // together with another (the produced name holds the truth's): the truth row was read, wrongly,
  // as that produced row — which a run-together row is for each name it holds.
  const joined = new Set<number>();
  truth.forEach((t, j) => {
    if (paired[j] >= 0) return;
    const name = blank(t.level3) ?? '';
    const cut = (got: string) => [...got].length >= 4 && got !== name && (name.startsWith(got) || name.endsWith(got));
    const k = rows.findIndex((r, i) => {
      const got = blank(r.row.level3) ?? '';
      return (!used[i] || joined.has(i)) && (cut(got) || (got.length > name.length && got.includes(name)));
    });
    if (k < 0) return;
    used[k] = true;
    joined.add(k);
    paired[j] = k;
  });
  const verdicts: RowVerdict[] = [];
  truth.forEach((t, j) => {
    const k = paired[j];
    if (k < 0) {
      verdicts.push({ kind: 'missing', confidence: null, tableConfidence: null, documentFactor, label: t.level3, flags: [], diff: [], pointed: pointsAtUnplaced(result?.tables ?? []) });
      return;
    }
    const { row, table } = rows[k];
    const diff = truthDiffs(t, row);
    verdicts.push({ kind: diff.length ? 'wrong' : 'right', confidence: row.confidence, tableConfidence: table.confidence, documentFactor, label: `${table.title}/${row.level3}`, flags: row.flags, diff });
  });
  rows.forEach(({ row, table }, i) => {
    if (!used[i]) verdicts.push({ kind: 'extra', confidence: row.confidence, tableConfidence: table.confidence, documentFactor, label: `${table.title}/${row.level3}`, flags: row.flags, diff: [] });
  });
  return verdicts;
}
