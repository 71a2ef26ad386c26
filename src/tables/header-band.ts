// The header of a framed table (the band above the rule under its header): stacked header
// lines merged per column, spans from width and centring.
//
//   pieces of the band → stacks (pieces right under each other, aligned, a line apart: one cell)
//   → leaves (the lowest stack of a column) and parents (stacks with others below them, spanning
//   the columns they are centred over) → header rows: one per level of parents, leaves at the
//   bottom spanning down to the last header row.
//
// A leaf of one line beside leaves of four is one cell bottom-aligned (or centred) in the header,
// not four rows; a heading centred over three columns with their heads below is one cell
// spanning them (issue 10, cases 5 and 6).

import type { BBox, TextRun } from '../model/layout.ts';
import { cellText } from './assign-text.ts';
import { ruledApart, type PageText, type Rule } from './evidence.ts';
import type { PageCell, PageTable } from './page-table.ts';
import type { Segment } from './stream-lines.ts';
import { columnSpan } from './stream-columns.ts';
import { splitAtCjkBlanks } from './cjk-blanks.ts';
import { DEFAULT_STREAM_SETTINGS } from './stream-settings.ts';

/** The segment with its runs cut at blanks between CJK characters where a column boundary passes. */
function atCjkBlanks(seg: Segment, xs: readonly number[]): Segment {
  const runs = splitAtCjkBlanks(seg.runs, xs.slice(1, -1), DEFAULT_STREAM_SETTINGS.cjkBlankEm);
  return runs.length === seg.runs.length ? seg : { ...seg, runs };
}

export interface HeaderBandSettings {
  /** Two header lines are one cell's when the gap between them is at most this share of a line height (line spacing up to 1.6). */
  lineGap: number;
  /** …and they start, end or are centred at one x within this many ems. */
  alignEm: number;
  /** A parent's column range is the one centred under it within this many ems. */
  centreEm: number;
  /** Runs of one line this many ems apart are different header cells (narrow columns leave less than a word gap). */
  pieceGapEm: number;
  /**
   * …and runs of Chinese characters this many ems apart: Chinese puts no word space between
   * characters (full-width glyphs touch), so a blank between two runs ending and starting with
   * one parts two cells, where a head wider than its narrow column runs up to its neighbour's
   * wrapped last line (`员` `增长（%）`, 0.25 em apart). Below a word space, above the rounding
   * between glyphs a producer writes one by one.
   */
  cjkGapEm: number;
  /**
   * A piece on the line of the headings over several columns is a heading of its own, not the
   * first line of the cell under it, when the next piece below it is more than this multiple
   * of the table's line pitch away: rows stand a line plus their cells' padding apart, lines of
   * one cell a line; positions round to well under a tenth of a line.
   */
  rowPitch: number;
  /**
   * Two pieces stand on one line when their boxes overlap by this share of the lower one's
   * height: at tight line spacing the boxes of one header row and the row under it touch or
   * overlap by a hair (a heading and the heads under it are not one line).
   */
  lineOverlap: number;
}

export const DEFAULT_HEADER_BAND: HeaderBandSettings = { lineGap: 0.8, alignEm: 0.5, centreEm: 1, pieceGapEm: 0.3, cjkGapEm: 0.15, rowPitch: 1.1, lineOverlap: 0.5 };

const CJK_END = /[\p{Script=Han}\uff08\uff09\uff05]$/u;
const CJK_START = /^[\p{Script=Han}\uff08\uff09\uff05]/u;

/**
 * A line segment cut where two of its runs stand `pieceGapEm` or more apart (`cjkGapEm` between
 * Chinese characters): header cells of narrow columns leave less than the borderless finder's
 * word gap between them (`±%` `（万元）`).
 */
