// The ruled-table ("lattice") finder, after pdfplumber's table.py: a pipeline of small
// pure functions over plain data, every tolerance in one settings object.
//
//   rulingsToEdges → mergeEdges (snapEdges, joinEdgeGroup) → edgesToIntersections
//   → groupTableEdges → closeOpenSides → tableGridLines → slotsToCells (spans) → assignText
//
// Unlike pdfplumber, a table is emitted as a proper grid: the distinct x and y grid lines of
// the table are collected, every pair of adjacent grid slots is checked for a ruling between
// them, and slots with no ruling between them are merged (union-find) into one cell with
// real rowSpan/colSpan.

import type { BBox, PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { assignText, cellText } from './assign-text.ts';
import type { PageCell, PageTable } from './page-table.ts';
import { resolveSettings, type LatticeSettings, type PartialSettings, type TableSettings } from './settings.ts';

/** An axis-parallel edge. For 'h': pos = y, [start, end] = x range; for 'v': pos = x, [start, end] = y range. */
export interface Edge {
  orient: 'h' | 'v';
  pos: number;
  start: number;
  end: number;
  /** Added by closeOpenSides, not drawn on the page. */
  virtual?: boolean;
}

export interface Intersection {
  x: number;
  y: number;
  /** Indexes into the edge list. */
  h: number;
  v: number;
}

/** Rulings → edges (anything not clearly horizontal or vertical is dropped). */
export function rulingsToEdges(rulings: readonly Ruling[]): Edge[] {
  const out: Edge[] = [];
  for (const r of rulings) {
    const dx = Math.abs(r.x1 - r.x0);
    const dy = Math.abs(r.y1 - r.y0);
    if (dy <= 1 && dx > dy) out.push({ orient: 'h', pos: (r.y0 + r.y1) / 2, start: Math.min(r.x0, r.x1), end: Math.max(r.x0, r.x1) });
    else if (dx <= 1 && dy > dx) out.push({ orient: 'v', pos: (r.x0 + r.x1) / 2, start: Math.min(r.y0, r.y1), end: Math.max(r.y0, r.y1) });
  }
  return out;
}

/** Sorted values → clusters of values each within `tolerance` of its neighbour (chained, like pdfplumber's cluster_list). */
export function clusterValues(values: readonly number[], tolerance: number): number[][] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tolerance) last.push(v);
    else out.push([v]);
  }
  return out;
}

/** Moves parallel edges whose positions lie within `tolerance` of each other to their average position. */
export function snapEdges(edges: readonly Edge[], tolerance: number): Edge[] {
  const out: Edge[] = [];
  for (const orient of ['h', 'v'] as const) {
    const group = edges.filter((e) => e.orient === orient).sort((a, b) => a.pos - b.pos);
    let cluster: Edge[] = [];
    const flush = () => {
      if (cluster.length === 0) return;
      const avg = cluster.reduce((s, e) => s + e.pos, 0) / cluster.length;
      for (const e of cluster) out.push({ ...e, pos: avg });
      cluster = [];
    };
    for (const e of group) {
      if (cluster.length && e.pos - cluster[cluster.length - 1].pos > tolerance) flush();
      cluster.push(e);
    }
    flush();
  }
  return out;
}

/** Joins edges lying on one line whose gaps are at most `tolerance` (dashes, pieces split at cell corners). */
export function joinEdgeGroup(edges: readonly Edge[], tolerance: number): Edge[] {
  const sorted = [...edges].sort((a, b) => a.start - b.start);
  const out: Edge[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start <= last.end + tolerance) {
      if (e.end > last.end) last.end = e.end;
      if (!e.virtual) last.virtual = undefined;
    } else out.push({ ...e });
  }
  return out;
}

