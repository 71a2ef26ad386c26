// Rows of a borderless table whose cells are vertically centred (LibreOffice and Word tables
// with "centre" alignment, 三线表 of the seed notice): a cell of two lines sits beside single
// lines centred between them, and a merged 一级 cell's text sits in the middle of the rows it
// spans. Reading every line as a row (the borderless finder) tears such cells apart.
//
//   pieces of the body → row centres (shared by pieces of two or more columns)
//   → stacks (a column's loose pieces a line apart, aligned) centred on a row: one cell
//   → stacks centred on a run of rows, alone in their column there: merged cells
//   → the table's last lines wrapping on under a row's cell (a cell cut by a page break): that cell
//   → what is left: rows of their own (a group label)
//
// One candidate reading among others; the arbiter decides (centred lines between two pieces,
// cells aligned within their rows and spans).

import type { BBox } from '../model/layout.ts';
import { cellText } from './assign-text.ts';
import { ruledApart, type PageText, type Rule } from './evidence.ts';
import type { PageCell, PageTable } from './page-table.ts';
import { columnSpan } from './stream-columns.ts';
import { splitSegment } from './stream.ts';
import { CJK_START, FIGURE, median, wrapsInto, type Segment } from './stream-lines.ts';

export interface CentredRowsSettings {
  /** Centres agree within this share of a line height. */
  centreTolerance: number;
  /** Lines of one cell are at most this share of a line height apart. */
  lineGap: number;
  /** …and start, end or are centred at one x within this many ems. */
  alignEm: number;
  /**
   * Most lines of one stacked cell. 12: a description of 20–40 characters in a column two or
   * three characters wide (a portrait print of a ten-column table) wraps into 7–10 lines.
   */
  maxLines: number;
  /**
   * A step between two lines of a column this share of a line height wider than the column's
   * tightest step is a border between two cells: the cell padding below one and above the next
   * (LibreOffice: 4.8 pt between the lines of a cell, 7.9 pt across a border at 11 pt).
   */
  paddingGap: number;
  /**
   * A column whose every piece has at most this many characters is about one character wide
   * (a 指标性质 column in a portrait print: 定 over 性), so its text wraps a character a line. 2:
   * a symbol with its figure's sign (`≥`, `≤`) or a two-character value fills such a column.
   */
  narrowChars: number;
  /**
   * A heading alone on its line keeps the span over several columns the table gave it when it is
   * centred on them within this many ems: 1, the figures' padding and alignment (flush right)
   * that the column lines from the text do not show (as stream.ts centredHeading allows).
   */
  headingCentreEm: number;
}

export const DEFAULT_CENTRED_ROWS: CentredRowsSettings = { centreTolerance: 0.3, lineGap: 0.8, alignEm: 0.5, maxLines: 12, paddingGap: 0.2, narrowChars: 2, headingCentreEm: 1 };

interface Piece {
  seg: Segment;
  col: number;
  /** Last column (a group heading spans several). */
  col1: number;
  cy: number;
  used: boolean;
}

interface Cell {
  pieces: Piece[];
  col: number;
  col1: number;
  top: number;
  bottom: number;
}

interface RowModel {
  centre: number;
  cells: Cell[];
  top: number;
  bottom: number;
}

const cyOf = (s: { top: number; bottom: number }) => (s.top + s.bottom) / 2;
const cxOf = (s: { x0: number; x1: number }) => (s.x0 + s.x1) / 2;

function cellOf(pieces: Piece[]): Cell {
  return {
    pieces,
    col: pieces[0].col,
    col1: pieces[0].col1,
    top: Math.min(...pieces.map((p) => p.seg.top)),
    bottom: Math.max(...pieces.map((p) => p.seg.bottom)),
  };
}

/** The columns whose body cells with text hold figures in the main (half of them or more). */
function figureColumns(table: PageTable, headerRows: number): Set<number> {
  const out = new Set<number>();
  for (let c = 0; c < table.nCols; c++) {
    const texts = table.cells.filter((k) => k.row >= headerRows && k.col === c && k.colSpan === 1 && k.text.trim()).map((k) => k.text.replace(/\s+/gu, ''));
    if (texts.length && texts.filter((t) => FIGURE.test(t)).length >= 0.5 * texts.length) out.add(c);
  }
  return out;
}

