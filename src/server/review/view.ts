// What the review pages show of a document: every row as read with the reviewers' corrections,
// which rows are still to be reviewed, the summary a list line needs. Pure: the routes feed it
// the stored result and the corrections of its bytes.
import { CORRECTABLE_FIELDS, type CorrectableField, type Correction, type UnplacedCorrection } from '../../model/corrections.ts';
import type { DocumentSummary } from '../../model/api.ts';
import type { DocumentResult, Indicator, Table, TableKind } from '../../model/schema.ts';
import { REVIEW_THRESHOLD } from '../../confidence/score.ts';
import { describeLocation, describeTableLocation, isReviewed } from '../../confidence/report.ts';
import { tableYear } from '../../corpus/writer.ts';
import { reviewRows } from '../../corrections/apply.ts';

export interface RowView {
  /** `tableIndex:ord` in the extraction: what a correction names. */
  key: string;
  table: Table;
  ord: number;
  /** The row with the corrections applied. */
  row: Indicator;
  excluded: boolean;
  /** Below the threshold (its own confidence or its table's). */
  low: boolean;
  /** Low, and nobody accepted, corrected or excluded it yet. */
  toReview: boolean;
  where: string;
}

export interface TableView {
  table: Table;
  where: string;
  rows: RowView[];
  /** The v2 typed fields some row of this table has: the page shows these columns. */
  typedFields: CorrectableField[];
}

export interface DocumentView {
  id: string;
  result: DocumentResult;
  tables: TableView[];
  /** Rows still to review, lowest confidence first. */
  toReview: RowView[];
  corrections: Correction[];
  applied: number;
  unplaced: UnplacedCorrection[];
}

const TYPED: CorrectableField[] = CORRECTABLE_FIELDS.filter((field) => ['actual', 'weight', 'score', 'deviation', 'direction', 'basis', 'origin', 'remark'].includes(field));

export function documentView(id: string, result: DocumentResult, corrections: Correction[], threshold = REVIEW_THRESHOLD): DocumentView {
  const reviewed = reviewRows(result, corrections, id);
  const tables = result.tables.map((table, t): TableView => {
    const tableLow = table.confidence < threshold;
    const rows = reviewed.tables[t].map(({ row, excluded }, ord): RowView => {
      const low = tableLow || row.confidence < threshold;
      return {
        key: `${table.index}:${ord}`, table, ord, row, excluded, low, toReview: low && !excluded && !isReviewed(row),
        where: describeLocation(row.source, table.location),
      };
    });
    const typedFields = TYPED.filter((field) => table.indicators.some((row) => row[field] !== null));
    return { table, where: describeTableLocation(table.location), rows, typedFields };
  });
  const toReview = tables.flatMap((table) => table.rows.filter((row) => row.toReview))
    .sort((a, b) => a.row.confidence - b.row.confidence || a.table.index - b.table.index || a.ord - b.ord);
  return { id, result, tables, toReview, corrections, applied: reviewed.applied, unplaced: reviewed.unplaced };
}

/** One line of the document list. */
export interface ListEntry {
  summary: DocumentSummary;
  title: string | null;
  docNumber: string | null;
  format: string | null;
  confidence: number | null;
  tables: number;
  rows: number;
  toReview: number;
  kinds: TableKind[];
  years: number[];
  corrections: number;
}

export function listEntry(summary: DocumentSummary, view: DocumentView | null): ListEntry {
  if (!view) {
    return { summary, title: null, docNumber: null, format: null, confidence: null, tables: 0, rows: 0, toReview: 0, kinds: [], years: [], corrections: 0 };
  }
  const { result } = view;
  const years = new Set<number>();
  for (const table of result.tables) {
    const year = tableYear(result, table);
    if (year !== null) years.add(year);
  }
  return {
    summary, title: result.notice.title, docNumber: result.notice.docNumber, format: result.source.format, confidence: result.confidence,
    tables: result.tables.length, rows: view.tables.reduce((n, table) => n + table.rows.length, 0), toReview: view.toReview.length,
    kinds: [...new Set(result.tables.map((table) => table.kind))], years: [...years].sort(), corrections: view.corrections.length,
  };
}

export interface ListFilters {
  review?: boolean;
  failed?: boolean;
  kind?: TableKind;
  year?: number;
}

export function matches(entry: ListEntry, filters: ListFilters): boolean {
  if (filters.failed && entry.summary.status !== 'failed') return false;
  if (filters.review && entry.toReview === 0) return false;
  if (filters.kind && !entry.kinds.includes(filters.kind)) return false;
  if (filters.year !== undefined && !entry.years.includes(filters.year)) return false;
  return true;
}
