// Produced rows against the golden rows of the undamaged sample.
//
// Matching: a golden table is matched to the first unused produced table with the same
// title. Rows pair up (1) by level3 inside the matched table, (2) by level3 in a produced
// table no golden table claimed (a continuation that became its own table), (3) in order
// among what is left of the matched table. A paired row is right when level1, level2,
// level3, operator, value, unit and description are all equal, else wrong; an unpaired
// golden row is missing (wrong), an unpaired produced row is extra (wrong).
//
// Flagged: a produced row (right, wrong or extra) when its confidence is below the
// threshold or its table's is (the report lists such a table whole, with its location and
// reasons: every row of it is to be checked — right rows included, which is what they cost).
// A missing row cannot carry a confidence, so it counts as flagged only when the report
// points a reviewer at where it went: its matched table is below the threshold, or the
// document carries a document-level flag (a skipped grid that looked like indicator rows,
// listed with its location) — or the whole file produced no table (reported as failed).
import type { Table } from '../../src/model/schema.ts';
import { FLAGS, confidenceOf, warningCode } from '../../src/confidence/score.ts';

export const COMPARED = ['level1', 'level2', 'level3', 'operator', 'value', 'unit', 'description'] as const;

export interface ExpectedRow {
  level1: string | null;
  level2: string | null;
  level3: string;
  operator: string | null;
  value: string | null;
  unit: string | null;
  description: string | null;
}

export interface Expected {
  file: string;
  tables: { title: string; indicators: ExpectedRow[] }[];
}

export type RowKind = 'right' | 'wrong' | 'missing' | 'extra';

/** One row's verdict, with what is needed to decide "flagged" at any threshold. */
export interface RowVerdict {
  kind: RowKind;
  /** Row confidence (produced rows). */
  confidence: number | null;
  /** Confidence of the table the row belongs to (missing rows: the matched table, if any). */
  tableConfidence: number | null;
  /** Product over the document-level flags (1 when none); 0 when the file yielded no table. */
  documentFactor: number;
  label: string;
  /** Flags of the produced row, and the fields that differ (for --verbose). */
  flags: string[];
  diff: string[];
  /** Missing rows: the report points at text of the document it could not place (listed with its location). */
  pointed?: boolean;
}

export function isFlagged(v: RowVerdict, threshold: number): boolean {
  const tableFlagged = v.tableConfidence !== null && v.tableConfidence < threshold;
  if (v.kind !== 'missing') return (v.confidence ?? 1) < threshold || tableFlagged;
  return tableFlagged || v.documentFactor < threshold || v.pointed === true;
}

/** Whether the report lists text of these tables that could not be placed (a `pointsAt` finding). */
export function pointsAtUnplaced(tables: Pick<Table, 'warnings'>[]): boolean {
  return tables.some((table) => table.warnings.some((warning) => {
    const code = warningCode(warning);
    return code !== null && FLAGS[code]?.pointsAt === true;
  }));
}

export function compareRows(expected: Expected, tables: Table[], warnings: string[]): RowVerdict[] {
  const documentCodes = warnings.map(warningCode).filter((c): c is string => c !== null && FLAGS[c]?.scope === 'document');
  const documentFactor = tables.length === 0 ? 0 : confidenceOf(documentCodes);
  const usedTables = new Set<number>();
  const matched = expected.tables.map((et) => {
    const i = tables.findIndex((t, k) => !usedTables.has(k) && t.title === et.title);
    if (i >= 0) usedTables.add(i);
    return i;
  });
  const used = tables.map((t) => t.indicators.map(() => false));
  const pairs: (readonly [number, number] | null)[][] = expected.tables.map((et) => et.indicators.map(() => null));
  // (1) by level3 in the matched table
  expected.tables.forEach((et, g) => {
    const ti = matched[g];
    if (ti < 0) return;
    et.indicators.forEach((row, r) => {
      const k = tables[ti].indicators.findIndex((p, j) => !used[ti][j] && p.level3 === row.level3);
      if (k >= 0) {
        used[ti][k] = true;
        pairs[g][r] = [ti, k];
      }
    });
  });
  // (2) by level3 in unclaimed tables
  expected.tables.forEach((et, g) => et.indicators.forEach((row, r) => {
    if (pairs[g][r]) return;
    for (let ti = 0; ti < tables.length; ti++) {
      if (usedTables.has(ti)) continue;
      const k = tables[ti].indicators.findIndex((p, j) => !used[ti][j] && p.level3 === row.level3);
      if (k >= 0) {
        used[ti][k] = true;
        pairs[g][r] = [ti, k];
        return;
      }
    }
  }));
  // (3) in order among the rest of the matched table
  expected.tables.forEach((et, g) => {
    const ti = matched[g];
    if (ti < 0) return;
    const free = tables[ti].indicators.map((_, j) => j).filter((j) => !used[ti][j]);
    et.indicators.forEach((_, r) => {
      if (pairs[g][r] || free.length === 0) return;
      const k = free.shift()!;
      used[ti][k] = true;
      pairs[g][r] = [ti, k];
    });
  });

  const verdicts: RowVerdict[] = [];
  expected.tables.forEach((et, g) => et.indicators.forEach((row, r) => {
    const pair = pairs[g][r];
    if (!pair) {
      const ti = matched[g];
      verdicts.push({ kind: 'missing', confidence: null, tableConfidence: ti >= 0 ? tables[ti].confidence : null, documentFactor, label: `${et.title}/${row.level3}`, flags: [], diff: [], pointed: pointsAtUnplaced(ti >= 0 ? [tables[ti]] : tables) });
      return;
    }
    const [ti, k] = pair;
    const got = tables[ti].indicators[k];
    const diff = COMPARED.filter((f) => (row[f] ?? null) !== (got[f] ?? null)).map((f) => `${f}: ${JSON.stringify(row[f])} → ${JSON.stringify(got[f])}`);
    verdicts.push({ kind: diff.length ? 'wrong' : 'right', confidence: got.confidence, tableConfidence: tables[ti].confidence, documentFactor, label: `${et.title}/${row.level3}`, flags: got.flags, diff });
  }));
  tables.forEach((t, ti) => t.indicators.forEach((row, k) => {
    if (!used[ti][k]) verdicts.push({ kind: 'extra', confidence: row.confidence, tableConfidence: t.confidence, documentFactor, label: `${t.title}/${row.level3}`, flags: row.flags, diff: [] });
  }));
  return verdicts;
}
