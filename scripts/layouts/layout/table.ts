// A table on the page: column positions, wrapped cell text, row heights, page breaks (with
// or without repeated header rows, through merged cells too), then text and rulings per page
// fragment in the table's ruling style.
import type { CellSpec, TableSpec } from '../spec.ts';
import type { FontMetrics } from './drawing.ts';
import { baselineIn, type Flow } from './flow.ts';
import { fitColumns } from './columns.ts';
import { drawRulings, type Fragment } from './rulings.ts';
import { wrapText } from './wrap.ts';

/** One placed instance of a table row (a repeated header row is placed again on a new page). */
export interface RowInstance {
  row: number;
  page: number;
  top: number;
  height: number;
  repeated: boolean;
}

export interface PlacedTable {
  x: number[];
  rows: RowInstance[];
}

/** Index of the cell covering each slot (row-major), -1 where none. */
export function slotMap(table: TableSpec): Int32Array {
  const slots = new Int32Array(table.nRows * table.nCols).fill(-1);
  table.cells.forEach((c, i) => {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) slots[r * table.nCols + k] = i;
  });
  return slots;
}

function fontSizeOf(table: TableSpec, cell: CellSpec): number {
  return cell.size ?? (table.rowKinds[cell.row] === 'header' ? table.style.headerFontSize : table.style.fontSize);
}

export function layoutTable(flow: Flow, table: TableSpec, metrics: FontMetrics, x0: number, width: number): PlacedTable {
  const st = table.style;
  const widths = fitColumns(table, width, metrics);
  // Wider than asked (column minimums): widen around the same centre, not past the left margin.
  const total = widths.reduce((a, b) => a + b, 0);
  const x = [total > width ? Math.max(flow.left, x0 - (total - width) / 2) : x0];
  for (const w of widths) x.push(x[x.length - 1] + w);
  const lineH = (size: number) => size * st.lineSpacing;

  // Wrapped lines of each cell and the height each needs.
  const lines = table.cells.map((c) => {
    const size = fontSizeOf(table, c);
    const inner = x[c.col + c.colSpan] - x[c.col] - 2 * st.padX - (c.indent ?? 0) * size;
    return wrapText(c.text, Math.max(inner, size), size, metrics, c);
  });
  const need = table.cells.map((c, i) => (c.text ? lines[i].length : 1) * lineH(fontSizeOf(table, c)) + 2 * st.padY);
  const heights = table.rowKinds.map((kind) =>
    kind === 'blank' ? st.blankLines * lineH(st.fontSize) : lineH(kind === 'header' ? st.headerFontSize : st.fontSize) + 2 * st.padY);
  table.cells.forEach((c, i) => {
    if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row], need[i]);
  });
  table.cells.forEach((c, i) => {
    if (c.rowSpan === 1) return;
    let have = 0;
    for (let r = c.row; r < c.row + c.rowSpan; r++) have += heights[r];
    if (need[i] > have) heights[c.row + c.rowSpan - 1] += need[i] - have;
  });

  // Rows onto pages.
  const headerRows = table.rowKinds.filter((k) => k === 'header').length;
  const headerHeight = heights.slice(0, headerRows).reduce((a, b) => a + b, 0);
  const rows: RowInstance[] = [];
  const place = (row: number, repeated: boolean) => {
    rows.push({ row, page: flow.pageIndex, top: flow.y, height: heights[row], repeated });
    flow.y += heights[row];
  };
  // The header stays with the first body row.
  flow.ensure(headerHeight + (heights[headerRows] ?? 0));
  for (let r = 0; r < table.nRows; r++) {
    const forced = table.breakBefore.includes(r) && r > 0;
    if ((forced || flow.y + heights[r] > flow.bottom) && !flow.atTop && r >= headerRows) {
      flow.newPage();
      if (st.repeatHeader) for (let h = 0; h < headerRows; h++) place(h, true);
    }
    place(r, false);
  }

  // Per page fragment: text and rulings.
  const fragments = new Map<number, RowInstance[]>();
  for (const inst of rows) {
    if (!fragments.has(inst.page)) fragments.set(inst.page, []);
    fragments.get(inst.page)!.push(inst);
  }
  const frags: Fragment[] = [...fragments.entries()].map(([page, instances]) => ({ page, rows: instances }));
  drawRulings(flow, table, x, frags, slotMap(table));
  table.cells.forEach((cell, i) => drawCellText(flow, table, cell, lines[i], x, rows, metrics));
  return { x, rows };
}

function drawCellText(flow: Flow, table: TableSpec, cell: CellSpec, lines: string[], x: number[], rows: RowInstance[], metrics: FontMetrics): void {
  if (!cell.text) return;
  const st = table.style;
  const size = fontSizeOf(table, cell);
  const lh = size * st.lineSpacing;
  // Each page's boxes of this cell: the repeated copy of a header cell is drawn whole again.
  const boxes = new Map<number, { top: number; bottom: number; repeated: boolean }>();
  for (const inst of rows) {
    if (inst.row < cell.row || inst.row >= cell.row + cell.rowSpan) continue;
    const key = inst.page * 2 + (inst.repeated ? 1 : 0);
    const box = boxes.get(key);
    if (box) box.bottom = inst.top + inst.height;
    else boxes.set(key, { top: inst.top, bottom: inst.top + inst.height, repeated: inst.repeated });
  }
  const pieces = [...boxes.entries()].map(([key, b]) => ({ page: key >> 1, ...b }));
  const targets = pieces.filter((p) => p.repeated);
  const own = pieces.filter((p) => !p.repeated);
  if (own.length === 1 || st.cutText === 'first') targets.push(own[0]);
  else {
    // The middle of the whole span, counted over its fragments.
    const full = own.reduce((s, p) => s + p.bottom - p.top, 0);
    let acc = 0;
    const mid = own.find((p) => (acc += p.bottom - p.top) >= full / 2) ?? own[own.length - 1];
    targets.push(mid);
  }
  const x0 = x[cell.col];
  const x1 = x[cell.col + cell.colSpan];
  for (const box of targets) {
    const blockH = lines.length * lh;
    const valign = cell.valign ?? 'middle';
    const start = valign === 'top' ? box.top + st.padY
      : valign === 'bottom' ? box.bottom - st.padY - blockH
        : box.top + (box.bottom - box.top - blockH) / 2;
    lines.forEach((line, k) => {
      if (!line) return;
      const w = metrics.width(line, size, cell);
      const align = cell.align ?? 'left';
      const tx = align === 'left' ? x0 + st.padX + (cell.indent ?? 0) * size
        : align === 'right' ? x1 - st.padX - w
          : (x0 + x1 - w) / 2;
      const y = baselineIn(start + k * lh, lh, size);
      flow.draw({ t: 'text', x: tx, y, size, text: line, bold: cell.bold, mono: cell.mono }, box.page);
      if (cell.leader && k === lines.length - 1) {
        const dot = metrics.width('.', size);
        const from = tx + w + size * 0.5;
        const n = Math.floor((x1 - st.padX - from) / dot);
        if (n >= 3) flow.draw({ t: 'text', x: from, y, size, text: '.'.repeat(n) }, box.page);
      }
    });
  }
}
