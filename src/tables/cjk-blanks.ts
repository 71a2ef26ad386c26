// Two header words one blank apart in one run (issue 10 case 4, narrow header words): the reader
// joins glyphs closer than a word space into one run, so `指数 计划数` over two number columns
// 0.2–0.55 em apart is one run that crosses the boundary the figures below give. Chinese sets no
// blank between the words of one cell, so a blank between two CJK characters where a column
// boundary passes is where the cell ends.

import type { TextRun } from '../model/layout.ts';
import { isCjk } from '../normalize/text.ts';
import { charEm } from './assign-text.ts';

/**
 * The runs, each cut at a blank between two CJK characters that lies within `nearEm` ems of one
 * of the boundaries `xs`, or at its one blank whose two pieces stand either side of the one
 * boundary it crosses (positions estimated from character widths; the two pieces' boxes meet
 * at the boundary).
 */
export function splitAtCjkBlanks(runs: readonly TextRun[], xs: readonly number[], nearEm: number): TextRun[] {
  return runs.flatMap((run) => (/\S\s+\S/u.test(run.text) ? cutRun(run, xs, nearEm) : [run]));
}

/** A blank stretch between two CJK characters: its character range and estimated extent. */
interface Blank {
  from: number;
  to: number;
  a: number;
  b: number;
}

function cutRun(run: TextRun, xs: readonly number[], nearEm: number): TextRun[] {
  const [x0, top, x1, bottom] = run.bbox;
  const inside = xs.filter((x) => x > x0 && x < x1);
  if (inside.length === 0) return [run];
  const chars = [...run.text];
  const ems = chars.map(charEm);
  const scale = (x1 - x0) / ems.reduce((s, e) => s + e, 0);
  const em = run.fontSize || bottom - top;
  // Each blank stretch between two CJK characters: its character range and estimated extent.
  const blanks: Blank[] = [];
  let pos = x0;
  for (let i = 0; i < chars.length; ) {
    if (!/\s/u.test(chars[i])) {
      pos += ems[i++] * scale;
      continue;
    }
    const from = i;
    const a = pos;
    while (i < chars.length && /\s/u.test(chars[i])) pos += ems[i++] * scale;
    if (from > 0 && i < chars.length && isCjk(chars[from - 1]) && isCjk(chars[i])) blanks.push({ from, to: i, a, b: pos });
  }
  const out: TextRun[] = [];
  let start = 0;
  let left = x0;
  for (const x of inside) {
    const open = blanks.filter((k) => k.from >= start);
    const blank = open.find((k) => Math.abs((k.a + k.b) / 2 - x) <= nearEm * em) ?? (inside.length === 1 ? partingBlank(open, left, x, x1) : undefined);
    if (!blank) continue;
    out.push({ ...run, text: chars.slice(start, blank.from).join(''), bbox: [left, top, Math.min(blank.a, x), bottom] });
    start = blank.to;
    left = Math.max(blank.b, x);
  }
  if (out.length === 0) return [run];
  out.push({ ...run, text: chars.slice(start).join(''), bbox: [left, top, x1, bottom] });
  return out;
}

/**
 * The one blank whose pieces stand on either side of boundary `x` (the text before it centred
 * left of `x`, the text after it right of it), when the run crosses `x` only: heads wider than
 * the figures under them reach into the gutter, so the boundary drawn in the middle of the
 * figures' gutter passes through the right-hand head, more than an em from the blank before it
 * (`计划数 同比增长`).
 */
function partingBlank(blanks: readonly Blank[], x0: number, x: number, x1: number): Blank | undefined {
  if (blanks.length !== 1) return undefined;
  const [k] = blanks;
  return (x0 + k.a) / 2 < x && (k.b + x1) / 2 > x ? k : undefined;
}
