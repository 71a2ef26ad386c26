// A generic document's tables against its truth by ICDAR 2013 cell adjacency. Predicted and
// true tables are paired one to one, greedily by the most relations in common (the producers
// through LibreOffice give no boxes to match on). "Exact" (README): every true table's F1 is 1
// and no other table was found (a table invented from prose or a chart makes it inexact).
import type { Grid } from '../../../src/model/layout.ts';
import { adjacencyRelations, countCommon, type Relation, type ScoreCell } from '../../icdar/adjacency.ts';
import { ratios } from '../../icdar/score.ts';
import type { GenericTruth } from '../spec.ts';

export interface GenericScore {
  exact: boolean;
  /** F1 of each true table against its partner (0 when unpaired). */
  tableF1: number[];
  /** Micro precision/recall/F1 over the document's relations. */
  precision: number;
  recall: number;
  f1: number;
  relations: { truth: number; predicted: number; correct: number };
  diffs: string[];
}

export function gridCells(grid: Pick<Grid, 'cells'>): ScoreCell[] {
  return grid.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text }));
}

const clip = (t: string) => ([...t].length > 24 ? `${[...t].slice(0, 23).join('')}…` : t);
const relationText = (r: Relation) => `${clip(r.from)} ${r.dir === 'right' ? '→' : '↓'} ${clip(r.to)}`;

function relationDiffs(pred: Relation[], truth: Relation[], limit: number): string[] {
  const key = (r: Relation) => relationText(r);
  const left = new Map<string, number>();
  for (const r of pred) left.set(key(r), (left.get(key(r)) ?? 0) + 1);
  const missed: string[] = [];
  for (const r of truth) {
    const n = left.get(key(r)) ?? 0;
    if (n > 0) left.set(key(r), n - 1);
    else missed.push(key(r));
  }
  const extra = [...left.entries()].flatMap(([k, n]) => Array.from({ length: n }, () => k));
  return [...missed.slice(0, limit).map((k) => `missed ${k}`), ...extra.slice(0, limit).map((k) => `false ${k}`)];
}

export function scoreGeneric(predicted: ScoreCell[][], truth: GenericTruth, failure?: string): GenericScore {
  const predRel = predicted.map(adjacencyRelations);
  const truthRel = truth.tables.map((t) => adjacencyRelations(t.cells));
  const pairs: { p: number; g: number; common: number }[] = [];
  predRel.forEach((pr, p) => truthRel.forEach((tr, g) => {
    const common = countCommon(pr, tr);
    if (common > 0) pairs.push({ p, g, common });
  }));
  pairs.sort((a, b) => b.common - a.common || a.p - b.p || a.g - b.g);
  const partnerOf = new Map<number, { p: number; common: number }>();
  const usedP = new Set<number>();
  for (const pair of pairs) {
    if (usedP.has(pair.p) || partnerOf.has(pair.g)) continue;
    usedP.add(pair.p);
    partnerOf.set(pair.g, pair);
  }
  const diffs: string[] = failure ? [`no result: ${failure}`] : [];
  const tableF1 = truthRel.map((tr, g) => {
    const m = partnerOf.get(g);
    if (!m) {
      diffs.push(`table ${truth.tables[g].id} not found (${tr.length} relations)`);
      return 0;
    }
    const f1 = ratios({ truth: tr.length, predicted: predRel[m.p].length, correct: m.common }).f1;
    if (f1 < 1) {
      const pc = predicted[m.p];
      const nRows = Math.max(0, ...pc.map((c) => c.row + c.rowSpan));
      const nCols = Math.max(0, ...pc.map((c) => c.col + c.colSpan));
      diffs.push(`table ${truth.tables[g].id}: F1 ${(100 * f1).toFixed(1)} (read as ${nRows}×${nCols}); ${relationDiffs(predRel[m.p], tr, 3).join('; ')}`);
    }
    return f1;
  });
  predRel.forEach((pr, p) => {
    if (!usedP.has(p) && pr.length > 0) diffs.push(`invented table ${p + 1} (${pr.length} relations): ${pr.slice(0, 2).map(relationText).join(', ')}`);
  });
  const relations = {
    truth: truthRel.reduce((s, r) => s + r.length, 0),
    predicted: predRel.reduce((s, r) => s + r.length, 0),
    correct: [...partnerOf.values()].reduce((s, m) => s + m.common, 0),
  };
  const r = ratios(relations);
  const exact = !failure && tableF1.every((f) => f === 1) && relations.predicted === relations.correct;
  return { exact, tableF1, ...r, relations, diffs };
}
