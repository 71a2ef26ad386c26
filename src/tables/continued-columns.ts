import type { BBox } from '../model/layout.ts';
import type { Line } from './stream-lines.ts';
import type { StreamSettings } from './stream-settings.ts';

/**
 * The previous page's column lines fitted to this page's text: a line that this page's text
 * runs across (a longer 三级 name than any on the page the lines were drawn from) moves into
 * the blank beside it, between the same two columns, when the text leaves one at least a column
 * gap wide there. Lines no text crosses stay; so do lines crossed by a piece alone on its line
 * (a heading centred across the columns) and lines with no blank to go to (text across a real
 * column boundary stays for the reading to judge).
 */
export function fitColumnsToText(xs: readonly number[], lines: readonly Line[], box: BBox, s: StreamSettings): number[] {
  const within = lines.filter((l) => l.top >= box[1] - 1 && l.bottom <= box[3] + 1 && l.segments.length > 1);
  const segs = within.flatMap((l) => l.segments).filter((g) => g.x0 >= box[0] - 1 && g.x1 <= box[2] + 1);
  const out = [...xs];
  for (let i = 1; i < xs.length - 1; i++) {
    const x = xs[i];
    const crossing = segs.filter((g) => g.x0 < x - 1 && g.x1 > x + 1);
    if (crossing.length === 0) continue;
    const em = Math.max(...crossing.map((g) => g.fontSize));
    // The blank stretches between the neighbouring lines.
    const lo = out[i - 1];
    const hi = xs[i + 1];
    const covered = segs.filter((g) => g.x1 > lo && g.x0 < hi).map((g) => [Math.max(g.x0, lo), Math.min(g.x1, hi)] as const).sort((a, b) => a[0] - b[0]);
    const blanks: [number, number][] = [];
    let at = lo;
    for (const [a, b] of covered) {
      if (a > at) blanks.push([at, a]);
      at = Math.max(at, b);
    }
    if (hi > at) blanks.push([at, hi]);
    const wide = blanks.filter(([a, b]) => b - a >= s.minColumnGap * em && a > lo && b < hi);
    if (wide.length === 0) continue;
    const mid = ([a, b]: readonly [number, number]) => (a + b) / 2;
    const nearest = wide.reduce((best, g) => (Math.abs(mid(g) - x) < Math.abs(mid(best) - x) ? g : best));
    out[i] = mid(nearest);
  }
  return out;
}
