// Regions framed by long horizontal rules of one extent: a 三线表 (a rule above the header, one
// under it, one at the bottom of each page fragment), or a table ruled only at its top and
// bottom. The borderless finder cuts such a table wherever a blank line parts its row groups;
// the frame says where it really begins and ends. Consecutive rules of one extent bound bands;
// a band holding one piece of text only is a caption between two tables and cuts the frame,
// unless it is a label row of the table (label-bands.ts).

import type { BBox } from '../model/layout.ts';
import type { PageText, Rule } from './evidence.ts';
import type { Segment } from './stream-lines.ts';
import type { FrameSettings } from './settings.ts';
import { labelBands, type Band } from './label-bands.ts';

export interface Frame {
  box: BBox;
  /** Rules of the frame inside it, top to bottom (the first is the rule under a header). */
  inner: number[];
  /** Framed by a lone rule under the page's top lines: a frame only where it continues the previous page's. */
  continued?: boolean;
}

/** The framed regions of a page, outside the given boxes (ruled tables found already). */
export function ruledFrames(text: PageText, exclude: readonly BBox[], s: FrameSettings): Frame[] {
  // Rules of ruled tables found already are theirs.
  const free = text.hRules.filter(([y, x0, x1]) => !exclude.some((b) => y >= b[1] - 2 && y <= b[3] + 2 && x0 < b[2] && x1 > b[0]));
  const long = free.filter(([, x0, x1]) => x1 - x0 >= s.minWidthShare * text.page.width);
  const frames: Frame[] = [];
  // Widest families first: a narrower family inside a wider one (rules under merged cells) is
  // part of that table, not a frame of its own.
  const families = byExtent(long, s.extentTolerance).sort((a, b) => b[0][2] - b[0][1] - (a[0][2] - a[0][1]));
  for (const family of families) {
    const before = frames.length;
    // A rule alone frames nothing but the top of a page above it (the rest of a table whose
    // header is not repeated, closed by its bottom rule).
    if (family.length === 1) {
      const opened = openTop(text, family[0][1], family[0][2], family[0][0], s);
      if (opened && !frames.some((g) => intersects(opened.box, g.box))) frames.push({ ...opened, continued: true });
      continue;
    }
    const x0 = Math.min(...family.map((r) => r[1]));
    const x1 = Math.max(...family.map((r) => r[2]));
    const ys = family.map((r) => r[0]).sort((a, b) => a - b);
    let top: number | null = null;
    let inner: number[] = [];
    const close = (bottom: number) => {
      if (top !== null) frames.push({ box: [x0, top, x1, bottom], inner: inner.filter((y) => y > top! + 1 && y < bottom - 1) });
      top = null;
      inner = [];
    };
    const bands = ys.slice(0, -1).map((y, i) => bandIn(text, x0, x1, y, ys[i + 1]));
    const labels = labelBands(bands, s.labelRowShare, s.headerRepeatShare);
    for (let i = 0; i + 1 < ys.length; i++) {
      if (bands[i].pieces === 0) continue; // a double or thick rule drawn as two
      if (bands[i].single && !labels[i]) {
        close(ys[i]);
        continue;
      }
      if (top === null) top = ys[i];
      else inner.push(ys[i]);
      if (i + 2 === ys.length) close(ys[i + 1]);
    }
    const opened = openTop(text, x0, x1, ys[0], s);
    if (opened && !frames.slice(before).some((f) => f.box[1] <= ys[0] + 1)) frames.push(opened);
    const added = frames.splice(before);
    frames.push(...added.filter((f) => !frames.slice(0, before).some((g) => intersects(f.box, g.box))));
  }
  return frames.filter((f) => !exclude.some((b) => overlapShare(f.box, b) > 0.5)).map((f) => openBody(f, text, frames, s));
}

/**
 * The top of a page holding the rest of a table framed on the page before: lines within the
 * extent of a rule that closes them, the first text of the page, one of them at least of two
 * pieces, each within `openBodyGap` ems of the next (a 三线表 continued without its header has
 * only its bottom rule there). A frame from its first line to the rule.
 */
function openTop(text: PageText, x0: number, x1: number, rule: number, s: FrameSettings): Frame | null {
  const above = text.lines.filter((l) => l.bottom <= rule + 1);
  if (above.length === 0) return null;
  const em = (l: { fontSize: number }) => l.fontSize || 10;
  let top = rule;
  let rows = 0;
  const upward = [...above].reverse();
  const edges: number[] = [];
  for (const [i, line] of upward.entries()) {
    const within = line.segments.every((g) => g.x0 >= x0 - em(line) && g.x1 <= x1 + em(line));
    const gap = top - line.bottom;
    // Other text above: not the page's top (a blank line is crossed where a row group goes on above it).
    if (!within || gap > s.openGroupGap * em(line)) return null;
    if (gap > s.openBodyGap * em(line) && !goesOnInColumns(upward, i, edges, s, -1)) return null;
    top = line.top;
    if (line.segments.length >= 2) {
      rows++;
      edges.push(...line.segments.flatMap((g) => [g.x0, g.x1]));
    }
  }
  return rows > 0 ? { box: [x0, top - 1, x1, rule], inner: [] } : null;
}