/** Snap, then join each line's edges, then drop what is still too short. */
export function mergeEdges(edges: readonly Edge[], s: LatticeSettings): Edge[] {
  const snapped = s.snapTolerance > 0 ? snapEdges(edges, s.snapTolerance) : [...edges];
  // Edges of one orientation at one position, groups in the order they first appear.
  const byPos = { h: new Map<number, Edge[]>(), v: new Map<number, Edge[]>() };
  const groups: Edge[][] = [];
  for (const e of snapped) {
    const g = byPos[e.orient].get(e.pos);
    if (g) g.push(e);
    else {
      const fresh = [e];
      byPos[e.orient].set(e.pos, fresh);
      groups.push(fresh);
    }
  }
  const out: Edge[] = [];
  for (const g of groups) out.push(...(s.joinTolerance > 0 ? joinEdgeGroup(g, s.joinTolerance) : g));
  return out.filter((e) => e.end - e.start >= s.edgeMinLength);
}

/** Points where a horizontal and a vertical edge meet (within `tolerance`). */
export function edgesToIntersections(edges: readonly Edge[], tolerance: number): Intersection[] {
  const hs: number[] = [];
  const vs: number[] = [];
  edges.forEach((e, i) => (e.orient === 'h' ? hs : vs).push(i));
  hs.sort((a, b) => edges[a].pos - edges[b].pos);
  const out: Intersection[] = [];
  for (const vi of vs) {
    const v = edges[vi];
    for (const hi of hs) {
      const h = edges[hi];
      if (h.pos < v.start - tolerance) continue;
      if (h.pos > v.end + tolerance) break;
      if (v.pos >= h.start - tolerance && v.pos <= h.end + tolerance) out.push({ x: v.pos, y: h.pos, h: hi, v: vi });
    }
  }
  return out;
}

/** Groups edges that touch each other (directly or through others) into candidate tables. */
export function groupTableEdges(edges: readonly Edge[], intersections: readonly Intersection[]): { edges: Edge[]; intersections: Intersection[] }[] {
  const parent = edges.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const p of intersections) {
    const a = find(p.h);
    const b = find(p.v);
    if (a !== b) parent[a] = b;
  }
  const byRoot = new Map<number, { edgeIdx: number[]; points: Intersection[] }>();
  for (const p of intersections) {
    const root = find(p.h);
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = { edgeIdx: [], points: [] }));
    g.points.push(p);
  }
  edges.forEach((_, i) => byRoot.get(find(i))?.edgeIdx.push(i));
  const out: { edges: Edge[]; intersections: Intersection[] }[] = [];
  for (const g of byRoot.values()) {
    const remap = new Map<number, number>();
    g.edgeIdx.forEach((ei, k) => remap.set(ei, k));
    out.push({
      edges: g.edgeIdx.map((i) => edges[i]),
      intersections: g.points.map((p) => ({ ...p, h: remap.get(p.h)!, v: remap.get(p.v)! })),
    });
  }
  return out;
}

/**
 * Adds virtual outer borders to a table drawn without side (or top/bottom) rules: when at
 * least two of its horizontal rules, including the top or bottom one, run on past the
 * outermost vertical rule by `minCellSize` or more and end within snap tolerance of each
 * other, a vertical border is added where they end.
 */
export function closeOpenSides(edges: readonly Edge[], s: LatticeSettings): Edge[] {
  const hs = edges.filter((e) => e.orient === 'h');
  const vs = edges.filter((e) => e.orient === 'v');
  if (hs.length < 2 || vs.length < 1) return [...edges];
  const out = [...edges];
  const add = (orient: 'h' | 'v', rules: Edge[], across: Edge[], side: 'start' | 'end') => {
    const outer = side === 'start' ? Math.min(...across.map((e) => e.pos)) : Math.max(...across.map((e) => e.pos));
    const beyond = rules.filter((e) => (side === 'start' ? outer - e.start : e.end - outer) >= s.minCellSize);
    if (beyond.length < 2) return;
    const ends = beyond.map((e) => e[side]);
    const cluster = clusterValues(ends, s.snapTolerance).sort((a, b) => b.length - a.length)[0];
    if (cluster.length < 2) return;
    const first = Math.min(...rules.map((e) => e.pos));
    const last = Math.max(...rules.map((e) => e.pos));
    const reach = beyond.filter((e) => Math.abs(e[side] - cluster[0]) <= s.snapTolerance * 2).map((e) => e.pos);
    const from = Math.min(...reach);
    const to = Math.max(...reach);
    // The virtual border must include an outer rule (top/bottom or left/right) of the table.
    if (Math.abs(from - first) > s.snapTolerance && Math.abs(to - last) > s.snapTolerance) return;
    const pos = cluster.reduce((a, b) => a + b, 0) / cluster.length;
    out.push({ orient: orient === 'h' ? 'v' : 'h', pos, start: from, end: to, virtual: true });
  };
  add('h', hs, vs, 'start');
  add('h', hs, vs, 'end');
  add('v', vs, hs, 'start');
  add('v', vs, hs, 'end');
  return out;
}

