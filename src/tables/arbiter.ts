// The arbiter: chooses one reading of a contested page region among the candidates the
// finders propose (readings.ts), by ONE objective:
//
//   score(reading) = Σ over evidence pairs judged by the reading of  ±weight
//                  + Σ over cells whose height differs from their row's of  ±alignment
//
// A pair (two vertically adjacent pieces of text, or two neighbouring pieces of one line; see
// evidence.ts) is judged when at least one of its pieces lies in a table of the reading: the
// reading puts both in one cell, or not. Each evidence term signs its weight (rule, parallel
// baselines, two numbers side by side: different cells; no rule where rows are ruled, a line of
// another column centred between: one cell); a reading earns the weight where it agrees and
// loses it where it does not. Text a reading leaves outside its tables is judged only against
// the text it keeps (a caption cut off from the table below it is a split like any other).
// Cells of a row that differ in height must share a top, a centre or a bottom; a merged cell's
// text must sit so within the rows it spans (the centred 一级 cell of a three-line table).
//
// The highest score wins; a tie keeps the first candidate (the finder's own reading).
// Every weight is in arbiter-settings.ts with its reason. A new layout is a new candidate
// (readings.ts) or a new evidence term, never an override here.

import type { BBox, TextRun } from '../model/layout.ts';
import { DEFAULT_ARBITER, type ArbiterSettings } from './arbiter-settings.ts';
import { ruledApart, type Pair, type RegionEvidence, type Term } from './evidence.ts';
import type { PageTable } from './page-table.ts';

/** A candidate reading of a region: the tables one finder sees there (none = "no table"). */
export interface Reading {
  finder: string;
  tables: PageTable[];
}

export interface ReadingScore {
  finder: string;
  total: number;
  /** Contribution of each term (pairs by evidence term, plus `alignment`). */
  terms: Partial<Record<Term | 'alignment', number>>;
}

/** Cell of a point: for each table, the slot grid → index into its cells. */
class Locator {
  private readonly slots: Int32Array[];

  constructor(private readonly tables: readonly PageTable[]) {
    this.slots = tables.map((t) => {
      const slots = new Int32Array(t.nRows * t.nCols).fill(-1);
      t.cells.forEach((c, i) => {
        for (let r = c.row; r < c.row + c.rowSpan && r < t.nRows; r++) for (let k = c.col; k < c.col + c.colSpan && k < t.nCols; k++) slots[r * t.nCols + k] = i;
      });
      return slots;
    });
  }

  /** `table:cell`, or -1 outside every table. */
  at(x: number, y: number): number {
    for (let ti = 0; ti < this.tables.length; ti++) {
      const t = this.tables[ti];
      if (x < t.colXs[0] - 0.5 || x > t.colXs[t.colXs.length - 1] + 0.5) continue;
      const row = t.rowBoxes.findIndex((b) => y >= b[1] - 0.5 && y <= b[3] + 0.5);
      if (row < 0) continue;
      let col = t.colXs.findIndex((cx, i) => i > 0 && x <= cx);
      if (col < 0) col = t.nCols;
      const cell = this.slots[ti][row * t.nCols + Math.max(0, Math.min(t.nCols - 1, col - 1))];
      if (cell >= 0) return ti * 1_000_000 + cell;
    }
    return -1;
  }

  cell(key: number): { table: PageTable; index: number } {
    const table = this.tables[Math.floor(key / 1_000_000)];
    return { table, index: key % 1_000_000 };
  }
}

const tableOf = (key: number) => Math.floor(key / 1_000_000);

/** Cell `a` is above cell `b` in one table and covers all of b's columns. */
function spansOver(locator: Locator, a: number, b: number): boolean {
  if (tableOf(a) !== tableOf(b) || a === b) return false;
  const ca = locator.cell(a);
  const cb = locator.cell(b);
  const x = ca.table.cells[ca.index];
  const y = cb.table.cells[cb.index];
  return x.col <= y.col && x.col + x.colSpan >= y.col + y.colSpan && x.row < y.row;
}

const centreOf = (r: TextRun): [number, number] => [(r.bbox[0] + r.bbox[2]) / 2, (r.bbox[1] + r.bbox[3]) / 2];

function keysOf(runs: readonly TextRun[], where: Map<TextRun, number>): Set<number> {
  const out = new Set<number>();
  for (const r of runs) {
    const k = where.get(r);
    if (k !== undefined && k >= 0) out.add(k);
  }
  return out;
}

