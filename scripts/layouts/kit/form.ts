// Real form layouts (issue 10 "Real form layouts to read"): a header block of label/value
// cells, fund rows and a goal text, and — with no blank row between — the indicator block,
// optionally under outer label columns (`绩效指标` merged down all its rows), all in ONE grid.
import type { Rng } from '../random.ts';
import type { RowKind, TableSpec, TableStyle } from '../spec.ts';
import { randomStyle, TableBuilder, type CellInput } from './table-builder.ts';
import type { TreeRows } from './tree-table.ts';

export type HeaderItem =
  | { kind: 'pairs'; pairs: [string, string][] }
  | { kind: 'group'; label: string; rows: [string, string][] }
  | { kind: 'text'; label: string; text: string }
  /** A small table of its own inside the header block (年度重点工作任务). */
  | { kind: 'matrix'; label: string; head: string[]; rows: string[][] };

/** Header-block rows over `width` columns. */
export function headerBlockRows(items: HeaderItem[], width: number): { kind: RowKind; cells: CellInput[] }[] {
  const out: { kind: RowKind; cells: CellInput[] }[] = [];
  for (const it of items) {
    if (it.kind === 'pairs') {
      if (it.pairs.length === 1 || width < 4) {
        for (const [l, v] of it.pairs) out.push({ kind: 'body', cells: [l, { text: v, colSpan: width - 1 }] });
      } else {
        const a = Math.max(1, Math.floor((width - 2) / 2));
        out.push({ kind: 'body', cells: [it.pairs[0][0], { text: it.pairs[0][1], colSpan: a }, it.pairs[1][0], { text: it.pairs[1][1], colSpan: width - 2 - a }] });
      }
    } else if (it.kind === 'group') {
      it.rows.forEach(([l, v], i) => out.push({ kind: 'body', cells: [...(i === 0 ? [{ text: it.label, rowSpan: it.rows.length }] : []), l, { text: v, colSpan: width - 2 }] }));
    } else if (it.kind === 'text') {
      out.push({ kind: 'body', cells: [it.label, { text: it.text, colSpan: width - 1 }] });
    } else {
      // label | head… spread over the rest of the width; each head gets an equal share.
      const n = it.head.length;
      const share = (i: number) => Math.floor((width - 1) / n) + (i < (width - 1) % n ? 1 : 0);
      out.push({ kind: 'body', cells: [{ text: it.label, rowSpan: it.rows.length + 1 }, ...it.head.map((h, i) => ({ text: h, colSpan: share(i), align: 'center' as const }))] });
      for (const r of it.rows) out.push({ kind: 'body', cells: r.map((v, i) => ({ text: v, colSpan: share(i) })) });
    }
  }
  return out;
}

export interface FormGrid {
  table: TableSpec;
  /** Row index of the indicator header inside the grid. */
  treeStart: number;
}

/**
 * One grid: title-less header block, then the tree under `outer` label columns (each merged
 * down every row of the indicator block, header included).
 */
export function formGrid(rng: Rng, p: { id: string; header: HeaderItem[]; tree: TreeRows; outer: string[]; style?: Partial<TableStyle>; fillMerged?: boolean; breakInsideMerge?: number }): FormGrid {
  const width = p.outer.length + p.tree.nCols;
  const b = new TableBuilder(width);
  for (const r of headerBlockRows(p.header, width)) b.row(r.kind, r.cells);
  const treeStart = b.rowCount;
  const blockRows = p.tree.rows.length;
  p.tree.rows.forEach((r, i) => {
    const outer: CellInput[] = i === 0 ? p.outer.map((text) => ({ text, rowSpan: blockRows, align: 'center' as const })) : [];
    // The indicator header is a body row of the grid: the header block above is not a header.
    b.row(r.kind === 'header' ? 'body' : r.kind, [...outer, ...r.cells]);
  });
  const style = randomStyle(rng, { ruling: 'grid', repeatHeader: false, ...p.style });
  const breakBefore = p.tree.mergedStarts.length && rng.chance(p.breakInsideMerge ?? 0.2) ? [treeStart + p.tree.headerRows + rng.pick(p.tree.mergedStarts) + 1] : [];
  const widths = [...p.outer.map(() => rng.real(0.8, 1.2)), ...p.tree.widths];
  return { table: b.build({ id: p.id, colWidths: widths, style, breakBefore, fillMerged: p.fillMerged }), treeStart };
}