/** The table's distinct grid lines: x of vertical and y of horizontal edges that meet at least two others. */
export function tableGridLines(edges: readonly Edge[], intersections: readonly Intersection[], s: LatticeSettings): { xs: number[]; ys: number[] } {
  const hits = new Map<number, number>();
  for (const p of intersections) {
    hits.set(p.h, (hits.get(p.h) ?? 0) + 1);
    hits.set(p.v, (hits.get(p.v) ?? 0) + 1);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  edges.forEach((e, i) => {
    if ((hits.get(i) ?? 0) >= 2) (e.orient === 'v' ? xs : ys).push(e.pos);
  });
  const merge = (vals: number[]) => clusterValues(vals, s.minCellSize).map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  return { xs: merge(xs), ys: merge(ys) };
}

/** Share of [a, b] covered by edges of the given orientation lying at `pos`. */
function coverage(edges: readonly Edge[], orient: 'h' | 'v', pos: number, a: number, b: number, tol: number): number {
  const len = b - a;
  if (len <= 0) return 0;
  const pieces: [number, number][] = [];
  for (const e of edges) {
    if (e.orient !== orient || Math.abs(e.pos - pos) > tol) continue;
    // An edge that only touches the side at one end (the rule of the row above ending on this
    // row's top line) covers none of it: on a thin row the tolerance at both ends would
    // otherwise add up to a separator no one drew.
    if (e.end <= a + tol || e.start >= b - tol) continue;
    const s0 = Math.max(a, e.start - tol);
    const s1 = Math.min(b, e.end + tol);
    if (s1 > s0) pieces.push([s0, s1]);
  }
  pieces.sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let reach = a;
  for (const [s0, s1] of pieces) {
    const from = Math.max(s0, reach);
    if (s1 > from) {
      covered += s1 - from;
      reach = s1;
    }
  }
  return covered / len;
}

export interface GridCellBox {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
}

/**
 * Grid slots → cells. Two adjacent slots belong to one cell unless a ruling covers their
 * common side; the resulting groups are cut into rectangles (a non-rectangular group — a
 * broken ruling — is reported and split into maximal rectangles, row by row).
 */
export function slotsToCells(
  xs: readonly number[],
  ys: readonly number[],
  edges: readonly Edge[],
  s: LatticeSettings,
): { cells: GridCellBox[]; warnings: string[] } {
  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  const warnings: string[] = [];
  const parent = Array.from({ length: nRows * nCols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const tol = s.intersectionTolerance;
  // The edges that can cover a side on each grid line, found once per line rather than per side.
  const vAt = xs.map((x) => edges.filter((e) => e.orient === 'v' && !(Math.abs(e.pos - x) > tol)));
  const hAt = ys.map((y) => edges.filter((e) => e.orient === 'h' && !(Math.abs(e.pos - y) > tol)));
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (c + 1 < nCols && coverage(vAt[c + 1], 'v', xs[c + 1], ys[r], ys[r + 1], tol) < s.separatorCoverage) union(r * nCols + c, r * nCols + c + 1);
      if (r + 1 < nRows && coverage(hAt[r + 1], 'h', ys[r + 1], xs[c], xs[c + 1], tol) < s.separatorCoverage) union(r * nCols + c, (r + 1) * nCols + c);
    }
  }
  const taken = new Array<boolean>(nRows * nCols).fill(false);
  const cells: GridCellBox[] = [];
  let brokenGroups = 0;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const i = r * nCols + c;
      if (taken[i]) continue;
      const root = find(i);
      // Grow right, then down, while the slots belong to the same group and are free.
      let c1 = c;
      while (c1 + 1 < nCols && !taken[r * nCols + c1 + 1] && find(r * nCols + c1 + 1) === root) c1++;
      let r1 = r;
      const rowFits = (rr: number) => {
        for (let cc = c; cc <= c1; cc++) if (taken[rr * nCols + cc] || find(rr * nCols + cc) !== root) return false;
        return true;
      };
      while (r1 + 1 < nRows && rowFits(r1 + 1)) r1++;
      for (let rr = r; rr <= r1; rr++) for (let cc = c; cc <= c1; cc++) taken[rr * nCols + cc] = true;
      cells.push({ row: r, col: c, rowSpan: r1 - r + 1, colSpan: c1 - c + 1, bbox: [xs[c], ys[r], xs[c1 + 1], ys[r1 + 1]] });
    }
  }
  // A group that needed more than one rectangle was not rectangular.
  const rectsPerRoot = new Map<number, number>();
  for (const cell of cells) {
    const root = find(cell.row * nCols + cell.col);
    rectsPerRoot.set(root, (rectsPerRoot.get(root) ?? 0) + 1);
  }
  for (const n of rectsPerRoot.values()) if (n > 1) brokenGroups++;
  if (brokenGroups > 0) warnings.push(`${brokenGroups} non-rectangular merged region(s) split into rectangles (broken or partial rulings)`);
  return { cells, warnings };
}


