// Grids and forms do not always match one to one. One grid may hold several forms: a sheet (or
// a Word table, or a PDF table chained across pages) with one 申报表 after another and no blank
// row between them — title line, header block, indicator header, indicator rows, then the next
// form's title line. The grid is cut where a form opens after the indicator rows of the one
// before; an indicator header repeated with no form opening before it (a header printed again on
// a new page) cuts nothing; a form opening after the last indicator rows of a grid (its title
// line or header block at the foot of a page) is cut off too. And one form may span two grids: its header block parted from its
// indicator table by a blank row (a sheet), or drawn as a table of its own just above it. A
// grid with no indicator header that names a form's subject (项目名称, 部门名称) heads the
// indicator grid right after it when that one names no subject of its own.
import type { Grid, GridCell, RowSource, TableLocation } from '../model/layout.ts';
import { SlotIndex, columnName } from '../model/grid.ts';
import { type HeaderInfo, findHeader } from './header.ts';
import { isContextKey, isFormTitleLine, isSubjectFact, readHeaderBlock } from './context.ts';

/** A row that opens a form: its title line, or a header-block row naming its subject (项目名称, 部门名称). */
function opensForm(index: SlotIndex, row: number): boolean {
  const own = index.cellsStartingIn(row).filter((cell) => cell.text);
  if (own.length === 0) return false;
  const texts = [...new Set(index.rowCells(row).map((cell) => cell.text).filter(Boolean))];
  if (texts.length === 1 && isFormTitleLine(texts[0])) return true;
  // 项目名称 may stand behind other pairs (`项目编码: | X | 项目名称: | Y`).
  return own.some((cell) => isSubjectFact(cell.text));
}

/** A header-block row: its first cell is a context key (`主管部门`, `项目编码:`) or a title line. */
function isBlockRow(index: SlotIndex, row: number): boolean {
  const own = index.cellsStartingIn(row).filter((cell) => cell.text);
  if (own.length === 0) return false;
  const texts = [...new Set(index.rowCells(row).map((cell) => cell.text).filter(Boolean))];
  return isContextKey(own[0].text) || (texts.length === 1 && isFormTitleLine(texts[0]));
}

/** Grid rows where a new form starts (never 0). */
function formStarts(grid: Grid, index: SlotIndex): number[] {
  const headers: HeaderInfo[] = [];
  for (let header = findHeader(grid, index); header; header = findHeader(grid, index, header.end + 1)) headers.push(header);
  const starts: number[] = [];
  for (let i = 1; i < headers.length; i++) {
    const bodyStart = headers[i - 1].end + 1;
    let start = -1;
    for (let r = bodyStart; r < headers[i].start && start < 0; r++) if (opensForm(index, r)) start = r;
    if (start < 0) continue;
    // Header-block rows just above the row that names the form (项目编码 above 项目名称) are its own.
    while (start - 1 > bodyStart && isBlockRow(index, start - 1)) start--;
    starts.push(start);
  }
  // A form opening after the last indicator body with no header of its own in this grid: its
  // title line or header block printed at the foot of a page, its indicator table on the next.
  const last = headers[headers.length - 1];
  if (last) {
    let start = -1;
    for (let r = last.end + 1; r < grid.nRows && start < 0; r++) if (opensForm(index, r)) start = r;
    if (start > last.end + 1) {
      while (start - 1 > last.end + 1 && isBlockRow(index, start - 1)) start--;
      starts.push(start);
    }
  }
  return starts;
}

function pieceLocation(location: TableLocation, sources: RowSource[]): TableLocation {
  if ('sheet' in location) {
    const columns = /^([A-Z]+)\d+:([A-Z]+)\d+$/u.exec(location.range);
    const rows = sources.flatMap((source) => ('sheet' in source ? [source.row] : []));
    if (!columns || rows.length === 0) return location;
    return { sheet: location.sheet, range: `${columns[1]}${Math.min(...rows)}:${columns[2]}${Math.max(...rows)}` };
  }
  if ('pages' in location) {
    const pages = [...new Set(sources.flatMap((source) => ('page' in source ? [source.page] : [])))];
    return pages.length ? { pages } : location;
  }
  return location;
}

/** Rows [r0, r1) of a grid as a grid of their own; a merged cell reaching in from above or below is clipped. */
function rowsOf(grid: Grid, r0: number, r1: number, first: boolean): Grid {
  const cells: GridCell[] = [];
  for (const cell of grid.cells) {
    const top = Math.max(cell.row, r0);
    const bottom = Math.min(cell.row + cell.rowSpan, r1);
    if (top >= bottom) continue;
    // A cell clipped from above keeps its text only in the piece it starts in.
    cells.push({ ...cell, row: top - r0, rowSpan: bottom - top, text: top === cell.row ? cell.text : '' });
  }
  const rowSources = grid.rowSources.slice(r0, r1);
  return {
    nRows: r1 - r0,
    nCols: grid.nCols,
    cells,
    rowSources,
    location: pieceLocation(grid.location, rowSources),
    captions: first ? grid.captions : [],
    pageBreakRows: grid.pageBreakRows.filter((row) => row > r0 && row < r1).map((row) => row - r0),
    warnings: first ? grid.warnings : [],
  };
}

