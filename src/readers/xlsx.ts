// XLSX reader: every sheet's cells as Excel displays them, plus its merged ranges.
import * as XLSX from 'xlsx';
import { ExtractError } from '../model/errors.ts';
import type { SheetLayout } from '../model/layout.ts';

export interface XlsxLimits {
  /** Rows beyond this are not read (a warning says so). */
  maxRows: number;
  maxCols: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxRows: 100_000, maxCols: 200 };

function displayedText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  if (cell.w !== undefined) return cell.w;
  if (cell.v === undefined || cell.v === null) return '';
  return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
}

function sheetToLayout(name: string, sheet: XLSX.WorkSheet, limits: XlsxLimits, warnings: string[]): SheetLayout {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const values: string[][] = [];
  let lastRow = -1;
  const rowCount = Math.min(data.length, limits.maxRows);
  if (data.length > limits.maxRows) warnings.push(`sheet ${name}: only the first ${limits.maxRows} rows were read`);
  for (let r = 0; r < rowCount; r++) {
    const row = data[r] ?? [];
    const texts: string[] = [];
    for (let c = 0; c < Math.min(row.length, limits.maxCols); c++) texts[c] = displayedText(row[c]).trim();
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

export function readXlsx(bytes: Uint8Array, limits = DEFAULT_XLSX_LIMITS): { sheets: SheetLayout[]; warnings: string[] } {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellHTML: false, cellFormula: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ExtractError('corrupt-xlsx', `the XLSX cannot be read (${reason})`);
  }
  const warnings: string[] = [];
  const sheets = workbook.SheetNames.map((name) => sheetToLayout(name, workbook.Sheets[name], limits, warnings));
  return { sheets, warnings };
}