/** Whether the cell spans several columns, each of them a column of figures. */
function overFigures(cell: PageCell, figures: ReadonlySet<number>): boolean {
  if (cell.colSpan < 2) return false;
  for (let c = cell.col; c < cell.col + cell.colSpan; c++) if (!figures.has(c)) return false;
  return true;
}

/** Whether the piece's centre is within `headingCentreEm` of the middle of [x0, x1]. */
function centredOn(seg: Segment, x0: number, x1: number, s: CentredRowsSettings): boolean {
  return Math.abs(cxOf(seg) - (x0 + x1) / 2) <= s.headingCentreEm * (seg.fontSize || 10);
}

/** Whether a cell's text is the piece's, blanks aside. */
function sameText(cell: string, seg: Segment): boolean {
  return cell.replace(/\s+/gu, '') === segText(seg);
}

function alignedPieces(a: Segment, b: Segment, em: number): boolean {
  return Math.abs(a.x0 - b.x0) <= em || Math.abs(a.x1 - b.x1) <= em || Math.abs(cxOf(a) - cxOf(b)) <= em;
}

/**
 * The table with its body (rows whose centre lies below `bodyTop`) read as centred rows, or null
 * when that reading changes nothing or does not hold together.
 */
export function centredRows(table: PageTable, text: PageText, bodyTop: number, s: CentredRowsSettings = DEFAULT_CENTRED_ROWS): PageTable | null {
  const xs = table.colXs;
  const nCols = table.nCols;
  const headerRows = table.rowBoxes.filter((b) => cyOf({ top: b[1], bottom: b[3] }) < bodyTop).length;
  const bottom = table.bbox[3] + 1;
  const figures = figureColumns(table, headerRows);
  const pieces: Piece[] = [];
  for (const line of text.lines) {
    const segs = line.segments.flatMap((seg) => splitSegment(seg, xs)).filter((seg) => cyOf(seg) > bodyTop && cyOf(seg) < bottom && cxOf(seg) >= xs[0] - 2 && cxOf(seg) <= xs[nCols] + 2);
    for (const seg of segs) {
      const [c0, c1] = columnSpan(xs, seg, Math.min(2, (seg.x1 - seg.x0) / 4));
      if (c0 !== c1 && segs.length > 1) return null; // text across a column line beside other text: not this layout
      const existing = table.cells.find((c) => c.row >= headerRows && c.text && c.bbox[0] <= seg.x0 + 0.5 && c.bbox[2] >= seg.x1 - 0.5 && c.bbox[1] <= seg.top + 0.5 && c.bbox[3] >= seg.bottom - 0.5);
      // A piece across column lines keeps the span the table gave it; so does a piece alone on
      // its line that is the whole of a cell the table spans over columns of figures and centred
      // on them (a group heading over the figures, narrower than the column it stands in:
      // stream.ts centredHeading), not a line of a text cell nor a row heading set flush left.
      const spanned = existing && (c0 !== c1 || (segs.length === 1 && overFigures(existing, figures) && centredOn(seg, xs[existing.col], xs[existing.col + existing.colSpan], s) && sameText(existing.text, seg)));
      const [k0, k1] = spanned ? [existing.col, existing.col + existing.colSpan - 1] : [c0, c1];
      pieces.push({ seg, col: k0, col1: k1, cy: cyOf(seg), used: false });
    }
  }
  if (pieces.length < 4) return null;
  const h = median(pieces.map((p) => p.seg.bottom - p.seg.top)) || 10;
  const tol = s.centreTolerance * h;
  const byCol = Array.from({ length: nCols }, (_, c) => pieces.filter((p) => p.col === c && p.col1 === c).sort((a, b) => a.seg.top - b.seg.top));
  const rights = byCol.map((ps) => Math.max(-Infinity, ...ps.map((p) => p.seg.x1)));
  // Each column's tightest step between aligned lines a line apart: the line gap inside its cells.
  const tightest = byCol.map((ps) => {
    const steps = ps.slice(1).map((p, i) => p.seg.top - ps[i].seg.bottom).filter((g, i) => g >= 0 && g <= s.lineGap * h && alignedPieces(ps[i].seg, ps[i + 1].seg, s.alignEm * ps[i].seg.fontSize));
    return steps.length ? Math.min(...steps) : Infinity;
  });
  const stacked = (stack: Piece[]) => stackedPieces(stack, s, h, tightest[stack[0].col]);
  const narrow = byCol.map((ps) => ps.length > 0 && ps.every((p) => [...pieceText(p)].length <= s.narrowChars));
  const wraps = (col: number, upper: Piece, lower: Piece, cell: Cell) =>
    wrapsInto(upper.seg, lower.seg, rights[col] - upper.seg.x0) || (narrow[col] && charWrap(upper, lower, cell, pieces, text.hRules, s, h, tol));

  // 1. Stacks: a column's pieces a line apart and aligned are one cell when a piece of another
  //    column, alone in its column over the stack's height, is centred on the stack.
  const cells: Cell[] = [];
  for (const col of byCol) {
    for (let i = 0; i < col.length; i++) {
      let cell = cellOf([col[i]]);
      let alone: Cell | null = null;
      for (let k = 2; k <= s.maxLines && i + k <= col.length; k++) {
        const stack = col.slice(i, i + k);
        if (!stacked(stack)) break;
        const candidate = cellOf(stack);
        if (centredBeside(candidate, pieces, byCol, wraps, stacked, tol)) {
          cell = candidate;
          alone = null;
          break;
        }
        if (alone?.pieces.length === k - 1 || k === 2) alone = wrappedAlone(candidate, pieces, rights[candidate.col]) ? candidate : alone;
      }
      cells.push(alone ?? cell);
      cell = alone ?? cell;
      i += cell.pieces.length - 1;
    }
  }
  // 2. Row centres: centres shared by cells of two or more columns; the cells on them.
  const sorted = [...cells].sort((a, b) => cyOf(a) - cyOf(b));
  const rows: RowModel[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && cyOf(sorted[j + 1]) - cyOf(sorted[j]) <= tol) j++;
    const group = sorted.slice(i, j + 1);
    if (new Set(group.map((c) => c.col)).size === group.length && group.length >= 2) {
      const row: RowModel = { centre: median(group.map(cyOf)), cells: group, top: Infinity, bottom: -Infinity };
      for (const c of group) for (const p of c.pieces) p.used = true;
      rows.push(row);
    }
    i = j + 1;
  }
  for (const r of rows) extend(r);
  rows.sort((a, b) => a.centre - b.centre);
  joinTopAligned(rows, byCol, rights, stacked, s.paddingGap * h);
  // 3. Stacks centred on a run of rows, alone in their column there: merged cells.
  const merged: Merged[] = [];
  for (const col of byCol) {
    for (let i = 0; i < col.length; i++) {
      if (col[i].used) continue;
      const found = mergedSpan(col, i, rows, s, tol, stacked);
      if (!found) continue;
      merged.push(found.span);
      for (const row of rows) row.cells = row.cells.filter((c) => !found.span.cell.pieces.some((p) => c.pieces.includes(p)));
      for (const p of found.span.cell.pieces) p.used = true;
      i = found.next - 1;
    }
  }
  // 4. A cell cut by a page break: the lines of a row that fitted above the break are centred
  //    on the part printed there, so the lines of a cut cell below its row's centre are loose
  //    at the table's foot.
  for (const row of rows) for (const cell of row.cells) takeWrappedBelow(cell, byCol[cell.col], pieces, rights, stacked);
  for (const r of rows) extend(r);
  // 5. What is left is a row of its own (label rows, headings, notes); a label wrapped over
  //    lines with nothing beside it (a group heading in a narrow label column) is one.
  const wrapped = joinWrapped(cells, pieces, rights, stacked);
  for (const cell of wrapped) {
    if (cell.pieces.some((p) => p.used)) continue;
    rows.push({ centre: cyOf(cell), cells: [cell], top: cell.top, bottom: cell.bottom });
    for (const p of cell.pieces) p.used = true;
  }
  for (const p of pieces) {
    if (p.used) continue;
    rows.push({ centre: p.cy, cells: [cellOf([p])], top: p.seg.top, bottom: p.seg.bottom });
    p.used = true;
  }
  rows.sort((a, b) => a.centre - b.centre);
  for (const r of rows) if (r.cells.length) extend(r);
  const live = rows.filter((r) => r.cells.length > 0 || merged.some((m) => m.first === r || m.last === r));
  if (merged.length === 0 && live.every((r) => r.cells.every((c) => c.pieces.length === 1))) return null;
  return buildTable(table, headerRows, live, merged);
}

