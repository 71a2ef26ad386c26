// What the page itself says about which pieces of text share a cell, independent of any
// reading: the evidence the arbiter (arbiter.ts) scores every candidate reading against.
//
//   pageText (once per page) → regionEvidence (per contested region):
//   vertical pairs (a piece and the piece right below it) and horizontal pairs (neighbouring
//   pieces of one line), each with signed weights: > 0 says "different cells", < 0 "one cell".

import type { BBox, PdfPage, TextRun } from '../model/layout.ts';
import type { ArbiterSettings } from './arbiter-settings.ts';
import { buildLines, wrapsInto, type Line, type Segment } from './stream-lines.ts';
import type { StreamSettings } from './stream-settings.ts';
import { joinedRulings } from './stream.ts';

/** A horizontal rule [y, x0, x1] or vertical rule [x, y0, y1], pieces joined. */
export type Rule = [number, number, number];

export interface PageText {
  page: PdfPage;
  lines: Line[];
  hRules: Rule[];
  vRules: Rule[];
}

/** The page's visual lines and rules, built once and shared by every region of the page. */
export function pageText(page: PdfPage, stream: StreamSettings): PageText {
  const runs = page.runs.filter((r) => r.text.trim() !== '');
  const vRules = joinedRulings(page.rulings, 'v');
  return { page, lines: buildLines(runs, stream, vRules), hRules: joinedRulings(page.rulings, 'h'), vRules };
}

/** A piece of text: a line segment (the words of one cell on one line). */
export interface Piece {
  seg: Segment;
  /** Index of its line in the region's lines. */
  line: number;
}

export type Term = 'rule' | 'parallel' | 'unruled' | 'leading' | 'centred' | 'wrap' | 'numbers' | 'column' | 'spans';

export interface Pair {
  /** Vertical pairs: the two pieces (each the pieces of one line that one step of a column joins). */
  pieces?: [Segment, Segment];
  /** Vertical pairs: the pieces' runs; horizontal pairs: two neighbouring runs of one line. */
  a: TextRun[];
  b: TextRun[];
  /** Signed weight per term: > 0 different cells, < 0 one cell. */
  terms: Partial<Record<Term, number>>;
  weight: number;
}

export interface RegionEvidence {
  region: BBox;
  /** The page's horizontal rules (for pieces a reading joins that no pair relates). */
  hRules: Rule[];
  pieces: Piece[];
  vertical: Pair[];
  horizontal: Pair[];
  /** Pieces one above the other in one aligned column, blank lines between them or not: weight > 0 says "one table". */
  membership: Pair[];
  /** A heading and each piece of the next line it is centred over: weight > 0 says "its cell spans their columns". */
  spanning: Pair[];
  /** Share of the region's row steps (parallel pairs) that a rule separates. */
  ruledShare: number;
}

const cx = (s: { x0: number; x1: number }) => (s.x0 + s.x1) / 2;
const cy = (s: { top: number; bottom: number }) => (s.top + s.bottom) / 2;
const overlapX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
const inside = (box: BBox, x: number, y: number) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];

/** A horizontal rule between two pieces one above the other, covering half their common (or, when they do not overlap, joint) width. */
export function ruledApart(hRules: readonly Rule[], upper: { x0: number; x1: number; top: number; bottom: number }, lower: { x0: number; x1: number; top: number; bottom: number }): boolean {
  const common = overlapX(upper, lower) > 0;
  const x0 = common ? Math.max(upper.x0, lower.x0) : Math.min(upper.x0, lower.x0);
  const x1 = common ? Math.min(upper.x1, lower.x1) : Math.max(upper.x1, lower.x1);
  return ruleCover(hRules, cy(upper), cy(lower), x0, x1) >= 0.5;
}

/** Covered length of [a, b] by rules at positions strictly between lo and hi. */
function ruleCover(rules: readonly Rule[], lo: number, hi: number, a: number, b: number): number {
  let best = 0;
  for (const [pos, r0, r1] of rules) if (pos > lo && pos < hi) best = Math.max(best, Math.min(b, r1) - Math.max(a, r0));
  return b > a ? best / (b - a) : 0;
}

