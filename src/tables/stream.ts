// The borderless (stream) table finder: tables drawn without a full grid of rulings.
//
// A pipeline of named geometric steps over plain data (see STYLE.md, pdfplumber's table.py):
//   runsOutside → buildLines → splitBlocks → findColumns → placeSegments → buildRows
//   → rowsToTable → acceptTable
// Rows come from visual lines, columns from whitespace rivers that run through several
// consecutive lines. What makes a table (and what keeps paragraphs, bullet lists and
// two-column page layouts out) is in `acceptTable`. Every tolerance is in StreamSettings.

import type { BBox, PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { cellText } from './assign-text.ts';
import { splitAtCjkBlanks } from './cjk-blanks.ts';
import type { PageCell, PageTable } from './page-table.ts';
import { columnSpan, findColumns } from './stream-columns.ts';
import { buildLines, FIGURE, median, runsOutside, wrapsInto, type Line, type Segment } from './stream-lines.ts';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from './stream-settings.ts';

export { DEFAULT_STREAM_SETTINGS, type StreamSettings } from './stream-settings.ts';

/** Finds borderless tables on a page, ignoring text inside `exclude` (tables found already). */
export function findStreamTables(page: PdfPage, exclude: BBox[] = [], settings: Partial<StreamSettings> = {}): PageTable[] {
  const s: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, ...settings };
  const vRules = joinedRulings(page.rulings, 'v');
  const lines = buildLines(runsOutside(page.runs, exclude), s, vRules);
  const hRules = horizontalRulings(page.rulings);
  const tables: PageTable[] = [];
  for (const block of splitBlocks(lines, s)) {
    for (const region of splitAtProse(block, s).flatMap((part) => tableRegions(part, s, vRules))) {
      for (const table of regionToTable(region, page.number, hRules, s)) {
        if (!exclude.some((b) => overlapArea(b, table.bbox) > 0.1 * area(b))) tables.push(table);
      }
    }
  }
  return tables;
}

function area(b: BBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

function overlapArea(a: BBox, b: BBox): number {
  return area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);
}

/**
 * The stream finder's reading of one box only (text outside it ignored) — for a caller that
 * wants a second opinion on a ruled table whose rulings may be too sparse to be its grid
 * (top/bottom rules and a header line only).
 */
export function findStreamTablesWithin(page: PdfPage, box: BBox, settings: Partial<StreamSettings> = {}): PageTable[] {
  const inside = (r: TextRun) => {
    const cx = (r.bbox[0] + r.bbox[2]) / 2;
    const cy = (r.bbox[1] + r.bbox[3]) / 2;
    return cx >= box[0] && cx <= box[2] && cy >= box[1] && cy <= box[3];
  };
  return findStreamTables({ ...page, runs: page.runs.filter(inside) }, [], settings);
}

/**
 * The text inside `box` read as ONE table on the given column boundaries (a region whose rules
 * say it is a table and whose header says where its columns are): rows from its lines, wrapped
 * continuations merged as the borderless finder merges them; no acceptance test. Null when the
 * box holds no text.
 */
export function readOnColumns(page: PdfPage, box: BBox, xs: number[], settings: Partial<StreamSettings> = {}): PageTable | null {
  const s: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, ...settings };
  const inside = (r: TextRun) => {
    const cx = (r.bbox[0] + r.bbox[2]) / 2;
    const cy = (r.bbox[1] + r.bbox[3]) / 2;
    return cx >= box[0] && cx <= box[2] && cy >= box[1] && cy <= box[3];
  };
  const vRules = joinedRulings(page.rulings, 'v');
  const lines = buildLines(runsOutside(page.runs.filter(inside), []), s, vRules);
  if (lines.length === 0) return null;
  const placed = lines.map((l) => placeLine(l, xs));
  return rowsToTable(buildRows(placed, xs, horizontalRulings(page.rulings), s), xs, page.number);
}

// ---------------------------------------------------------------------------------------------
// Blocks and regions

/** Consecutive lines closer than `maxLineGap` ems form a block. */
export function splitBlocks(lines: readonly Line[], s: StreamSettings): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (prev && line.top - prev.bottom > s.maxLineGap * Math.max(prev.fontSize, line.fontSize)) {
      blocks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length) blocks.push(current);
  return blocks;
}

const isSeed = (l: Line) => l.segments.length >= 2;

/**
 * A line of running text, told without any column model: one segment starting at the
 * block's left margin (or a paragraph indent) and filling most of its width; or a justified
 * line, whose three or more word gaps are all the same width and whose pieces are words.
 */
export function isProseLine(line: Line, left: number, width: number, s: StreamSettings): boolean {
  const em = line.fontSize || 10;
  const segs = line.segments;
  const x0 = segs[0].x0;
  const x1 = segs[segs.length - 1].x1;
  if (x0 > left + s.proseIndent * em || x1 - x0 < s.proseWidth * width) return false;
  if (segs.length === 1) return true;
  if (segs.length < 4) return false;
  // Figures flush right in columns of one width stand evenly apart too: a row, not words.
  if (segs.filter((g) => FIGURE.test(g.runs.map((r) => r.text).join('').trim())).length * 2 >= segs.length) return false;
  const gaps = segs.slice(1).map((g, i) => g.x0 - segs[i].x1);
  return Math.max(...gaps) - Math.min(...gaps) <= 0.15 * em;
}

/** Two pieces of running text side by side (two-column body text), each long and wide. */
function twoColumnProse(line: Line, width: number, s: StreamSettings): boolean {
  if (line.segments.length !== 2) return false;
  return line.segments.every((seg) => {
    const text = seg.runs.map((r) => r.text).join('').replace(/\s+/gu, '');
    return [...text].length >= s.proseColumnChars && seg.x1 - seg.x0 >= s.proseColumnWidth * width && /\p{L}/u.test(text);
  });
}

