// XLSX reader: every sheet's cells as Excel displays them, plus its merged ranges.
import * as XLSX from 'xlsx';
import { ExtractError } from '../model/errors.ts';
import type { SheetLayout } from '../model/layout.ts';
import { DEFAULT_LIMITS, type InputLimits } from './limits.ts';

export interface XlsxLimits {
  /** Rows beyond this are not read (a warning says so). */
  maxRows: number;
  maxCols: number;
  /** More cells (rows × columns read) in the whole workbook: `too-large`. */
  maxCells: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxRows: DEFAULT_LIMITS.maxSheetRows, maxCols: DEFAULT_LIMITS.maxSheetCols, maxCells: DEFAULT_LIMITS.maxCells };

function xlsxLimits(limits: XlsxLimits | InputLimits): XlsxLimits {
  return 'maxSheetRows' in limits ? { maxRows: limits.maxSheetRows, maxCols: limits.maxSheetCols, maxCells: limits.maxCells } : limits;
}

function displayedText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  if (cell.w !== undefined) return cell.w;
  if (cell.v === undefined || cell.v === null) return '';
  return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
}

function sheetToLayout(name: string, sheet: XLSX.WorkSheet, limits: XlsxLimits, warnings: string[], budget: { cells: number }): SheetLayout {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const values: string[][] = [];
  let lastRow = -1;
  const rowCount = Math.min(data.length, limits.maxRows);
  // SheetJS stops at sheetRows (maxRows + 1) and then keeps the real extent in !fullref.
  const fullRows = sheet['!fullref'] ? XLSX.utils.decode_range(sheet['!fullref']).e.r + 1 : data.length;
  if (data.length > limits.maxRows) warnings.push(`sheet ${name}: only the first ${limits.maxRows} rows of ${Math.max(fullRows, data.length)} were read`);
  for (let r = 0; r < rowCount; r++) {
    const row = data[r] ?? [];
    const texts: string[] = [];
    const width = Math.min(row.length, limits.maxCols);
    budget.cells -= width;
    if (budget.cells < 0) throw new ExtractError('too-large', `the workbook has more than ${limits.maxCells} cells to read (limit ZHIBIAO_MAX_CELLS)`);
    for (let c = 0; c < width; c++) texts[c] = displayedText(row[c]).trim();
    values[r] = texts;
    if (texts.some((t) => t)) lastRow = r;
  }
  values.length = lastRow + 1;
  const width = Math.max(0, ...values.map((row) => row.length));
  for (let r = 0; r < values.length; r++) {
    const row = values[r] ?? [];
    for (let c = 0; c < width; c++) row[c] = row[c] ?? '';
    values[r] = row;
  }
  const merges = (sheet['!merges'] ?? [])
    .map((m) => ({ r0: m.s.r, c0: m.s.c, r1: Math.min(m.e.r, values.length - 1), c1: Math.min(m.e.c, width - 1) }))
    .filter((m) => m.r0 <= m.r1 && m.c0 <= m.c1 && (m.r1 > m.r0 || m.c1 > m.c0));
  return { name, values, merges };
}

export function readXlsx(bytes: Uint8Array, given: XlsxLimits | InputLimits = DEFAULT_XLSX_LIMITS): { sheets: SheetLayout[]; warnings: string[] } {
  const limits = xlsxLimits(given);
  let workbook: XLSX.WorkBook;
  try {
    // sheetRows: SheetJS parses no row past the limit (one more, to know there were more).
    workbook = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellHTML: false, cellFormula: false, sheetRows: limits.maxRows + 1 });
  } catch (error) {
    throw xlsxError(error);
  }
  const warnings: string[] = [];
  const sheets: SheetLayout[] = [];
  const budget = { cells: limits.maxCells };
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (!sheet) {
      warnings.push(`sheet ${name}: listed in the workbook but missing`);
      continue;
    }
    try {
      sheets.push(sheetToLayout(name, sheet, limits, warnings, budget));
    } catch (error) {
      throw xlsxError(error);
    }
  }
  return { sheets, warnings };
}

function xlsxError(error: unknown): ExtractError {
  if (error instanceof ExtractError) return error;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ExtractError('corrupt-xlsx', `the XLSX cannot be read (${reason})`);
}
