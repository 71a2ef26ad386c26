// What a page break does to a table printed across it.
//
// A row cut by a page break. A renderer that lets a row break across pages (LibreOffice does,
// Word may) prints the lines of each cell that fit above the break and the rest at the head of
// the next page, in a row of its own there: `反映信` at the foot of one page, `息系统运维总成本的
// 完成情况` under the repeated header of the next, the row's other cells (the name, the value)
// empty below because their text fitted above. That lower row is the same row continued.
//
// It is told from a row of its own by its key, the leftmost column holding text in (nearly)
// every row (the names, a stub): a real row has its name there, the continued one left it above
// the break (other such columns may be empty in a real row: an operator written into the
// value). And it adds text only under cells of the row above that have text.
import type { BBox, GridCell } from '../model/layout.ts';
import { joinCellLines } from '../normalize/text.ts';
import type { PageTable } from './page-table.ts';
import type { AssemblySettings } from './settings.ts';

/** A figure, and a target written with its operator (`≥85%`): two of them one above the other are two rows. */
const FIGURE = /^(?:[≥≤＞＜><=＝]\s*)?[-+−]?[\d,.]+%?$/u;

/**
 * Share of the rows that hold a cell of their own with text, per column: a column of names or
 * values has one in nearly every row; a column of merged level cells or blank carry-forward
 * does not. Rows where a cell spanning several columns covers the column (a form's header
 * block, a title row) are not rows of that column and are not counted, nor a part's first
 * `skipped` rows (a header repeated there, dropped from the grid), nor the next page's first
 * body row's cells (a merged cell going on from there still counts): it may be the lower part of
 * a cut row, empty but for the cut cells, and counting it would take the share below the mark
 * that lets that very row be joined.
 */
export function ownTextShare(parts: readonly PageTable[], nCols: number, skipped: readonly number[] = []): number[] {
  const filled = new Array<number>(nCols).fill(0);
  const rows = new Array<number>(nCols).fill(0);
  for (const [i, t] of parts.entries()) {
    for (const c of t.cells) {
      const skip = skipped[i] ?? 0;
      if (c.colSpan > 1 || c.row < skip || (i > 0 && c.row === skip && c.rowSpan === 1)) continue;
      rows[c.col] += c.rowSpan;
      if (c.text) filled[c.col] += 1;
    }
  }
  return filled.map((n, col) => (rows[col] ? n / rows[col] : 0));
}

/**
 * Joins row `r` of `next` (its first body row) to the cells placed above it when it is the
 * lower part of the row cut by the page break: `placed` are the grid's cells so far, ending at
 * grid row `boundary`. Returns whether it joined (the row is then not placed).
 *
 * - every cell of the row with text of its own continues a cell of the row above with text,
 *   same columns, ending at the break (the text below is the rest of a cut cell);
 * - the row's key, the leftmost column that holds text in nearly every row
 *   (`cutRowOwnTextShare`), is empty in this row while the row above has text there (the name
 *   fitted above the break), or goes on from a full line there (`cutRowFullLineSlack`), set as
 *   that line is (`cutRowAlignSlack`);
 * - no piece and its upper part are both figures (two numbers are two rows of a numeric table);
 * - the row's own cells that go on below have their last line as low as any cell of the row
 *   above the break (`cutRowFootGap`).
 */
