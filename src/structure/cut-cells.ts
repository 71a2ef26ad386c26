// Merged cells whose text a page break cut in two. A renderer that splits a row across pages
// prints the part of a merged cell's text that fits above the break and the rest below, so a
// PDF can hold "产出指" at the foot of one page and "标" at the head of the next, or a header
// cell "一级指" / "标". The two pieces become one cell again when together, and only together,
// they make a known header or level name. A header cell whose whole text fitted above the
// break leaves an empty piece below it, joined when the row above is header text only. And a
// renderer that centres a cut merged cell's text over its whole span may print it all below the
// break, leaving the piece above empty: the two are joined too.
import type { Grid, GridCell } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import { canonicalLevel1, canonicalLevel2, isConsistentPair, level2OfName } from '../normalize/vocabulary.ts';
import { isHeaderWord } from './header.ts';

function isLevelName(text: string): boolean {
  return canonicalLevel1(text) !== null || canonicalLevel2(text) !== null;
}

function isKnownName(text: string): boolean {
  return isHeaderWord(text) || isLevelName(text);
}

function sameLevel(a: string, b: string): boolean {
  const [a1, a2, b1, b2] = [canonicalLevel1(a), canonicalLevel2(a), canonicalLevel1(b), canonicalLevel2(b)];
  return (a1 !== null || a2 !== null) && a1 === b1 && a2 === b2;
}

/** The cell below a page break that continues the cut cell above it, or null. */
function continuationOf(above: GridCell, below: GridCell | undefined, breakRow: number): GridCell | null {
  if (!below || below === above || below.row !== breakRow) return null;
  if (below.col !== above.col || below.colSpan !== above.colSpan) return null;
  if (!above.text || !below.text) return null;
  // A level name is a name of its own; a piece may look like a header word (`象满意度指标`).
  const joined = above.text + below.text;
  if (isLevelName(joined) && !isLevelName(above.text) && !isLevelName(below.text)) return below;
  // The suffix of a level name that went below the break (`社会公众或服务对象满意度` / `指标`,
  // `效益` / `指标`): the upper piece names the level already, and the whole names the same one.
  if (!isLevelName(below.text) && sameLevel(above.text, joined)) return below;
  if (isKnownName(above.text) || isKnownName(below.text)) return null;
  return isKnownName(joined) ? below : null;
}

/** Whether a column holds level names in merged cells (a merged-cell tree, not blank carry-forward). */
function hasMergedLevels(index: SlotIndex, col: number): boolean {
  for (let r = 0; r < index.grid.nRows; r++) {
    const cell = index.at(r, col);
    if (cell && cell.row === r && cell.col === col && cell.rowSpan > 1 && (canonicalLevel1(cell.text) || canonicalLevel2(cell.text))) return true;
  }
  return false;
}

/**
 * The lower pieces of a merged cell whose text the renderer printed below the break (in the
 * middle of the whole span): the piece above is empty and ends at the break, the pieces below
 * start at a break each, in the same columns, the last with text (those between fill their
 * pages). An empty piece above that is itself merged can be nothing else; a one-row one only in
 * a column of merged cells (under blank carry-forward an empty cell belongs to the group above).
 */
function emptyUpperPiece(index: SlotIndex, above: GridCell, breakRow: number, breaks: ReadonlySet<number>): GridCell[] | null {
  if (above.text || above.row + above.rowSpan !== breakRow) return null;
  if (!(above.rowSpan > 1 || hasMergedLevels(index, above.col))) return null;
  // Down the pages to the piece with the text: the pieces between fill their whole pages.
  const chain: GridCell[] = [];
  for (let at = breakRow; ; ) {
    const below = index.at(at, above.col);
    if (!below || below.row !== at || below.col !== above.col || below.colSpan !== above.colSpan) return null;
    chain.push(below);
    if (below.text) break;
    at = below.row + below.rowSpan;
    if (!breaks.has(at)) return null;
  }
  // An empty piece that itself opens a page, under pieces that lead up to one with text, may
  // continue that one just as well: it does unless the vocabulary says otherwise.
  const textAbove = textContinuedFromAbove(index, above, breaks);
  if (textAbove !== null && !belongsBelow(index, above, textAbove, chain[chain.length - 1].text)) return null;
  return chain;
}