/** The forms of a grid, each as its own grid (the grid itself when it holds one or none). */
export function splitForms(grid: Grid): Grid[] {
  const starts = formStarts(grid, new SlotIndex(grid));
  if (starts.length === 0) return [grid];
  const bounds = [0, ...starts, grid.nRows];
  return bounds.slice(0, -1).map((r0, i) => rowsOf(grid, r0, bounds[i + 1], i === 0));
}

/** First column of a sheet range (`C3:H9` → 2); 0 for other locations. */
function firstColumn(location: TableLocation): number {
  const match = 'sheet' in location ? /^([A-Z]+)\d/u.exec(location.range) : null;
  if (!match) return 0;
  return [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function sameSource(a: Grid, b: Grid): boolean {
  if ('sheet' in a.location && 'sheet' in b.location) return a.location.sheet === b.location.sheet;
  return !('sheet' in a.location) && !('sheet' in b.location);
}

/** Whether grid `block` is the header block of the indicator grid `table` right after it. */
function headsTable(block: Grid, table: Grid): boolean {
  if (!sameSource(block, table)) return false;
  const blockIndex = new SlotIndex(block);
  if (findHeader(block, blockIndex)) return false;
  const tableIndex = new SlotIndex(table);
  const header = findHeader(table, tableIndex);
  // The table's own header block may hold the rest of the block (the funding rows after a page
  // break), but not a subject of its own: then it is a form by itself.
  if (!header || namesSubject(readHeaderBlock(tableIndex, 0, header.start).context)) return false;
  return namesSubject(readHeaderBlock(blockIndex, 0, block.nRows).context);
}

function namesSubject(context: Record<string, string>): boolean {
  return Object.entries(context).some(([key, value]) => isSubjectFact(`${key}:${value}`));
}

/** `block` stacked over `table`; on a sheet their columns stay where they are on the sheet. */
function stack(block: Grid, table: Grid): Grid {
  const left = Math.min(firstColumn(block.location), firstColumn(table.location));
  const shiftBlock = firstColumn(block.location) - left;
  const shiftTable = firstColumn(table.location) - left;
  const cells = [
    ...block.cells.map((cell) => ({ ...cell, col: cell.col + shiftBlock })),
    ...table.cells.map((cell) => ({ ...cell, row: cell.row + block.nRows, col: cell.col + shiftTable })),
  ];
  const rowSources = [...block.rowSources, ...table.rowSources];
  const nCols = Math.max(block.nCols + shiftBlock, table.nCols + shiftTable);
  // Slots neither grid covers become empty cells, as every grid has one cell per slot.
  const covered = new SlotIndex({ nRows: block.nRows + table.nRows, nCols, cells });
  for (let r = 0; r < block.nRows + table.nRows; r++) for (let c = 0; c < nCols; c++) if (!covered.at(r, c)) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: '' });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  const location: TableLocation = 'sheet' in table.location
    ? { sheet: table.location.sheet, range: `${columnName(left)}1:${columnName(left + nCols - 1)}1` }
    : table.location;
  return {
    nRows: block.nRows + table.nRows,
    nCols,
    cells,
    rowSources,
    location: pieceLocation(location, rowSources),
    captions: block.captions,
    pageBreakRows: [...block.pageBreakRows, ...table.pageBreakRows.map((row) => row + block.nRows)],
    warnings: [...block.warnings, ...table.warnings],
  };
}

/**
 * Whether `next` continues the indicator table `previous` on a new page: the same header printed
 * again, no caption or header block of its own, and its first row under a level still open
 * (its 一级 cell blank). One table is then read across both, its levels carried over the seam.
 */
function continuesTable(previous: Grid, next: Grid): boolean {
  if (!sameSource(previous, next) || 'sheet' in next.location || next.captions.length > 0 || previous.nCols !== next.nCols) return false;
  const before = findHeader(previous);
  const index = new SlotIndex(next);
  const header = findHeader(next, index);
  if (!before || !header || header.start !== 0 || header.end + 1 >= next.nRows) return false;
  if (before.rowSignatures.join('\n') !== header.rowSignatures.join('\n')) return false;
  const level1 = header.columns.findIndex((column) => column.role === 'level1');
  return level1 >= 0 && !index.at(header.end + 1, level1)?.text;
}

/** `next` under `previous` as one grid, a page break at the seam. */
function chain(previous: Grid, next: Grid): Grid {
  const joined = stack(previous, next);
  return { ...joined, captions: previous.captions, pageBreakRows: [...new Set([...joined.pageBreakRows, previous.nRows])].sort((a, b) => a - b) };
}

/**
 * The document's grids as forms: every grid cut into its forms, header blocks joined to the
 * indicator grids after them, and a table continued on the next page (its header repeated)
 * read as one.
 */
export function formGrids(grids: Grid[]): Grid[] {
  const pieces = grids.flatMap(splitForms);
  const joined: Grid[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const previous = joined[joined.length - 1];
    if (i + 1 < pieces.length && headsTable(pieces[i], pieces[i + 1])) {
      joined.push(stack(pieces[i], pieces[i + 1]));
      i++;
    } else if (previous && continuesTable(previous, pieces[i])) joined[joined.length - 1] = chain(previous, pieces[i]);
    else joined.push(pieces[i]);
  }
  return joined;
}