export function joinCutRow(placed: GridCell[], boundary: number, next: PageTable, r: number, share: readonly number[], ink: InkOf, s: AssemblySettings): boolean {
  const own = next.cells.filter((c) => c.row === r);
  const withText = own.filter((c) => c.text);
  if (withText.length === 0) return false;
  const upperOf = (c: GridCell) => placed.find((u) => u.col === c.col && u.colSpan === c.colSpan && u.row + u.rowSpan === boundary);
  const uppers = withText.map(upperOf);
  if (uppers.some((u) => !u || !u.text)) return false;
  if (withText.some((c, i) => FIGURE.test(c.text) && FIGURE.test(uppers[i]!.text))) return false;
  // The row's key: the leftmost column holding text in nearly every row (the names, a stub).
  const key = share.findIndex((x) => x >= s.cutRowOwnTextShare);
  const keyCell = own.find((c) => c.col === key);
  const keyAbove = keyCell ? upperOf(keyCell) : undefined;
  if (!keyCell || keyCell.rowSpan !== 1 || !keyAbove?.text) return false;
  // A name cut itself goes on below only from a full line, and so does every other cell that
  // goes on with it: the last line above the break reaches the cell's right side (the next
  // character did not fit), a drawn side in a ruled table; in a borderless one, where a column
  // ends where its longest text does, the right end of the column's widest line. And some cell
  // of the row (a value) fitted above: empty below, in a column filled in nearly every row (an
  // empty level cell under blank carry-forward says nothing) or right of the name, however often
  // its column is empty (heading rows leave the values empty; the level columns left of the name
  // are those carried forward). A label row under the row (text in the name's column only)
  // passes those too; its text is set apart from the name's (setAlike).
  const fittedIn = (cols: (c: GridCell) => boolean) => own.some((c) => !c.text && c.rowSpan === 1 && cols(c) && upperOf(c)?.rowSpan === 1 && Boolean(upperOf(c)?.text));
  const fitted = fittedIn((c) => share[c.col] >= s.cutRowOwnTextShare || c.col > key);
  const full = (u: GridCell) => (next.finder === 'lattice' ? fullLine(u, ink, s) : reachesTextEdge(u, placed, ink, s));
  const continued = uppers.filter((u) => u!.rowSpan === 1);
  if (keyCell.text && (!fitted || !continued.every((u) => full(u!)) || !setAlike(keyAbove, keyCell, ink, s))) return false;
  // The cut cells of the row itself ran to the break: their text's last line as low as any in
  // the row, not above the foot like a cell whose text fitted (merged level cells are not the row's own).
  const rowCells = placed.filter((u) => u.rowSpan === 1 && u.row === boundary - 1);
  const cut = uppers.filter((u) => u!.rowSpan === 1);
  const foot = Math.max(...rowCells.map((u) => ink(u)?.bottom ?? -Infinity));
  if (cut.length === 0 || !cut.every((u) => reachesFoot(u!, foot, ink, s))) return false;
  withText.forEach((c, i) => {
    const upper = uppers[i]!;
    upper.text = joinCellLines([upper.text, c.text]);
    upper.rowSpan += c.rowSpan - 1;
  });
  return true;
}

/** The lowest ink in a cell's box on its page, the height and right end of that line; null when no text is there. */
export type InkOf = (cell: GridCell) => CellInk | null;

/** The lowest line of a cell's text (its bottom, height, left and right ends) and the ends of its first line. */
export interface CellInk {
  bottom: number;
  lineHeight: number;
  left: number;
  right: number;
  firstLeft: number;
  firstRight: number;
}

function fullLine(cell: GridCell, ink: InkOf, s: AssemblySettings): boolean {
  const found = ink(cell);
  return Boolean(found && cell.bbox && cell.bbox[2] - found.right <= s.cutRowFullLineSlack * found.lineHeight);
}

/** A borderless cell's last line ends where the widest line of its column does (`cutRowTextEdgeSlack`). */
function reachesTextEdge(cell: GridCell, placed: readonly GridCell[], ink: InkOf, s: AssemblySettings): boolean {
  const found = ink(cell);
  if (!found) return false;
  const edge = Math.max(...placed.filter((u) => u.col === cell.col && u.colSpan === cell.colSpan && u.text).map((u) => ink(u)?.right ?? -Infinity));
  return edge - found.right <= s.cutRowTextEdgeSlack * found.lineHeight;
}