export function splitAtGaps(seg: Segment, s: Pick<HeaderBandSettings, 'pieceGapEm' | 'cjkGapEm'>): Segment[] {
  const out: Segment[] = [];
  for (const run of seg.runs) {
    const last = out[out.length - 1];
    const prev = last?.runs[last.runs.length - 1];
    const gapEm = prev && CJK_END.test(prev.text) && CJK_START.test(run.text) ? s.cjkGapEm : s.pieceGapEm;
    if (last && run.bbox[0] - last.x1 < gapEm * Math.max(run.fontSize, last.fontSize)) {
      last.runs.push(run);
      last.x1 = Math.max(last.x1, run.bbox[2]);
      last.top = Math.min(last.top, run.bbox[1]);
      last.bottom = Math.max(last.bottom, run.bbox[3]);
    } else out.push({ x0: run.bbox[0], x1: run.bbox[2], top: run.bbox[1], bottom: run.bbox[3], runs: [run], fontSize: run.fontSize });
  }
  return out;
}

interface Stack {
  segs: Segment[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  c0: number;
  c1: number;
  parent: boolean;
  level: number;
}

const centre = (s: { x0: number; x1: number }) => (s.x0 + s.x1) / 2;

/** How much of column c the stack covers. */
const overlap = (st: { x0: number; x1: number }, xs: readonly number[], c: number) => Math.min(st.x1, xs[c + 1]) - Math.max(st.x0, xs[c]);

/**
 * The columns a short rule right under a header cell spans (a group heading underlined exactly
 * over its columns), or null: columns the rule covers for at least half their width.
 */
function underlineOf(st: Stack, stacks: readonly Stack[], text: PageText, xs: readonly number[], s: HeaderBandSettings): [number, number] | null {
  const h = st.segs[0].bottom - st.segs[0].top || st.segs[0].fontSize;
  const width = xs[xs.length - 1] - xs[0];
  // Under this cell only: no other cell of its line stands over the rule (a rule under a whole header row is no underline).
  const alone = (x0: number, x1: number) => !stacks.some((o) => o !== st && onOneLine(o, st, s) && centre(o) >= x0 && centre(o) <= x1);
  const rule = text.hRules.find(([y, x0, x1]) => y >= st.bottom - 1 && y <= st.bottom + h && x0 <= centre(st) && x1 >= centre(st) && x1 - x0 < 0.95 * width && alone(x0, x1));
  if (!rule) return null;
  const cols = xs.slice(0, -1).map((_, c) => c).filter((c) => Math.min(rule[2], xs[c + 1]) - Math.max(rule[1], xs[c]) >= 0.5 * (xs[c + 1] - xs[c]));
  return cols.length ? [cols[0], cols[cols.length - 1]] : null;
}

/** Whether two pieces (or stacks) stand on one line (see HeaderBandSettings.lineOverlap). */
function onOneLine(a: { top: number; bottom: number }, b: { top: number; bottom: number }, s: HeaderBandSettings): boolean {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0 && overlap >= s.lineOverlap * Math.min(a.bottom - a.top, b.bottom - b.top);
}

/**
 * Whether a heading may span [x0, x1]: no other piece of its line stands in that range (the
 * widest range centred under `其中` over three columns also centres it over seven, across the
 * headings beside it); no vertical rule drawn across its line parts the range (a table ruled
 * between its column groups: the rules through the heading row bound each group); and a rule
 * drawn under its line runs under the whole range (a table ruled under every row draws none
 * under a stub head that spans the header rows: the heading does not reach over the stub).
 */
function spanFree(st: Stack, stacks: readonly Stack[], text: PageText, xs: readonly number[], c0: number, c1: number, s: HeaderBandSettings): boolean {
  const [x0, x1] = [xs[c0], xs[c1 + 1]];
  const line = (o: Stack) => onOneLine(o, st, s);
  if (stacks.some((o) => o !== st && line(o) && centre(o) > x0 && centre(o) < x1)) return false;
  const cy = (st.top + st.bottom) / 2;
  if (text.vRules.some(([x, y0, y1]) => x > x0 + 1 && x < x1 - 1 && y0 < cy && y1 > cy)) return false;
  // (Under at least half of each end column: the columns' lines may come from the text's edges.)
  const h = st.bottom - st.top || st.segs[0].fontSize;
  const under = text.hRules.filter(([y, a, b]) => y >= st.bottom - 1 && y <= st.bottom + h && a <= centre(st) && b >= centre(st));
  const covers = (a: number, b: number, c: number) => Math.min(b, xs[c + 1]) - Math.max(a, xs[c]) >= 0.5 * (xs[c + 1] - xs[c]);
  return under.length === 0 || under.some(([, a, b]) => covers(a, b, c0) && covers(a, b, c1));
}

/**
 * Where the header of a borderless table ends: above its first row of figures (two or more
 * numbers that are not years, and in at least half its filled cells), or null when it starts with one.
 */
export function headerBoundary(table: PageTable): number | null {
  const NUMERIC = /^[-−+(]?[\d.,]+%?\)?$|^(\.\.|-|—|…)$/u;
  const YEAR = /^(19|20)\d\d$/u; // column heads, not figures
  for (let r = 0; r < table.nRows; r++) {
    const texts = table.cells.filter((c) => c.row === r && c.text.trim()).map((c) => c.text.replace(/\s+/gu, ''));
    const numbers = texts.filter((t) => NUMERIC.test(t) && !YEAR.test(t)).length;
    if (numbers >= 2 && numbers >= 0.5 * texts.length) {
      // Rows holding text in the first column only are row labels (a continued table's top, or
      // the label row opening the first group right under the header), not a header.
      const labelOnly = (row: number) => table.cells.every((c) => c.row !== row || c.col === 0 || !c.text.trim());
      let end = r;
      while (end > 0 && labelOnly(end - 1)) end--;
      const header = table.cells.some((c) => c.row < end && c.col > 0 && c.text.trim());
      return header ? (table.rowBoxes[end - 1][3] + table.rowBoxes[end][1]) / 2 : null;
    }
  }
  return null;
}

/**
 * The band's pieces merged into stacks (never across a rule drawn between two of them: a
 * heading's underline; nor across the top of a column rule drawn beside them).
 */
export function stacksOf(segs: Segment[], s: HeaderBandSettings, hRules: readonly Rule[] = [], vRules: readonly Rule[] = []): Segment[][] {
  const sorted = [...segs].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  sorted.forEach((a, i) => {
    const h = a.bottom - a.top || a.fontSize;
    const tol = s.alignEm * a.fontSize;
    // The nearest piece below that overlaps a horizontally.
    let best = -1;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
      if (b.top < a.bottom - 0.5 * h || Math.min(a.x1, b.x1) <= Math.max(a.x0, b.x0)) continue;
      if (best < 0 || b.top < sorted[best].top) best = j;
    }
    if (best < 0) return;
    const b = sorted[best];
    const aligned = Math.abs(a.x0 - b.x0) <= tol || Math.abs(a.x1 - b.x1) <= tol || Math.abs(centre(a) - centre(b)) <= tol;
    if (aligned && b.top - a.bottom <= s.lineGap * h && !ruledApart(hRules, a, b) && !ruleStartsBetween(a, b, vRules)) parent[find(i)] = find(best);
  });
  const groups = new Map<number, Segment[]>();
  sorted.forEach((seg, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), seg]));
  return [...groups.values()];
}

