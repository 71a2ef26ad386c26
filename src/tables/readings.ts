// One PDF page → its tables: the finders propose candidate readings of each contested region,
// the arbiter (arbiter.ts) chooses one per region.
//
//   ruled boxes (lattice): the ruled grid | the borderless reading of the box
//   borderless regions (stream tables with the same columns, one under the other):
//     the borderless reading | rows from the horizontal rules (ruled-rows.ts)
//
// The page's lines and rules are built once (evidence.ts) and shared by every region.

import type { BBox, PdfPage } from '../model/layout.ts';
import { DEFAULT_ARBITER, type ArbiterSettings } from './arbiter-settings.ts';
import { arbitrate, unionBox, type Reading, type ReadingScore } from './arbiter.ts';
import { pageText, regionEvidence, type PageText } from './evidence.ts';
import { findLatticeTables } from './lattice.ts';
import type { PageTable } from './page-table.ts';
import { ruledRowsReading } from './ruled-rows.ts';
import type { TableSettings } from './settings.ts';
import { DEFAULT_STREAM_SETTINGS, findStreamTables, findStreamTablesWithin } from './stream.ts';

/** What the arbiter decided for one region (for debugging and tests). */
export interface Decision {
  page: number;
  region: BBox;
  chosen: string;
  scores: ReadingScore[];
}

export interface PageReadingOptions {
  arbiter?: ArbiterSettings;
  /** Called with every contested region's decision. */
  trace?: (d: Decision) => void;
}

/** The tables of one page, as the arbiter chose them region by region. */
export function readPage(page: PdfPage, s: TableSettings, opts: PageReadingOptions = {}): PageTable[] {
  if (page.runs.length === 0) return [];
  const text = pageText(page, DEFAULT_STREAM_SETTINGS);
  const decide = (readings: Reading[]): PageTable[] => {
    if (readings.length === 1) return readings[0].tables;
    const region = pad(unionBox(readings.flatMap((r) => r.tables.map((t) => t.bbox))), 1);
    const { chosen, scores } = arbitrate(regionEvidence(text, region, opts.arbiter ?? DEFAULT_ARBITER), readings, opts.arbiter);
    opts.trace?.({ page: page.number, region, chosen: chosen.finder, scores });
    return chosen.tables;
  };
  const lattice = findLatticeTables(page, s);
  const ruled = lattice.flatMap((table) => decide(latticeReadings(page, table)));
  const stream = findStreamTables(page, lattice.map((t) => t.bbox));
  const borderless = sameColumnGroups(stream).flatMap((group) => decide(borderlessReadings(page, group, s)));
  return [...ruled, ...borderless];
}

function pad(b: BBox, d: number): BBox {
  return [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
}

/** A ruled box: its grid, or the borderless reading of the text inside it. */
function latticeReadings(page: PdfPage, table: PageTable): Reading[] {
  const out: Reading[] = [{ finder: 'lattice', tables: [table] }];
  const stream = findStreamTablesWithin(page, table.bbox);
  if (stream.length > 0) out.push({ finder: 'stream', tables: stream });
  return out;
}

/** A borderless region: the borderless reading, or rows from its horizontal rules. */
function borderlessReadings(page: PdfPage, group: PageTable[], s: TableSettings): Reading[] {
  const out: Reading[] = [{ finder: 'stream', tables: group }];
  const ruledRows = ruledRowsReading(page, group, s);
  if (ruledRows) out.push({ finder: 'ruled-rows', tables: ruledRows });
  return out;
}

/**
 * Neighbouring borderless tables with the same columns, one under the other: the borderless
 * finder may have cut one table in two (the rules or the arbiter decide again).
 */
export function sameColumnGroups(tables: readonly PageTable[]): PageTable[][] {
  const groups: PageTable[][] = [];
  for (const table of tables) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (last && sameColumns(last, table)) group.push(table);
    else groups.push([table]);
  }
  return groups;
}

function sameColumns(a: PageTable, b: PageTable): boolean {
  return a.nCols === b.nCols && b.bbox[1] >= a.bbox[1] && Math.abs(a.bbox[0] - b.bbox[0]) <= 6 && Math.abs(a.bbox[2] - b.bbox[2]) <= 6;
}

export type { PageText };