const NUMBER = /^[-−–+(]?[$€£¥]?\d[\d,.'\u00A0\u202F]*%?\)?$/u;

/** The evidence of the text whose centre lies in `region`. */
export function regionEvidence(text: PageText, region: BBox, s: ArbiterSettings): RegionEvidence {
  const lines: Segment[][] = [];
  for (const line of text.lines) {
    const segs = line.segments.filter((seg) => inside(region, cx(seg), cy(seg)));
    if (segs.length) lines.push(segs);
  }
  const pieces: Piece[] = lines.flatMap((segs, line) => segs.map((seg) => ({ seg, line })));
  const { pairs: vertical, ruledShare } = verticalPairs(lines, text, region, s);
  const membership = membershipPairs(lines, s);
  return { region, hRules: text.hRules, pieces, vertical, horizontal: horizontalPairs(lines, text, s), membership, spanning: spanningPairs(lines, new Set(membership.map((m) => m.a)), s), ruledShare };
}

interface RawPair {
  a: Segment;
  b: Segment;
  la: number;
  lb: number;
  ruled: boolean;
  parallel: boolean;
  centred: boolean;
  wrap: boolean;
}

function verticalPairs(lines: Segment[][], text: PageText, region: BBox, s: ArbiterSettings): { pairs: Pair[]; ruledShare: number } {
  // Edges: a piece and the pieces of the next line below it that overlap it horizontally.
  const edges: { a: Segment; b: Segment; la: number; lb: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (const a of lines[i]) {
      const h = a.bottom - a.top || a.fontSize;
      for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
        const below = lines[j].filter((b) => overlapX(a, b) > 0);
        if (below.length === 0) continue;
        for (const b of below) if (b.top - a.bottom <= s.maxPairGap * h) edges.push({ a, b, la: i, lb: j });
        break;
      }
    }
  }
  // One pair per connected group of edges between two lines: the words of one justified cell
  // line and the words below them are one step of one column, not many.
  const raw: RawPair[] = [];
  const byLines = new Map<string, typeof edges>();
  for (const e of edges) byLines.set(`${e.la}:${e.lb}`, [...(byLines.get(`${e.la}:${e.lb}`) ?? []), e]);
  for (const group of byLines.values()) {
    const segs = [...new Set(group.flatMap((e) => [e.a, e.b]))];
    const parent = new Map(segs.map((seg) => [seg, seg]));
    const find = (x: Segment): Segment => (parent.get(x) === x ? x : find(parent.get(x)!));
    for (const e of group) parent.set(find(e.a), find(e.b));
    const comps = new Map<Segment, { upper: Set<Segment>; lower: Set<Segment> }>();
    for (const e of group) {
      const root = find(e.a);
      const c = comps.get(root) ?? { upper: new Set(), lower: new Set() };
      c.upper.add(e.a);
      c.lower.add(e.b);
      comps.set(root, c);
    }
    const { la, lb } = group[0];
    const pairs = [...comps.values()].map((c) => {
      const a = mergeSegments([...c.upper]);
      const b = mergeSegments([...c.lower]);
      return { a, b, la, lb, ruled: ruledApart(text.hRules, a, b), parallel: false, centred: centredBetween(a, b, lines, s), wrap: false };
    });
    for (const p of pairs) p.parallel = pairs.some((q) => q !== p && apart(hull(p), hull(q), s.alignEm * p.a.fontSize));
    raw.push(...pairs);
  }
  markWraps(raw, s);
  const parallelPairs = raw.filter((p) => p.parallel);
  const basis = parallelPairs.length ? parallelPairs : raw;
  const ruledShare = basis.length ? basis.filter((p) => p.ruled).length / basis.length : 0;
  // Rows are ruled only where the region's rules run: text beside them (row labels outside a grid
  // that encloses the figures) has no rule to miss.
  const underRules = (p: RawPair) => {
    const x0 = Math.max(p.a.x0, p.b.x0);
    const x1 = Math.min(p.a.x1, p.b.x1);
    return ruleCover(text.hRules, region[1] - 1, region[3] + 1, x1 > x0 ? x0 : Math.min(p.a.x0, p.b.x0), x1 > x0 ? x1 : Math.max(p.a.x1, p.b.x1)) >= 0.5;
  };
  const lead = leadingOf(raw, s);
  const pairs = raw.map((p) => {
    const terms: Partial<Record<Term, number>> = {};
    if (p.ruled) terms.rule = s.rule;
    else if (ruledShare > 0 && underRules(p)) terms.unruled = -s.unruled * ruledShare;
    if (!p.ruled && lead.share > 0 && lead.atPitch(p)) terms.leading = -s.leading * lead.share;
    if (p.parallel) terms.parallel = s.parallel;
    if (p.centred) terms.centred = -s.centred;
    if (p.wrap) terms.wrap = -s.wrap;
    return { pieces: [p.a, p.b] as [Segment, Segment], a: p.a.runs, b: p.b.runs, terms, weight: sum(terms) };
  });
  return { pairs, ruledShare };
}

/**
 * The region's line pitch (the smallest step from a line to the next, lines of one cell) and the
 * share of its rows of figures (parallel steps from figures to figures) that stand further apart
 * than that by their cell padding: where rows are parted by padding, a step at the line pitch
 * is a line of the same cell (a header cell of five lines bottom-aligned beside cells of one, a
 * wrapped row label), like a missing rule where rows are ruled.
 */
function leadingOf(raw: readonly RawPair[], s: ArbiterSettings): { share: number; atPitch: (p: RawPair) => boolean } {
  const step = (p: RawPair) => cy(p.b) - cy(p.a);
  const em = (p: RawPair) => Math.max(p.a.fontSize, p.b.fontSize, 1);
  const steps = raw.filter((p) => Math.abs(p.a.fontSize - p.b.fontSize) < 0.5 && step(p) >= 0.9 * em(p));
  if (steps.length === 0) return { share: 0, atPitch: () => false };
  const pitch = Math.min(...steps.map(step));
  const rows = raw.filter((p) => p.parallel && figure(p.a) && figure(p.b));
  const spaced = rows.filter((p) => step(p) >= pitch + s.leadingGapEm * em(p)).length;
  const share = rows.length ? spaced / rows.length : 0;
  return { share: share >= s.leadingMinShare ? share : 0, atPitch: (p) => steps.includes(p) && step(p) <= pitch + s.leadingPitchEm * em(p) };
}

const sum = (terms: Partial<Record<Term, number>>) => Object.values(terms).reduce((x: number, y) => x + (y ?? 0), 0);

/** Pieces of one line taken together, left to right. */
function mergeSegments(segs: Segment[]): Segment {
  if (segs.length === 1) return segs[0];
  const sorted = [...segs].sort((x, y) => x.x0 - y.x0);
  return {
    x0: sorted[0].x0,
    x1: Math.max(...sorted.map((x) => x.x1)),
    top: Math.min(...sorted.map((x) => x.top)),
    bottom: Math.max(...sorted.map((x) => x.bottom)),
    runs: sorted.flatMap((x) => x.runs),
    fontSize: Math.max(...sorted.map((x) => x.fontSize)),
  };
}

/** Horizontal extent of a pair. */
const hull = (p: { a: Segment; b: Segment }) => ({ x0: Math.min(p.a.x0, p.b.x0), x1: Math.max(p.a.x1, p.b.x1) });

/** Two extents with at least `gap` of blank between them. */
const apart = (a: { x0: number; x1: number }, b: { x0: number; x1: number }, gap: number) => overlapX(a, b) <= -gap;

/** Both pieces start, end or are centred at one x: one column's text (flush left, flush right or centred). */
function aligned(a: Segment, b: Segment, s: ArbiterSettings): boolean {
  const tol = s.alignEm * Math.max(a.fontSize, b.fontSize, 1);
  return Math.abs(a.x0 - b.x0) <= tol || Math.abs(a.x1 - b.x1) <= tol || Math.abs(cx(a) - cx(b)) <= tol;
}


/**
 * Wrapped text: a and b belong to one column of aligned pieces (chained by vertical pairs), a
 * is text (not a number), and the first word of b would not have fitted at the end of a within
 * that column's width — so the producer broke the line, inside one cell.
 */
function markWraps(raw: RawPair[], s: ArbiterSettings): void {
  const segs = [...new Set(raw.flatMap((p) => [p.a, p.b]))];
  const id = new Map(segs.map((seg, i) => [seg, i]));
  const parent = segs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const p of raw) if (aligned(p.a, p.b, s)) parent[find(id.get(p.a)!)] = find(id.get(p.b)!);
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  segs.forEach((seg, i) => {
    const r = find(i);
    left.set(r, Math.min(left.get(r) ?? Infinity, seg.x0));
    right.set(r, Math.max(right.get(r) ?? -Infinity, seg.x1));
  });
  const column = (p: RawPair) => find(id.get(p.a)!);
  for (const p of raw) {
    const r = column(p);
    p.wrap = wrapsInto(p.a, p.b, right.get(r)! - left.get(r)!, s.alignEm);
  }
  // A wrapped line follows at its column's line pitch: a step wider than the column's tightest
  // wrap by the cell padding crosses a border (labels of a column two characters wide wrap at
  // every line, inside cells and across them alike).
  const pitch = new Map<number, number>();
  const step = (p: RawPair) => cy(p.b) - cy(p.a);
  for (const p of raw) if (p.wrap) pitch.set(column(p), Math.min(pitch.get(column(p)) ?? Infinity, step(p)));
  for (const p of raw) if (p.wrap && step(p) > pitch.get(column(p))! + s.leadingGapEm * Math.max(p.a.fontSize, 1)) p.wrap = false;
}

