// Scores the complete process: predicted tables are matched one-to-one to ground-truth tables
// of the same page by bounding-box overlap; relations of unmatched tables count as missed
// (ground truth) or false (predicted).

import { adjacencyRelations, countCommon, type ScoreTable } from './adjacency.ts';

export interface MatchSettings {
  /** A pair is a candidate only when their intersection covers at least this share of the smaller box. */
  minCoverOfSmaller: number;
}

export const DEFAULT_MATCH: MatchSettings = { minCoverOfSmaller: 0.5 };

export interface Counts {
  /** Relations in the ground truth. */
  truth: number;
  /** Relations we produced. */
  predicted: number;
  /** Predicted relations that are in the ground truth (multiset intersection). */
  correct: number;
}

export interface DocumentScore extends Counts {
  name: string;
  gtTables: number;
  predTables: number;
  matchedTables: number;
  precision: number;
  recall: number;
  f1: number;
}

type Box = [number, number, number, number];

function area(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

function intersection(a: Box, b: Box): number {
  return area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);
}

/** Boxes may come with y1 > y2; make them [minX, minY, maxX, maxY]. */
function norm(b: Box): Box {
  return [Math.min(b[0], b[2]), Math.min(b[1], b[3]), Math.max(b[0], b[2]), Math.max(b[1], b[3])];
}

/**
 * One-to-one matching on each page: candidate pairs (same page, intersection ≥
 * `minCoverOfSmaller` of the smaller box) are taken greedily by decreasing IoU.
 * Returns pairs [predIndex, gtIndex].
 */
export function matchTables(pred: ScoreTable[], truth: ScoreTable[], settings: MatchSettings = DEFAULT_MATCH): [number, number][] {
  const candidates: { p: number; g: number; iou: number }[] = [];
  pred.forEach((pt, p) => {
    truth.forEach((gt, g) => {
      if (pt.page !== gt.page) return;
      const a = norm(pt.bbox);
      const b = norm(gt.bbox);
      const inter = intersection(a, b);
      const smaller = Math.min(area(a), area(b));
      if (inter <= 0 || smaller <= 0 || inter < settings.minCoverOfSmaller * smaller) return;
      candidates.push({ p, g, iou: inter / (area(a) + area(b) - inter) });
    });
  });
  candidates.sort((x, y) => y.iou - x.iou || x.p - y.p || x.g - y.g);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedP.has(c.p) || usedG.has(c.g)) continue;
    usedP.add(c.p);
    usedG.add(c.g);
    pairs.push([c.p, c.g]);
  }
  return pairs;
}

export function ratios(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.predicted === 0 ? (c.truth === 0 ? 1 : 0) : c.correct / c.predicted;
  const recall = c.truth === 0 ? 1 : c.correct / c.truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Scores one document's predicted tables against its ground truth. */
export function scoreDocument(name: string, pred: ScoreTable[], truth: ScoreTable[], settings: MatchSettings = DEFAULT_MATCH): DocumentScore {
  const predRel = pred.map((t) => adjacencyRelations(t.cells));
  const truthRel = truth.map((t) => adjacencyRelations(t.cells));
  const pairs = matchTables(pred, truth, settings);
  let correct = 0;
  for (const [p, g] of pairs) correct += countCommon(predRel[p], truthRel[g]);
  const counts: Counts = {
    truth: truthRel.reduce((s, r) => s + r.length, 0),
    predicted: predRel.reduce((s, r) => s + r.length, 0),
    correct,
  };
  return {
    name,
    gtTables: truth.length,
    predTables: pred.length,
    matchedTables: pairs.length,
    ...counts,
    ...ratios(counts),
  };
}

/** Micro-average: relation counts summed over all documents. */
export function totals(scores: DocumentScore[]): Counts & { precision: number; recall: number; f1: number } {
  const counts: Counts = { truth: 0, predicted: 0, correct: 0 };
  for (const s of scores) {
    counts.truth += s.truth;
    counts.predicted += s.predicted;
    counts.correct += s.correct;
  }
  return { ...counts, ...ratios(counts) };
}
