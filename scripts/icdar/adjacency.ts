// The ICDAR 2013 structure measure: cell adjacency relations (Göbel et al., 2013).
// For every non-empty cell, its nearest non-empty neighbour to the right and below forms a
// relation (text, text, direction); a spanning cell relates to each neighbour along its span.

/** A cell as the scorer sees it: 0-based grid position, spans ≥ 1, raw text. */
export interface ScoreCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/** A table as the scorer sees it. `bbox` is in the ground truth's frame: [x1, y1, x2, y2], origin bottom-left. */
export interface ScoreTable {
  page: number;
  bbox: [number, number, number, number];
  cells: ScoreCell[];
}

export type Direction = 'right' | 'below';

export interface Relation {
  from: string;
  to: string;
  dir: Direction;
}

const QUIRKS: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/gu, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/gu, '"'],
  [/[\u2010-\u2015\u2212\u00AD\uFE63\uFF0D]/gu, '-'],
  [/[\u2022\u00B7\u2219\u25CF\u25AA\uF0B7]/gu, '•'],
  [/\u2026/gu, '...'],
];

/**
 * Cell text as compared: NFKC (ligatures, full-width forms), typographic quotes, dashes,
 * bullets and ellipses folded to one form, soft hyphens dropped, and all whitespace removed.
 */
export function normalizeCellText(text: string): string {
  let out = text.normalize('NFKC');
  for (const [re, to] of QUIRKS) out = out.replace(re, to);
  return out.replace(/\u00AD/gu, '').replace(/[\s\u200B\u200C\u200D\uFEFF]+/gu, '');
}

/** The relations of one table, as a list (a multiset: equal relations may repeat). */
export function adjacencyRelations(cells: ScoreCell[]): Relation[] {
  const live = cells
    .map((c) => ({ ...c, norm: normalizeCellText(c.text) }))
    .filter((c) => c.norm !== '' && c.row >= 0 && c.col >= 0);
  if (live.length === 0) return [];
  const nRows = Math.max(...live.map((c) => c.row + Math.max(1, c.rowSpan)));
  const nCols = Math.max(...live.map((c) => c.col + Math.max(1, c.colSpan)));
  // slot → index of the non-empty cell covering it (-1 when empty). Overlaps: first one wins.
  const slots = new Int32Array(nRows * nCols).fill(-1);
  live.forEach((c, i) => {
    for (let r = c.row; r < c.row + Math.max(1, c.rowSpan); r++)
      for (let k = c.col; k < c.col + Math.max(1, c.colSpan); k++) if (slots[r * nCols + k] < 0) slots[r * nCols + k] = i;
  });
  const relations: Relation[] = [];
  live.forEach((c, i) => {
    const rowEnd = c.row + Math.max(1, c.rowSpan);
    const colEnd = c.col + Math.max(1, c.colSpan);
    const right = new Set<number>();
    for (let r = c.row; r < rowEnd; r++) {
      for (let k = colEnd; k < nCols; k++) {
        const j = slots[r * nCols + k];
        if (j >= 0 && j !== i) {
          right.add(j);
          break;
        }
      }
    }
    const below = new Set<number>();
    for (let k = c.col; k < colEnd; k++) {
      for (let r = rowEnd; r < nRows; r++) {
        const j = slots[r * nCols + k];
        if (j >= 0 && j !== i) {
          below.add(j);
          break;
        }
      }
    }
    for (const j of right) relations.push({ from: c.norm, to: live[j].norm, dir: 'right' });
    for (const j of below) relations.push({ from: c.norm, to: live[j].norm, dir: 'below' });
  });
  return relations;
}

export function relationKey(r: Relation): string {
  return `${r.dir}\u0000${r.from}\u0000${r.to}`;
}

/** Multiset intersection size of two relation lists. */
export function countCommon(predicted: Relation[], truth: Relation[]): number {
  const counts = new Map<string, number>();
  for (const r of truth) counts.set(relationKey(r), (counts.get(relationKey(r)) ?? 0) + 1);
  let common = 0;
  for (const r of predicted) {
    const key = relationKey(r);
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      common++;
      counts.set(key, n - 1);
    }
  }
  return common;
}