/**
 * Two-column body text: a line of two long halves (`twin`) and the lines above and below it
 * that go on in its columns — each holding a long piece of running text inside one of them,
 * every piece inside them (the other half a paragraph's short last line, or blank), or two long
 * halves again. Such a run of `proseColumnLines` lines or more is prose (marked in the result).
 * A paragraph's lines flow down the left column and on into the right one, so beside the table
 * the halves may share a baseline on one line only, the left column's last line(s) standing alone
 * (flush left under an indented first line: a column's left edge may lie a paragraph indent out).
 */
function proseColumnRuns(block: Line[], twin: boolean[], s: StreamSettings): boolean[] {
  const prose = block.map(() => false);
  // The halves seen may all be a paragraph's indented first line: a column's left edge may stand
  // a paragraph indent further left than theirs.
  const inCols = (seg: Segment, cols: number[][], em: number) => cols.some(([a, b]) => seg.x0 >= a - s.proseIndent * em && seg.x1 <= b + em);
  const running = (line: Line, cols: number[][]) => {
    const em = line.fontSize || 10;
    return line.segments.some((seg) => {
      const text = seg.runs.map((r) => r.text).join('').replace(/\s+/gu, '');
      return [...text].length >= s.proseColumnChars && /\p{L}/u.test(text) && inCols(seg, cols, em);
    }) && line.segments.every((seg) => inCols(seg, cols, em));
  };
  for (let i = 0; i < block.length; i++) {
    if (!twin[i] || prose[i]) continue;
    const halves = [block[i].segments];
    const colsOf = () => [0, 1].map((k) => [Math.min(...halves.map((h) => h[k].x0)), Math.max(...halves.map((h) => h[k].x1))]);
    let [lo, hi] = [i, i];
    for (let grown = true; grown; ) {
      grown = false;
      for (const j of [lo - 1, hi + 1]) {
        if (j < 0 || j >= block.length || prose[j]) continue;
        if (!twin[j] && !running(block[j], colsOf())) continue;
        if (twin[j]) halves.push(block[j].segments);
        if (j < lo) lo = j;
        else hi = j;
        grown = true;
      }
    }
    if (hi - lo + 1 >= s.proseColumnLines) for (let j = lo; j <= hi; j++) prose[j] = true;
  }
  return prose;
}

/** Cuts a block at its prose lines (full-width lines; two-column body text two lines or more). */
export function splitAtProse(block: Line[], s: StreamSettings): Line[][] {
  const left = Math.min(...block.map((l) => l.segments[0].x0));
  const right = Math.max(...block.map((l) => l.segments[l.segments.length - 1].x1));
  const twin = block.map((l) => twoColumnProse(l, right - left, s));
  const twinRun = proseColumnRuns(block, twin, s);
  const parts: Line[][] = [];
  let part: Line[] = [];
  for (const [i, line] of block.entries()) {
    if (isProseLine(line, left, right - left, s) || twinRun[i]) {
      if (part.length) parts.push(part);
      part = [];
    } else part.push(line);
  }
  if (part.length) parts.push(part);
  return parts;
}

/**
 * The candidate tables of a block: from its first to its last multi-segment line, cut where
 * prose (single segments crossing every column gap) runs for several lines, trimmed of prose
 * at both ends; header lines just above are added when they fit the columns.
 */
function tableRegions(block: Line[], s: StreamSettings, vRules: readonly [number, number, number][], depth = 0): { lines: Line[]; xs: number[] }[] {
  const first = block.findIndex(isSeed);
  if (first < 0) return [];
  let last = block.length - 1;
  while (!isSeed(block[last])) last--;
  const core = block.slice(first, last + 1);
  if (core.filter(isSeed).length < s.minRows) return [];
  const { xs } = findColumns(core.filter(isSeed), s, vRules, core.filter((l) => !isSeed(l)));
  if (xs.length - 1 < s.minCols) return [];

  // A wide vertical gap inside the core separates two tables.
  if (depth < 4) {
    const gaps = core.slice(1).map((l, i) => l.top - core[i].bottom);
    // Lines that overlap (the lines of cells centred on one row, at half-line offsets) say
    // nothing of the spacing between lines: there the usual gap would be negative and every
    // step between two rows would part tables.
    const usual = median(gaps.filter((g) => g >= 0));
    const cut = gaps.findIndex((g, i) => g > Math.max(s.tableGapFactor * usual, usual + s.tableGapEm * core[i + 1].fontSize) && !isRowStep(gaps, i, core[i + 1].fontSize, s));
    if (cut >= 0) {
      // Lines around the core stay with the part next to them (header lines above, wrapped rows below).
      const upper = [...block.slice(0, first), ...core.slice(0, cut + 1)];
      const lower = [...core.slice(cut + 1), ...block.slice(last + 1)];
      return [...tableRegions(upper, s, vRules, depth + 1), ...tableRegions(lower, s, vRules, depth + 1)];
    }
  }
  // Prose lines: one segment that crosses every boundary.
  const prose = core.map((l) => isProse(l, xs));
  const parts: Line[][] = [];
  let part: Line[] = [];
  let run = 0;
  core.forEach((line, i) => {
    if (prose[i]) {
      run++;
      part.push(line);
      return;
    }
    if (run > s.maxProseLines) {
      const cut = part.slice(0, part.length - run);
      if (cut.length) parts.push(cut);
      part = [];
    }
    run = 0;
    part.push(line);
  });
  if (part.length) parts.push(part);
  if (parts.length > 1 && depth < 4) return parts.flatMap((p) => tableRegions(p, s, vRules, depth + 1));

  // One part: trim prose at the ends, add header lines from above.
  let lo = 0;
  let hi = core.length - 1;
  while (lo <= hi && prose[lo]) lo++;
  while (hi >= lo && prose[hi]) hi--;
  const body = core.slice(lo, hi + 1);
  if (lo > 0 || hi < core.length - 1) return depth < 4 ? tableRegions(body, s, vRules, depth + 1) : [];
  // Header lines above: close to the table (a title stands apart), inside its extent, not a
  // single segment running from the first column across a boundary (a caption's tail), and
  // not a single segment set larger than the body (a title set close above).
  // As at the cut between tables, the usual gap is taken between lines that do not overlap:
  // the half-line offsets of centred cells would make it negative and part a stacked head's
  // first character (指 of 指/标/性/质) from the rest.
  const bodyGaps = body.slice(1).map((l, i) => l.top - body[i].bottom);
  const usualGap = median(bodyGaps.filter((g) => g >= 0));
  const above: Line[] = [];
  for (let i = first - 1; i >= 0 && above.length < 3; i--) {
    const line = block[i];
    const next = block[i + 1];
    if (isProse(line, xs) || !fitsColumns(line, xs)) break;
    if (next.top - line.bottom > usualGap + s.headerGap * line.fontSize) break;
    if (line.segments.length === 1 && line.segments[0].x0 < xs[1] && line.segments[0].x1 > xs[1]) break;
    // A single piece set larger than the table's text and centred over all of it, or larger
    // than the header line under it wherever it stands, is its title; unless it is a spanning
    // header cell: over heads of its own and nearer their columns' centre than the table's; or
    // the top of a head stacked down its column (指/标/性/质, one character a line).
    const seg0 = line.segments[0];
    const larger = line.fontSize > s.titleSize * median(body.map((l) => l.fontSize)) && centredOver(seg0, xs[0], xs[xs.length - 1], s);
    if (line.segments.length === 1 && (larger || line.fontSize > s.titleSize * next.fontSize) && !spansHeads(seg0, next, xs) && !stacksOnto(seg0, next, s)) break;
    above.unshift(line);
  }
  const below: Line[] = [];
  for (let i = last + 1; i < block.length && (below.length < 3 || labelGoesOn(block, i)); i++) {
    if (isProse(block[i], xs) || !fitsColumns(block[i], xs)) break;
    below.push(block[i]);
  }
  return [{ lines: [...above, ...body, ...below], xs }];
}

