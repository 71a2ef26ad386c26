// The rules of one table, page fragment by page fragment, in its ruling style. Segments
// follow the merges: no rule crosses a merged cell (a rule is drawn between two slots only
// when different cells cover them).
import type { TableSpec } from '../spec.ts';
import type { Flow } from './flow.ts';
import type { RowInstance } from './table.ts';

export interface Fragment {
  page: number;
  rows: RowInstance[];
}

interface Segment {
  horizontal: boolean;
  /** y for horizontal, x for vertical. */
  at: number;
  from: number;
  to: number;
  width: number;
}

export function drawRulings(flow: Flow, table: TableSpec, x: number[], fragments: Fragment[], slots: Int32Array): void {
  const st = table.style;
  const nCols = table.nCols;
  const slot = (r: number, c: number) => slots[r * nCols + c];
  const firstCol = table.labelsOutside ? 1 : 0;
  const left = x[firstCol];
  const right = x[nCols];
  const headerRows = table.rowKinds.filter((k) => k === 'header').length;

  for (const frag of fragments) {
    const rows = frag.rows;
    const top = rows[0].top;
    const bottom = rows[rows.length - 1].top + rows[rows.length - 1].height;
    const segs: Segment[] = [];
    const h = (y: number, from = left, to = right, width = st.ruleWidth) => segs.push({ horizontal: true, at: y, from, to, width });
    const v = (xx: number, from = top, to = bottom, width = st.ruleWidth) => segs.push({ horizontal: false, at: xx, from, to, width });
    // Inner horizontal segments between consecutive instances, split where merges cross.
    const innerH = (filter: (k: number) => boolean) => {
      for (let k = 0; k + 1 < rows.length; k++) {
        if (!filter(k)) continue;
        const a = rows[k];
        const b = rows[k + 1];
        const y = b.top;
        let start: number | null = null;
        for (let c = firstCol; c <= nCols; c++) {
          const cut = c < nCols && (b.row !== a.row + 1 || slot(a.row, c) !== slot(b.row, c) || slot(a.row, c) < 0);
          if (cut && start === null) start = c;
          if (!cut && start !== null) {
            h(y, x[start], x[c]);
            start = null;
          }
        }
      }
    };
    const innerV = () => {
      for (let c = firstCol + 1; c < nCols; c++) {
        let start: number | null = null;
        for (let k = 0; k <= rows.length; k++) {
          const r = rows[k]?.row;
          const cut = k < rows.length && (slot(r, c - 1) !== slot(r, c) || slot(r, c) < 0);
          if (cut && start === null) start = k;
          if (!cut && start !== null) {
            v(x[c], rows[start].top, rows[k - 1].top + rows[k - 1].height);
            start = null;
          }
        }
      }
    };
    const frame = () => {
      h(top);
      h(bottom);
      v(left);
      v(right);
    };
    // The boundary under the last header row present on this fragment.
    const underHeader = rows.findIndex((inst, k) => inst.row === headerRows - 1 && rows[k + 1] && rows[k + 1].row >= headerRows);
    const underHeaderY = underHeader >= 0 ? rows[underHeader + 1].top : null;

    switch (st.ruling) {
      case 'grid':
      case 'filled-rects':
        frame();
        innerH(() => true);
        innerV();
        break;
      case 'outer':
        frame();
        break;
      case 'horizontal':
        h(top);
        h(bottom);
        innerH(() => true);
        break;
      case 'three-line':
        h(top, left, right, st.thickRuleWidth);
        if (underHeaderY !== null) h(underHeaderY);
        h(bottom, left, right, st.thickRuleWidth);
        break;
      case 'verticals':
        v(left);
        v(right);
        innerV();
        break;
      case 'partial': {
        frame();
        innerV();
        if (underHeaderY !== null) h(underHeaderY);
        for (const inst of rows) if (st.groupRules.includes(inst.row) && inst.top > top + 0.5) h(inst.top);
        break;
      }
      case 'none':
        break;
      case 'fills':
        for (const cell of table.cells) {
          const inst = rows.filter((i) => i.row >= cell.row && i.row < cell.row + cell.rowSpan);
          if (inst.length === 0 || cell.col < firstCol) continue;
          const y0 = inst[0].top;
          const y1 = inst[inst.length - 1].top + inst[inst.length - 1].height;
          const header = table.rowKinds[cell.row] === 'header';
          flow.draw({ t: 'rect', x: x[cell.col] + 0.75, y: y0 + 0.75, w: x[cell.col + cell.colSpan] - x[cell.col] - 1.5, h: y1 - y0 - 1.5, gray: header ? st.fillGray - 0.1 : st.fillGray }, frag.page);
        }
        break;
    }
    // Short rules under spanning header cells (a group heading over its columns).
    if (st.underlineSpans && st.ruling !== 'grid' && st.ruling !== 'filled-rects') {
      for (const cell of table.cells) {
        if (cell.colSpan < 2 || table.rowKinds[cell.row] !== 'header' || cell.row + cell.rowSpan >= headerRows) continue;
        const inst = rows.find((i) => i.row === cell.row + cell.rowSpan - 1);
        if (!inst) continue;
        const y = inst.top + inst.height - 0.5;
        h(y, x[cell.col] + st.padX, x[cell.col + cell.colSpan] - st.padX);
      }
    }
    for (const s of segs) {
      if (st.ruling === 'filled-rects') {
        flow.draw(s.horizontal
          ? { t: 'rect', x: s.from, y: s.at - s.width / 2, w: s.to - s.from, h: s.width, gray: 0 }
          : { t: 'rect', x: s.at - s.width / 2, y: s.from, w: s.width, h: s.to - s.from, gray: 0 }, frag.page);
      } else {
        flow.draw(s.horizontal
          ? { t: 'line', x0: s.from, y0: s.at, x1: s.to, y1: s.at, width: s.width }
          : { t: 'line', x0: s.at, y0: s.from, x1: s.at, y1: s.to, width: s.width }, frag.page);
      }
    }
  }
}
