// Column widths: the spec's relative widths, but never narrower than a column's longest
// unbreakable token (a number, a Latin word) plus padding, so numbers are never wrapped —
// real tables do not break `8410.55` over two lines, and a writer that did would make cases
// no document has.
import type { TableSpec } from '../spec.ts';
import type { FontMetrics } from './drawing.ts';
import { unbreakable } from './wrap.ts';


/** Widths in points that add up to `width` where the minimums allow (else the minimums). */
export function fitColumns(table: TableSpec, width: number, metrics: FontMetrics, slack = 1): number[] {
  const st = table.style;
  const mins = new Array<number>(table.nCols).fill(0);
  for (const c of table.cells) {
    if (c.colSpan !== 1 || !c.text) continue;
    const size = table.rowKinds[c.row] === 'header' ? st.headerFontSize : st.fontSize;
    const tokens = c.text.split('\n').flatMap(unbreakable);
    const longest = Math.max(size, ...tokens.map((t) => metrics.width(t, size, c)));
    mins[c.col] = Math.max(mins[c.col], longest * slack + 2 * st.padX + (c.indent ?? 0) * size + 1);
  }
  table.minColEm?.forEach((em, i) => {
    mins[i] = Math.max(mins[i], em * st.fontSize);
  });
  const weights = table.colWidths;
  const fixed = new Array<boolean>(table.nCols).fill(false);
  let widths = weights.map(() => 0);
  for (let pass = 0; pass <= table.nCols; pass++) {
    const fixedSum = mins.reduce((s, m, i) => s + (fixed[i] ? m : 0), 0);
    const freeWeight = weights.reduce((s, w, i) => s + (fixed[i] ? 0 : w), 0);
    const rest = Math.max(0, width - fixedSum);
    widths = weights.map((w, i) => (fixed[i] ? mins[i] : freeWeight > 0 ? (w / freeWeight) * rest : 0));
    let changed = false;
    widths.forEach((w, i) => {
      if (!fixed[i] && w < mins[i]) {
        fixed[i] = true;
        changed = true;
      }
    });
    if (!changed) break;
  }
  return widths;
}