/**
 * Joins into a row the row right under it whose every cell is the next line of the row's cell in
 * its column (stacked a line apart, closer by a cell's padding than the rows stand apart, its
 * first word would not have fitted above): cells set at
 * the top of their row, as LibreOffice sets the part of a row a page break cut (`河道清淤面` over
 * `积`, `平方` over `米`, beside figures on the first line only). A figure under a figure, text
 * under an empty cell, or a row with no cell that fitted on its first line keeps the rows apart.
 */
function joinTopAligned(rows: RowModel[], byCol: readonly Piece[][], rights: readonly number[], stacked: (stack: Piece[]) => boolean, padding: number): void {
  const rowGap = median(rows.slice(1).map((r, i) => r.top - rows[i].bottom).filter((g) => g > 0));
  for (let i = rows.length - 1; i > 0; i--) {
    const upper = rows[i - 1];
    const lower = rows[i];
    const continues = lower.cells.every((cell) => {
      const above = upper.cells.find((c) => c.col === cell.col && c.col1 === cell.col1);
      if (!above || cell.col !== cell.col1) return false;
      const last = above.pieces[above.pieces.length - 1];
      const next = cell.pieces[0];
      return byCol[cell.col].indexOf(next) === byCol[cell.col].indexOf(last) + 1 && stacked([last, next]) && next.seg.top - last.seg.bottom <= rowGap - padding && wrapsInto(last.seg, next.seg, rights[cell.col] - last.seg.x0);
    });
    // …and some cell of the row fitted on its first line: two rows whose every cell fills its
    // column (two qualitative indicators, `有效节约` under `有效节约`) are two rows.
    const fitted = upper.cells.some((c) => !lower.cells.some((l) => l.col <= c.col1 && l.col1 >= c.col));
    if (!continues || !fitted) continue;
    for (const cell of lower.cells) {
      const above = upper.cells.find((c) => c.col === cell.col)!;
      above.pieces.push(...cell.pieces);
      above.bottom = Math.max(above.bottom, cell.bottom);
    }
    upper.bottom = Math.max(upper.bottom, lower.bottom);
    rows.splice(i, 1);
  }
}

