// Stream finder, step 2: column boundaries from whitespace rivers.
//
// Over a block of lines, count for every x how many segments cover it. A column gap is a
// stretch, bounded by text on both sides, that (almost) no segment covers: a few crossings
// are allowed so that a header cell spanning several columns does not hide the gap. The
// boundary goes in the middle of the least-covered part of the stretch.

import { FIGURE, median, type Line, type Segment } from './stream-lines.ts';
import type { StreamSettings } from './stream-settings.ts';

export interface Columns {
  /** Left edge of the block, the boundaries between columns, right edge: nCols + 1 values. */
  xs: number[];
}

interface Interval {
  x0: number;
  x1: number;
  count: number;
}

/** Elementary intervals between segment edges, with how many segments cover each. */
function coverage(segments: readonly Segment[]): Interval[] {
  const edges = [...new Set(segments.flatMap((s) => [s.x0, s.x1]))].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const x0 = edges[i];
    const x1 = edges[i + 1];
    const mid = (x0 + x1) / 2;
    let count = 0;
    for (const s of segments) if (s.x0 < mid && s.x1 > mid) count++;
    out.push({ x0, x1, count });
  }
  return out;
}

/** A vertical rule [x, y0, y1]. */
type VRule = readonly [number, number, number];

/** Column boundaries of a block; `xs.length === 2` means one column. */
export function findColumns(lines: readonly Line[], settings: StreamSettings, vRules: readonly VRule[] = [], loose: readonly Line[] = []): Columns {
  const segments = lines.flatMap((l) => l.segments);
  if (segments.length === 0) return { xs: [0, 0] };
  const minX = Math.min(...segments.map((s) => s.x0));
  const maxX = Math.max(...segments.map((s) => s.x1));
  const em = median(segments.map((s) => s.fontSize)) || 10;
  const allowed = lines.length >= 4 ? Math.max(1, Math.floor(settings.maxGapCrossing * lines.length)) : 0;
  const cover = coverage(segments);
  const boundaries: number[] = [];
  let i = 0;
  while (i < cover.length) {
    if (cover[i].count > allowed) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < cover.length && cover[j + 1].count <= allowed) j++;
    const region = cover.slice(i, j + 1);
    const x0 = region[0].x0;
    const x1 = region[region.length - 1].x1;
    const rivers = sparseColumnGaps(region, minX, maxX, settings.minColumnGap * em);
    if (rivers.length > 0) {
      for (const river of rivers) boundaries.push(freeMiddle(river, loose, settings.minColumnGap * em));
    } else if (x0 > minX && x1 < maxX && x1 > x0 && (x1 - x0 >= settings.minColumnGap * em || forcedGap(lines, x0, x1, settings))) {
      // The least-covered stretch (merging adjacent equal intervals), widest first.
      const least = Math.min(...region.map((r) => r.count));
      let best: [number, number] | null = null;
      let k = 0;
      while (k < region.length) {
        if (region[k].count !== least) {
          k++;
          continue;
        }
        let m = k;
        while (m + 1 < region.length && region[m + 1].count === least) m++;
        const span: [number, number] = [region[k].x0, region[m].x1];
        if (!best || span[1] - span[0] > best[1] - best[0]) best = span;
        k = m + 1;
      }
      if (best) boundaries.push(freeMiddle(best, loose, settings.minColumnGap * em));
    }
    i = j + 1;
  }
  return pruneColumns({ xs: [minX, ...ruledBoundaries(boundaries, lines, vRules, minX, maxX, em, settings), maxX] }, lines, settings);
}

/**
 * The blank stretches inside a stretch of few crossings that holds columns of its own: columns
 * of few lines (a level name per merged group, centred in its cells) cross no more lines than a
 * spanning header does, so the gaps beside them and they merge into one crossed stretch; where
 * that stretch holds two or more stretches no line covers, or it runs to the block's edge and
 * holds one, each of them (at least a column gap wide) is a column gap. Empty otherwise.
 */
