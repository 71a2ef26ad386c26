// Path geometry for the PDF and OFD readers: draw-op path buffers → horizontal/vertical ruling segments.
//
// pdfjs v5 (verified against pdfjs-dist 5.6.205, pdf.worker.mjs `buildPath` / `DrawOPS`) hands
// every painted path as OPS.constructPath with args `[paintOp, [Float32Array | null], minMax]`.
// The buffer holds opcodes followed by their coordinates in USER space (the CTM is not applied,
// except that the save/transform/constructPath/restore optimizer pre-applies a simple `cm`):
//   0 moveTo x y · 1 lineTo x y · 2 curveTo x1 y1 x2 y2 x y · 3 quadraticCurveTo x1 y1 x y · 4 closePath
// `re` arrives as moveTo + 3 lineTo + closePath (or moveTo + lineTo + closePath when w or h is 0).

import type { BBox, Ruling } from '../model/layout.ts';

/** Affine matrix [a, b, c, d, e, f] mapping (x, y) → (a x + c y + e, b x + d y + f). */
export type Matrix = [number, number, number, number, number, number];

/** `m1` then `m2` applied in PDF order: the new CTM for `cm m2` under `m1` is m2 × m1. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m2[0] * m1[0] + m2[1] * m1[2],
    m2[0] * m1[1] + m2[1] * m1[3],
    m2[2] * m1[0] + m2[3] * m1[2],
    m2[2] * m1[1] + m2[3] * m1[3],
    m2[4] * m1[0] + m2[5] * m1[2] + m1[4],
    m2[4] * m1[1] + m2[5] * m1[3] + m1[5],
  ];
}

/** The point (x, y) mapped by `m`. */
export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export const DRAW_MOVE = 0;
export const DRAW_LINE = 1;
export const DRAW_CURVE = 2;
export const DRAW_QUAD = 3;
export const DRAW_CLOSE = 4;

/** How far from axis-parallel a stroked segment may lean and still count as a ruling (points). */
export const AXIS_TOLERANCE = 1;
/** A filled rectangle thinner than this is a drawn line along its long axis (points). */
export const THIN_FILL = 2.5;
/** Filled rectangles at least this big on both sides are shading: their 4 edges become rulings. */
export const SHADING_MIN = 4;

interface Point {
  x: number;
  y: number;
}

/**
 * Adds the rulings of one painted path to `out`, in page (viewport) coordinates.
 * Stroked paths contribute each axis-parallel straight segment; filled paths contribute
 * axis-aligned rectangles: a thin one as a line along its long axis, a big one (cell
 * shading) as its 4 edges only when `shadingEdges` is set — off by default: Word PDFs fill
 * cell and even per-line text backgrounds, whose edges would cut cells apart.
 */
export function pathRulings(
  path: ArrayLike<number>,
  ctm: Matrix,
  stroke: boolean,
  fill: boolean,
  out: Ruling[],
  shadingEdges = false,
): void {
  const subpaths = splitSubpaths(path, ctm);
  for (const sp of subpaths) {
    if (stroke) {
      for (let i = 0; i + 1 < sp.points.length; i++) {
        const seg = axisSegment(sp.points[i], sp.points[i + 1]);
        if (seg && sp.straight[i]) out.push(seg);
      }
      if (sp.closed && sp.points.length > 2) {
        const seg = axisSegment(sp.points[sp.points.length - 1], sp.points[0]);
        if (seg) out.push(seg);
      }
    }
    if (fill && !stroke) {
      const rect = axisRect(sp);
      if (!rect) continue;
      const [x0, y0, x1, y1] = rect;
      const w = x1 - x0;
      const h = y1 - y0;
      if (w < THIN_FILL && h < THIN_FILL) continue; // a dot
      if (h < THIN_FILL) out.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
      else if (w < THIN_FILL) out.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
      else if (shadingEdges && w >= SHADING_MIN && h >= SHADING_MIN) {
        out.push({ x0, y0, x1, y1: y0 }, { x0, y0: y1, x1, y1 }, { x0, y0, x1: x0, y1 }, { x0: x1, y0, x1, y1 });
      }
    }
  }
}