/** Whether the gap after line `i` recurs in the block (a step between rows of wrapped cells). */
function isRowStep(gaps: readonly number[], i: number, em: number, s: StreamSettings): boolean {
  const alike = gaps.filter((g, k) => k !== i && Math.abs(g - gaps[i]) <= s.rowStepEm * em);
  return alike.length >= s.rowStepRepeats;
}

function centredOver(seg: { x0: number; x1: number }, x0: number, x1: number, s: StreamSettings): boolean {
  return Math.abs((seg.x0 + seg.x1) / 2 - (x0 + x1) / 2) <= s.centredShare * (x1 - x0);
}

/**
 * The piece reaches across a column boundary, the line under it has two or more heads over the
 * columns right of the stub, and it is nearer the centre of those columns than the table's: a
 * spanning header over the figures' heads (ICDAR eu-001's `THRESHOLD FOR RELEASES`), not a
 * title centred on the page, close above the table as it may stand.
 */
function spansHeads(seg: { x0: number; x1: number }, under: Line, xs: readonly number[]): boolean {
  if (!xs.slice(1, -1).some((x) => x > seg.x0 && x < seg.x1)) return false;
  const [from, to] = [xs[1], xs[xs.length - 1]];
  const heads = under.segments.filter((h) => h.x0 >= from && h.x1 <= to);
  const centre = (seg.x0 + seg.x1) / 2;
  return heads.length >= 2 && Math.abs(centre - (from + to) / 2) < Math.abs(centre - (xs[0] + to) / 2);
}

/**
 * A piece of the line under it starts and ends where this piece does: this is the first line
 * of a cell whose text goes on down its column (a head set one character a line). A title
 * does not share both edges with one head under it.
 */
function stacksOnto(seg: { x0: number; x1: number; fontSize: number }, under: Line, s: StreamSettings): boolean {
  const tol = s.alignTolerance * seg.fontSize;
  return under.segments.some((h) => Math.abs(h.x0 - seg.x0) <= tol && Math.abs(h.x1 - seg.x1) <= tol);
}

/**
 * Line i goes on with the piece of one line above it: both one piece, flush left, no further
 * apart than the two lines above them (the fourth and later lines of a row label wrapped in a
 * narrow column, under the last row of figures).
 */
function labelGoesOn(block: readonly Line[], i: number): boolean {
  const [line, prev, before] = [block[i], block[i - 1], block[i - 2]];
  if (!before || line.segments.length !== 1 || prev.segments.length !== 1) return false;
  const flush = Math.abs(line.segments[0].x0 - prev.segments[0].x0) <= 0.5 * line.fontSize;
  return flush && line.top - prev.bottom <= Math.max(0, prev.top - before.bottom) + 0.1 * line.fontSize;
}

/** A single segment reaching across every column boundary. */
function isProse(line: Line, xs: readonly number[]): boolean {
  if (line.segments.length !== 1 || xs.length < 3) return false;
  const seg = line.segments[0];
  return seg.x0 < xs[1] && seg.x1 > xs[xs.length - 2];
}

/** Every segment starts inside the block's horizontal extent. */
function fitsColumns(line: Line, xs: readonly number[]): boolean {
  const em = line.fontSize || 10;
  return line.segments.every((seg) => seg.x0 >= xs[0] - em && seg.x1 <= xs[xs.length - 1] + 2 * em);
}

// ---------------------------------------------------------------------------------------------
// Placing segments into columns

interface Placed {
  c0: number;
  c1: number;
  seg: Segment;
}

interface PlacedLine {
  line: Line;
  items: Placed[];
  filled: Set<number>;
}

/**
 * Puts each segment of a line in the columns it covers. A segment made of several runs that
 * crosses a boundary in a gap between its runs is split there (a tight column gap).
 */