/**
 * A vertical rule beside the two pieces that starts between their lines: the drawn cells change
 * there, so the upper piece is in a row of its own (a heading over the ruled columns below it,
 * whose start or end happens to line up with one head).
 */
function ruleStartsBetween(a: Segment, b: Segment, vRules: readonly Rule[]): boolean {
  const [ya, yb] = [(a.top + a.bottom) / 2, (b.top + b.bottom) / 2];
  const pad = 0.5 * a.fontSize;
  const [x0, x1] = [Math.min(a.x0, b.x0) - pad, Math.max(a.x1, b.x1) + pad];
  return vRules.some(([x, y0, y1]) => y0 > ya && y0 < yb && y1 > yb && x > x0 && x < x1);
}

/** Whether the stack has another stack below it within its columns (a heading over them). */
const hasBelow = (st: Stack, stacks: readonly Stack[]) => stacks.some((o) => o !== st && o.top >= st.bottom - 1 && o.c0 <= st.c1 && o.c1 >= st.c0);

/**
 * The table's line pitch: the least top-to-top distance between two lines of text one above the
 * other in one column, from the header band down (a wrapped cell's lines; rows stand further
 * apart, by their cells' padding), or null when no two lines are stacked.
 */
function linePitch(text: PageText, table: PageTable, bandTop: number): number | null {
  const [x0, , x1, bottom] = table.bbox;
  const lines = text.lines.filter((l) => l.top >= bandTop - 1 && l.bottom <= bottom + 1).sort((a, b) => a.top - b.top);
  let best: number | null = null;
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1], lines[i]];
    const pitch = b.top - a.top;
    if (pitch < 0.5 * (a.fontSize || 10)) continue;
    const stacked = a.segments.some((g) => g.x1 > x0 && g.x0 < x1 && b.segments.some((h) => Math.min(g.x1, h.x1) > Math.max(g.x0, h.x0)));
    if (stacked && (best === null || pitch < best)) best = pitch;
  }
  return best;
}