/**
 * A single line of another column centred between a and b: its centre off both lines' centres
 * by `centredOffset` of a line or more, and no other piece of its column within a–b's height.
 */
function centredBetween(a: Segment, b: Segment, lines: Segment[][], s: ArbiterSettings): boolean {
  const h = Math.max(a.bottom - a.top, b.bottom - b.top, 1);
  const lo = cy(a) + s.centredOffset * h;
  const hi = cy(b) - s.centredOffset * h;
  if (hi <= lo) return false;
  for (const segs of lines) {
    for (const c of segs) {
      const y = cy(c);
      if (y <= lo || y >= hi || overlapX(c, a) > 0 || overlapX(c, b) > 0) continue;
      const alone = !lines.some((other) => other.some((d) => d !== c && overlapX(d, c) > 0 && d.bottom > a.top && d.top < b.bottom));
      if (alone) return true;
    }
  }
  return false;
}

/**
 * Each piece and the nearest piece below it that overlaps it horizontally, up to
 * `maxGroupGap` line heights away (blank lines parting row groups): when both start at one x,
 * end at one x or are centred on one x, they are one column of one table.
 */
function membershipPairs(lines: Segment[][], s: ArbiterSettings): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (const a of lines[i]) {
      const h = a.bottom - a.top || a.fontSize;
      const tol = s.columnAlignEm * a.fontSize;
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j][0].top - a.bottom > s.maxGroupGap * h) break;
        const below = lines[j].filter((b) => overlapX(a, b) > 0);
        if (below.length === 0) continue;
        for (const b of below) {
          const together = Math.abs(a.x0 - b.x0) <= tol || Math.abs(a.x1 - b.x1) <= tol || Math.abs(cx(a) - cx(b)) <= tol;
          if (together) out.push({ a: a.runs, b: b.runs, terms: { column: s.column }, weight: s.column });
        }
        break;
      }
    }
  }
  return out;
}

