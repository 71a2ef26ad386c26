// `zhibiao tables FILE`: every table a file holds, in the generic cell format of SPEC §3.2.
import type { Grid } from '../src/model/layout.ts';
import type { GenericTables } from '../src/model/schema.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { documentGrids } from './extract-document.ts';

/** Page number of a grid: its first PDF page, else its 1-based sheet/table number. */
function pageOf(grid: Grid, sheets: string[] | undefined): number {
  const location = grid.location;
  if ('pages' in location) return location.pages[0] ?? 1;
  if ('sheet' in location) return (sheets?.indexOf(location.sheet) ?? 0) + 1;
  return location.table + 1;
}

function gridBBox(grid: Grid): GenericTables['tables'][number]['bbox'] {
  const boxes = grid.cells.map((cell) => cell.bbox).filter((b): b is NonNullable<typeof b> => Boolean(b));
  if (boxes.length === 0) return null;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

export async function genericTables(bytes: Uint8Array): Promise<GenericTables> {
  const grids = await documentGrids(bytes, sniffFormat(bytes));
  return {
    tables: grids.tables.map((grid) => ({
      page: pageOf(grid, grids.sheets),
      bbox: gridBBox(grid),
      cells: grid.cells.map(({ row, col, rowSpan, colSpan, text }) => ({ row, col, rowSpan, colSpan, text })),
    })),
  };
}

function csvField(text: string): string {
  return /[",\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** One CSV per table; a merged cell's text stands in its top-left slot only. */
export function tablesToCsv(tables: GenericTables): string[] {
  return tables.tables.map((table) => {
    const nRows = Math.max(0, ...table.cells.map((cell) => cell.row + cell.rowSpan));
    const nCols = Math.max(0, ...table.cells.map((cell) => cell.col + cell.colSpan));
    const rows = Array.from({ length: nRows }, () => new Array<string>(nCols).fill(''));
    for (const cell of table.cells) rows[cell.row][cell.col] = cell.text;
    return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
  });
}