/** Finds the ruled tables of one page. */
export function findLatticeTables(page: PdfPage, settings: PartialSettings | TableSettings = {}): PageTable[] {
  const s = resolveSettings(settings);
  const ls = s.lattice;
  const edges = mergeEdges(rulingsToEdges(page.rulings), ls);
  const groups = groupTableEdges(edges, edgesToIntersections(edges, ls.intersectionTolerance));
  const tables: PageTable[] = [];
  for (const g of groups) {
    let tEdges = g.edges;
    if (ls.closeOpenSides) tEdges = mergeEdges(closeOpenSides(tEdges, ls), ls);
    const points = edgesToIntersections(tEdges, ls.intersectionTolerance);
    const { xs, ys } = tableGridLines(tEdges, points, ls);
    if (xs.length < 2 || ys.length < 2) continue;
    const { cells, warnings } = slotsToCells(xs, ys, tEdges, ls);
    if (cells.length < ls.minCells) continue;
    const bbox: BBox = [xs[0], ys[0], xs[xs.length - 1], ys[ys.length - 1]];
    tables.push(buildPageTable(page, bbox, xs, ys, cells, warnings, s));
  }
  return resolveNesting(tables).sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
}

/** A table drawn entirely inside one cell of another (a frame around a table) — keep the inner, more detailed one. */
function resolveNesting(tables: PageTable[]): PageTable[] {
  return tables.filter(
    (t) =>
      !tables.some(
        (o) => o !== t && contains(t.bbox, o.bbox, 2) && t.cells.length <= 2 && o.cells.length > t.cells.length,
      ),
  );
}

function contains(outer: BBox, inner: BBox, tol: number): boolean {
  return inner[0] >= outer[0] - tol && inner[1] >= outer[1] - tol && inner[2] <= outer[2] + tol && inner[3] <= outer[3] + tol;
}

/**
 * A cell spanning several grid columns whose text nevertheless sits in separate columns —
 * tables ruled only horizontally in the body while the header draws the column lines — is
 * cut at every column line that none of its runs crosses, when that leaves text in at least
 * two pieces. A real merged cell (a centred title, wrapped text) crosses a line or leaves
 * text in only one piece, and stays whole.
 */