/**
 * A piece and the pieces of the line right below it that lie between it and its neighbours
 * (halfway to them), when there are two or more column heads (each with a piece aligned under
 * it), a column gap apart, and their extent is centred on it: a group heading over its columns
 * (issue 10, case 6).
 */
/** A figure of the body, not a column head (a year heads its column). */
const figure = (seg: Segment) => {
  // Thousands grouped by a space (`7 374.9`) are one figure.
  const text = seg.runs.map((r) => r.text).join('').trim().replace(/(\d) (?=\d{3}(?!\d))/gu, '$1');
  return NUMBER.test(text) && !/^(19|20)\d\d$/u.test(text);
};

/**
 * The pieces under line i that may be column heads: those of the next line, and of the line
 * after it where nothing of the next line stands above them (column heads of one header row
 * bottom-aligned, some wrapped onto two lines: `同比增` / `长` beside `合计`).
 */
function headsBelow(lines: Segment[][], i: number, s: ArbiterSettings): Segment[] {
  const next = lines[i + 1];
  const after = lines[i + 2];
  if (!after) return next;
  const h = Math.max(...next.map((g) => g.bottom - g.top), 1);
  if (after[0].top - Math.max(...next.map((g) => g.bottom)) > s.spanLineGap * h) return next;
  const under = after.filter((b) => !next.some((n) => overlapX(n, b) > 0));
  return under.length ? [...next, ...under].sort((x, y) => x.x0 - y.x0) : next;
}