function placeLine(line: Line, xs: readonly number[]): PlacedLine {
  const items: Placed[] = [];
  for (const seg of line.segments) {
    for (const piece of splitSegment(seg, xs)) {
      const [c0, c1] = columnSpan(xs, piece, Math.min(2, (piece.x1 - piece.x0) / 4));
      items.push({ c0, c1, seg: piece });
    }
  }
  const filled = new Set<number>();
  for (const it of items) for (let c = it.c0; c <= it.c1; c++) filled.add(c);
  return { line, items, filled };
}

/**
 * A segment of several runs that crosses a column boundary in a gap between two runs, cut there
 * (a run is first cut at a blank between CJK characters where a boundary passes: cjk-blanks.ts).
 */
export function splitSegment(seg: Segment, xs: readonly number[], s: StreamSettings = DEFAULT_STREAM_SETTINGS): Segment[] {
  const inner = xs.slice(1, -1).filter((x) => x > seg.x0 && x < seg.x1);
  if (inner.length === 0) return [seg];
  const runs = splitAtCjkBlanks(seg.runs, inner, s.cjkBlankEm);
  if (runs.length < 2) return [seg];
  const out: Segment[] = [];
  let cur: TextRun[] = [runs[0]];
  for (let i = 1; i < runs.length; i++) {
    const prev = runs[i - 1];
    const run = runs[i];
    if (inner.some((x) => x >= prev.bbox[2] - 1 && x <= run.bbox[0] + 1)) {
      out.push(segmentOf(cur));
      cur = [];
    }
    cur.push(run);
  }
  out.push(segmentOf(cur));
  return out;
}

function segmentOf(runs: TextRun[]): Segment {
  return {
    x0: Math.min(...runs.map((r) => r.bbox[0])),
    x1: Math.max(...runs.map((r) => r.bbox[2])),
    top: Math.min(...runs.map((r) => r.bbox[1])),
    bottom: Math.max(...runs.map((r) => r.bbox[3])),
    runs,
    fontSize: Math.max(...runs.map((r) => r.fontSize)),
  };
}

// ---------------------------------------------------------------------------------------------
// Rows: lines, with wrapped continuations merged into the row above

interface Row {
  lines: PlacedLine[];
  filled: Set<number>;
  top: number;
  bottom: number;
}