/**
 * The band's stacks with the first piece of a stack parted from it where it is a heading over
 * one column: it stands on the line of the headings over several columns beside it, and the
 * piece under it is further below than the table's line pitch allows for one cell's lines
 * (`本年` on the line of `上年` and `其中`, over a wrapped `同比增长`; `上年` over `2014`).
 */
function headingsOnParentLines(groups: Segment[][], toStack: (g: Segment[]) => Stack, pitch: number | null, s: HeaderBandSettings): Segment[][] {
  if (pitch === null) return groups;
  const stacks = groups.map(toStack);
  const parentTops = stacks.filter((st) => hasBelow(st, stacks)).map((st) => st.top);
  return stacks.flatMap((st) => {
    if (st.segs.length < 2 || hasBelow(st, stacks)) return [st.segs];
    const [first, next] = [...st.segs].sort((a, b) => a.top - b.top);
    const onParentLine = parentTops.some((top) => Math.abs(top - first.top) <= s.alignEm * first.fontSize);
    if (!onParentLine || next.top - first.top <= s.rowPitch * pitch) return [st.segs];
    return [[first], st.segs.filter((g) => g !== first)];
  });
}

/**
 * The table with its rows above `ruleY` rebuilt from the text between `bandTop` and `ruleY`
 * (a frame's top rule and the rule under its header), or the table unchanged
 * when the band does not make a consistent header (two stacks in one slot).
 */
