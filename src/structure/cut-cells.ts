// Merged cells whose text a page break cut in two. A renderer that splits a row across pages
// prints the part of a merged cell's text that fits above the break and the rest below, so a
// PDF can hold "产出指" at the foot of one page and "标" at the head of the next, or a header
// cell "一级指" / "标". The two pieces become one cell again when together, and only together,
// they make a known header or level name. A header cell whose whole text fitted above the
// break leaves an empty piece below it, joined when the row above is header text only.
import type { Grid, GridCell } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import { canonicalLevel1, canonicalLevel2 } from '../normalize/vocabulary.ts';
import { isHeaderWord } from './header.ts';

function isKnownName(text: string): boolean {
  return isHeaderWord(text) || canonicalLevel1(text) !== null || canonicalLevel2(text) !== null;
}

/** The cell below a page break that continues the cut cell above it, or null. */
function continuationOf(above: GridCell, below: GridCell | undefined, breakRow: number): GridCell | null {
  if (!below || below === above || below.row !== breakRow) return null;
  if (below.col !== above.col || below.colSpan !== above.colSpan) return null;
  if (!above.text || !below.text || isKnownName(above.text) || isKnownName(below.text)) return null;
  return isKnownName(above.text + below.text) ? below : null;
}

/** Whether a row is header text only: every filled cell a header word or the upper piece of a cut word. */
function isHeaderRow(cells: readonly GridCell[], pieces: ReadonlyMap<GridCell, GridCell>): boolean {
  return cells.some((cell) => cell.text) && cells.every((cell) => !cell.text || isHeaderWord(cell.text) || pieces.has(cell));
}

/**
 * The grid with every cut merged cell joined across its page break (the same grid when there
 * is none). In a header row cut by the break, a header cell whose part below the break is
 * empty (the text fitted above) is joined too; in body rows an empty cell below the break
 * stays a cell of its own (the level columns carry their value across pages anyway).
 */
export function healCutCells(grid: Grid): Grid {
  if (grid.pageBreakRows.length === 0) return grid;
  const index = new SlotIndex(grid);
  const joined = new Map<GridCell, GridCell>(); // upper piece → the joined cell
  const dropped = new Set<GridCell>();
  for (const breakRow of grid.pageBreakRows) {
    const aboveCells = index.rowCells(breakRow - 1);
    const pieces = new Map<GridCell, GridCell>();
    for (const above of aboveCells) {
      const below = continuationOf(above, index.at(breakRow, above.col), breakRow);
      if (below) pieces.set(above, below);
    }
    if (isHeaderRow(aboveCells, pieces)) {
      for (const above of aboveCells) {
        const below = index.at(breakRow, above.col);
        if (!pieces.has(above) && above.text && below && below.row === breakRow && !below.text && below.col === above.col && below.colSpan === above.colSpan) pieces.set(above, below);
      }
    }
    for (const [above, below] of pieces) {
      joined.set(above, { ...above, text: above.text + below.text, rowSpan: below.row + below.rowSpan - above.row });
      dropped.add(below);
    }
  }
  if (joined.size === 0) return grid;
  const cells = grid.cells.filter((cell) => !dropped.has(cell)).map((cell) => joined.get(cell) ?? cell);
  return { ...grid, cells, warnings: [...grid.warnings, `${joined.size} merged cell(s) cut by a page break joined again`] };
}