const CONTINUES_AFTER = /([-‐,;(/&+]|\b(and|or|of|the|for|in|to|with|by|on|at|from|a|an|per|und|et|de|des|du|la|le))$/u;
const STARTS_LOWER = /^[\p{Ll}(]/u;

function firstTextIn(row: Row | PlacedLine, col: number, lastLine: boolean): string {
  const lines = 'lines' in row ? row.lines : [row];
  const ordered = lastLine ? [...lines].reverse() : lines;
  for (const pl of ordered) {
    const hit = pl.items.filter((it) => it.c0 <= col && it.c1 >= col);
    if (hit.length) return hit.map((it) => it.seg.runs.map((r) => r.text).join(' ')).join(' ').trim();
  }
  return '';
}

/** Horizontal rulings as [y, x0, x1], collinear pieces joined, longer than 10 pt (no dashes or ticks). */
export function horizontalRulings(rulings: readonly Ruling[]): [number, number, number][] {
  return joinedRulings(rulings, 'h').filter((r) => r[2] - r[1] > 10);
}

/**
 * Collinear rule pieces at most this far apart (points) are one rule: pieces drawn cell by cell
 * touch or overlap by a hairline. 1.5: the short rules under neighbouring group headings stop a
 * cell padding apart (2–4 pt), and each spans exactly its own columns (issue 10 case 6).
 */
const JOIN_GAP = 1.5;

/**
 * Rulings of one orientation as [position, start, end] (horizontal: [y, x0, x1]; vertical:
 * [x, y0, y1]), collinear pieces joined (rules are often drawn one cell at a time).
 */
export function joinedRulings(rulings: readonly Ruling[], orient: 'h' | 'v'): [number, number, number][] {
  const flat: [number, number, number][] = [];
  for (const r of rulings) {
    const dx = Math.abs(r.x1 - r.x0);
    const dy = Math.abs(r.y1 - r.y0);
    if (orient === 'h' && dy <= 1.5 && dx > 2) flat.push([(r.y0 + r.y1) / 2, Math.min(r.x0, r.x1), Math.max(r.x0, r.x1)]);
    if (orient === 'v' && dx <= 1.5 && dy > 2) flat.push([(r.x0 + r.x1) / 2, Math.min(r.y0, r.y1), Math.max(r.y0, r.y1)]);
  }
  flat.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number, number][] = [];
  for (const r of flat) {
    const same = out.find((o) => Math.abs(o[0] - r[0]) <= 1 && r[1] <= o[2] + JOIN_GAP && r[2] >= o[1] - JOIN_GAP);
    if (same) {
      same[1] = Math.min(same[1], r[1]);
      same[2] = Math.max(same[2], r[2]);
    } else out.push([...r]);
  }
  return out;
}

/** A ruling between two y positions covering most of the table's width. */
function ruledBetween(rules: readonly [number, number, number][], yTop: number, yBottom: number, xs: readonly number[], s: StreamSettings): boolean {
  const x0 = xs[0];
  const x1 = xs[xs.length - 1];
  const need = s.rulingCover * (x1 - x0);
  return rules.some(([y, a, b]) => y > yTop && y < yBottom && Math.min(b, x1) - Math.max(a, x0) >= need);
}

function isContinuation(row: Row, pl: PlacedLine, ctx: RowContext, s: StreamSettings): boolean {
  const line = pl.line;
  const h = line.bottom - line.top || line.fontSize;
  // Text that overlaps vertically binds (a value centred against a two-line label).
  if (row.bottom - line.top > 0.3 * h) return true;
  if (ruledBetween(ctx.rules, row.bottom - 0.5, line.top + 0.5 * h, ctx.xs, s)) return false;
  const gap = line.top - row.bottom;
  if (gap > ctx.smallGap + s.continuationGapEm * line.fontSize) return false;
  if (ctx.rowRuled) return true;
  for (const c of pl.filled) if (!row.filled.has(c)) return false;
  if (wrappedLabel(row, pl, ctx)) return true;
  const keyCol = ctx.keyCol;
  if (!pl.filled.has(keyCol)) {
    if (!row.filled.has(keyCol)) return startsLowerEverywhere(row, pl);
    // The key column is empty: a wrapped continuation, unless the line fills every column
    // the row fills from the line's first on (a new row under a carried-forward key). The
    // columns before that are the key's and higher levels', carried forward with it: the first
    // row of a group fills them, the rows under it do not.
    const first = Math.min(...pl.filled);
    const others = [...row.filled].filter((c) => c !== keyCol && c >= first);
    const fillsAll = others.length >= 2 && others.every((c) => pl.filled.has(c));
    return !fillsAll || startsLowerEverywhere(row, pl);
  }
  // The key column has text: a new row unless the text clearly continues.
  const prevKey = firstTextIn(row, keyCol, true);
  const key = firstTextIn(pl, keyCol, false);
  return pl.filled.size < row.filled.size && (STARTS_LOWER.test(key) || CONTINUES_AFTER.test(prevKey));
}

/**
 * A line holding text in one column only, which continues the text of that column in the row
 * above: the first word would not have fitted at the end of the line above (a label wrapped
 * inside a narrow column: 水利环境公共设 / 施).
 */
function wrappedLabel(row: Row, pl: PlacedLine, ctx: RowContext): boolean {
  if (pl.items.length !== 1) return false;
  const it = pl.items[0];
  if (it.c0 !== it.c1) return false;
  const above = [...row.lines].reverse().flatMap((l) => l.items.filter((x) => x.c0 === it.c0 && x.c1 === it.c1)).at(0);
  return above !== undefined && wrapsInto(above.seg, it.seg, ctx.widths[it.c0]);
}

/**
 * A line of one piece that starts flush with the last line of its row's first column piece and
 * runs on past that column's end (the last line of a wrapped label, wider than the lines before
 * it: `收入（不` / `含增值税）`), placed in that column alone when it wraps out of that line:
 * then it continues the label (wrappedLabel) instead of opening a row of one cell across columns.
 */
function withSpillNarrowed(row: Row | undefined, pl: PlacedLine, ctx: RowContext): PlacedLine {
  if (!row || pl.items.length !== 1) return pl;
  const it = pl.items[0];
  if (it.c0 === it.c1) return pl;
  const above = row.lines[row.lines.length - 1].items.find((x) => x.c0 === it.c0 && x.c1 === it.c0);
  if (!above || Math.abs(above.seg.x0 - it.seg.x0) > 0.5 * it.seg.fontSize) return pl;
  const narrowed: PlacedLine = { ...pl, items: [{ ...it, c1: it.c0 }], filled: new Set([it.c0]) };
  return wrappedLabel(row, narrowed, ctx) ? narrowed : pl;
}

/**
 * The table's first line is one piece and the line under it goes on with it in its column
 * (stacksOnto): that piece is the top of a head set one character a line, and the heads beside
 * it, centred on the stack, are on the line under it. One header row, not two.
 */
function headStacksDown(rows: readonly Row[], pl: PlacedLine, ctx: RowContext, s: StreamSettings): boolean {
  if (rows.length !== 1 || rows[0].lines.length !== 1 || rows[0].lines[0].line.segments.length !== 1) return false;
  const top = rows[0].lines[0].line;
  if (pl.line.top - top.bottom > ctx.smallGap + s.continuationGapEm * pl.line.fontSize) return false;
  return stacksOnto(top.segments[0], pl.line, s);
}

function startsLowerEverywhere(row: Row, pl: PlacedLine): boolean {
  return [...pl.filled].every((c) => STARTS_LOWER.test(firstTextIn(pl, c, false)) || CONTINUES_AFTER.test(firstTextIn(row, c, true)));
}

interface RowContext {
  xs: number[];
  keyCol: number;
  /** Width of each column's text (its widest single-column piece's extent). */
  widths: number[];
  smallGap: number;
  rules: [number, number, number][];
  /** Rulings separate the table's rows: lines between two rulings are one row. */
  rowRuled: boolean;
}

function buildRows(placed: PlacedLine[], xs: number[], rules: [number, number, number][], s: StreamSettings): Row[] {
  // Lines that overlap (a value centred between two label lines) say nothing about spacing;
  // lines a little into each other's boxes are set tight (gap 0), not apart.
  const gaps = placed.slice(1).flatMap((pl, i) => {
    const g = pl.line.top - placed[i].line.bottom;
    return g >= 0 ? [g] : -g <= s.tightOverlap * (pl.line.bottom - pl.line.top) ? [0] : [];
  });
  const sorted = [...gaps].sort((a, b) => a - b);
  const smallGap = sorted.length ? sorted[Math.floor(sorted.length * 0.2)] : 0;
  // Key column: the leftmost column that is filled in most lines.
  const nCols = xs.length - 1;
  let keyCol = 0;
  for (let c = 0; c < nCols; c++) {
    if (placed.filter((pl) => pl.filled.has(c)).length >= 0.5 * placed.length) {
      keyCol = c;
      break;
    }
  }
  // Ruled rows: rulings between at least half of the lines that hold a key.
  let separated = 0;
  let pairs = 0;
  for (let i = 1; i < placed.length; i++) {
    if (!placed[i].filled.has(keyCol)) continue;
    pairs++;
    const h = placed[i].line.bottom - placed[i].line.top;
    if (ruledBetween(rules, placed[i - 1].line.bottom - 0.5, placed[i].line.top + 0.5 * h, xs, s)) separated++;
  }
  const rowRuled = pairs >= 2 && separated >= 0.8 * pairs;
  const widths = xs.slice(0, -1).map((_, c) => {
    const items = placed.flatMap((pl) => pl.items.filter((it) => it.c0 === c && it.c1 === c));
    return items.length ? Math.max(...items.map((it) => textEnd(it.seg))) - Math.min(...items.map((it) => it.seg.x0)) : 0;
  });
  const ctx: RowContext = { xs, keyCol, widths, smallGap, rules, rowRuled };
  const rows: Row[] = [];
  for (const line of placed) {
    const row = rows[rows.length - 1];
    const narrowed = withSpillNarrowed(row, line, ctx);
    const pl = narrowed !== line && isContinuation(row, narrowed, ctx, s) ? narrowed : line;
    if (row && (isContinuation(row, pl, ctx, s) || headStacksDown(rows, pl, ctx, s))) {
      row.lines.push(pl);
      for (const c of pl.filled) row.filled.add(c);
      row.bottom = Math.max(row.bottom, pl.line.bottom);
    } else {
      rows.push({ lines: [pl], filled: new Set(pl.filled), top: pl.line.top, bottom: pl.line.bottom });
    }
  }
  return rows;
}

/** Closing marks a line of Chinese may not begin with, kept at the end of the line before. */
const HANGING_MARKS = /(?<=\p{Script=Han})[）】」』》〉、，。；：！？]+$/u;

/**
 * Where a piece's text ends within its column: before the closing marks ending a line of
 * Chinese, which may not open the next line and so stand past the column's width (the last line
 * of `一般公共预算支出中用于` / `教育的部分（含转移支付）` is a character wider than the first).
 */
function textEnd(seg: Segment): number {
  const marks = HANGING_MARKS.exec(seg.runs.map((r) => r.text).join('').trimEnd());
  return marks ? seg.x1 - [...marks[0]].length * (seg.fontSize || 10) : seg.x1;
}

/** A row opening the notes under a table: `Source: …`, `Note: …`, `注：…`. */
export const NOTE_START = /^(sources?|notes?|nb|remarks?|footnotes?|注|备注|说明|资料来源|数据来源)\s*[:：.]/iu;

/** A row that is the caption of a table or figure: `Table 3.4: …`, `Figure 6:`, `表1`. */
const CAPTION_START = /^((table|figure|fig\.|chart|graph|exhibit|box|tableau|tabelle|abbildung)\s*[0-9IVXA-Z][0-9.:\-–]*|[图表]\s*[0-9一二三四五六七八九十])/iu;

/** Cuts rows at caption rows (dropped): what is above and below are different tables. */
function splitAtCaptions(rows: Row[]): Row[][] {
  const parts: Row[][] = [[]];
  for (const row of rows) {
    if (CAPTION_START.test(rowText(row))) parts.push([]);
    else parts[parts.length - 1].push(row);
  }
  return parts.filter((p) => p.length > 0);
}

function rowSignature(row: Row): string {
  return row.lines
    .flatMap((pl) => pl.items)
    .map((it) => `${it.c0}:${it.c1}:${it.seg.runs.map((r) => r.text).join('').replace(/\s+/gu, '')}`)
    .join('|');
}

/**
 * A table does not repeat its header row: where the first row's exact cells come again,
 * a new table starts (with the single-cell title row just above it, which is dropped).
 */
function splitAtRepeatedHeader(rows: Row[]): Row[][] {
  if (rows.length < 4 || rows[0].filled.size < 2) return [rows];
  const head = rowSignature(rows[0]);
  const parts: Row[][] = [[]];
  rows.forEach((row, k) => {
    if (k > 0 && rowSignature(row) === head) {
      const prev = parts[parts.length - 1];
      if (prev.length > 1 && prev[prev.length - 1].lines.every((pl) => pl.items.length === 1)) prev.pop();
      parts.push([]);
    }
    parts[parts.length - 1].push(row);
  });
  return parts.filter((p) => p.length > 0);
}

/** Drops last rows holding one cell that runs from the first column across a boundary (a note, a statistic). */
function trimTrailingSpans(rows: Row[]): Row[] {
  let end = rows.length;
  while (end > 1) {
    const items = rows[end - 1].lines.flatMap((pl) => pl.items);
    if (items.length === 1 && items[0].c0 === 0 && items[0].c1 >= 1) end--;
    else break;
  }
  return rows.slice(0, end);
}

/** Cuts the table before its first note row (not the first row). */
function trimNotes(rows: Row[]): Row[] {
  const i = rows.findIndex((row, k) => k > 0 && NOTE_START.test(rowText(row)));
  return i > 0 ? rows.slice(0, i) : rows;
}

function rowText(row: Row): string {
  const first = row.lines[0];
  return first.items
    .map((it) => it.seg.runs.map((r) => r.text).join(' '))
    .join(' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Cells and the table

function union(boxes: BBox[]): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

const segBox = (seg: Segment): BBox => [seg.x0, seg.top, seg.x1, seg.bottom];

/** Items of one row resolved into non-overlapping column ranges. */
function rowItems(row: Row, xs: readonly number[]): Placed[] {
  let items = row.lines.flatMap((pl) => pl.items);
  const overlaps = (a: Placed, b: Placed) => a !== b && a.c0 <= b.c1 && b.c0 <= a.c1 && !(a.c0 === b.c0 && a.c1 === b.c1);
  // Spanning items that collide with other items shrink to the column of their centre.
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    items = items.map((it) => {
      if (it.c1 > it.c0 && items.some((o) => overlaps(it, o))) {
        const c = columnSpan(xs, { x0: (it.seg.x0 + it.seg.x1) / 2, x1: (it.seg.x0 + it.seg.x1) / 2 }, 0)[0];
        changed = true;
        return { ...it, c0: c, c1: c };
      }
      return it;
    });
    if (!changed) break;
  }
  return items;
}

/**
 * A row holding one piece of text only, away from the first column's left edge and centred
 * over several columns (a group heading over the number columns), spans the widest column range
 * centred on it, within an em. A range's centre lies between the centre of its text (`ext`: each
 * column's text extent) and the centre of its column box (`xs`): the producer centres the heading
 * on the cells, whose padding and alignment (figures flush right) the text does not show.
 */
function centredHeading(items: Placed[], xs: readonly number[], ext: readonly [number, number][]): Placed[] {
  if (items.length !== 1) return items;
  const it = items[0];
  const em = it.seg.fontSize || 10;
  const mid = (it.seg.x0 + it.seg.x1) / 2;
  if (it.c0 === 0 && it.seg.x0 - xs[0] < em) return items;
  let best: [number, number] = [it.c0, it.c1];
  for (let a = 0; a <= it.c0; a++) {
    for (let b = it.c1; b < xs.length - 1; b++) {
      const byText = (ext[a][0] + ext[b][1]) / 2;
      const byBox = (xs[a] + xs[b + 1]) / 2;
      if (b - a > best[1] - best[0] && mid >= Math.min(byText, byBox) - em && mid <= Math.max(byText, byBox) + em) best = [a, b];
    }
  }
  return [{ ...it, c0: best[0], c1: best[1] }];
}

/** Each column's text extent over the rows: its single-column pieces, else its boundaries. */
function columnExtents(rows: Row[], xs: readonly number[]): [number, number][] {
  const ext = xs.slice(0, -1).map((): [number, number] => [Infinity, -Infinity]);
  for (const row of rows) {
    for (const it of row.lines.flatMap((pl) => pl.items)) {
      if (it.c0 !== it.c1) continue;
      ext[it.c0][0] = Math.min(ext[it.c0][0], it.seg.x0);
      ext[it.c0][1] = Math.max(ext[it.c0][1], it.seg.x1);
    }
  }
  return ext.map(([a, b], c) => (a <= b ? [a, b] : [xs[c], xs[c + 1]]));
}

function rowsToTable(rows: Row[], xs: number[], pageNumber: number): PageTable {
  const nCols = xs.length - 1;
  const cells: PageCell[] = [];
  const rowBoxes: BBox[] = rows.map((r) => [xs[0], r.top, xs[nCols], r.bottom]);
  const ext = columnExtents(rows, xs);
  rows.forEach((row, r) => {
    const items = centredHeading(rowItems(row, xs), xs, ext);
    const byRange = new Map<string, Placed[]>();
    for (const it of items) {
      const key = `${it.c0}:${it.c1}`;
      byRange.set(key, [...(byRange.get(key) ?? []), it]);
    }
    const covered = new Set<number>();
    for (const group of byRange.values()) {
      const { c0, c1 } = group[0];
      if ([...Array(c1 - c0 + 1).keys()].some((k) => covered.has(c0 + k))) continue;
      for (let c = c0; c <= c1; c++) covered.add(c);
      const runs = group.flatMap((g) => g.seg.runs);
      cells.push({
        row: r,
        col: c0,
        rowSpan: 1,
        colSpan: c1 - c0 + 1,
        text: cellText(runs),
        page: pageNumber,
        bbox: union(group.map((g) => segBox(g.seg))),
      });
    }
    for (let c = 0; c < nCols; c++) {
      if (covered.has(c)) continue;
      cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: '', page: pageNumber, bbox: [xs[c], row.top, xs[c + 1], row.bottom] });
    }
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  const bbox = union(cells.filter((c) => c.text).map((c) => c.bbox));
  return { page: pageNumber, bbox, nRows: rows.length, nCols, cells, rowBoxes, colXs: xs, warnings: [], finder: 'stream' };
}

// ---------------------------------------------------------------------------------------------
// Acceptance: what is a table and what is not

const LIST_MARKER = /^([•·▪◦●○■□◆◇►▸➢➤✓✔*\-–—‒]|\(?[0-9]{1,3}(\.[0-9]{1,3})*[.)]|[0-9]{1,3}(\.[0-9]{1,3})+|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])$/u;

/** A clause or sentence mark (not a thousands separator or decimal point between digits). */
const CLAUSE_MARK = /[，。；、！？]|[,;](?!\d)/u;

function words(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

/** Why a candidate is not a table, or null when it is one. */
export function rejectReason(table: PageTable, s: StreamSettings): string | null {
  if (table.nCols < s.minCols) return 'too few columns';
  if (table.nRows < s.minRows || (table.nCols === 2 && table.nRows < s.minRowsTwoCols)) return 'too few rows';
  // Rows whose lines reach into each other's (a cell's two lines centred on a row's one, at
  // half-line offsets) are one row of the print: the cell's lines are not rows of one cell each.
  const bandOf = printedRows(table, s);
  const nBands = bandOf[bandOf.length - 1] + 1;
  const bandSlots = Array.from({ length: nBands }, () => new Set<number>());
  for (const c of table.cells) {
    if (!c.text) continue;
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) bandSlots[bandOf[r]].add(k);
  }
  const multi = bandSlots.filter((cols) => cols.size >= 2).length;
  if (multi < Math.max(2, s.minMultiCellRows * nBands)) return 'too few rows with several cells';
  const filled = bandSlots.reduce((n, cols) => n + cols.size, 0);
  if (filled < s.minFill * nBands * table.nCols) return 'too sparse';
  // A bulleted or numbered list: markers in the first column, prose in the second.
  const first = table.cells.filter((c) => c.col === 0 && c.text);
  if (table.nCols === 2 && first.length >= 2 && first.filter((c) => LIST_MARKER.test(c.text)).length >= 0.8 * first.length) return 'list';
  // Prose in every column: a multi-column page layout, not a table.
  const wordy = Array.from({ length: table.nCols }, (_, col) => {
    const texts = table.cells.filter((c) => c.col === col && c.text).map((c) => words(c.text));
    return texts.length > 0 && median(texts) >= 6;
  });
  if (wordy.every(Boolean)) return 'prose columns';
  // Running text in every column, as scripts without word spaces print it: long pieces broken
  // mid-sentence, most holding a clause mark (two-column Chinese body text, issue 10 case 7).
  const sentences = Array.from({ length: table.nCols }, (_, col) => {
    const texts = table.cells.filter((c) => c.col === col && c.text).map((c) => c.text);
    const long = median(texts.map((t) => [...t.replace(/\s+/gu, '')].length)) >= s.proseCellChars;
    return texts.length > 0 && long && texts.filter((t) => CLAUSE_MARK.test(t) && /\p{L}/u.test(t)).length >= s.proseCellShare * texts.length;
  });
  if (sentences.every(Boolean)) return 'running text in every column';
  return null;
}

/** For each row, the printed row it belongs to: rows whose boxes overlap by more than `tightOverlap` of a line are one. */
function printedRows(table: PageTable, s: StreamSettings): number[] {
  const out: number[] = [];
  let bottom = -Infinity;
  table.rowBoxes.forEach(([, top, , rowBottom], r) => {
    const joins = r > 0 && bottom - top > s.tightOverlap * (rowBottom - top);
    out.push(joins ? out[r - 1] : r > 0 ? out[r - 1] + 1 : 0);
    bottom = joins ? Math.max(bottom, rowBottom) : rowBottom;
  });
  return out;
}

/** Largest share of values that fall within `tol` of each other. */
function clusterShare(values: number[], tol: number): number {
  const v = [...values].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < v.length; i++) {
    while (v[i] - v[j] > 2 * tol) j++;
    best = Math.max(best, i - j + 1);
  }
  return v.length ? best / v.length : 0;
}