/** The reading's score against the region's evidence, with each term's share. */
export function scoreReading(ev: RegionEvidence, reading: Reading, s: ArbiterSettings = DEFAULT_ARBITER): ReadingScore {
  const locator = new Locator(reading.tables);
  const where = new Map<TextRun, number>();
  for (const piece of ev.pieces) for (const run of piece.seg.runs) where.set(run, locator.at(...centreOf(run)));
  const terms: ReadingScore['terms'] = {};
  const judge = (pair: Pair) => {
    const ka = keysOf(pair.a, where);
    const kb = keysOf(pair.b, where);
    if (ka.size === 0 && kb.size === 0) return;
    const joined = [...ka].some((k) => kb.has(k));
    for (const [term, w] of Object.entries(pair.terms) as [Term, number][]) terms[term] = (terms[term] ?? 0) + (joined ? -w : w);
  };
  ev.vertical.forEach(judge);
  ev.horizontal.forEach(judge);
  for (const pair of ev.membership) {
    const ta = new Set([...keysOf(pair.a, where)].map(tableOf));
    const tb = new Set([...keysOf(pair.b, where)].map(tableOf));
    if (ta.size === 0 && tb.size === 0) continue;
    const together = [...ta].some((t) => tb.has(t));
    terms.column = (terms.column ?? 0) + (together ? pair.weight : -pair.weight);
  }
  for (const pair of ev.spanning) {
    const ka = [...keysOf(pair.a, where)];
    const kb = [...keysOf(pair.b, where)];
    if (ka.length === 0 && kb.length === 0) continue;
    const covers = ka.some((a) => kb.some((b) => spansOver(locator, a, b)));
    terms.spans = (terms.spans ?? 0) + (covers ? pair.weight : -pair.weight);
  }
  const unpaired = joinedAcrossRules(ev, where);
  if (unpaired > 0) terms.rule = (terms.rule ?? 0) - unpaired * s.rule;
  const alignment = alignmentScore(ev, locator, where, drawnCells(ev, where), s);
  if (alignment !== 0) terms.alignment = alignment;
  const total = Object.values(terms).reduce((a, b) => a + (b ?? 0), 0);
  return { finder: reading.finder, total, terms };
}

/**
 * Pieces on consecutive lines that the reading puts in one cell but that no evidence pair
 * relates (they do not overlap horizontally: a heading centred over two columns and a column
 * head below it), counted where a rule separates them.
 */
function joinedAcrossRules(ev: RegionEvidence, where: Map<TextRun, number>): number {
  const related = new Set<string>();
  const index = new Map(ev.pieces.map((p, i) => [p.seg, i]));
  for (const p of ev.vertical) if (p.pieces) related.add(`${index.get(p.pieces[0])}:${index.get(p.pieces[1])}`);
  const byCell = new Map<number, number[]>();
  ev.pieces.forEach((piece, i) => {
    for (const k of keysOf(piece.seg.runs, where)) byCell.set(k, [...(byCell.get(k) ?? []), i]);
  });
  let count = 0;
  for (const members of byCell.values()) {
    if (members.length < 2) continue;
    const lines = [...new Set(members.map((i) => ev.pieces[i].line))].sort((a, b) => a - b);
    for (let k = 1; k < lines.length; k++) {
      const upper = members.filter((i) => ev.pieces[i].line === lines[k - 1]);
      for (const lo of members.filter((i) => ev.pieces[i].line === lines[k])) {
        if (upper.some((up) => related.has(`${up}:${lo}`))) continue;
        const q = ev.pieces[lo].seg;
        const up = upper.reduce((best, i) => (Math.abs(centreX(ev.pieces[i].seg) - centreX(q)) < Math.abs(centreX(ev.pieces[best].seg) - centreX(q)) ? i : best));
        if (ruledApart(ev.hRules, ev.pieces[up].seg, q)) count++;
      }
    }
  }
  return count;
}

const centreX = (seg: { x0: number; x1: number }) => (seg.x0 + seg.x1) / 2;

/** Cells every one of whose vertical neighbours outside it lies across a rule: drawn by the producer. */
function drawnCells(ev: RegionEvidence, where: Map<TextRun, number>): Set<number> {
  const crossing = new Map<number, { all: number; ruled: number }>();
  for (const pair of ev.vertical) {
    const ka = keysOf(pair.a, where);
    const kb = keysOf(pair.b, where);
    for (const [inside, outside] of [[ka, kb], [kb, ka]]) {
      for (const k of inside) {
        if (outside.has(k)) continue;
        const c = crossing.get(k) ?? { all: 0, ruled: 0 };
        c.all++;
        if (pair.terms.rule) c.ruled++;
        crossing.set(k, c);
      }
    }
  }
  return new Set([...crossing].filter(([, c]) => c.all > 0 && c.ruled === c.all).map(([k]) => k));
}