interface Subpath {
  points: Point[];
  /** straight[i]: the piece from points[i] to points[i+1] is a line (not a curve). */
  straight: boolean[];
  closed: boolean;
}

function splitSubpaths(path: ArrayLike<number>, m: Matrix): Subpath[] {
  const out: Subpath[] = [];
  let cur: Subpath | null = null;
  const at = (x: number, y: number): Point => ({ x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] });
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    switch (op) {
      case DRAW_MOVE:
        cur = { points: [at(path[k], path[k + 1])], straight: [], closed: false };
        out.push(cur);
        k += 2;
        break;
      case DRAW_LINE:
        if (!cur) {
          cur = { points: [at(path[k], path[k + 1])], straight: [], closed: false };
          out.push(cur);
        } else {
          cur.points.push(at(path[k], path[k + 1]));
          cur.straight.push(true);
        }
        k += 2;
        break;
      case DRAW_CURVE:
        if (cur) {
          cur.points.push(at(path[k + 4], path[k + 5]));
          cur.straight.push(false);
        }
        k += 6;
        break;
      case DRAW_QUAD:
        if (cur) {
          cur.points.push(at(path[k + 2], path[k + 3]));
          cur.straight.push(false);
        }
        k += 4;
        break;
      case DRAW_CLOSE:
        if (cur) {
          cur.closed = true;
          // A new segment after closePath starts at the subpath's first point.
          const first: Point = cur.points[0];
          cur = { points: [first], straight: [], closed: false };
          out.push(cur);
        }
        break;
      default:
        return out; // unknown opcode: stop rather than misread coordinates
    }
  }
  return out.filter((s) => s.points.length > 1 || s.closed);
}

function axisSegment(a: Point, b: Point): Ruling | null {
  const dx = Math.abs(a.x - b.x);
  const dy = Math.abs(a.y - b.y);
  if (dy <= AXIS_TOLERANCE && dx > dy) {
    const y = (a.y + b.y) / 2;
    return { x0: Math.min(a.x, b.x), y0: y, x1: Math.max(a.x, b.x), y1: y };
  }
  if (dx <= AXIS_TOLERANCE && dy > dx) {
    const x = (a.x + b.x) / 2;
    return { x0: x, y0: Math.min(a.y, b.y), x1: x, y1: Math.max(a.y, b.y) };
  }
  return null;
}

/** The box of a subpath that is an axis-aligned rectangle (4 corners, maybe repeated first point). */
function axisRect(sp: Subpath): [number, number, number, number] | null {
  let pts = sp.points;
  if (sp.straight.some((s) => !s)) return null;
  if (pts.length === 5 && near(pts[0], pts[4])) pts = pts.slice(0, 4);
  if (pts.length === 2) {
    // `re` with zero width or height: a line painted by fill (no area) — keep as a line.
    return [Math.min(pts[0].x, pts[1].x), Math.min(pts[0].y, pts[1].y), Math.max(pts[0].x, pts[1].x), Math.max(pts[0].y, pts[1].y)];
  }
  if (pts.length !== 4) return null;
  for (let i = 0; i < 4; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % 4];
    if (Math.abs(a.x - b.x) > 0.5 && Math.abs(a.y - b.y) > 0.5) return null;
  }
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function near(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01;
}

/** Rounds to 0.01 (page coordinates are given to the hundredth of a point). */
export function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The rounded box around points. */
export function boxOf(points: [number, number][]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [round(x0), round(y0), round(x1), round(y1)];
}

/** The rulings that touch the page (2 pt of slack), rounded. */
export function pageRulings(rulings: readonly Ruling[], width: number, height: number): Ruling[] {
  const m = 2;
  return rulings
    .filter((r) => Math.max(r.x0, r.x1) >= -m && Math.min(r.x0, r.x1) <= width + m && Math.max(r.y0, r.y1) >= -m && Math.min(r.y0, r.y1) <= height + m)
    .map((r) => ({ x0: round(r.x0), y0: round(r.y0), x1: round(r.x1), y1: round(r.y1) }));
}
