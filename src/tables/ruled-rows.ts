// Tables ruled only horizontally: rules between the rows, no column lines. The borderless
// finder gets the columns right from the text, but reads every text line as a row, so a
// cell wrapped over two lines, or a merged 一级 cell whose text sits centred in its run of
// rows (产出指 / 标), falls apart. Here the rows come from the rules instead: column lines
// are drawn where the borderless reading put them, in each band between two rules that no
// text crosses there, and the ruled-table finder reads the result. A rule missing across a
// column (under a merged cell) gives the cell its row span, exactly as in a ruled table.
// This is one candidate reading of a borderless region; the arbiter (arbiter.ts) decides
// whether it replaces the borderless one (a three-line table's few rules bound no rows).
import type { BBox, PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { findLatticeTables } from './lattice.ts';
import type { PageTable } from './page-table.ts';
import type { TableSettings } from './settings.ts';
import { horizontalRulings } from './stream.ts';

function hasVerticalRulings(rulings: readonly Ruling[], box: BBox): boolean {
  return rulings.some((r) => Math.abs(r.x1 - r.x0) <= 1.5 && Math.abs(r.y1 - r.y0) > 8
    && r.x0 > box[0] + 2 && r.x0 < box[2] - 2 && Math.max(r.y0, r.y1) > box[1] && Math.min(r.y0, r.y1) < box[3]);
}

function crosses(run: TextRun, x: number, top: number, bottom: number): boolean {
  const [x0, y0, x1, y1] = run.bbox;
  const middle = (y0 + y1) / 2;
  return middle > top && middle < bottom && x0 < x - 1 && x1 > x + 1;
}

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
function columnLines(rules: readonly Rule[], full: readonly Rule[], xs: readonly number[], runs: readonly TextRun[], thinBand: number): Ruling[] {
  const bands = [...new Set(rules.map(([y]) => y))].sort((a, b) => a - b);
  const lines: Ruling[] = [];
  for (let i = 0; i + 1 < bands.length; i++) {
    const [top, bottom] = [bands[i], bands[i + 1]];
    const betweenFull = [top, bottom].every((y) => full.some(([fy]) => Math.abs(fy - y) <= 1));
    if (betweenFull && bottom - top > thinBand && textPieces(runs, top, bottom) < 2) continue;
    for (const x of xs) if (!runs.some((run) => crosses(run, x, top, bottom))) lines.push({ x0: x, y0: top, x1: x, y1: bottom });
  }
  return lines;
}

/** A horizontal rule: [y, x0, x1]. */
type Rule = [number, number, number];

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
  const { slack, fullWidth, minRules, thinBand } = s.ruledRows;
  const rules = horizontalRulings(page.rulings).filter(([y, x0, x1]) => y >= top - slack && y <= bottom + slack && x0 < right && x1 > left);
  const full = rules.filter(([, x0, x1]) => x1 - x0 >= fullWidth * (right - left));
  if (full.length < minRules) return null;
  const x0 = Math.min(...full.map((r) => r[1]));
  const x1 = Math.max(...full.map((r) => r[2]));
  const box: BBox = [x0, full[0][0], x1, full[full.length - 1][0]];
  if (hasVerticalRulings(page.rulings, box)) return null;
  const inside = rules.filter(([y]) => y >= box[1] - 1 && y <= box[3] + 1);
  const xs = [x0, ...table.colXs.slice(1, -1), x1];
  const runs = page.runs.filter((r) => r.bbox[1] < box[3] && r.bbox[3] > box[1]);
  const drawn: Ruling[] = [...inside.map(([y, a, b]) => ({ x0: a, y0: y, x1: b, y1: y })), ...columnLines(inside, full, xs, runs, thinBand)];
  const found = findLatticeTables({ ...page, rulings: drawn }, s);
  if (found.length === 0 || found.some((t) => t.nCols !== table.nCols)) return null;
  // The frame the text reading was framed by frames these rows too: a continuation on the next
  // page chains by it (continuedReadings, pdf-document.ts sameFrame).
  return found.map((t) => ({ ...t, finder: 'stream', ...(table.frame ? { frame: table.frame } : {}), warnings: [...t.warnings, `page ${page.number}: rows from horizontal rules, columns from text alignment`] }));
}