/**
 * Takes into a row's cell the loose lines of its column right under it that go on with its text
 * (each line's first word would not have fitted on the line above, stacked a line apart), with
 * nothing of another column beside them, when they are the table's last lines: the rest of a
 * cell a page break cut, whose row's other cells fitted on their first line (`以统计台账数`
 * beside the name, `据核定开展公` under it). Above another row such a line opens that row's cell.
 */
function takeWrappedBelow(cell: Cell, column: readonly Piece[], pieces: readonly Piece[], rights: readonly number[], stacked: (stack: Piece[]) => boolean): void {
  if (cell.col !== cell.col1) return;
  const rest: Piece[] = [];
  let upper = cell.pieces[cell.pieces.length - 1];
  for (let i = column.indexOf(upper) + 1; i > 0 && i < column.length; i++) {
    const lower = column[i];
    if (lower.used || lower.seg.top < upper.seg.bottom) break;
    const beside = pieces.some((p) => p.col !== cell.col && p.seg.bottom > lower.seg.top && p.seg.top < lower.seg.bottom);
    if (beside || !stacked([upper, lower]) || !wrapsInto(upper.seg, lower.seg, rights[cell.col] - upper.seg.x0)) break;
    rest.push(lower);
    upper = lower;
  }
  if (rest.length === 0 || pieces.some((p) => !rest.includes(p) && p.cy > upper.seg.bottom)) return;
  cell.pieces.push(...rest);
  cell.bottom = upper.seg.bottom;
  for (const p of rest) p.used = true;
}

/**
 * The cells with consecutive unused one-line cells of one column joined where each line wraps
 * into the next (its first word would not have fitted above), stacked a line apart, and no
 * other column holds text beside them.
 */
