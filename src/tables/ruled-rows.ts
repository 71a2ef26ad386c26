// Tables ruled only horizontally: rules between the rows, no column lines. The borderless
// finder gets the columns right from the text, but reads every text line as a row, so a
// cell wrapped over two lines, or a merged 一级 cell whose text sits centred in its run of
// rows (产出指 / 标), falls apart. Here the rows come from the rules instead: column lines
// are drawn where the borderless reading put them, in each band between two rules that no
// text crosses there, and the ruled-table finder reads the result. A rule missing across a
// column (under a merged cell) gives the cell its row span, exactly as in a ruled table.
import type { BBox, PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { findLatticeTables } from './lattice.ts';
import type { PageTable } from './page-table.ts';
import type { TableSettings } from './settings.ts';
import { horizontalRulings } from './stream.ts';

/** Fewest full-width rules for a box to count as ruled by rows. */
const MIN_RULES = 3;
/** Share of the table's width a rule must cover to bound a band. */
const FULL_WIDTH = 0.9;

function hasVerticalRulings(rulings: readonly Ruling[], box: BBox): boolean {
  return rulings.some((r) => Math.abs(r.x1 - r.x0) <= 1.5 && Math.abs(r.y1 - r.y0) > 8
    && r.x0 > box[0] + 2 && r.x0 < box[2] - 2 && Math.max(r.y0, r.y1) > box[1] && Math.min(r.y0, r.y1) < box[3]);
}

function crosses(run: TextRun, x: number, top: number, bottom: number): boolean {
  const [x0, y0, x1, y1] = run.bbox;
  const middle = (y0 + y1) / 2;
  return middle > top && middle < bottom && x0 < x - 1 && x1 > x + 1;
}

/** A borderless reading filling at least this share of its cells keeps its rows. */
const SPARSE_FILL = 0.8;
/** How much fuller the ruled rows must be to replace a sparse borderless reading. */
const MIN_GAIN = 0.2;
/** Fewest ruled rows, as a share of the borderless rows, for the rules to be row rules. */
const MIN_ROW_SHARE = 0.25;
/** Bands thinner than this (a double rule) hold no text and join what is above and below. */
const THIN_BAND = 4;

/** Pieces of text in a band: runs joined where the gap between them is under a character. */
function textPieces(runs: readonly TextRun[], top: number, bottom: number): number {
  const inBand = runs
    .filter((run) => run.text.trim() && (run.bbox[1] + run.bbox[3]) / 2 > top && (run.bbox[1] + run.bbox[3]) / 2 < bottom)
    .sort((a, b) => a.bbox[0] - b.bbox[0]);
  let pieces = 0;
  let right = -Infinity;
  for (const run of inBand) {
    if (run.bbox[0] - right > run.fontSize) pieces++;
    right = Math.max(right, run.bbox[2]);
  }
  return pieces;
}

/**
 * Column lines at XS in every band between two rules where no text crosses them. Between two
 * full-width rules, a single piece of text is a caption or a paragraph between two tables (a
 * header cell over several columns has a partial rule under it): no lines there.
 */
function columnLines(rules: readonly Rule[], full: readonly Rule[], xs: readonly number[], runs: readonly TextRun[]): Ruling[] {
  const bands = [...new Set(rules.map(([y]) => y))].sort((a, b) => a - b);
  const lines: Ruling[] = [];
  for (let i = 0; i + 1 < bands.length; i++) {
    const [top, bottom] = [bands[i], bands[i + 1]];
    const betweenFull = [top, bottom].every((y) => full.some(([fy]) => Math.abs(fy - y) <= 1));
    if (betweenFull && bottom - top > THIN_BAND && textPieces(runs, top, bottom) < 2) continue;
    for (const x of xs) if (!runs.some((run) => crosses(run, x, top, bottom))) lines.push({ x0: x, y0: top, x1: x, y1: bottom });
  }
  return lines;
}

/** A horizontal rule: [y, x0, x1]. */
type Rule = [number, number, number];

/**
 * Borderless tables with their rows taken from horizontal rules where that reads them better.
 * Neighbouring borderless tables with the same columns are read as one region first: the
 * borderless finder may have cut one ruled table in two (and the rules decide again where
 * tables begin and end).
 */
export function withRuledRows(page: PdfPage, tables: readonly PageTable[], s: TableSettings): PageTable[] {
  const groups: PageTable[][] = [];
  for (const table of tables) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (last && sameColumns(last, table)) group.push(table);
    else groups.push([table]);
  }
  return groups.flatMap((group) => ruledRowsReading(page, group, s) ?? group);
}

