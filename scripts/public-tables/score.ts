// Agreement of our tables with one expected.jsonl record: `rows` records by the ICDAR cell
// adjacency measure against our best-matching table on the record's pages (inside the peer's
// area, when the test gave one); `checks` records check by check.

import { adjacencyRelations, countCommon, normalizeCellText, type ScoreCell } from '../icdar/adjacency.ts';
import { ratios, type Counts } from '../icdar/score.ts';
import type { Area, Checks, ExpectedRecord } from './expected.ts';

/** One of our tables as the scorer sees it (a page fragment, cropped to the peer's area if any). */
export interface OurTable {
  page: number;
  /** Top of the table on its page (for the sorted-by-top check). */
  top: number;
  nRows: number;
  nCols: number;
  cells: ScoreCell[];
}

export interface RowsResult extends Counts {
  precision: number;
  recall: number;
  f1: number;
  /** Every expected relation found and none extra. */
  exact: boolean;
  /** Index of our table that matched best, or -1 when we have none. */
  matched: number;
}

export interface CheckResult {
  name: string;
  passed: boolean;
  detail?: string;
}

/** Expected rows (`""` for empty and spanned slots) as 1×1 cells. */
export function rowsToCells(rows: readonly string[][]): ScoreCell[] {
  return rows.flatMap((row, r) => row.map((text, c) => ({ row: r, col: c, rowSpan: 1, colSpan: 1, text })));
}

/** Our best table for expected rows: the one with the highest adjacency F1. */
export function scoreRows(rows: readonly string[][], ours: readonly OurTable[]): RowsResult {
  const truth = adjacencyRelations(rowsToCells(rows));
  let best: RowsResult = { truth: truth.length, predicted: 0, correct: 0, ...ratios({ truth: truth.length, predicted: 0, correct: 0 }), exact: false, matched: -1 };
  ours.forEach((table, i) => {
    const predicted = adjacencyRelations(table.cells);
    const counts: Counts = { truth: truth.length, predicted: predicted.length, correct: countCommon(predicted, truth) };
    const r = ratios(counts);
    if (best.matched < 0 || r.f1 > best.f1) {
      best = { ...counts, ...r, exact: counts.correct === counts.truth && counts.predicted === counts.truth, matched: i };
    }
  });
  if (truth.length === 0 && best.matched < 0) best = { ...best, exact: true };
  return best;
}

/** Cells of a table that keep only those whose centre lies in the area (rows/cols renumbered). */
export function cropCells(cells: readonly (ScoreCell & { bbox: Area })[], area: Area): ScoreCell[] {
  const inside = cells.filter((c) => {
    const x = (c.bbox[0] + c.bbox[2]) / 2;
    const y = (c.bbox[1] + c.bbox[3]) / 2;
    return x >= area[0] && x <= area[2] && y >= area[1] && y <= area[3];
  });
  if (inside.length === 0) return [];
  const r0 = Math.min(...inside.map((c) => c.row));
  const c0 = Math.min(...inside.map((c) => c.col));
  return inside.map(({ row, col, rowSpan, colSpan, text }) => ({ row: row - r0, col: col - c0, rowSpan, colSpan, text }));
}

/** Text of the cell that starts at slot (r, c); `""` for an empty or spanned slot; -1 = last row/col. */
function slotText(table: OurTable, r: number, c: number): string | undefined {
  const row = r < 0 ? table.nRows + r : r;
  const col = c < 0 ? table.nCols + c : c;
  if (row < 0 || col < 0 || row >= table.nRows || col >= table.nCols) return undefined;
  return table.cells.find((cell) => cell.row === row && cell.col === col)?.text ?? '';
}

const same = (a: string | undefined, b: string) => a !== undefined && normalizeCellText(a) === normalizeCellText(b);

