// What the recogniser reads, cell by cell. The detector's line boxes do not know the table: one
// box may run across a rule into the next cell (the rules are erased before detection), and one
// line of a cell may come as two overlapping boxes (督察、整 | 整改等文件), whose shared
// characters are then read twice. Once the rulings are known, each line box is cut where a rule
// of the grid crosses it, and boxes of one line that overlap inside one cell are joined, so each
// crop holds one cell's line and nothing of its neighbours.
import type { TextBox } from './detect.ts';
import type { PixelRuling } from './rulings.ts';
import { OCR_SETTINGS } from './settings.ts';

/** The boxes to recognise: cut at the grid's vertical rules, joined where they overlap on one line of one cell. */
export function cellBoxes(boxes: readonly TextBox[], rulings: readonly PixelRuling[], dpi: number): TextBox[] {
  const cuts = gridVerticals(rulings, dpi);
  const pieces = boxes.flatMap((box) => cutAtRules(box, cuts, dpi));
  return joinOverlapping(pieces, cuts);
}

/**
 * Vertical rulings that belong to a grid: an end (or a crossing) on a horizontal ruling. The
 * upright strokes of large characters (a title's 丨) pass the ruling finder's length test, but
 * touch no horizontal rule, and must not cut a line.
 */
export function gridVerticals(rulings: readonly PixelRuling[], dpi: number): PixelRuling[] {
  const reach = OCR_SETTINGS.cells.joinReachIn * dpi;
  const horizontals = rulings.filter((r) => r.horizontal);
  return rulings.filter(
    (v) => !v.horizontal && horizontals.some((h) => v.at >= h.from - reach && v.at <= h.to + reach && h.at >= v.from - reach && h.at <= v.to + reach),
  );
}

function crosses(rule: PixelRuling, box: TextBox): boolean {
  const mid = (box.y0 + box.y1) / 2;
  return rule.from <= mid && rule.to >= mid && rule.at > box.x0 && rule.at < box.x1;
}

function cutAtRules(box: TextBox, verticals: readonly PixelRuling[], dpi: number): TextBox[] {
  const at = verticals.filter((r) => crosses(r, box)).map((r) => r.at).sort((a, b) => a - b);
  if (at.length === 0) return [box];
  const minWidth = OCR_SETTINGS.cells.minPieceIn * dpi;
  const edges = [box.x0, ...at, box.x1];
  const out: TextBox[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    if (edges[i + 1] - edges[i] >= minWidth) out.push({ ...box, x0: edges[i], x1: edges[i + 1] });
  }
  return out;
}

/** Boxes on one line (most of the lower one's height shared) that overlap along it, with no grid rule between them, become one. */
function joinOverlapping(boxes: TextBox[], verticals: readonly PixelRuling[]): TextBox[] {
  const out = boxes.map((b) => ({ ...b }));
  let joined = true;
  while (joined) {
    joined = false;
    for (let i = 0; i < out.length && !joined; i++) {
      for (let j = i + 1; j < out.length && !joined; j++) {
        const a = out[i];
        const b = out[j];
        const shared = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (shared < OCR_SETTINGS.cells.sameLineShare * Math.min(a.y1 - a.y0, b.y1 - b.y0)) continue;
        if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) <= 0) continue;
        const union = { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1), score: Math.max(a.score, b.score) };
        if (verticals.some((r) => crosses(r, union))) continue;
        out[i] = union;
        out.splice(j, 1);
        joined = true;
      }
    }
  }
  return out;
}