export function restackHeader(table: PageTable, text: PageText, bandTop: number, ruleY: number, s: HeaderBandSettings = DEFAULT_HEADER_BAND): PageTable {
  const xs = table.colXs;
  const nCols = table.nCols;
  const oldHeader = table.rowBoxes.filter((b) => (b[1] + b[3]) / 2 < ruleY).length;
  if (oldHeader === 0) return table;
  const segs: Segment[] = [];
  for (const line of text.lines) {
    for (const seg of line.segments.flatMap((g) => splitAtGaps(atCjkBlanks(g, xs), s))) {
      const cy = (seg.top + seg.bottom) / 2;
      if (cy > bandTop && cy < ruleY && centre(seg) >= xs[0] - 2 && centre(seg) <= xs[nCols] + 2) segs.push(seg);
    }
  }
  if (segs.length === 0) return table;
  const toStack = (group: Segment[]): Stack => {
    const x0 = Math.min(...group.map((g) => g.x0));
    const x1 = Math.max(...group.map((g) => g.x1));
    const [c0, c1] = columnSpan(xs, { x0, x1 }, Math.min(2, (x1 - x0) / 4));
    return { segs: group, x0, x1, top: Math.min(...group.map((g) => g.top)), bottom: Math.max(...group.map((g) => g.bottom)), c0, c1, parent: false, level: 0 };
  };
  const groups = headingsOnParentLines(stacksOf(segs, s, text.hRules, text.vRules), toStack, linePitch(text, table, bandTop), s);
  const stacks = groups.map(toStack);
  // Parents: stacks with another stack below them within their columns; their span is the
  // column range centred under them.
  for (const st of stacks) {
    st.parent = hasBelow(st, stacks);
    if (!st.parent) continue;
    const underline = underlineOf(st, stacks, text, xs, s);
    if (underline) {
      [st.c0, st.c1] = underline;
      continue;
    }
    const tol = s.centreEm * st.segs[0].fontSize;
    let best: [number, number] | null = null;
    for (let a = 0; a <= st.c0; a++) {
      for (let b = st.c1; b < nCols; b++) {
        const off = Math.abs((xs[a] + xs[b + 1]) / 2 - centre(st));
        if (off <= tol && (!best || b - a > best[1] - best[0]) && spanFree(st, stacks, text, xs, a, b, s)) best = [a, b];
      }
    }
    if (best) [st.c0, st.c1] = best;
  }
  const parents = stacks.filter((st) => st.parent).sort((a, b) => a.top - b.top);
  for (const p of parents) p.level = parents.filter((q) => q !== p && q.bottom <= p.top + 1 && q.c0 <= p.c0 && q.c1 >= p.c1).length;
  const levels = parents.length ? Math.max(...parents.map((p) => p.level)) + 1 : 0;
  const nHeader = levels + 1;
  const slots = new Array<Stack | null>(nHeader * nCols).fill(null);
  const place = (st: Stack, row: number, rowSpan: number): boolean => {
    for (let r = row; r < row + rowSpan; r++) for (let c = st.c0; c <= st.c1; c++) if (slots[r * nCols + c]) return false;
    for (let r = row; r < row + rowSpan; r++) for (let c = st.c0; c <= st.c1; c++) slots[r * nCols + c] = st;
    return true;
  };
  const cells: PageCell[] = [];
  const page = table.page;
  const cellOf = (st: Stack, row: number, rowSpan: number): PageCell => ({
    row, col: st.c0, rowSpan, colSpan: st.c1 - st.c0 + 1, text: cellText(st.segs.flatMap((g) => g.runs) as TextRun[]), page, bbox: [st.x0, st.top, st.x1, st.bottom],
  });
  for (const p of parents) {
    if (!place(p, p.level, 1)) return table;
    cells.push(cellOf(p, p.level, 1));
  }
  const leaves = stacks.filter((st) => !st.parent);
  // Leaves reaching into a neighbour column by a little (a wide `（万元）` under a right-aligned
  // head) go to the column they overlap most when that column is theirs alone.
  for (const leaf of leaves) {
    if (leaf.c0 === leaf.c1) continue;
    const shared = leaves.some((o) => o !== leaf && o.c0 <= leaf.c1 && o.c1 >= leaf.c0);
    if (!shared) continue;
    let best = leaf.c0;
    for (let c = leaf.c0; c <= leaf.c1; c++) if (overlap(leaf, xs, c) > overlap(leaf, xs, best)) best = c;
    leaf.c0 = leaf.c1 = best;
  }
  for (const leaf of leaves) {
    const above = parents.filter((p) => p.c0 <= leaf.c1 && p.c1 >= leaf.c0);
    const row = above.length ? Math.max(...above.map((p) => p.level)) + 1 : 0;
    if (!place(leaf, row, nHeader - row)) return table;
    cells.push(cellOf(leaf, row, nHeader - row));
  }
  // Row boxes: each level's parents, the leaves below the last level, as contiguous bands.
  const bounds = [bandTop];
  for (let l = 1; l < nHeader; l++) {
    const upper = parents.filter((p) => p.level === l - 1);
    const lower = parents.filter((p) => p.level === l);
    const low = Math.max(...upper.map((p) => p.bottom));
    const high = lower.length ? Math.min(...lower.map((p) => p.top)) : low;
    bounds.push((low + Math.max(low, high)) / 2);
  }
  bounds.push(ruleY);
  const headerBoxes: BBox[] = Array.from({ length: nHeader }, (_, r) => [xs[0], bounds[r], xs[nCols], bounds[r + 1]]);
  for (let r = 0; r < nHeader; r++) {
    for (let c = 0; c < nCols; c++) {
      if (!slots[r * nCols + c]) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: '', page, bbox: [xs[c], bounds[r], xs[c + 1], bounds[r + 1]] });
    }
  }
  const shift = nHeader - oldHeader;
  const body = table.cells.filter((c) => c.row >= oldHeader).map((c) => ({ ...c, row: c.row + shift }));
  const allCells = [...cells, ...body].sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    ...table,
    nRows: table.nRows + shift,
    cells: allCells,
    rowBoxes: [...headerBoxes, ...table.rowBoxes.slice(oldHeader)],
    bbox: [table.bbox[0], Math.min(table.bbox[1], bandTop), table.bbox[2], table.bbox[3]],
  };
}
