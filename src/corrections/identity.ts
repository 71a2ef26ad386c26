// A row's identity across extractions of the same bytes.
//
// A correction records the row it was made on as an anchor: its table (index, title, location),
// its position in the table, its level path (一级/二级/三级 as read) and its place in the source
// file (page + bbox, sheet + row, Word table + row), plus its reading (operator, value, unit).
// On the extraction the reviewer looked at, the anchor's table index and position find the row
// at once. On a re-extraction by another extractor version, rows are matched in tiers, the first
// tier with exactly one candidate wins:
//   1. same place in the source and same 三级 name;
//   2. same level path in a table of the same title (or, untitled, the same location);
//   3. same place in the source within a table of the same title or location (the name itself
//      may be what the new extractor reads differently);
//   4. same level path, once in the whole document.
// "Same place": the same page and boxes overlapping by half of the smaller one (a newer reader
// may move a row's edges by a point or two), the same sheet and row, the same Word table and row.
// No tier with one candidate: the correction is listed as unplaced, never guessed.
import type { RowAnchor } from '../model/corrections.ts';
import type { DocumentResult, Indicator, IndicatorSource, Table } from '../model/schema.ts';

/** Levels compared without spaces and NFKC differences (a newer reader may join a split name). */
function same(a: string | null, b: string | null): boolean {
  const norm = (text: string | null) => (text ?? '').normalize('NFKC').replace(/\s+/gu, '');
  return norm(a) === norm(b);
}

/** Operator, value and unit as one text (what `accept` vouches for). */
export function readingOf(row: Pick<Indicator, 'operator' | 'value' | 'unit'>): string {
  return [row.operator ?? '', row.value ?? '', row.unit ?? ''].join('\u001f');
}

export function anchorOf(table: Table, ord: number): RowAnchor {
  const row = table.indicators[ord];
  return {
    tableIndex: table.index, tableTitle: table.title, tableLocation: JSON.stringify(table.location), ord,
    level1: row.level1, level2: row.level2, level3: row.level3, source: row.source, reading: readingOf(row),
  };
}

/** Share of the smaller box that two boxes have in common. */
function overlap(a: number[], b: number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const area = (box: number[]) => Math.max(1e-6, (box[2] - box[0]) * (box[3] - box[1]));
  return (w * h) / Math.min(area(a), area(b));
}

export function samePlace(a: IndicatorSource, b: IndicatorSource): boolean {
  if ('page' in a && 'page' in b) return a.page === b.page && overlap(a.bbox, b.bbox) >= 0.5;
  if ('sheet' in a && 'sheet' in b) return a.sheet === b.sheet && a.row === b.row;
  if ('table' in a && 'table' in b) return a.table === b.table && a.row === b.row;
  return false;
}

function sameTable(anchor: RowAnchor, table: Table): boolean {
  if (anchor.tableTitle !== null && table.title !== null) return same(anchor.tableTitle, table.title);
  return anchor.tableLocation === JSON.stringify(table.location);
}

const sameLevels = (anchor: RowAnchor, row: Indicator) => same(anchor.level1, row.level1) && same(anchor.level2, row.level2) && same(anchor.level3, row.level3);

/** Where a row is in a result: its table's position in `tables` and its own in `indicators`. */
export interface RowPlace {
  table: number;
  ord: number;
}

type Tier = (anchor: RowAnchor, table: Table, row: Indicator) => boolean;

const TIERS: Tier[] = [
  (anchor, _table, row) => samePlace(anchor.source, row.source) && same(anchor.level3, row.level3),
  (anchor, table, row) => sameTable(anchor, table) && sameLevels(anchor, row),
  (anchor, table, row) => sameTable(anchor, table) && samePlace(anchor.source, row.source),
  (anchor, _table, row) => sameLevels(anchor, row),
];

/**
 * The row ANCHOR names in RESULT. SAME_EXTRACTION: the anchor was taken on this very result
 * (same document id), so its table index and position are exact.
 */
export function placeAnchor(result: DocumentResult, anchor: RowAnchor, sameExtraction: boolean): RowPlace | null {
  if (sameExtraction) {
    const table = result.tables.findIndex((t) => t.index === anchor.tableIndex);
    const row = table >= 0 ? result.tables[table].indicators[anchor.ord] : undefined;
    if (row && same(row.level3, anchor.level3)) return { table, ord: anchor.ord };
  }
  for (const tier of TIERS) {
    const found: RowPlace[] = [];
    result.tables.forEach((table, t) => table.indicators.forEach((row, ord) => {
      if (tier(anchor, table, row)) found.push({ table: t, ord });
    }));
    if (found.length === 1) return found[0];
  }
  return null;
}