function sameColumns(a: PageTable, b: PageTable): boolean {
  return a.finder === 'stream' && b.finder === 'stream' && a.nCols === b.nCols && b.bbox[1] >= a.bbox[1]
    && Math.abs(a.bbox[0] - b.bbox[0]) <= 6 && Math.abs(a.bbox[2] - b.bbox[2]) <= 6;
}

/**
 * A region of borderless tables read with rows from the horizontal rules and columns from the
 * borderless reading (several tables where bands of caption text cut it), or null.
 */
export function ruledRowsReading(page: PdfPage, group: readonly PageTable[], s: TableSettings): PageTable[] | null {
  const table = group.reduce((a, b) => (b.nRows > a.nRows ? b : a));
  if (table.finder !== 'stream' || table.nCols < 2) return null;
  const left = Math.min(...group.map((t) => t.bbox[0]));
  const right = Math.max(...group.map((t) => t.bbox[2]));
  const top = Math.min(...group.map((t) => t.bbox[1]));
  const bottom = Math.max(...group.map((t) => t.bbox[3]));
  const slack = 40; // header rows the borderless reading left out as captions
  const rules = horizontalRulings(page.rulings).filter(([y, x0, x1]) => y >= top - slack && y <= bottom + slack && x0 < right && x1 > left);
  const full = rules.filter(([, x0, x1]) => x1 - x0 >= FULL_WIDTH * (right - left));
  if (full.length < MIN_RULES) return null;
  const x0 = Math.min(...full.map((r) => r[1]));
  const x1 = Math.max(...full.map((r) => r[2]));
  const box: BBox = [x0, full[0][0], x1, full[full.length - 1][0]];
  if (hasVerticalRulings(page.rulings, box)) return null;
  const inside = rules.filter(([y]) => y >= box[1] - 1 && y <= box[3] + 1);
  const xs = [x0, ...table.colXs.slice(1, -1), x1];
  const runs = page.runs.filter((r) => r.bbox[1] < box[3] && r.bbox[3] > box[1]);
  const drawn: Ruling[] = [...inside.map(([y, a, b]) => ({ x0: a, y0: y, x1: b, y1: y })), ...columnLines(inside, full, xs, runs)];
  const found = findLatticeTables({ ...page, rulings: drawn }, s);
  if (found.length === 0 || found.some((t) => t.nCols !== table.nCols)) return null;
  // Rows the text lines got right fill nearly every cell; a wrapped cell or a centred merged
  // cell leaves the borderless rows half empty, and the ruled rows then fill clearly more.
  const ruledFill = filled(found) / found.reduce((n, t) => n + t.cells.length, 0);
  const streamFill = filled(group) / group.reduce((n, t) => n + t.cells.length, 0);
  if (streamFill >= SPARSE_FILL || ruledFill < streamFill + MIN_GAIN) return null;
  // Rules under the header only (a three-line table) would make the whole body one row.
  const ruledRows = found.reduce((n, t) => n + t.nRows, 0);
  if (ruledRows < MIN_ROW_SHARE * group.reduce((n, t) => n + t.nRows, 0)) return null;
  return found.map((t) => ({ ...t, finder: 'stream', warnings: [...t.warnings, `page ${page.number}: rows from horizontal rules, columns from text alignment`] }));
}

function filled(tables: readonly PageTable[]): number {
  return tables.reduce((n, t) => n + t.cells.filter((c) => c.text).length, 0);
}

