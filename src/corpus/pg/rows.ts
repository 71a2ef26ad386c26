// The corpus rows of one result as PostgreSQL is sent them (store.ts writeCorpusRows), built where
// the result is: in the extraction thread of a queue worker, so that its main thread neither parses
// the document JSON again nor cuts terms. Pure: no database, no SQLite (the thread loads it lazily).
import { type DocumentResult, type Indicator, TYPED_INDICATOR_KEYS, type TypedIndicatorKey } from '../../model/schema.ts';
import type { CorpusRow } from '../search.ts';
import { structureSignature, tableYear } from '../writer.ts';
import { type SharedTerms, type TermCache, type Weight, rowTerms, sharedTerms } from './terms.ts';

/** The keys of a corpus row that every row of one table has (the first keys of a CorpusRow, in order). */
type TablePart = Pick<CorpusRow, 'path' | 'docNumber' | 'issuer' | 'docTitle' | 'date' | 'year' | 'tableIndex' | 'tableTitle' | 'kind' | 'projectName' | 'department' | 'implementer'>;
/** The keys of one indicator (the rest of a CorpusRow, in order). */
type IndicatorPart = Omit<CorpusRow, keyof TablePart>;

function tablePartOf(result: DocumentResult, table: DocumentResult['tables'][number], tableIndex: number): TablePart {
  const { notice } = result;
  return {
    path: result.source.path, docNumber: notice.docNumber, issuer: notice.issuer, docTitle: notice.title, date: notice.date,
    year: tableYear(result, table), tableIndex, tableTitle: table.title, kind: table.kind,
    projectName: table.project?.name?.text ?? null, department: table.project?.department?.text ?? null, implementer: table.project?.implementer?.text ?? null,
  };
}

function indicatorPartOf(indicator: Indicator): IndicatorPart {
  return {
    level1: indicator.level1, level2: indicator.level2, level3: indicator.level3,
    level1Canonical: indicator.level1Canonical, level2Canonical: indicator.level2Canonical,
    operator: indicator.operator, value: indicator.value, number: indicator.number, unit: indicator.unit, description: indicator.description,
    source: indicator.source, confidence: indicator.confidence, flags: indicator.flags, fields: indicator.fields,
    ...(Object.fromEntries(TYPED_INDICATOR_KEYS.map((key) => [key, indicator[key]])) as Pick<Indicator, TypedIndicatorKey>),
    quality: indicator.quality,
  };
}

/** The fields of a row's terms: its own (三级指标 first), then those every row of its table shares; the fields the SQLite corpus indexes. */
export const ownFields = (row: Pick<CorpusRow, 'level3' | 'level1' | 'level2' | 'level1Canonical' | 'level2Canonical' | 'description'>): [string | null, Weight][] => [
  [row.level3, 'A'], [row.level1, 'B'], [row.level2, 'B'], [row.level1Canonical, 'B'], [row.level2Canonical, 'B'], [row.description, 'C']];
export const sharedFields = (row: Pick<CorpusRow, 'tableTitle' | 'docNumber' | 'issuer' | 'docTitle'>): [string | null, Weight][] => [
  [row.tableTitle, 'D'], [row.docNumber, 'D'], [row.issuer, 'D'], [row.docTitle, 'D']];

/** One row: its columns, the rest of its JSON after its table's head, its own terms. */
export interface PayloadRow {
  level1: string | null; level2: string | null; level1Canonical: string | null; level2Canonical: string | null;
  /** `"level1":…}`: the row's JSON after its table's head. */
  tail: string;
  terms: { own: string; singles: string };
}

/** One table with indicators: what its rows share, once. */
export interface PayloadTable {
  tableIndex: number;
  /** `{"path":…,"implementer":null,`: every row's JSON up to its indicator's keys. */
  head: string;
  terms: SharedTerms;
  signature: string;
  kind: string;
  year: number | null;
  rows: PayloadRow[];
}

export interface CorpusPayload {
  path: string;
  issuer: string | null;
  tables: PayloadTable[];
}

/** The corpus rows of RESULT, grouped by table (tables without indicators left out). */
export function corpusPayload(result: DocumentResult): CorpusPayload {
  const cache: TermCache = new Map();
  const tables: PayloadTable[] = [];
  for (const [tableIndex, table] of result.tables.entries()) {
    if (!table.indicators.length) continue;
    const part = tablePartOf(result, table, tableIndex);
    tables.push({
      tableIndex, head: `${JSON.stringify(part).slice(0, -1)},`, terms: sharedTerms(sharedFields(part), cache),
      signature: structureSignature(table.indicators), kind: part.kind, year: part.year,
      rows: table.indicators.map((indicator) => {
        const own = indicatorPartOf(indicator);
        return {
          level1: own.level1, level2: own.level2, level1Canonical: own.level1Canonical, level2Canonical: own.level2Canonical,
          tail: JSON.stringify(own).slice(1), terms: rowTerms(ownFields(own), cache),
        };
      }),
    });
  }
  return { path: result.source.path, issuer: result.notice.issuer, tables };
}