interface Block {
  top: number;
  bottom: number;
}

const modes: ((b: Block) => number)[] = [(b) => b.top, (b) => (b.top + b.bottom) / 2, (b) => b.bottom];

/**
 * Cells whose text block differs in height from their row's must share a top, centre or bottom
 * with the row (+1 each, −1 each that does not); a merged cell's block likewise with the blocks
 * of the rows it spans.
 */
function alignmentScore(ev: RegionEvidence, locator: Locator, where: Map<TextRun, number>, drawn: Set<number>, s: ArbiterSettings): number {
  const blocks = new Map<number, Block>();
  const heights: number[] = [];
  for (const piece of ev.pieces) {
    for (const run of piece.seg.runs) {
      const k = where.get(run);
      heights.push(run.bbox[3] - run.bbox[1]);
      if (k === undefined || k < 0) continue;
      const b = blocks.get(k);
      if (b) {
        b.top = Math.min(b.top, run.bbox[1]);
        b.bottom = Math.max(b.bottom, run.bbox[3]);
      } else blocks.set(k, { top: run.bbox[1], bottom: run.bbox[3] });
    }
  }
  if (blocks.size === 0) return 0;
  const lineHeight = [...heights].sort((a, b) => a - b)[Math.floor(heights.length / 2)] || 10;
  const tol = s.alignTolerance * lineHeight;
  // Group blocks by table and row.
  const rows = new Map<string, { key: number; block: Block; drawn: boolean }[]>();
  const merged: { key: number; block: Block }[] = [];
  for (const [key, block] of blocks) {
    const { table, index } = locator.cell(key);
    const cell = table.cells[index];
    // A drawn cell's place in its row is the rules' (its text may sit anywhere in it): it is in
    // line with its row whatever its text's height, as a reading that keeps a ruled row's lines
    // together has it. A cell merged down rows is judged drawn or not: a stub head ruled round
    // the whole header band, its text at the foot beside a two-row header, is bottom-aligned in
    // the rows it spans.
    if (cell.rowSpan > 1) merged.push({ key, block });
    else {
      const id = `${Math.floor(key / 1_000_000)}:${cell.row}`;
      rows.set(id, [...(rows.get(id) ?? []), { key, block, drawn: drawn.has(key) }]);
    }
  }
  let score = 0;
  for (const cells of rows.values()) {
    if (cells.length < 2) continue;
    const hs = cells.map((c) => c.block.bottom - c.block.top);
    if (Math.max(...hs) - Math.min(...hs) <= tol) continue;
    const loose = cells.filter((c) => !c.drawn);
    let best = 0;
    for (const m of modes) {
      const values = loose.map((c) => m(c.block)).sort((a, b) => a - b);
      const ref = values[Math.floor(values.length / 2)];
      best = Math.max(best, values.filter((v) => Math.abs(v - ref) <= tol).length);
    }
    best += cells.length - loose.length;
    score += s.alignment * (best - (cells.length - best));
  }
  for (const { key, block } of merged) {
    const { table, index } = locator.cell(key);
    const cell = table.cells[index];
    const t = Math.floor(key / 1_000_000);
    let extent: Block | undefined;
    for (const [other, b] of blocks) {
      if (other === key || Math.floor(other / 1_000_000) !== t) continue;
      const oc = table.cells[other % 1_000_000];
      if (oc.rowSpan > 1 || oc.row < cell.row || oc.row >= cell.row + cell.rowSpan) continue;
      extent = extent ? { top: Math.min(extent.top, b.top), bottom: Math.max(extent.bottom, b.bottom) } : { ...b };
    }
    if (!extent || Math.abs(extent.bottom - extent.top - (block.bottom - block.top)) <= tol) continue;
    const e = extent;
    score += modes.some((m) => Math.abs(m(block) - m(e)) <= tol) ? s.alignment : -s.alignment;
  }
  return score;
}

/** The best reading of the region (ties keep the earlier candidate), with every candidate's score. */
export function arbitrate(ev: RegionEvidence, readings: readonly Reading[], s: ArbiterSettings = DEFAULT_ARBITER): { chosen: Reading; scores: ReadingScore[] } {
  const scores = readings.map((r) => scoreReading(ev, r, s));
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i].total > scores[best].total + 1e-9) best = i;
  return { chosen: readings[best], scores };
}

/** Union of boxes. */
export function unionBox(boxes: readonly BBox[]): BBox {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