function joinWrapped(cells: readonly Cell[], pieces: readonly Piece[], rights: readonly number[], stacked: (stack: Piece[]) => boolean): Cell[] {
  const out: Cell[] = [];
  const free = (c: Cell) => c.pieces.length === 1 && !c.pieces[0].used && c.col === c.col1;
  for (const cell of cells) {
    const last = out[out.length - 1];
    if (last && free(cell) && last.pieces.every((p) => !p.used) && last.col === cell.col && last.col1 === cell.col) {
      const upper = last.pieces[last.pieces.length - 1];
      const lower = cell.pieces[0];
      const stack = [...last.pieces, lower];
      const beside = pieces.some((p) => p.col !== cell.col && p.seg.bottom > last.top && p.seg.top < cell.bottom);
      if (!beside && stacked(stack) && wrapsInto(upper.seg, lower.seg, rights[cell.col] - upper.seg.x0)) {
        out[out.length - 1] = cellOf(stack);
        continue;
      }
    }
    out.push(cell);
  }
  return out;
}

/** A merged cell and the first and last row it spans. */
interface Merged {
  cell: Cell;
  first: RowModel;
  last: RowModel;
}

/**
 * The other columns say the stack is one cell: more of them hold a single piece centred on it
 * (alone in its column over the stack's height), or one wrapped text of more or fewer lines
 * centred on it (a row whose every cell wraps, over two or three lines; as many lines beside
 * it, line for line, may be rows of one line each), than hold two or more pieces there that are
 * not one wrapped text (two short values one above the other are two rows), or pieces line for
 * line with stack lines that do not wrap (each line left room for the next one's first word:
 * names of one line, set without padding, beside their values); a single piece off
 * the centre (a merged cell reaching beyond) says nothing. `wraps`: a column's upper piece goes
 * on into the lower one beside the stack.
 */
function centredBeside(cell: Cell, pieces: readonly Piece[], columns: readonly (readonly Piece[])[], wraps: (col: number, upper: Piece, lower: Piece, cell: Cell) => boolean, stacked: (stack: Piece[]) => boolean, tol: number): boolean {
  const centre = cyOf(cell);
  const linesWrap = cell.pieces.slice(1).every((p, i) => wraps(cell.col, cell.pieces[i], p, cell));
  const byCol = new Map<number, Piece[]>();
  for (const p of pieces) {
    if (p.col === cell.col || p.col1 !== p.col || p.seg.bottom <= cell.top || p.seg.top >= cell.bottom) continue;
    byCol.set(p.col, [...(byCol.get(p.col) ?? []), p]);
  }
  let centred = 0;
  let against = 0;
  for (const [col, ps] of byCol) {
    ps.sort((a, b) => a.seg.top - b.seg.top);
    if (ps.length === 1 && Math.abs(ps[0].cy - centre) <= tol) centred++;
    else if (ps.length >= 2 && !ps.slice(1).every((p, i) => wraps(col, ps[i], p, cell))) against++;
    else if (!linesWrap && lineForLine(ps, cell.pieces, tol)) against++;
    else if (ps.length >= 2 && ps.length !== cell.pieces.length && stacked(ps) && Math.abs(cyOf(cellOf(ps)) - centre) <= tol && wholeText(ps, columns[col], wraps, stacked, cell)) centred++;
  }
  return centred > against;
}

/** Pieces standing on the lines of the stack, one each (rows of one line beside lines that leave room: names and their values). */
function lineForLine(ps: readonly Piece[], stack: readonly Piece[], tol: number): boolean {
  return ps.length === stack.length && ps.every((p, i) => Math.abs(p.cy - stack[i].cy) <= tol);
}

/**
 * Whether a column's wrapped pieces are the whole of their text: the piece above them does not
 * wrap into the first, nor the last into the piece below (the first two lines of a three-line
 * cell share a centre with a two-line stack beside them, but are not that cell).
 */