function rowTexts(table: OurTable): string[][] {
  const rows: string[][] = Array.from({ length: table.nRows }, () => []);
  for (const c of [...table.cells].sort((a, b) => a.row - b.row || a.col - b.col)) if (c.text.trim()) rows[c.row]?.push(c.text);
  return rows;
}

/**
 * Every check of a record that applies to a table extractor's output. A check about one table
 * (cells, row, shape) is judged on our table that satisfies most of it: our order and cutting of
 * tables need not be the peer's.
 */
export function runChecks(checks: Checks, ours: readonly OurTable[]): CheckResult[] {
  const out: CheckResult[] = [];
  const nonEmpty = ours.filter((t) => t.cells.some((c) => c.text.trim()));
  if (checks.n_tables !== undefined) out.push({ name: 'n_tables', passed: nonEmpty.length === checks.n_tables, detail: `${nonEmpty.length} vs ${checks.n_tables}` });
  if (checks.n_tables_min !== undefined) out.push({ name: 'n_tables_min', passed: nonEmpty.length >= checks.n_tables_min, detail: `${nonEmpty.length} vs ≥${checks.n_tables_min}` });
  if (checks.isTabular !== undefined) out.push({ name: 'isTabular', passed: (nonEmpty.length > 0) === checks.isTabular });
  const cellChecks = [...(checks.cells ?? []).map(([r, c, text]) => [r, c, text] as const), ...(checks.row ? checks.row[1].map((text, c) => [checks.row![0], c, text] as const) : [])];
  const hits = (t: OurTable) => cellChecks.filter(([r, c, text]) => same(slotText(t, r, c), text)).length;
  const best = [...nonEmpty].sort((a, b) => hits(b) - hits(a))[0];
  if (checks.cells) {
    for (const [r, c, text] of checks.cells) out.push({ name: `cell[${r},${c}]`, passed: best !== undefined && same(slotText(best, r, c), text), detail: best ? JSON.stringify(slotText(best, r, c)) : 'no table' });
  }
  if (checks.row) {
    const [r, texts] = checks.row;
    const ok = best !== undefined && texts.every((text, c) => same(slotText(best, r, c), text));
    out.push({ name: `row[${r}]`, passed: ok });
  }
  if (checks.shape) {
    const [nr, nc] = checks.shape;
    const table = best ?? nonEmpty[0];
    out.push({ name: 'shape', passed: nonEmpty.some((t) => t.nRows === nr && t.nCols === nc), detail: table ? `${table.nRows}x${table.nCols} vs ${nr}x${nc}` : 'no table' });
  }
  if (checks.text_absent) {
    const all = normalizeCellText(ours.flatMap((t) => t.cells.map((c) => c.text)).join(' '));
    for (const s of checks.text_absent) out.push({ name: `text_absent ${s}`, passed: !all.includes(normalizeCellText(s)) });
  }
  if (checks.tables_sorted_by_top) {
    const sorted = ours.every((t, i) => i === 0 || ours[i - 1].page < t.page || (ours[i - 1].page === t.page && ours[i - 1].top <= t.top));
    out.push({ name: 'tables_sorted_by_top', passed: sorted });
  }
  if (checks.rows_containing !== undefined) {
    const rows = ours.flatMap(rowTexts).filter((cells) => cells.join(' ').includes(checks.rows_containing!));
    out.push({ name: `rows containing ${checks.rows_containing}`, passed: rows.length >= (checks.min_rows ?? 1), detail: `${rows.length}` });
    if (checks.each_row_text_matches) {
      const re = new RegExp(checks.each_row_text_matches, 'u');
      out.push({ name: 'each such row matches', passed: rows.length > 0 && rows.every((cells) => re.test(cells.join(' '))) });
    }
  }
  return out;
}

/** Records whose rows or checks say something about tables (not only a peer's warning text). */
export function scorable(record: ExpectedRecord): boolean {
  if (record.rows) return true;
  const c = record.checks ?? {};
  return Object.keys(c).some((k) => k !== 'warning' && k !== 'xfail');
}
