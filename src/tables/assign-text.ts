// Text placement shared by the PDF table finders: runs → visual lines → cell text.
//
// A run goes to the cell that holds its centre. A cell's runs are sorted into visual lines
// (clustered by vertical overlap), each line's runs joined left to right (a space only where
// the gap is wide and both sides are Latin/digits), and the lines joined with joinCellLines
// (no separator between CJK, one space between Latin words) — so a Chinese word wrapped
// inside a narrow cell (`可持续影响指` / `标`) comes back whole.

import type { BBox, TextRun } from '../model/layout.ts';
import { isCjk, joinCellLines, cleanText } from '../normalize/text.ts';
import { DEFAULT_SETTINGS, type TextSettings } from './settings.ts';

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
const OPEN_PUNCT = /[(\[{"'“‘]/u;
const CLOSE_PUNCT = /[)\]}"'”’,.;:!?%]/u;

/** Clusters runs into visual lines, top to bottom; each line's runs left to right. */
export function groupLines(runs: readonly TextRun[], settings: TextSettings = DEFAULT_SETTINGS.text): TextRun[][] {
  const sorted = [...runs].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  const lines: { top: number; bottom: number; runs: TextRun[] }[] = [];
  for (const run of sorted) {
    const h = run.bbox[3] - run.bbox[1];
    let best: (typeof lines)[number] | undefined;
    let bestOverlap = 0;
    // Only the last few lines can overlap a run that starts lower than all of them.
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 4; i--) {
      const line = lines[i];
      const overlap = Math.min(line.bottom, run.bbox[3]) - Math.max(line.top, run.bbox[1]);
      const need = settings.lineOverlap * Math.min(h, line.bottom - line.top);
      if (overlap > 0 && overlap >= need && overlap > bestOverlap) {
        best = line;
        bestOverlap = overlap;
      }
    }
    if (best) best.runs.push(run);
    else lines.push({ top: run.bbox[1], bottom: run.bbox[3], runs: [run] });
  }
  lines.sort((a, b) => a.top - b.top);
  return lines.map((l) => dropOverprint(l.runs.sort((a, b) => a.bbox[0] - b.bbox[0])));
}

/**
 * Removes runs drawn twice at (almost) the same place — the "fake bold" of some Chinese
 * producers, which would otherwise read `标题标题`.
 */
function dropOverprint(runs: TextRun[]): TextRun[] {
  if (runs.length < 2) return runs;
  const out: TextRun[] = [];
  for (const run of runs) {
    const twin = out.find((o) => o.text === run.text && overlapShare(o.bbox, run.bbox) > 0.7);
    if (!twin) out.push(run);
  }
  return out;
}

function overlapShare(a: BBox, b: BBox): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const area = Math.min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]));
  return area > 0 ? (w * h) / area : 0;
}

/** Joins the runs of one visual line (already left to right). */
export function lineText(runs: readonly TextRun[], settings: TextSettings = DEFAULT_SETTINGS.text): string {
  let out = '';
  let prev: TextRun | undefined;
  for (const run of runs) {
    const text = run.text;
    if (!prev) {
      out = text;
      prev = run;
      continue;
    }
    const gap = run.bbox[0] - prev.bbox[2];
    const em = Math.max(prev.fontSize, run.fontSize, 1);
    const before = out.trimEnd().slice(-1);
    const after = text.trimStart().slice(0, 1);
    out += needsSpace(before, after, gap / em, settings) ? ` ${text.trimStart()}` : text;
    prev = run;
  }
  return cleanText(out);
}

function needsSpace(before: string, after: string, gapEm: number, settings: TextSettings): boolean {
  if (!before || !after) return false;
  if (isCjk(before) || isCjk(after)) return false;
  if (gapEm < settings.wordGapEm) return false;
  if (OPEN_PUNCT.test(before) || CLOSE_PUNCT.test(after)) return false;
  return LATIN_OR_DIGIT.test(before) || LATIN_OR_DIGIT.test(after) || gapEm >= 1;
}