/**
 * Columns whose cells share no left edge, right edge or centre: words that happen to leave
 * gaps (justified prose, chart labels), not table columns. Returns the first such column.
 */
export function unalignedColumn(placed: PlacedLine[], nCols: number, s: StreamSettings): number {
  for (let c = 0; c < nCols; c++) {
    const items = placed.flatMap((pl) => pl.items.filter((it) => it.c0 === c && it.c1 === c).slice(0, 1));
    if (items.length < s.alignMinCells) continue;
    const em = median(items.map((it) => it.seg.fontSize)) || 10;
    const tol = s.alignTolerance * em;
    const share = Math.max(
      clusterShare(items.map((it) => it.seg.x0), tol),
      clusterShare(items.map((it) => it.seg.x1), tol),
      clusterShare(items.map((it) => (it.seg.x0 + it.seg.x1) / 2), tol),
    );
    if (share * items.length < Math.max(2, s.minAlignedShare * items.length)) return c;
    if (unalignedFigures(items, tol, s)) return c;
  }
  return -1;
}

/**
 * A column of figures only (`alignMinCells` × 2 or more) whose figures share no edge or centre in
 * `minFigureAlignedShare` of its rows: values printed at the ends of a chart's bars, half of
 * which may line up by chance, not a table's figures, which keep one alignment in every row.
 */