/**
 * A frame of two rules only with table lines right under it (within its extent, starting within
 * `openBodyGap` ems, one of them at least of two pieces): the rules are a header's top rule and the one
 * under it, and the body runs on below them down to the foot of the page (LibreOffice draws a
 * 三线表's bottom rule only where the table ends; a page it runs on from has none). The frame then
 * reaches down to the last such line, its old bottom the rule under the header.
 */
function openBody(frame: Frame, text: PageText, frames: readonly Frame[], s: FrameSettings): Frame {
  if (frame.inner.length > 0) return frame;
  const [x0, top, x1, rule] = frame.box;
  const em = (l: { fontSize: number }) => l.fontSize || 10;
  const within = (l: PageText['lines'][number]) => l.segments.every((g) => g.x0 >= x0 - em(l) && g.x1 <= x1 + em(l));
  const next = frames.filter((f) => f.box[1] > rule + 1).map((f) => f.box[1]);
  const stop = Math.min(Infinity, ...next, ...text.hRules.filter(([y, a, b]) => y > rule + 1 && Math.min(b, x1) - Math.max(a, x0) > 0.5 * (x1 - x0)).map(([y]) => y));
  const below = text.lines.filter((l) => l.top >= rule - 1 && l.bottom < stop);
  let bottom = rule;
  let rows = 0;
  // Column edges: the header's pieces, then the body's.
  const edges = text.lines.filter((l) => l.top >= top - 1 && l.bottom <= rule + 1).flatMap((l) => l.segments.flatMap((g) => [g.x0, g.x1]));
  for (const [i, line] of below.entries()) {
    const gap = line.top - bottom;
    if (!within(line) || gap > s.openGroupGap * em(line)) break;
    if (gap > s.openBodyGap * em(line) && !goesOnInColumns(below, i, edges, s)) break;
    bottom = Math.max(bottom, line.bottom);
    if (line.segments.length >= 2) {
      rows++;
      edges.push(...line.segments.flatMap((g) => [g.x0, g.x1]));
    }
  }
  return rows === 0 ? frame : { ...frame, box: [x0, top, x1, bottom + 1], inner: [rule] };
}

/**
 * Whether the lines from i on (downwards, or upwards in a list read bottom-up), up to the next blank, hold a line of two pieces or more, two of
 * which start or end at an edge of the pieces above (`edges`): a row group after a blank line,
 * in the table's columns.
 */
function goesOnInColumns(lines: PageText['lines'], i: number, edges: readonly number[], s: FrameSettings, direction: 1 | -1 = 1): boolean {
  for (let k = i; k < lines.length; k++) {
    const line = lines[k];
    const gap = direction > 0 ? line.top - lines[k - 1]?.bottom : lines[k - 1]?.top - line.bottom;
    if (k > i && gap > s.openBodyGap * (line.fontSize || 10)) return false;
    if (line.segments.length < 2) continue;
    const tol = 0.5 * (line.fontSize || 10);
    const onEdge = line.segments.filter((g) => edges.some((e) => Math.abs(e - g.x0) <= tol || Math.abs(e - g.x1) <= tol));
    if (onEdge.length >= 2) return true;
  }
  return false;
}

/** Rules grouped by extent: both ends within `tol` of the family's first rule (a family may be one rule). */
function byExtent(rules: readonly Rule[], tol: number): Rule[][] {
  const families: Rule[][] = [];
  for (const r of [...rules].sort((a, b) => a[0] - b[0])) {
    const family = families.find((f) => Math.abs(f[0][1] - r[1]) <= tol && Math.abs(f[0][2] - r[2]) <= tol);
    if (family) family.push(r);
    else families.push([r]);
  }
  return families;
}

/** The pieces of text (line segments) whose centre lies in the band, counted, and their text. */
function bandIn(text: PageText, x0: number, x1: number, top: number, bottom: number): Band {
  let chars = '';
  const lines: Segment[][] = [];
  for (const line of text.lines) {
    if (line.bottom < top || line.top > bottom) continue;
    const segs = line.segments.filter((seg) => {
      const cx = (seg.x0 + seg.x1) / 2;
      const cy = (seg.top + seg.bottom) / 2;
      return cx >= x0 && cx <= x1 && cy > top && cy < bottom;
    });
    if (segs.length) lines.push(segs);
    for (const seg of segs) chars += seg.runs.map((r) => r.text).join('');
  }
  const pieces = lines.reduce((n, l) => n + l.length, 0);
  // Lines of one piece each, flush left (within an em) under the first: a caption or a note.
  const flush = lines.length > 1 && lines.every((l) => l.length === 1 && Math.abs(l[0].x0 - lines[0][0].x0) <= (l[0].fontSize || 10));
  return { height: bottom - top, pieces, text: chars, single: pieces === 1 || flush };
}

function intersects(a: BBox, b: BBox): boolean {
  return Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
}

function overlapShare(a: BBox, b: BBox): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]));
}
