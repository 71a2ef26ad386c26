// Small helpers over Grid that every stage shares.
import type { Grid, GridCell } from './layout.ts';

/** Looks up the cell covering each slot; a merged cell answers for all slots it spans. */
export class SlotIndex {
  private readonly slots: (GridCell | undefined)[];

  constructor(readonly grid: Pick<Grid, 'nRows' | 'nCols' | 'cells'>) {
    this.slots = new Array(grid.nRows * grid.nCols);
    for (const cell of grid.cells) {
      for (let r = cell.row; r < cell.row + cell.rowSpan && r < grid.nRows; r++) {
        for (let c = cell.col; c < cell.col + cell.colSpan && c < grid.nCols; c++) this.slots[r * grid.nCols + c] = cell;
      }
    }
  }

  at(row: number, col: number): GridCell | undefined {
    if (row < 0 || col < 0 || row >= this.grid.nRows || col >= this.grid.nCols) return undefined;
    return this.slots[row * this.grid.nCols + col];
  }

  /** The distinct cells of one row, left to right (merged cells from rows above included). */
  rowCells(row: number): GridCell[] {
    const out: GridCell[] = [];
    for (let c = 0; c < this.grid.nCols; c++) {
      const cell = this.at(row, c);
      if (cell && out[out.length - 1] !== cell) out.push(cell);
    }
    return out;
  }

  /** Cells that start in this row, left to right. */
  cellsStartingIn(row: number): GridCell[] {
    return this.rowCells(row).filter((cell) => cell.row === row);
  }
}

/** Excel-style column name: 0 → A, 27 → AB. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function rangeName(r0: number, c0: number, r1: number, c1: number): string {
  return `${columnName(c0)}${r0 + 1}:${columnName(c1)}${r1 + 1}`;
}