function wholeText(ps: readonly Piece[], column: readonly Piece[], wraps: (col: number, upper: Piece, lower: Piece, cell: Cell) => boolean, stacked: (stack: Piece[]) => boolean, cell: Cell): boolean {
  const col = ps[0].col;
  const above = column[column.indexOf(ps[0]) - 1];
  const below = column[column.indexOf(ps[ps.length - 1]) + 1];
  const goesOn = (upper: Piece | undefined, lower: Piece | undefined) => Boolean(upper && lower && stacked([upper, lower]) && wraps(col, upper, lower, cell));
  return !goesOn(above, ps[0]) && !goesOn(ps[ps.length - 1], below);
}

const segText = (seg: Segment) => seg.runs.map((r) => r.text).join('').replace(/\s+/gu, '');
const pieceText = (p: Piece) => segText(p.seg);

/**
 * In a column about one character wide, one CJK character alone under a character of the column
 * is the next line of one cell's text (定 / 性), which `wrapsInto` cannot tell from a value: they
 * are centred on one x, no further apart than the lines of the stack beside them (rows of one
 * character stand further apart by a cell's padding), with no rule between them and no column
 * of figures stepping down with them (one-character units of rows set without padding).
 */
function charWrap(upper: Piece, lower: Piece, cell: Cell, pieces: readonly Piece[], hRules: readonly Rule[], s: CentredRowsSettings, h: number, tol: number): boolean {
  if (!/^\p{Script=Han}$/u.test(pieceText(lower)) || !CJK_START.test(pieceText(upper))) return false;
  if (Math.abs(cxOf(upper.seg) - cxOf(lower.seg)) > s.alignEm * upper.seg.fontSize) return false;
  const gap = lower.seg.top - upper.seg.bottom;
  const lineGap = Math.max(...cell.pieces.slice(1).map((p, i) => p.seg.top - cell.pieces[i].seg.bottom));
  if (gap < 0 || gap > lineGap + s.paddingGap * h || ruledApart(hRules, upper.seg, lower.seg)) return false;
  const figuresOn = (line: Piece) => new Set(pieces.filter((p) => p.col !== upper.col && Math.abs(p.cy - line.cy) <= tol && FIGURE.test(pieceText(p))).map((p) => p.col));
  const below = figuresOn(lower);
  return ![...figuresOn(upper)].some((col) => below.has(col));
}

/**
 * A stack with nothing of another column beside it whose every line wraps into the next (a
 * label row wrapped in a narrow column: `社会公众或服务对象满意` / `度指标`): one cell, a row of
 * its own, though no centred piece says so. A line wraps when the next line's first word would
 * not have fitted between its end and `right`, the column's text edge (an indented label has
 * less room than the column's width).
 */
function wrappedAlone(cell: Cell, pieces: readonly Piece[], right: number): boolean {
  if (pieces.some((p) => p.col !== cell.col && p.seg.bottom > cell.top && p.seg.top < cell.bottom)) return false;
  return cell.pieces.slice(1).every((p, i) => sameStart(cell.pieces[i].seg, p.seg) && wrapsInto(cell.pieces[i].seg, p.seg, right - cell.pieces[i].seg.x0));
}

/**
 * Two lines of one wrapped cell start at one x (flush left) or share a centre, to the rounding
 * of positions (a quarter em). Their right ends say nothing: a label indented by a character in a
 * column two characters wide ends where the heading above it ends (`按地` / `区分` / `东`).
 */
function sameStart(a: Segment, b: Segment): boolean {
  const tol = 0.25 * Math.max(a.fontSize, b.fontSize, 1);
  return Math.abs(a.x0 - b.x0) <= tol || Math.abs(cxOf(a) - cxOf(b)) <= tol;
}

/**
 * Consecutive pieces of one column a line apart and aligned, no step wider than the column's
 * tightest by a cell's padding: possibly one cell.
 */
function stackedPieces(stack: Piece[], s: CentredRowsSettings, h: number, tightest: number): boolean {
  for (let i = 1; i < stack.length; i++) {
    const a = stack[i - 1].seg;
    const b = stack[i].seg;
    const gap = b.top - a.bottom;
    if (gap > s.lineGap * h || gap > tightest + s.paddingGap * h || !alignedPieces(a, b, s.alignEm * a.fontSize)) return false;
  }
  return true;
}