function sparseColumnGaps(region: readonly Interval[], minX: number, maxX: number, minGap: number): [number, number][] {
  const blank: [number, number][] = [];
  for (let k = 0; k < region.length; k++) {
    if (region[k].count !== 0) continue;
    let m = k;
    while (m + 1 < region.length && region[m + 1].count === 0) m++;
    if (region[m].x1 - region[k].x0 >= minGap) blank.push([region[k].x0, region[m].x1]);
    k = m;
  }
  const atEdge = region[0].x0 <= minX || region[region.length - 1].x1 >= maxX;
  return blank.length >= 2 || (atEdge && blank.length === 1) ? blank : [];
}

/**
 * The middle of a gap's widest stretch that no loose line's text covers. The gap is found from
 * the lines of several cells; a line of one cell (a wrapped value's first line) may still reach
 * into it, and a boundary through that text would read it as spanning two columns. The free
 * stretch must be wide enough to be a column gap itself; else (a spanning cell, a label's last
 * line running past its column) the gap keeps its middle.
 */
function freeMiddle([x0, x1]: [number, number], loose: readonly Line[], minGap: number): number {
  const covers = loose
    .flatMap((l) => l.segments)
    .filter((seg) => seg.x1 > x0 && seg.x0 < x1)
    .map((seg) => [Math.max(x0, seg.x0), Math.min(x1, seg.x1)] as const)
    .sort((a, b) => a[0] - b[0]);
  let free: [number, number] | null = null;
  let at = x0;
  for (const [c0, c1] of [...covers, [x1, x1] as const]) {
    if (c0 > at && (!free || c0 - at > free[1] - free[0])) free = [at, c0];
    at = Math.max(at, c1);
  }
  return free && free[1] - free[0] >= minGap ? (free[0] + free[1]) / 2 : (x0 + x1) / 2;
}

/**
 * Vertical rules are column boundaries the producer drew (issue 10 case 4): every rule that runs
 * through `columnRuleLines` of the block's lines between the top and foot of its rules (3 or more) is one; a gap found in the text that lies inside a
 * ruled column and is crossed by text of that column (a wrapped label longer than the gap
 * analysis allowed for) is not.
 */
function ruledBoundaries(found: number[], lines: readonly Line[], vRules: readonly VRule[], minX: number, maxX: number, em: number, settings: StreamSettings): number[] {
  if (vRules.length === 0) return found;
  const reach = settings.minColumnGap * em;
  const crossed = (y0: number, y1: number) => lines.filter((l) => y0 <= (l.top + l.bottom) / 2 && y1 >= (l.top + l.bottom) / 2).length;
  // The share is of the lines in the ruled stretch (a title line above every rule is not ruled).
  const near = vRules.filter(([x]) => x > minX - reach && x < maxX + reach);
  const ruledLines = near.length ? crossed(Math.min(...near.map((r) => r[1])), Math.max(...near.map((r) => r[2]))) : lines.length;
  const through = near
    .filter(([, y0, y1]) => crossed(y0, y1) >= Math.max(3, settings.columnRuleLines * ruledLines))
    .map(([x]) => x);
  if (through.length === 0) return found;
  const walls = [...new Set(through)].sort((a, b) => a - b);
  const inner = walls.filter((x) => x > minX && x < maxX);
  const segments = lines.flatMap((l) => l.segments);
  const kept = found.filter((b) => {
    if (inner.some((x) => Math.abs(x - b) <= reach)) return false; // the rule itself stands there
    const left = walls.filter((x) => x < b).pop();
    const right = walls.find((x) => x > b);
    // A column between the frame's two sides only is no ruled column: the rivers decide there.
    if (left === undefined || right === undefined || !(inner.includes(left) || inner.includes(right))) return true;
    return !segments.some((seg) => seg.x0 >= left - 1 && seg.x1 <= right + 1 && seg.x0 < b && seg.x1 > b);
  });
  return [...kept, ...inner].sort((a, b) => a - b);
}

/**
 * Two figures either side of a gap, each a segment of its own: different cells, whatever the
 * gap (issue 10 case 4, numbers evidence). Parted by a word gap, `984` `842` are two figures, not
 * the groups of one (those are set a thin space apart, within one segment).
 */
