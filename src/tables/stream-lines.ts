// Stream finder, step 1: page runs → visual lines → segments.
//
// A segment is a stretch of a line whose runs sit closer together than a word gap allows for
// a column gap: the words of one cell. Lines are clustered by vertical overlap (assign-text's
// groupLines), so the stream and lattice finders agree on what a line is.

import type { BBox, TextRun } from '../model/layout.ts';
import { groupLines } from './assign-text.ts';
import type { StreamSettings } from './stream-settings.ts';

export interface Segment {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Runs left to right. */
  runs: TextRun[];
  fontSize: number;
}

export interface Line {
  top: number;
  bottom: number;
  /** Segments left to right. */
  segments: Segment[];
  fontSize: number;
}

/** Runs whose centre lies inside one of the boxes (tables already found) are left out. */
export function runsOutside(runs: readonly TextRun[], exclude: readonly BBox[]): TextRun[] {
  return runs.filter((r) => {
    const cx = (r.bbox[0] + r.bbox[2]) / 2;
    const cy = (r.bbox[1] + r.bbox[3]) / 2;
    return r.text.trim() !== '' && !exclude.some((b) => cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3]);
  });
}

/** The space-run pattern per minimum length (built once: splitAtSpaces sees every run of a page). */
const SPACE_RUNS = new Map<number, RegExp>();

/**
 * Splits a run at every stretch of `minSpaces` or more spaces: producers that lay out a
 * table with spaces write `Total      12 345` as one run. Positions are estimated from the
 * share of characters (good enough: a cut only needs to fall inside the blank stretch).
 */
