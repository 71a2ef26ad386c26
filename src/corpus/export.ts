// Exporting the corpus (or a search result): JSONL (nested, like indicators.jsonl), CSV (UTF-8
// with BOM so Excel reads Chinese), XLSX (one sheet). One row per indicator with its table and document.
import * as XLSX from 'xlsx';
import type { CorpusDb } from './schema.ts';
import { type CorpusRow, type SearchFilters, iterateCorpus } from './search.ts';

export type ExportFormat = 'jsonl' | 'csv' | 'xlsx';

/**
 * Flat columns of CSV/XLSX, in order. operator/value/number/unit are the target (v1 names);
 * the v2 typed fields follow (history as `label=value unit` pairs joined by `; `), then the
 * project, the quality codes, and `fields` with every original cell as JSON.
 */
export const FLAT_COLUMNS = [
  'path', 'docNumber', 'issuer', 'docTitle', 'date', 'year', 'tableIndex', 'tableTitle', 'tableKind',
  'projectName', 'department', 'implementer',
  'level1', 'level2', 'level3', 'level1Canonical', 'level2Canonical', 'operator', 'value', 'number', 'unit',
  'description', 'actualValue', 'actualNumber', 'actualUnit', 'weight', 'score', 'deviation', 'direction', 'history',
  'basis', 'origin', 'remark',
  'sourcePage', 'sourceBbox', 'sourceSheet', 'sourceTable', 'sourceRow', 'confidence', 'flags', 'quality', 'fields',
] as const;

type FlatRow = Record<(typeof FLAT_COLUMNS)[number], string | number | null>;

/** Excel refuses cells longer than this. */
const XLSX_CELL_LIMIT = 32767;

export function flatRow(row: CorpusRow): FlatRow {
  const source = row.source;
  return {
    path: row.path, docNumber: row.docNumber, issuer: row.issuer, docTitle: row.docTitle, date: row.date, year: row.year,
    tableIndex: row.tableIndex, tableTitle: row.tableTitle, tableKind: row.kind,
    projectName: row.projectName, department: row.department, implementer: row.implementer,
    level1: row.level1, level2: row.level2, level3: row.level3, level1Canonical: row.level1Canonical, level2Canonical: row.level2Canonical,
    operator: row.operator, value: row.value, number: row.number, unit: row.unit, description: row.description,
    actualValue: row.actual?.value ?? null, actualNumber: row.actual?.number ?? null, actualUnit: row.actual?.unit ?? null,
    weight: row.weight?.number ?? row.weight?.value ?? null, score: row.score?.number ?? row.score?.value ?? null,
    deviation: row.deviation?.text ?? null, direction: row.direction?.value ?? row.direction?.text ?? null,
    history: row.history.length ? row.history.map((h) => `${h.label}=${h.value}${h.unit ?? ''}`).join('; ') : null,
    basis: row.basis?.text ?? null, origin: row.origin?.text ?? null, remark: row.remark?.text ?? null,
    sourcePage: 'page' in source ? source.page : null,
    sourceBbox: 'bbox' in source ? JSON.stringify(source.bbox) : null,
    sourceSheet: 'sheet' in source ? source.sheet : null,
    sourceTable: 'table' in source ? source.table : null,
    sourceRow: 'row' in source ? source.row : null,
    confidence: row.confidence, flags: row.flags.join(';'), quality: row.quality.map((q) => q.code).join(';'), fields: JSON.stringify(row.fields),
  };
}

/** The JSONL object of a row: the indicator as in the per-file JSON, with its document and table. */
export function jsonlRow(row: CorpusRow): Record<string, unknown> {
  const { path, docNumber, issuer, docTitle, date, year, tableIndex, tableTitle, kind, projectName, department, implementer, ...indicator } = row;
  return { path, docNumber, issuer, docTitle, date, year, tableIndex, tableTitle, tableKind: kind, projectName, department, implementer, ...indicator };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Chunks of the export, in order (header first for CSV). Memory stays flat for JSONL and CSV. */
export function* exportChunks(db: CorpusDb, format: 'jsonl' | 'csv', query?: string, filters: SearchFilters = {}): Generator<string> {
  if (format === 'csv') yield `\uFEFF${csvLine([...FLAT_COLUMNS])}`;
  for (const row of iterateCorpus(db, query, filters)) {
    if (format === 'jsonl') yield `${JSON.stringify(jsonlRow(row))}\n`;
    else {
      const flat = flatRow(row);
      yield csvLine(FLAT_COLUMNS.map((column) => flat[column]));
    }
  }
}

export function exportXlsx(db: CorpusDb, query?: string, filters: SearchFilters = {}): { data: Buffer; rows: number } {
  const aoa: (string | number | null)[][] = [[...FLAT_COLUMNS]];
  for (const row of iterateCorpus(db, query, filters)) {
    const flat = flatRow(row);
    aoa.push(FLAT_COLUMNS.map((column) => {
      const value = flat[column];
      return typeof value === 'string' && value.length > XLSX_CELL_LIMIT ? `${value.slice(0, XLSX_CELL_LIMIT - 1)}…` : value;
    }));
  }
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, aoa.length - 1), c: FLAT_COLUMNS.length - 1 } }) };
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'indicators');
  return { data: XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer, rows: aoa.length - 1 };
}

/**
 * Every indicator (or those matching QUERY and the filters) with its document and table
 * columns. JSONL and CSV come back as text (CSV with a BOM), XLSX as the bytes of a workbook.
 */
export function exportCorpus(db: CorpusDb, format: 'jsonl' | 'csv', query?: string, filters?: SearchFilters): string;
export function exportCorpus(db: CorpusDb, format: 'xlsx', query?: string, filters?: SearchFilters): Buffer;
export function exportCorpus(db: CorpusDb, format: ExportFormat, query?: string, filters?: SearchFilters): string | Buffer;
export function exportCorpus(db: CorpusDb, format: ExportFormat, query?: string, filters: SearchFilters = {}): string | Buffer {
  if (format === 'xlsx') return exportXlsx(db, query, filters).data;
  return [...exportChunks(db, format, query, filters)].join('');
}