function extend(r: RowModel): void {
  r.top = Math.min(...r.cells.map((c) => c.top));
  r.bottom = Math.max(...r.cells.map((c) => c.bottom));
}

/**
 * A stack starting at piece i (loose pieces and, when it takes them, the rest of a wrapped word
 * that happened to sit on a row centre) whose centre is the centre of a run of two or more rows
 * in which the column holds nothing else.
 */
function mergedSpan(col: Piece[], i: number, rows: RowModel[], s: CentredRowsSettings, tol: number, stacked: (stack: Piece[]) => boolean): { span: Merged; next: number } | null {
  for (let k = 1; k <= s.maxLines && i + k <= col.length; k++) {
    const stack = col.slice(i, i + k);
    if (!stacked(stack)) return null;
    const cell = cellOf(stack);
    const centre = cyOf(cell);
    const others = col.filter((p) => !stack.includes(p));
    for (let r0 = 0; r0 < rows.length; r0++) {
      if (rows[r0].top > cell.top + tol) break;
      for (let r1 = r0 + 1; r1 < rows.length; r1++) {
        if (rows[r1].bottom < cell.bottom - tol) continue;
        const top = rows[r0].top;
        const bottom = rows[r1].bottom;
        if (Math.abs((top + bottom) / 2 - centre) > tol) continue;
        const clash = others.some((p) => p.cy > top - tol && p.cy < bottom + tol);
        if (!clash) return { span: { cell, first: rows[r0], last: rows[r1] }, next: i + k };
      }
    }
  }
  return null;
}

function buildTable(table: PageTable, headerRows: number, rows: RowModel[], merged: Merged[]): PageTable | null {
  const xs = table.colXs;
  const nCols = table.nCols;
  const page = table.page;
  const out: PageCell[] = table.cells.filter((c) => c.row < headerRows);
  const nBody = rows.length;
  const bounds: number[] = [];
  for (let i = 0; i <= nBody; i++) {
    if (i === 0) bounds.push(rows[0].top - 0.5);
    else if (i === nBody) bounds.push(rows[nBody - 1].bottom + 0.5);
    else bounds.push((rows[i - 1].bottom + rows[i].top) / 2);
  }
  const taken = new Set<string>();
  const box = (cell: Cell): BBox => [Math.min(...cell.pieces.map((p) => p.seg.x0)), cell.top, Math.max(...cell.pieces.map((p) => p.seg.x1)), cell.bottom];
  const text = (cell: Cell) => cellText(cell.pieces.flatMap((p) => p.seg.runs));
  for (const m of merged) {
    const r0 = rows.indexOf(m.first);
    const r1 = rows.indexOf(m.last);
    for (let r = r0; r <= r1; r++) {
      if (taken.has(`${r}:${m.cell.col}`)) return null;
      taken.add(`${r}:${m.cell.col}`);
    }
    out.push({ row: headerRows + r0, col: m.cell.col, rowSpan: r1 - r0 + 1, colSpan: 1, text: text(m.cell), page, bbox: box(m.cell) });
  }
  rows.forEach((r, i) => {
    for (const cell of r.cells) {
      for (let c = cell.col; c <= cell.col1; c++) {
        if (taken.has(`${i}:${c}`)) return null;
        taken.add(`${i}:${c}`);
      }
      out.push({ row: headerRows + i, col: cell.col, rowSpan: 1, colSpan: cell.col1 - cell.col + 1, text: text(cell), page, bbox: box(cell) });
    }
    for (let c = 0; c < nCols; c++) {
      if (!taken.has(`${i}:${c}`)) out.push({ row: headerRows + i, col: c, rowSpan: 1, colSpan: 1, text: '', page, bbox: [xs[c], bounds[i], xs[c + 1], bounds[i + 1]] });
    }
  });
  const rowBoxes: BBox[] = [...table.rowBoxes.slice(0, headerRows), ...rows.map((_, i): BBox => [xs[0], bounds[i], xs[nCols], bounds[i + 1]])];
  if (!rows.every((r) => Number.isFinite(r.top))) return null;
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return { ...table, nRows: headerRows + nBody, cells: out, rowBoxes, bbox: [table.bbox[0], table.bbox[1], table.bbox[2], Math.max(table.bbox[3], bounds[nBody])] };
}