export function splitAtSpaces(run: TextRun, minSpaces: number): TextRun[] {
  let re = SPACE_RUNS.get(minSpaces);
  if (!re) SPACE_RUNS.set(minSpaces, (re = new RegExp(`[ \\u00A0\\u3000]{${minSpaces},}`, 'u')));
  if (!re.test(run.text)) return [run];
  const chars = [...run.text];
  if (chars.length < 3) return [run];
  const [x0, top, x1, bottom] = run.bbox;
  const per = (x1 - x0) / chars.length;
  const out: TextRun[] = [];
  let start = 0;
  let i = 0;
  const isSpace = (ch: string) => ch === ' ' || ch === '\u00A0' || ch === '\u3000';
  while (i <= chars.length) {
    if (i === chars.length || isSpace(chars[i])) {
      let j = i;
      while (j < chars.length && isSpace(chars[j])) j++;
      if (i === chars.length || j - i >= minSpaces) {
        const text = chars.slice(start, i).join('');
        if (text.trim()) out.push({ ...run, text, bbox: [x0 + start * per, top, x0 + i * per, bottom] });
        start = j;
      }
      i = Math.max(j, i + 1);
    } else i++;
  }
  return out.length > 0 ? out : [run];
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A figure as tables print it (`-12.5`, `1,234`, `(3.2)`, `45%`) or a missing-value mark. */
export const FIGURE = /^(?:[-−–+(]?[$€£¥]?\d[\d,.'\u00A0\u202F]*%?\)?|\.\.|-|—|…)$/u;

/** `12` + `345`: the groups of a space-grouped figure, not two figures. */
const groupOf = (left: string, right: string) => /^[-−(]?\d{1,3}$/u.test(left) && /^\d{3}(?:[ \u00A0\u202F]\d{3})*(?:\.\d+)?%?\)?$/u.test(right);

/**
 * Two figures side by side: never one cell (issue 10 case 4). Except a space-grouped figure's
 * groups, and a figure in parentheses right after another (`1269 (19.9%)`: a count and its share,
 * one cell as statistics tables print them).
 */
export function twoFigures(left: string, right: string): boolean {
  const a = left.trim().split(/[ \u00A0\u3000]+/u).pop() ?? '';
  const b = right.trim().split(/[ \u00A0\u3000]+/u)[0] ?? '';
  return FIGURE.test(a) && FIGURE.test(b) && !b.startsWith('(') && !groupOf(a, b);
}

/** Whitespace between two other characters: a run without any is one word, never split. */
const INNER_BLANK = /\S\s+\S/u;
/** A character every FIGURE holds (a digit, or one of the missing-value marks). */
const FIGURE_CHAR = /[0-9.\-—…]/u;

/**
 * Splits a run at every blank between two figures (`580,037.2 828,818.3`: a monospace table
 * laid out with single spaces), estimating positions from the share of characters.
 */
export function splitBetweenFigures(run: TextRun): TextRun[] {
  // Every run of a page comes here, for each reading of it: most are one word or hold no figure.
  if (!FIGURE_CHAR.test(run.text) || !INNER_BLANK.test(run.text)) return [run];
  const chars = [...run.text];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < chars.length; ) {
    while (i < chars.length && /\s/u.test(chars[i])) i++;
    const start = i;
    while (i < chars.length && !/\s/u.test(chars[i])) i++;
    if (i > start) {
      starts.push(start);
      ends.push(i);
    }
  }
  if (starts.length < 2) return [run];
  // A word holds no blank, so twoFigures(a, b) of two words is this.
  const words = starts.map((start, k) => chars.slice(start, ends[k]).join(''));
  const figure = words.map((w) => FIGURE.test(w));
  const [x0, top, x1, bottom] = run.bbox;
  const per = (x1 - x0) / chars.length;
  const out: TextRun[] = [];
  let from = 0;
  for (let k = 1; k < words.length; k++) {
    if (figure[k - 1] && figure[k] && !words[k].startsWith('(') && !groupOf(words[k - 1], words[k])) {
      out.push(piece(run, chars, starts[from], ends[k - 1], x0 + starts[from] * per, x0 + ends[k - 1] * per, top, bottom));
      from = k;
    }
  }
  if (out.length === 0) return [run];
  const last = words.length - 1;
  out.push(piece(run, chars, starts[from], ends[last], x0 + starts[from] * per, x0 + ends[last] * per, top, bottom));
  return out;
}

function piece(run: TextRun, chars: string[], start: number, end: number, x0: number, x1: number, top: number, bottom: number): TextRun {
  return { ...run, text: chars.slice(start, end).join(''), bbox: [x0, top, x1, bottom] };
}

type VRule = readonly [number, number, number];

/**
 * Splits a run where a vertical rule crosses it (a monospace table typed with single spaces
 * between ruled columns): at the character boundary nearest the rule, positions estimated
 * from the share of characters.
 */
export function splitAtRules(run: TextRun, vRules: readonly VRule[]): TextRun[] {
  const [x0, top, x1, bottom] = run.bbox;
  const y = (top + bottom) / 2;
  // A rule that cuts the run lies inside its box (the test below, narrowed by half a character).
  if (x1 >= x0 && !anyRuleInside(vRules, x0, x1, y)) return [run];
  const chars = [...run.text];
  const per = (x1 - x0) / Math.max(chars.length, 1);
  const cuts = [...new Set(vRules.filter(([x, y0, y1]) => x > x0 + per / 2 && x < x1 - per / 2 && y0 <= y && y1 >= y).map(([x]) => Math.round((x - x0) / per)))].sort((a, b) => a - b);
  if (cuts.length === 0) return [run];
  const out: TextRun[] = [];
  let start = 0;
  for (const cut of [...cuts, chars.length]) {
    const text = chars.slice(start, cut).join('');
    if (text.trim()) {
      const lead = text.length - text.trimStart().length;
      const trail = text.length - text.trimEnd().length;
      out.push({ ...run, text: text.trim(), bbox: [x0 + (start + lead) * per, top, x0 + (cut - trail) * per, bottom] });
    }
    start = cut;
  }
  return out.length ? out : [run];
}

/** Whether each list of rules is sorted by x (joinedRulings sorts them), found once per list. */
const SORTED_BY_X = new WeakMap<readonly VRule[], boolean>();

function sortedByX(vRules: readonly VRule[]): boolean {
  let sorted = SORTED_BY_X.get(vRules);
  if (sorted === undefined) {
    sorted = true;
    for (let i = 1; i < vRules.length && sorted; i++) if (!(vRules[i - 1][0] <= vRules[i][0])) sorted = false;
    SORTED_BY_X.set(vRules, sorted);
  }
  return sorted;
}

/** A rule [x, y0, y1] strictly between x0 and x1 that spans y (rules sorted by x: from the first past x0 on). */
function anyRuleInside(vRules: readonly VRule[], x0: number, x1: number, y: number): boolean {
  let i = 0;
  const sorted = sortedByX(vRules);
  if (sorted) {
    let hi = vRules.length;
    while (i < hi) {
      const mid = (i + hi) >> 1;
      if (vRules[mid][0] > x0) hi = mid;
      else i = mid + 1;
    }
  }
  for (; i < vRules.length; i++) {
    const [x, y0, y1] = vRules[i];
    if (sorted && x >= x1) return false;
    if (x > x0 && x < x1 && y0 <= y && y1 >= y) return true;
  }
  return false;
}

/** A vertical rule [x, y0, y1] crossing the middle of the line between two runs. */
function ruleBetween(vRules: readonly VRule[], a: { x1: number; top: number; bottom: number }, b: TextRun): boolean {
  const y = (Math.max(a.top, b.bbox[1]) + Math.min(a.bottom, b.bbox[3])) / 2;
  return vRules.some(([x, y0, y1]) => x >= a.x1 - 0.5 && x <= b.bbox[0] + 0.5 && y0 <= y && y1 >= y);
}

/**
 * Merges the runs of one line (left to right) into segments separated by more than a word gap.
 * Never across a vertical rule (a drawn column boundary), nor between two figures that any
 * blank parts (`numberGap`).
 */
export function lineSegments(runs: readonly TextRun[], settings: StreamSettings, vRules: readonly VRule[] = []): Segment[] {
  const segments: Segment[] = [];
  for (const run of runs) {
    const last = segments[segments.length - 1];
    const em = Math.max(run.fontSize, last?.fontSize ?? 0, 1);
    const gap = last ? run.bbox[0] - last.x1 : 0;
    const parted = last !== undefined && (ruleBetween(vRules, last, run) || (gap >= settings.numberGap * em && twoFigures(last.runs[last.runs.length - 1].text, run.text)));
    if (last && !parted && gap <= settings.wordGap * em) {
      last.runs.push(run);
      last.x1 = Math.max(last.x1, run.bbox[2]);
      last.top = Math.min(last.top, run.bbox[1]);
      last.bottom = Math.max(last.bottom, run.bbox[3]);
      last.fontSize = Math.max(last.fontSize, run.fontSize);
    } else {
      segments.push({ x0: run.bbox[0], x1: run.bbox[2], top: run.bbox[1], bottom: run.bbox[3], runs: [run], fontSize: run.fontSize });
    }
  }
  return segments;
}

/** Page runs → lines of segments, top to bottom (vertical rules [x, y0, y1] part segments). */
export function buildLines(runs: readonly TextRun[], settings: StreamSettings, vRules: readonly VRule[] = []): Line[] {
  const pieces: TextRun[] = [];
  for (const run of runs) {
    for (const spaced of splitAtSpaces(run, settings.splitSpaces)) {
      for (const ruled of splitAtRules(spaced, vRules)) pieces.push(...splitBetweenFigures(ruled));
    }
  }
  return groupLines(pieces).map((lineRuns) => {
    const segments = lineSegments(lineRuns, settings, vRules);
    let top = Infinity;
    let bottom = -Infinity;
    for (const r of lineRuns) {
      top = Math.min(top, r.bbox[1]);
      bottom = Math.max(bottom, r.bbox[3]);
    }
    return { top, bottom, segments, fontSize: median(lineRuns.map((r) => r.fontSize)) };
  });
}

export { median };

/** Text starting with a CJK character: lines break anywhere, not at spaces. */
export const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Width of the first word of a piece (one character for CJK), estimated from its first run. */
export function firstWordWidth(seg: Segment): number {
  const run = seg.runs[0];
  const text = run.text.trimStart();
  const chars = [...text];
  if (chars.length === 0) return 0;
  const per = (run.bbox[2] - run.bbox[0]) / chars.length;
  // A line may not begin with closing punctuation, so a CJK character carries the marks that
  // follow it to the next line (`付）`): together they are the unit that did not fit.
  if (CJK_START.test(text)) return per * (1 + (/^.([)）】」』》〉、，。；：！？%]*)/u.exec(text)?.[1].length ?? 0));
  const space = text.search(/\s/u);
  return per * (space < 0 ? chars.length : space);
}

/**
 * The lower piece continues the upper one's text: they start, end or are centred at one x (text
 * wraps flush left, flush right or centred, as its cell is aligned) and the
 * first word of the lower would not have fitted at the end of the upper within `width`.
 */
export function wrapsInto(upper: Segment, lower: Segment, width: number, alignEm = 0.5): boolean {
  // Only text wraps: not a number, not one character or symbol filling a narrow column.
  const text = upper.runs.map((r) => r.text).join('').trim();
  if ([...text].length < 2 || !/\p{L}/u.test(text) || /^[-−+(]?\d[\d,.\s%]*\)?$/u.test(text)) return false;
  const tol = alignEm * Math.max(upper.fontSize, lower.fontSize, 1);
  const aligned = Math.abs(upper.x0 - lower.x0) <= tol || Math.abs(upper.x1 - lower.x1) <= tol || Math.abs((upper.x0 + upper.x1) / 2 - (lower.x0 + lower.x1) / 2) <= tol;
  if (!aligned) return false;
  const space = CJK_START.test(lower.runs[0].text.trimStart()) ? 0 : 0.3 * upper.fontSize;
  return width - (upper.x1 - upper.x0) < firstWordWidth(lower) + space;
}