/**
 * Whether a level name's piece that could continue `textAbove` or open `textBelow` opens the
 * latter: the 二级 its row names sits under `textBelow` in the national vocabulary and not under
 * `textAbove` (a 经济效益指标 group opening under 效益指标, not 产出指标; a `群众满意度` row under
 * 满意度指标 / 服务对象满意度指标, not 效益指标 / 可持续影响指标).
 */
function belongsBelow(index: SlotIndex, piece: GridCell, textAbove: string, textBelow: string): boolean {
  const level2s = level2sOfRow(index, piece);
  const fits = levelFit(textAbove, textBelow);
  return fits !== null && level2s.some((level2) => fits(textBelow, level2) && !fits(textAbove, level2));
}

/** The canonical 二级 names a row gives beside a piece: a 二级 cell starting in it, or what a 三级 name measures. */
function level2sOfRow(index: SlotIndex, piece: GridCell): string[] {
  const level2s: string[] = [];
  for (const cell of index.cellsStartingIn(piece.row)) {
    if (cell === piece || !cell.text) continue;
    const level2 = canonicalLevel2(cell.text) ?? level2OfName(cell.text);
    if (level2 !== null) level2s.push(level2);
  }
  return level2s;
}

/** How a level text takes a 二级 under it, for two 一级 names or two 二级 names that differ; null otherwise. */
function levelFit(a: string, b: string): ((text: string, level2: string) => boolean) | null {
  const [a1, b1] = [canonicalLevel1(a), canonicalLevel1(b)];
  if (a1 && b1) return a1 === b1 ? null : (text, level2) => isConsistentPair(canonicalLevel1(text)!, level2);
  const [a2, b2] = [canonicalLevel2(a), canonicalLevel2(b)];
  if (a2 && b2) return a2 === b2 ? null : (text, level2) => canonicalLevel2(text) === level2;
  return null;
}

/** The text a piece opening a page continues, through pieces opening the pages before; null if none. */
function textContinuedFromAbove(index: SlotIndex, piece: GridCell, breaks: ReadonlySet<number>): string | null {
  for (let lower = piece; breaks.has(lower.row); ) {
    const upper = index.at(lower.row - 1, lower.col);
    if (!upper || upper.col !== lower.col || upper.colSpan !== lower.colSpan || upper.row + upper.rowSpan !== lower.row) return null;
    if (upper.text) return upper.text;
    lower = upper;
  }
  return null;
}

/** Whether a row is header text only: every filled cell a header word or the upper piece of a cut word. */
function isHeaderRow(cells: readonly GridCell[], pieces: ReadonlyMap<GridCell, unknown>): boolean {
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
  const breaks = new Set(grid.pageBreakRows);
  for (const breakRow of grid.pageBreakRows) {
    const aboveCells = index.rowCells(breakRow - 1).filter((cell) => !dropped.has(cell));
    // Upper piece → the pieces below it that join it (more than one when a cell spans pages).
    const pieces = new Map<GridCell, GridCell[]>();
    for (const above of aboveCells) {
      const below = continuationOf(above, index.at(breakRow, above.col), breakRow);
      if (below) pieces.set(above, [below]);
    }
    const headerAbove = isHeaderRow(aboveCells, pieces);
    for (const above of aboveCells) {
      if (pieces.has(above)) continue;
      if (headerAbove) {
        const below = index.at(breakRow, above.col);
        if (above.text && below && below.row === breakRow && !below.text && below.col === above.col && below.colSpan === above.colSpan) pieces.set(above, [below]);
      } else {
        const chain = emptyUpperPiece(index, above, breakRow, breaks);
        if (chain) pieces.set(above, chain);
      }
    }
    for (const [above, chain] of pieces) {
      const last = chain[chain.length - 1];
      joined.set(above, { ...above, text: above.text + chain.map((piece) => piece.text).join(''), rowSpan: last.row + last.rowSpan - above.row });
      for (const piece of chain) dropped.add(piece);
    }
  }
  if (joined.size === 0) return grid;
  const cells = grid.cells.filter((cell) => !dropped.has(cell)).map((cell) => joined.get(cell) ?? cell);
  return { ...grid, cells, warnings: [...grid.warnings, `${joined.size} merged cell(s) cut by a page break joined again`] };
}