function spanningPairs(lines: Segment[][], heads: ReadonlySet<TextRun[]>, s: ArbiterSettings): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i];
    const below = headsBelow(lines, i, s);
    line.forEach((a, k) => {
      const h = a.bottom - a.top || a.fontSize;
      if (lines[i + 1][0].top - a.bottom > s.spanLineGap * h) return;
      // Flush with the one piece right under it: a line of a stacked cell (`本年` / `平均工资` /
      // `比上年` set flush right), not a heading over columns. Over two or more pieces, it is no
      // line of either's cell, whichever edge it happens to share.
      const flush = s.stackedFlushEm * a.fontSize;
      const sameSize = (b: Segment) => Math.abs(b.fontSize - a.fontSize) < s.cellSizeShare * a.fontSize;
      const under = lines[i + 1].filter((b) => overlapX(a, b) > 0);
      if (under.length === 1 && sameSize(under[0]) && (Math.abs(a.x0 - under[0].x0) <= flush || Math.abs(a.x1 - under[0].x1) <= flush)) return;
      const left = k > 0 ? (line[k - 1].x1 + a.x0) / 2 : -Infinity;
      const right = k + 1 < line.length ? (a.x1 + line[k + 1].x0) / 2 : Infinity;
      // Column heads: pieces with an aligned piece below them.
      const within = below.filter((b) => cx(b) > left && cx(b) < right && heads.has(b.runs) && !figure(b));
      // The widest run of consecutive pieces centred on the heading and wider than it.
      let best: Segment[] = [];
      for (let p = 0; p < within.length; p++) {
        for (let q = p + 1; q < within.length; q++) {
          const x0 = within[p].x0;
          const x1 = within[q].x1;
          // Cells of their own: each a column gap apart (the words of a wrapped line are not).
          if (within.slice(p + 1, q + 1).some((b, m) => b.x0 - within[p + m].x1 < s.spanGapEm * b.fontSize)) break;
          // Right- or left-aligned figures stand off their cells' centres: a quarter of the run's width.
          const tol = Math.max(s.alignEm * a.fontSize, 0.25 * (x1 - x0));
          if (q - p + 1 > best.length && x1 - x0 > a.x1 - a.x0 && Math.abs((x0 + x1) / 2 - cx(a)) <= tol) best = within.slice(p, q + 1);
        }
      }
      // A heading whose text goes on in the next line (a piece starting where it starts, under
      // most of it) is the first line of a wrapped cell, standing above a row of other cells
      // centred against it: no heading of theirs (unless set in another size).
      if (best.some((b) => sameSize(b) && Math.abs(b.x0 - a.x0) <= s.alignEm * a.fontSize && overlapX(a, b) >= 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0))) return;
      for (const b of best) out.push({ a: a.runs, b: b.runs, terms: { spans: s.spans }, weight: s.spans });
    });
  }
  return out;
}

function horizontalPairs(lines: Segment[][], text: PageText, s: ArbiterSettings): Pair[] {
  const out: Pair[] = [];
  for (const segs of lines) {
    const runs = segs.flatMap((seg) => seg.runs);
    for (let i = 1; i < runs.length; i++) {
      const a = runs[i - 1];
      const b = runs[i];
      const terms: Partial<Record<Term, number>> = {};
      const y = (a.bbox[1] + a.bbox[3]) / 2;
      const h = a.bbox[3] - a.bbox[1];
      if (text.vRules.some(([x, y0, y1]) => x > a.bbox[2] - 1 && x < b.bbox[0] + 1 && y0 <= y - 0.25 * h && y1 >= y + 0.25 * h)) terms.rule = s.rule;
      const em = Math.max(a.fontSize, b.fontSize, 1);
      if (b.bbox[0] - a.bbox[2] >= s.numberGapEm * em && NUMBER.test(a.text.trim()) && NUMBER.test(b.text.trim())) terms.numbers = s.numbers;
      const weight = sum(terms);
      if (weight !== 0) out.push({ a: [a], b: [b], terms, weight });
    }
  }
  return out;
}
