// An indicator document's output against its truth. "Exact" (README): the same number of
// indicator tables, in order, each with the right title and exactly the truth's rows in order
// with every scored field equal; no non-indicator row (不适用, /, …) output; the notice's
// title, docNumber, issuer and date equal (null where the truth says null).
import type { DocumentResult, Indicator } from '../../../src/model/schema.ts';
import { EXTRA_FIELDS, type IndicatorTruth, type TruthIndicator, type TruthTable } from '../spec.ts';

export interface IndicatorScore {
  exact: boolean;
  rows: { truth: number; right: number; wrong: number; missing: number; extra: number };
  titles: { truth: number; right: number };
  meta: { truth: number; right: number };
  /** Extra fields the truth has but the output does not carry yet (not scored). */
  unscored: string[];
  diffs: string[];
}

const blankToNull = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s);
/** Truth text as the output prints it: every output string is NFKC-cleaned (SPEC: "Text is cleaned: NFKC where safe"). */
const asPrinted = (s: string | null) => (s === null ? null : s.normalize('NFKC'));

/** A typed output field as text: a string, or an object's value/text, or a list of those. */
function fieldText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return blankToNull(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(fieldText).filter((x): x is string => x !== null);
    return parts.length ? parts.join('|') : null;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['value', 'text', 'raw']) if (k in o) return fieldText(o[k]);
    const parts = Object.values(o).map(fieldText).filter((x): x is string => x !== null);
    return parts.length ? parts.join('|') : null;
  }
  return null;
}

const show = (v: unknown) => (v === null || v === undefined ? 'null' : JSON.stringify(v));

/** The fields of one row that differ from the truth (empty when the row is right). */
export function rowDiffs(t: TruthIndicator, got: Indicator, unitColumn: boolean, unscored: Set<string>): string[] {
  const out: string[] = [];
  for (const f of ['level1', 'level2', 'level3', 'description'] as const) {
    if (blankToNull(got[f]) !== t[f]) out.push(`${f} ${show(got[f])} ≠ ${show(t[f])}`);
  }
  const target = (op: string | null, value: string | null, unit: string | null) =>
    unitColumn ? `${op}\u0000${value}\u0000${unit}` : `${op}\u0000${(value ?? '') + (unit ?? '')}`;
  const gotKey = target(got.operator, blankToNull(got.value), blankToNull(got.unit));
  const readings = [{ operator: t.operator, value: t.value }, ...(t.alternatives ?? [])];
  const matched = readings.find((r) => target(r.operator, r.value, t.unit) === gotKey);
  if (!matched) {
    out.push(unitColumn
      ? `operator/value/unit ${show(got.operator)} ${show(got.value)} ${show(got.unit)} ≠ ${show(t.operator)} ${show(t.value)} ${show(t.unit)}`
      : `operator/value+unit ${show(got.operator)} ${show((got.value ?? '') + (got.unit ?? ''))} ≠ ${show(t.operator)} ${show((t.value ?? '') + (t.unit ?? ''))}`);
  } else if (unitColumn && matched.value !== null && /^-?\d+(\.\d+)?$/u.test(matched.value) && got.number !== Number(matched.value)) {
    out.push(`number ${show(got.number)} ≠ ${Number(matched.value)}`);
  }
  const raw = got as unknown as Record<string, unknown>;
  for (const f of EXTRA_FIELDS) {
    if (!(f in t)) continue;
    if (!(f in raw)) {
      unscored.add(f);
      continue;
    }
    const want = asPrinted(f === 'history' ? fieldText(t.history ?? null) : blankToNull(t[f] as string | null));
    const have = fieldText(raw[f]);
    if (want !== have) out.push(`${f} ${show(have)} ≠ ${show(want)}`);
  }
  return out;
}

export function scoreIndicators(result: DocumentResult | null, truth: IndicatorTruth, failure?: string): IndicatorScore {
  const diffs: string[] = [];
  const unscored = new Set<string>();
  const tables = (result?.tables ?? []).filter((t) => t.indicators.length > 0);
  if (!result) diffs.push(`no result: ${failure ?? 'extraction failed'}`);
  const truthRows = truth.tables.flatMap((t, ti) => t.rows.map((row) => ({ row, table: t, ti })));
  const gotRows = tables.flatMap((t, ti) => t.indicators.map((row) => ({ row, ti })));
  // Pair rows by level3, in order (a table cut in two still pairs its rows).
  const used = new Array<boolean>(gotRows.length).fill(false);
  let ptr = 0;
  const rows = { truth: truthRows.length, right: 0, wrong: 0, missing: 0, extra: 0 };
  for (const { row, table } of truthRows) {
    let k = gotRows.findIndex((g, i) => i >= ptr && !used[i] && g.row.level3 === row.level3);
    if (k < 0) k = gotRows.findIndex((g, i) => !used[i] && g.row.level3 === row.level3);
    if (k < 0) {
      rows.missing++;
      if (diffs.length < 12) diffs.push(`missing row ${show(row.level3)} (${table.title})`);
      continue;
    }
    used[k] = true;
    ptr = k + 1;
    const d = rowDiffs(row, gotRows[k].row, table.unitColumn, unscored);
    if (d.length === 0) rows.right++;
    else {
      rows.wrong++;
      if (diffs.length < 12) diffs.push(`row ${show(row.level3)}: ${d.join('; ')}`);
    }
  }
  gotRows.forEach((g, i) => {
    if (used[i]) return;
    rows.extra++;
    if (diffs.length < 12) diffs.push(`extra row ${show(g.row.level3)}${truth.nonIndicators.includes(g.row.level3) ? ' (not an indicator)' : ''}`);
  });
  // Tables: same count, titles in order.
  const titles = { truth: truth.tables.length, right: 0 };
  truth.tables.forEach((t: TruthTable, i) => {
    const got = tables[i]?.title ?? null;
    if (got === t.title) titles.right++;
    else if (diffs.length < 12) diffs.push(`table ${i + 1} title ${show(got)} ≠ ${show(t.title)}`);
  });
  let tablesInOrder = tables.length === truth.tables.length;
  if (!tablesInOrder) diffs.push(`${tables.length} indicator tables ≠ ${truth.tables.length}`);
  else {
    truth.tables.forEach((t, i) => {
      const got = tables[i].indicators.map((r) => r.level3);
      if (got.join('\u0000') !== t.rows.map((r) => r.level3).join('\u0000')) tablesInOrder = false;
    });
  }
  // Notice meta.
  const meta = { truth: 4, right: 0 };
  for (const f of ['title', 'docNumber', 'issuer', 'date'] as const) {
    const got = result?.notice[f] ?? null;
    if (got === asPrinted(truth.notice[f])) meta.right++;
    else if (diffs.length < 14) diffs.push(`notice.${f} ${show(got)} ≠ ${show(truth.notice[f])}`);
  }
  const exact = result !== null && tablesInOrder && rows.right === rows.truth && rows.extra === 0 && titles.right === titles.truth && meta.right === meta.truth;
  return { exact, rows, titles, meta, unscored: [...unscored].sort(), diffs };
}
