// Columns of a table whose header is ruled off (a 三线表, a table ruled under its header): every
// column has a head in the band between the top rule and the rule under the header, so the
// lowest header cells (leaves) say how many columns there are and roughly where; the body's
// text says where exactly the boundary between two heads lies (the widest blank stretch between
// them). A column whose body is empty on a page (the 序号 column under a run of indicator rows)
// or holds text in one line only keeps its boundary, where the borderless finder's whitespace
// rivers would merge it into its neighbour.

import type { BBox } from '../model/layout.ts';
import { withoutEndBlanks } from './assign-text.ts';
import type { PageText } from './evidence.ts';
import { DEFAULT_HEADER_BAND, splitAtGaps, stacksOf } from './header-band.ts';
import type { Segment } from './stream-lines.ts';

interface Extent {
  x0: number;
  x1: number;
}

/**
 * Column boundaries (nCols + 1 values, outer edges included) of the region `box` whose header
 * band lies between `box[1]` and `headerRule`, or null when the band has fewer than two heads.
 * `before`: the boundaries of the table this region continues (the previous page's, read in a
 * frame as wide), kept where one lies between the same two heads and no body text crosses it: a
 * page of a few body rows leaves two blank stretches between a narrow head and the next (the
 * 序号 head, one name indented under 指标名称), the previous page's fuller body tells which.
 */
export function headerColumns(text: PageText, box: BBox, headerRule: number, before?: readonly number[]): number[] | null {
  const inBand = (seg: Segment, top: number, bottom: number) => {
    const cx = (seg.x0 + seg.x1) / 2;
    const cy = (seg.top + seg.bottom) / 2;
    return cy > top && cy < bottom && cx >= box[0] && cx <= box[2];
  };
  const band: Segment[] = [];
  const body: Segment[] = [];
  for (const line of text.lines) {
    for (const seg of line.segments) {
      if (inBand(seg, box[1], headerRule)) band.push(...splitAtGaps(seg, DEFAULT_HEADER_BAND));
      else if (inBand(seg, headerRule, box[3])) body.push(...splitAtGaps(seg, DEFAULT_HEADER_BAND).map(inkOf));
    }
  }
  const stacks: (Extent & { top: number; bottom: number })[] = stacksOf(band, DEFAULT_HEADER_BAND).map((g) => ({
    x0: Math.min(...g.map((s) => s.x0)),
    x1: Math.max(...g.map((s) => s.x1)),
    top: Math.min(...g.map((s) => s.top)),
    bottom: Math.max(...g.map((s) => s.bottom)),
  })).filter((st, _, all) => !all.some((o) => o !== st && o.top >= st.bottom - 1 && Math.min(o.x1, st.x1) > Math.max(o.x0, st.x0)));
  // Leaves left to right; leaves that overlap are one head (pieces of one cell side by side).
  const heads: Extent[] = [];
  for (const leaf of [...stacks].sort((a, b) => a.x0 - b.x0)) {
    const last = heads[heads.length - 1];
    if (last && leaf.x0 < last.x1) last.x1 = Math.max(last.x1, leaf.x1);
    else heads.push({ x0: leaf.x0, x1: leaf.x1 });
  }
  if (heads.length < 2) return null;
  const xs = [Math.min(box[0], ...body.map((s) => s.x0), heads[0].x0)];
  const kept = before?.length === heads.length + 1 ? before : undefined;
  for (let i = 1; i < heads.length; i++) xs.push(keptBoundary(heads[i - 1], heads[i], body, kept?.[i]) ?? boundaryBetween(heads[i - 1], heads[i], body));
  xs.push(Math.max(box[2], ...body.map((s) => s.x1), heads[heads.length - 1].x1));
  return xs;
}

/**
 * A body piece's extent without the blanks at its ends: a line a wrap ended with a blank
 * (`确定就业见习里程 `) reaches into the gap before the next column, where the boundary lies.
 * Body lines are cut into pieces at the gaps the header band is cut at: two cells' text a
 * narrow gap apart (`定公益性岗位办理 共性指标`) is one segment of the line, which would cover
 * the gap between their columns.
 */
function inkOf(seg: Segment): Segment {
  const first = withoutEndBlanks(seg.runs[0]);
  const last = withoutEndBlanks(seg.runs[seg.runs.length - 1]);
  return { ...seg, x0: Math.max(seg.x0, first.bbox[0]), x1: Math.min(seg.x1, last.bbox[2]) };
}

/** `x` when it lies between the two heads and no body piece crosses it. */
function keptBoundary(left: Extent, right: Extent, body: readonly Segment[], x: number | undefined): number | undefined {
  if (x === undefined || x <= left.x1 || x >= right.x0) return undefined;
  return body.some((s) => s.x0 < x && s.x1 > x) ? undefined : x;
}

/**
 * Where the boundary between two neighbouring heads lies: the middle of the widest stretch
 * between them that the fewest body pieces cover.
 */
function boundaryBetween(left: Extent, right: Extent, body: readonly Segment[]): number {
  const lo = left.x1;
  const hi = right.x0;
  if (hi <= lo) return (lo + hi) / 2;
  const edges = [...new Set([lo, hi, ...body.flatMap((s) => [s.x0, s.x1]).filter((x) => x > lo && x < hi)])].sort((a, b) => a - b);
  let best: { count: number; x0: number; x1: number } | null = null;
  let run: { count: number; x0: number; x1: number } | null = null;
  for (let i = 0; i + 1 < edges.length; i++) {
    const mid = (edges[i] + edges[i + 1]) / 2;
    const count = body.filter((s) => s.x0 < mid && s.x1 > mid).length;
    if (run && run.count === count) run.x1 = edges[i + 1];
    else run = { count, x0: edges[i], x1: edges[i + 1] };
    if (!best || run.count < best.count || (run.count === best.count && run.x1 - run.x0 > best.x1 - best.x0)) best = { ...run };
  }
  return best ? (best.x0 + best.x1) / 2 : (lo + hi) / 2;
}