function unalignedFigures(items: Placed[], tol: number, s: StreamSettings): boolean {
  const figures = items.filter((it) => FIGURE.test(it.seg.runs.map((r) => r.text).join('').trim()));
  if (figures.length < 2 * s.alignMinCells || figures.length < items.length) return false;
  const share = Math.max(
    clusterShare(figures.map((it) => it.seg.x0), tol),
    clusterShare(figures.map((it) => it.seg.x1), tol),
    clusterShare(figures.map((it) => (it.seg.x0 + it.seg.x1) / 2), tol),
  );
  return share < s.minFigureAlignedShare;
}

/**
 * The lines column alignment is judged on: under a first line that heads every column, one
 * word in each, none a figure (a header, whose cells are centred over their columns whatever
 * the body's alignment: `指标名称` over names set flush left at indents; a chart's labels pair
 * words with figures), else all.
 */
function underHeadLine(placed: PlacedLine[], xs: number[], rules: [number, number, number][], s: StreamSettings): PlacedLine[] {
  const nCols = xs.length - 1;
  const head = placed[0];
  const headsEvery = head && head.items.length === nCols && head.items.every((it, c) => it.c0 === c && it.c1 === c && !FIGURE.test(it.seg.runs.map((r) => r.text).join('').trim()));
  return headsEvery && !bodyRuled(placed.slice(1), xs, rules, s) ? placed.slice(1) : placed;
}

/**
 * Rules part the body's lines (a frame ruled under every row): its header is the frame's to
 * restack (readings.ts), not a line to leave out here.
 */
function bodyRuled(body: PlacedLine[], xs: number[], rules: [number, number, number][], s: StreamSettings): boolean {
  return body.some((p, i) => i > 0 && ruledBetween(rules, body[i - 1].line.bottom - 0.5, p.line.top + 0.5 * (p.line.bottom - p.line.top), xs, s));
}

function regionToTable(region: { lines: Line[]; xs: number[] }, pageNumber: number, rules: [number, number, number][], s: StreamSettings): PageTable[] {
  const placed = region.lines.map((l) => placeLine(l, region.xs));
  if (unalignedColumn(underHeadLine(placed, region.xs, rules, s), region.xs.length - 1, s) >= 0) return [];
  const out: PageTable[] = [];
  for (const part of splitAtCaptions(buildRows(placed, region.xs, rules, s)).flatMap(splitAtRepeatedHeader)) {
    const rows = trimTrailingSpans(trimNotes(part));
    if (rows.length === 0) continue;
    const table = rowsToTable(rows, region.xs, pageNumber);
    if (!rejectReason(table, s)) out.push(table);
  }
  return out;
}
