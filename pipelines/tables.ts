// `zhibiao tables FILE`: every table a file holds, in the generic cell format of SPEC §3.2.
import type { Grid } from '../src/model/layout.ts';
import type { GenericTables } from '../src/model/schema.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { documentGrids } from './extract-document.ts';
import { limitsFromEnv } from '../src/readers/limits.ts';
import { checkZip } from '../src/readers/zip-guard.ts';

/** The 1-based sheet or table number of a DOCX/XLSX grid. */
function pageOf(grid: Grid, sheets: string[] | undefined): number {
  const location = grid.location;
  if ('sheet' in location) return (sheets?.indexOf(location.sheet) ?? 0) + 1;
  if ('table' in location) return location.table + 1;
  return location.pages[0] ?? 1;
}

/**
 * PDF and OFD tables are given per page (a table continued on the next page is two entries, each with
 * its own bbox); DOCX/XLSX tables as the Grids the extractor sees.
 */
export async function genericTables(bytes: Uint8Array): Promise<GenericTables> {
  const format = sniffFormat(bytes);
  if (format === 'pdf') {
    const [{ readPdfPages }, { findPageTables, pageTablesToGeneric }] = await Promise.all([import('./pdf-grids.ts'), import('../src/tables/pdf-document.ts')]);
    const limits = limitsFromEnv();
    return pageTablesToGeneric(findPageTables(await readPdfPages(bytes, { maxPages: limits.maxPages, maxStreamBytes: limits.maxPdfStreamBytes, maxImagePixels: limits.maxImagePixels })));
  }
  if (format === 'ofd') {
    const limits = limitsFromEnv();
    const entries = checkZip(bytes, limits, 'corrupt-ofd');
    const [{ ofdPages }, { findPageTables, pageTablesToGeneric }] = await Promise.all([import('./ofd-grids.ts'), import('../src/tables/pdf-document.ts')]);
    return pageTablesToGeneric(findPageTables(ofdPages(bytes, limits, entries).pages));
  }
  const grids = await documentGrids(bytes, format);
  return {
    tables: grids.tables.map((grid) => ({
      page: pageOf(grid, grids.sheets),
      bbox: null,
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