function figuresAcross(left: Segment, right: Segment): boolean {
  const last = left.runs[left.runs.length - 1].text.trim().split(/\s+/u).pop() ?? '';
  const first = right.runs[0].text.trim().split(/\s+/u)[0] ?? '';
  return FIGURE.test(last) && FIGURE.test(first) && !first.startsWith('(');
}

/**
 * A gap narrower than a column gap is still one where the lines' own segments are parted across
 * it closer than a word gap allows: only a vertical rule or two figures side by side part them
 * so (lineSegments), i.e. the producer drew a column boundary or set two figures there — or two
 * figures stand either side of it (right-aligned figures of unequal widths leave a river
 * narrower than each line's own gap: monospace columns one space apart). At
 * least `minColumnLines` lines, and half of those with text on both sides, must say so.
 */
function forcedGap(lines: readonly Line[], x0: number, x1: number, settings: StreamSettings): boolean {
  let forced = 0;
  let both = 0;
  for (const line of lines) {
    const segs = line.segments;
    const k = segs.findIndex((t) => t.x0 >= x1 - 0.01);
    if (k <= 0 || segs[k - 1].x1 > x0 + 0.01) continue;
    both++;
    if (segs[k].x0 - segs[k - 1].x1 < settings.wordGap * Math.max(segs[k].fontSize, segs[k - 1].fontSize, 1) || figuresAcross(segs[k - 1], segs[k])) forced++;
  }
  return forced >= settings.minColumnLines && 2 * forced >= both;
}

/** Index of the column holding x. */
export function columnAt(xs: readonly number[], x: number): number {
  for (let c = 1; c < xs.length - 1; c++) if (x < xs[c]) return c - 1;
  return xs.length - 2;
}

/** Columns [c0, c1] a segment covers (it crosses a boundary only by more than a sliver). */
export function columnSpan(xs: readonly number[], seg: Pick<Segment, 'x0' | 'x1'>, slack: number): [number, number] {
  const c0 = columnAt(xs, seg.x0 + slack);
  const c1 = columnAt(xs, seg.x1 - slack);
  if (c1 < c0) {
    const c = columnAt(xs, (seg.x0 + seg.x1) / 2);
    return [c, c];
  }
  return [c0, c1];
}

/** Drops boundaries next to columns that hold text in too few lines. */
function pruneColumns(cols: Columns, lines: readonly Line[], settings: StreamSettings): Columns {
  let xs = cols.xs;
  const need = Math.min(settings.minColumnLines, lines.length);
  for (;;) {
    const n = xs.length - 1;
    if (n < 2) return { xs };
    const counts = new Array<number>(n).fill(0);
    for (const line of lines) {
      const hit = new Set<number>();
      for (const s of line.segments) {
        const [c0, c1] = columnSpan(xs, s, 1);
        for (let c = c0; c <= c1; c++) hit.add(c);
      }
      for (const c of hit) counts[c]++;
    }
    let worst = -1;
    for (let c = 0; c < n; c++) if (counts[c] < need && (worst < 0 || counts[c] < counts[worst])) worst = c;
    if (worst < 0) return { xs };
    // Merge the weak column into the neighbour across the narrower gap (the nearer text).
    const leftGap = worst > 0 ? xs[worst] : Infinity;
    const dropIdx = worst === 0 ? 1 : worst === n - 1 ? n - 1 : gapWidth(lines, xs[worst]) <= gapWidth(lines, xs[worst + 1]) ? worst : worst + 1;
    void leftGap;
    xs = xs.filter((_, i) => i !== dropIdx);
  }
}

/** Width of the blank stretch around a boundary (distance to the nearest text on either side). */
function gapWidth(lines: readonly Line[], x: number): number {
  let left = -Infinity;
  let right = Infinity;
  for (const l of lines) {
    for (const s of l.segments) {
      if (s.x1 <= x) left = Math.max(left, s.x1);
      else if (s.x0 >= x) right = Math.min(right, s.x0);
    }
  }
  return right - left;
}