export function splitUnderRuledCells(
  cells: readonly GridCellBox[],
  cellRuns: readonly TextRun[][],
  xs: readonly number[],
  abutGapEm: number,
): { cells: GridCellBox[]; cellRuns: TextRun[][]; split: number } {
  const outCells: GridCellBox[] = [];
  const outRuns: TextRun[][] = [];
  let split = 0;
  cells.forEach((cell, i) => {
    const runs = cellRuns[i];
    if (cell.colSpan < 2 || runs.length < 2) {
      outCells.push(cell);
      outRuns.push(runs);
      return;
    }
    const cuts = [cell.col];
    for (let b = cell.col + 1; b < cell.col + cell.colSpan; b++) {
      const x = xs[b];
      if (!runs.some((r) => r.bbox[0] < x - 1 && r.bbox[2] > x + 1) && !abutAcross(runs, x, abutGapEm)) cuts.push(b);
    }
    cuts.push(cell.col + cell.colSpan);
    const pieces: { c0: number; c1: number; runs: TextRun[] }[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [c0, c1] = [cuts[k], cuts[k + 1]];
      pieces.push({ c0, c1, runs: runs.filter((r) => (r.bbox[0] + r.bbox[2]) / 2 >= xs[c0] && (r.bbox[0] + r.bbox[2]) / 2 < xs[c1]) });
    }
    if (pieces.filter((p) => p.runs.length > 0).length < 2) {
      outCells.push(cell);
      outRuns.push(runs);
      return;
    }
    split++;
    for (const p of pieces) {
      outCells.push({ row: cell.row, col: p.c0, rowSpan: cell.rowSpan, colSpan: p.c1 - p.c0, bbox: [xs[p.c0], cell.bbox[1], xs[p.c1], cell.bbox[3]] });
      outRuns.push(p.runs);
    }
  });
  return { cells: outCells, cellRuns: outRuns, split };
}

/** Whether two runs of one visual line meet at `x` with (nearly) no gap: one text continued across the line. */
function abutAcross(runs: readonly TextRun[], x: number, gapEm: number): boolean {
  return runs.some((a) => {
    const gap = gapEm * Math.max(a.fontSize, 1);
    if (a.bbox[2] > x + 1 || a.bbox[2] < x - gap - 1) return false;
    return runs.some((b) => b !== a && b.bbox[0] >= a.bbox[2] - 1 && b.bbox[0] - a.bbox[2] < gap && b.bbox[0] <= x + gap + 1
      && Math.min(a.bbox[3], b.bbox[3]) - Math.max(a.bbox[1], b.bbox[1]) > 0.5 * Math.min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]));
  });
}

/** Cells with boxes → a PageTable with text placed. Shared shape with the stream finder. */
export function buildPageTable(
  page: PdfPage,
  bbox: BBox,
  xs: readonly number[],
  ys: readonly number[],
  cells: readonly GridCellBox[],
  warnings: string[],
  s: TableSettings,
  runs: readonly TextRun[] = page.runs,
): PageTable {
  const assigned = assignText(cells, bbox, runs, s.text);
  let finalCells: readonly GridCellBox[] = cells;
  let finalRuns: TextRun[][] = assigned.cellRuns;
  // The cells' texts as assignText joined them, until a split gives cells other runs.
  let texts: readonly string[] | null = assigned.texts;
  const w = [...warnings];
  if (s.lattice.splitUnderRuled) {
    const r = splitUnderRuledCells(cells, assigned.cellRuns, xs, s.lattice.splitAbutGapEm);
    if (r.split > 0) {
      finalCells = r.cells.sort((a, b) => a.row - b.row || a.col - b.col);
      finalRuns = r.cells.map((c) => r.cellRuns[r.cells.indexOf(c)]);
      texts = null;
      w.push(`page ${page.number}: ${r.split} merged cell(s) split at unruled column lines (text aligned to columns)`);
    }
  }
  const out: PageCell[] = finalCells.map((c, i) => ({
    row: c.row,
    col: c.col,
    rowSpan: c.rowSpan,
    colSpan: c.colSpan,
    text: texts ? texts[i] : cellText(finalRuns[i], s.text),
    page: page.number,
    bbox: roundBox(c.bbox),
  }));
  if (assigned.stray.length) {
    w.push(`page ${page.number}: ${assigned.stray.length} text run(s) inside the table box but in no cell: ${assigned.stray.slice(0, 3).map((r) => JSON.stringify(r.text)).join(', ')}`);
  }
  return {
    page: page.number,
    bbox: roundBox(bbox),
    nRows: ys.length - 1,
    nCols: xs.length - 1,
    cells: out,
    rowBoxes: ys.slice(0, -1).map((y, r) => roundBox([bbox[0], y, bbox[2], ys[r + 1]])),
    colXs: xs.map(round),
    warnings: w,
    finder: 'lattice',
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function roundBox(b: BBox): BBox {
  return [round(b[0]), round(b[1]), round(b[2]), round(b[3])];
}
