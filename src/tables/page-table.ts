// A table as found on ONE PDF page, before page-spanning tables are stitched together.
// Both finders (lattice.ts for ruled tables, stream.ts for borderless ones) produce it.

import type { BBox, GridCell } from '../model/layout.ts';

/** A grid cell of a page table: always carries its page and box. */
export interface PageCell extends GridCell {
  page: number;
  bbox: BBox;
}

export interface PageTable {
  /** 1-based page number. */
  page: number;
  /** Outer box of the table, top-left page coordinates. */
  bbox: BBox;
  nRows: number;
  nCols: number;
  /** Every cell once, with spans; the cells tile the nRows × nCols grid. */
  cells: PageCell[];
  /** Box of each grid row (index = row), spanning the table's width. */
  rowBoxes: BBox[];
  /** Column boundaries, left to right: nCols + 1 values. */
  colXs: number[];
  /** Problems met (text outside cells, non-rectangular merges, …). */
  warnings: string[];
  /** Which finder produced the table. */
  finder?: 'lattice' | 'stream';
  /**
   * The long rules framing the table (frames.ts), when it was read as a frame: the fragments of one
   * 三线表 on successive pages share the frame's extent and column count, though the column lines
   * the text gives differ from page to page.
   */
  frame?: BBox;
}

/** Rows r0..r1 of a page table as a table of its own. */
export function subTable(t: PageTable, r0: number, r1: number): PageTable {
  const rowBoxes = t.rowBoxes.slice(r0, r1 + 1);
  return {
    ...t,
    bbox: [t.bbox[0], rowBoxes[0][1], t.bbox[2], rowBoxes[rowBoxes.length - 1][3]],
    nRows: r1 - r0 + 1,
    cells: t.cells.filter((c) => c.row >= r0 && c.row <= r1).map((c) => ({ ...c, row: c.row - r0, rowSpan: Math.min(c.rowSpan, r1 - c.row + 1) })),
    rowBoxes,
    warnings: [...t.warnings],
  };
}