/** The text of a set of runs that belong to one cell. */
export function cellText(runs: readonly TextRun[], settings: TextSettings = DEFAULT_SETTINGS.text): string {
  if (runs.length === 0) return '';
  return joinCellLines(groupLines(runs, settings).map((line) => lineText(line, settings)));
}

/** Width of a character in ems, for splitting a run by position: CJK/full-width is 1, others about half. */
export function charEm(ch: string): number {
  if (isCjk(ch)) return 1;
  if (ch === ' ') return 0.28;
  if (/[il.,:;'|!]/.test(ch)) return 0.28;
  if (/[mwMW@]/.test(ch)) return 0.85;
  return 0.55;
}

/**
 * Splits a run at the given x positions when it clearly straddles them (text of two cells
 * that the producer wrote as one run). Character widths are estimated, scaled to the run's box.
 */
export function splitRunAt(run: TextRun, xs: readonly number[], settings: TextSettings = DEFAULT_SETTINGS.text): TextRun[] {
  const [x0, top, x1, bottom] = run.bbox;
  const margin = settings.splitRunEm * run.fontSize;
  const cuts = xs.filter((x) => x > x0 + margin && x < x1 - margin).sort((a, b) => a - b);
  const chars = [...run.text];
  if (cuts.length === 0 || chars.length < 2) return [run];
  const ems = chars.map(charEm);
  const total = ems.reduce((s, e) => s + e, 0);
  const scale = (x1 - x0) / total;
  const out: TextRun[] = [];
  let start = 0;
  let pos = x0;
  let ci = 0;
  let acc = x0;
  for (let i = 0; i < chars.length && ci < cuts.length; i++) {
    const mid = acc + (ems[i] * scale) / 2;
    if (mid > cuts[ci]) {
      if (i > start) {
        out.push({ ...run, text: chars.slice(start, i).join(''), bbox: [pos, top, acc, bottom] });
        start = i;
        pos = acc;
      }
      ci++;
      i--; // re-test this character against the next cut
      continue;
    }
    acc += ems[i] * scale;
  }
  out.push({ ...run, text: chars.slice(start).join(''), bbox: [pos, top, x1, bottom] });
  return out.filter((r) => r.text.trim() !== '');
}

export interface CellBox {
  bbox: BBox;
}

export interface Assignment {
  /** Text of each cell, index-aligned with the cells given. */
  texts: string[];
  /** Runs of each cell (after splitting), index-aligned with the cells given. */
  cellRuns: TextRun[][];
  /** Runs that lie mostly inside the table box but whose centre is in no cell. */
  stray: TextRun[];
  /** Every input run that went (wholly or in part) into a cell. */
  used: Set<TextRun>;
}

/**
 * Places runs into cells by their centre. Runs crossing a cell's side boundary by a clear
 * margin are first split there. `runs` may be the whole page: runs away from the table are ignored.
 */
export function assignText(
  cells: readonly CellBox[],
  tableBBox: BBox,
  runs: readonly TextRun[],
  settings: TextSettings = DEFAULT_SETTINGS.text,
): Assignment {
  const cellRuns: TextRun[][] = cells.map(() => []);
  const stray: TextRun[] = [];
  const used = new Set<TextRun>();
  for (const run of runs) {
    if (!intersects(run.bbox, tableBBox)) continue;
    const cy = (run.bbox[1] + run.bbox[3]) / 2;
    const xs: number[] = [];
    for (const c of cells) {
      if (cy >= c.bbox[1] && cy < c.bbox[3] && c.bbox[2] > run.bbox[0] && c.bbox[0] < run.bbox[2]) xs.push(c.bbox[0], c.bbox[2]);
    }
    const pieces = xs.length > 2 ? splitRunAt(run, xs, settings) : [run];
    for (const piece of pieces) {
      const idx = cellAt(cells, centre(piece.bbox));
      if (idx >= 0) {
        cellRuns[idx].push(piece);
        used.add(run);
      } else if (overlapShare(piece.bbox, tableBBox) > 0.5) {
        stray.push(piece);
      }
    }
  }
  withOverflowMoved(cells, cellRuns, settings);
  // A loop, not cellRuns.map(…): TurboFan's inlined map deoptimized here on every call that met
  // another array shape (76 times in 4 rounds of samples + ICDAR), leaving assignText interpreted.
  const texts: string[] = [];
  for (const r of cellRuns) texts.push(cellText(r, settings));
  return { texts, cellRuns, stray, used };
}

/** A run without the blanks at its ends (its box shrunk by their width, about a quarter em each). */
export function withoutEndBlanks(r: TextRun): TextRun {
  const lead = r.text.length - r.text.trimStart().length;
  const trail = r.text.length - r.text.trimEnd().length;
  if (lead + trail === 0) return r;
  const space = 0.28 * r.fontSize;
  return { ...r, text: r.text.trim(), bbox: [r.bbox[0] + lead * space, r.bbox[1], r.bbox[2] - trail * space, r.bbox[3]] };
}

export function centre(b: BBox): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

export function containsPoint(b: BBox, [x, y]: [number, number]): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

/**
 * Moves a run lying across a cell's top or bottom rule into the cell across it when it steps on
 * from that cell's text at that text's own line pitch (the next line of a wrapped cell) and its
 * own cell's text stands further from it: a cell's text taller than its row,
 * centred, overflows past its top rule (`社会公众` over the rule, `或服务对` / `象满意度` / `指标`
 * under it, a line apart each), its first line's centre in the cell above.
 */
function withOverflowMoved(cells: readonly CellBox[], cellRuns: TextRun[][], settings: TextSettings): void {
  for (let i = 0; i < cells.length; i++) {
    const box = cells[i].bbox;
    for (const run of [...cellRuns[i]]) {
      const h = run.bbox[3] - run.bbox[1];
      const down = run.bbox[3] > box[3] + settings.overflowShare * h;
      const up = run.bbox[1] < box[1] - settings.overflowShare * h;
      if (down === up) continue;
      const j = cellAt(cells, [(run.bbox[0] + run.bbox[2]) / 2, down ? box[3] + 0.5 : box[1] - 0.5]);
      if (j < 0 || j === i) continue;
      const pitch = linePitch(cellRuns[j]);
      if (pitch === null) continue;
      const tops = cellRuns[j].map((o) => o.bbox[1]);
      const nearest = down ? Math.min(...tops) - run.bbox[1] : run.bbox[1] - Math.max(...tops);
      const own = Math.min(Infinity, ...cellRuns[i].filter((o) => o !== run).map((o) => Math.abs(o.bbox[1] - run.bbox[1])));
      if (Math.abs(nearest - pitch) <= settings.overflowPitchTolerance * h && own > nearest) {
        cellRuns[i].splice(cellRuns[i].indexOf(run), 1);
        cellRuns[j].push(run);
      }
    }
  }
}

/** The step between consecutive lines of a cell's runs (their median), or null when they stand on one line. */
function linePitch(runs: readonly TextRun[]): number | null {
  const tops = [...new Set(groupLines(runs).map((line) => line[0].bbox[1]))].sort((a, b) => a - b);
  if (tops.length < 2) return null;
  const steps = tops.slice(1).map((t, k) => t - tops[k]).sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)];
}

function cellAt(cells: readonly CellBox[], [x, y]: [number, number]): number {
  for (let i = 0; i < cells.length; i++) {
    const b = cells[i].bbox;
    if (x >= b[0] && x < b[2] && y >= b[1] && y < b[3]) return i;
  }
  return -1;
}

function intersects(a: BBox, b: BBox): boolean {
  return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}