/**
 * The first line of `lower` is set as the last line of `upper` is, as the rest of one cell's
 * text is: starting where it starts (left-aligned) or centred where it is centred, within
 * `cutRowAlignSlack` line heights. A label row set apart from the rows above it (`按城乡分`
 * out-dented under the indented stub `企业`) is a row of its own.
 */
function setAlike(upper: GridCell, lower: GridCell, ink: InkOf, s: AssemblySettings): boolean {
  const above = ink(upper);
  const below = ink(lower);
  if (!above || !below) return false;
  const slack = s.cutRowAlignSlack * above.lineHeight;
  const centre = (a: number, b: number) => (a + b) / 2;
  return Math.abs(below.firstLeft - above.left) <= slack || Math.abs(centre(below.firstLeft, below.firstRight) - centre(above.left, above.right)) <= slack;
}

function reachesFoot(cell: GridCell, foot: number, ink: InkOf, s: AssemblySettings): boolean {
  const found = ink(cell);
  return Boolean(found && foot - found.bottom <= s.cutRowFootGap * found.lineHeight);
}

/**
 * The table without row `r` (the lower part joined above): a cell starting there and spanning
 * on (a merged cell continued from the page above) starts one row lower, a cell crossing it
 * spans one row less, the rows below move up by one.
 */
export function dropRow(t: PageTable, r: number): PageTable {
  const cells: PageTable['cells'] = [];
  for (const c of t.cells) {
    if (c.row < r) cells.push(c.row + c.rowSpan > r ? { ...c, rowSpan: c.rowSpan - 1 } : c);
    else if (c.row > r) cells.push({ ...c, row: c.row - 1 });
    else if (c.rowSpan > 1 && !c.text) cells.push({ ...c, rowSpan: c.rowSpan - 1 });
  }
  return { ...t, cells, nRows: t.nRows - 1, rowBoxes: t.rowBoxes.filter((_, i) => i !== r) };
}

/**
 * A merged cell cut by the page break whose text the renderer centred over its whole span may
 * be drawn on both pages: in the cell opening the next page's table and, unclipped, under the
 * last row of this one (LibreOffice printing a sheet does; the cells of two levels cut at once
 * leave two such lines). A line under the table is that overflow, not body text after the
 * table, when it stands within one column of the table, at most `overflowLineGap` line heights
 * below the table or the overflow line above it or else in the page's bottom margin (the text
 * of a tall cell is centred far below the break), and the next page's table opens with a cell
 * of the same text in that column. Returns the overflow lines.
 */
export function cutCellOverflow<L extends { bbox: BBox; text: string }>(lines: readonly L[], table: PageTable, next: PageTable, pageHeight: number, s: AssemblySettings): Set<L> {
  const out = new Set<L>();
  let edge = table.bbox[3];
  for (const line of [...lines].filter((l) => l.bbox[1] >= table.bbox[3] - 1).sort((a, b) => a.bbox[1] - b.bbox[1])) {
    if (!overflowsInto(line, edge, table, next, pageHeight, s)) break;
    out.add(line);
    edge = line.bbox[3];
  }
  return out;
}

function overflowsInto(line: { bbox: BBox; text: string }, edge: number, table: PageTable, next: PageTable, pageHeight: number, s: AssemblySettings): boolean {
  const height = line.bbox[3] - line.bbox[1];
  const inMargin = line.bbox[1] >= pageHeight * (1 - s.marginShare);
  if (line.bbox[1] - edge > s.overflowLineGap * height && !inMargin) return false;
  const tol = s.continuationColTolerance;
  const xs = table.colXs;
  const col = xs.findIndex((x, i) => i + 1 < xs.length && line.bbox[0] >= x - tol && line.bbox[2] <= xs[i + 1] + tol);
  if (col < 0) return false;
  const text = line.text.replace(/\s+/gu, '');
  return next.cells.some((c) => c.row === 0 && c.text.replace(/\s+/gu, '') === text && c.bbox[0] < xs[col + 1] - tol && c.bbox[2] > xs[col] + tol);
}
