// Row labels outside a grid that encloses only the figures (issue 10 case 7): the stub column
// printed without rules, one label beside each ruled row. A candidate reading of the ruled box
// (readings.ts) adds them as the table's first column; the arbiter weighs it against the grid
// alone.

import type { BBox } from '../model/layout.ts';
import { cellText } from './assign-text.ts';
import type { PageCell, PageTable } from './page-table.ts';
import type { PageText } from './evidence.ts';
import type { OutsideLabelSettings } from './settings.ts';
import { median, type Segment } from './stream-lines.ts';

/** The grid with the labels left of it as its first column, or null when the text left of it is not one label per row. */
export function withOutsideLabels(text: PageText, table: PageTable, s: OutsideLabelSettings): PageTable | null {
  const [bx0, by0, , by1] = table.bbox;
  const segs: Segment[] = [];
  for (const line of text.lines) {
    const cy = (line.top + line.bottom) / 2;
    if (cy < by0 || cy > by1) continue;
    const left = line.segments.filter((g) => g.x1 <= bx0 + 1);
    if (left.length > 1) return null;
    segs.push(...left);
  }
  if (segs.length < 2) return null;
  const rowOf = (g: Segment) => table.rowBoxes.findIndex((b) => g.top >= b[1] - 1 && g.bottom <= b[3] + 1);
  const byRow = new Map<number, Segment[]>();
  for (const g of segs) {
    const r = rowOf(g);
    if (r < 0) return null; // a line crossing a row's rule: not a label of that row
    byRow.set(r, [...(byRow.get(r) ?? []), g]);
  }
  if (byRow.size < Math.max(2, s.minRowShare * table.nRows)) return null;
  const em = median(segs.map((g) => g.fontSize)) || 10;
  const aligned = (xs: number[]) => Math.max(...xs) - Math.min(...xs) <= s.alignEm * em;
  if (!aligned(segs.map((g) => g.x0)) && !aligned(segs.map((g) => g.x1))) return null;
  const x0 = Math.min(...segs.map((g) => g.x0)) - 1;
  const cells: PageCell[] = table.cells.map((c) => ({ ...c, col: c.col + 1 }));
  for (let r = 0; r < table.nRows; r++) {
    const row = byRow.get(r) ?? [];
    const b = table.rowBoxes[r];
    const bbox: BBox = row.length ? [Math.min(...row.map((g) => g.x0)), Math.min(...row.map((g) => g.top)), Math.max(...row.map((g) => g.x1)), Math.max(...row.map((g) => g.bottom))] : [x0, b[1], bx0, b[3]];
    cells.push({ row: r, col: 0, rowSpan: 1, colSpan: 1, text: cellText(row.flatMap((g) => g.runs)), page: table.page, bbox });
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    ...table,
    bbox: [x0, table.bbox[1], table.bbox[2], table.bbox[3]],
    nCols: table.nCols + 1,
    cells,
    rowBoxes: table.rowBoxes.map((b) => [x0, b[1], b[2], b[3]] as BBox),
    colXs: [x0, ...table.colXs],
  };
}
