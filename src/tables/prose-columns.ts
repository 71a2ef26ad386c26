// Body text set in a column beside a table (issue 10 case 3: a table in one column of a
// two-column page, prose at the same height in the other). Its lines are not on the table's
// baselines, so no line-based test sees two long halves side by side: every finder would take the
// prose for one more column of the table, its lines for rows. It is found by its own geometry —
// justified lines of running text sharing one right edge, one above the other at a steady
// pitch, hardly ever on a baseline of the text beside it — and taken off the page before any
// finder runs (text inside ruled boxes stays: a form's merged 绩效目标 cell is not body text).

import type { BBox, PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { centre, containsPoint } from './assign-text.ts';
import { DEFAULT_SETTINGS, type ProseColumnSettings } from './settings.ts';
import { median } from './stream-lines.ts';

/** A list item's mark (bullet, `1.`, `a)`, `(iv)`), when it opens its line. */
const LIST_ITEM_MARK = /^([•·▪◦●○■□◆◇►▸➢➤✓✔*\-–—‒]|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])$/u;

/** Runs of one baseline that follow each other closely: a line of one column. */
interface Piece {
  runs: TextRun[];
  x0: number;
  x1: number;
  top: number;
  base: number;
  em: number;
  chars: number;
}

function pieces(runs: readonly TextRun[]): Piece[] {
  const sorted = [...runs].filter((r) => r.text.trim() !== '').sort((a, b) => a.bbox[3] - b.bbox[3] || a.bbox[0] - b.bbox[0]);
  const out: Piece[] = [];
  for (const run of sorted) {
    const em = run.fontSize || run.bbox[3] - run.bbox[1] || 10;
    const chars = [...run.text.replace(/\s+/gu, '')].length;
    const joined = out.find((p) => Math.abs(p.base - run.bbox[3]) <= 0.2 * em && run.bbox[0] >= p.x1 - 0.5 * em && run.bbox[0] - p.x1 <= em);
    if (joined) {
      joined.runs.push(run);
      joined.x1 = Math.max(joined.x1, run.bbox[2]);
      joined.top = Math.min(joined.top, run.bbox[1]);
      joined.chars += chars;
    } else {
      out.push({ runs: [run], x0: run.bbox[0], x1: run.bbox[2], top: run.bbox[1], base: run.bbox[3], em, chars });
    }
  }
  return out;
}

/** The body-text columns of a set of pieces: each the pieces it is made of. */
function proseColumns(all: Piece[], textWidth: number, rules: readonly Ruling[], s: ProseColumnSettings): Piece[][] {
  const full = all.filter((p) => p.chars >= s.lineChars && /\p{L}/u.test(p.runs.map((r) => r.text).join('')));
  const used = new Set<Piece>();
  const columns: Piece[][] = [];
  for (const seed of [...full].sort((a, b) => a.top - b.top)) {
    if (used.has(seed)) continue;
    const em = seed.em;
    // Justified lines ending at the seed's right edge, starting at one left edge (or indented from it).
    const mates = full.filter((p) => !used.has(p) && Math.abs(p.x1 - seed.x1) <= s.edgeEm * em && Math.abs(p.em - em) <= 0.1 * em);
    // The left edge: the lines' usual start, or the unindented lines' start left of it.
    const usual = median(mates.map((p) => p.x0));
    const left = Math.min(...mates.map((p) => p.x0).filter((x) => x >= usual - s.indentEm * em));
    const lines = mates.filter((p) => p.x0 >= left - s.edgeEm * em && p.x0 <= left + s.indentEm * em).sort((a, b) => a.base - b.base);
    if (lines.length < 2 || seed.x1 - left < s.widthShare * textWidth) continue;
    const right = Math.max(...lines.map((p) => p.x1));
    // The column's lines: its full lines and the short last lines of its paragraphs (starting
    // an indent left of the full lines when these are all first lines), one chain through the
    // seed at a steady pitch.
    const inColumn = all
      .filter((p) => Math.abs(p.x0 - left) <= s.indentEm * em && p.x1 <= right + s.edgeEm * em && Math.abs(p.em - em) <= 0.1 * em)
      .sort((a, b) => a.base - b.base);
    const steps = inColumn.slice(1).map((p, i) => p.base - inColumn[i].base).filter((d) => d > 0.8 * em);
    if (steps.length === 0) continue;
    const pitch = Math.min(...steps);
    const onPitch = (d: number) => [1, 2].some((k) => Math.abs(d - k * pitch) <= s.pitchEm * em * k);
    let lo = inColumn.indexOf(seed);
    if (lo < 0) continue;
    let hi = lo;
    while (lo > 0 && onPitch(inColumn[lo].base - inColumn[lo - 1].base)) lo--;
    while (hi < inColumn.length - 1 && onPitch(inColumn[hi + 1].base - inColumn[hi].base)) hi++;
    const chain = inColumn.slice(lo, hi + 1);
    const fullLines = chain.filter((p) => lines.includes(p)).length;
    if (chain.length < s.minLines || fullLines < 2 || fullLines < chain.length - fullLines) continue;
    const members = new Set(chain);
    const top = Math.min(...chain.map((p) => p.top));
    const bottom = chain[chain.length - 1].base;
    // The column stands clear: nothing else reaches into it over its height.
    const band: BBox = [Math.min(...chain.map((p) => p.x0)) + 0.5 * em, top, right - 0.5 * em, bottom];
    const others = all.filter((p) => !members.has(p) && p.base > top && p.top < bottom);
    if (others.some((p) => p.x1 > band[0] && p.x0 < band[2])) continue;
    // Body text has no rules between its lines: a rule across the column there parts rows.
    if (rules.some((r) => Math.abs(r.y1 - r.y0) < 1 && r.y0 > top && r.y0 < bottom && Math.min(r.x1, r.x0) < band[0] + em && Math.max(r.x1, r.x0) > band[2] - em)) continue;
    // Text beside it, on its own baselines, and no running text of its own (two-column body
    // text is left whole to the finders, which read no table from it: taking one column away,
    // and not its lists and headings, would leave fragments that look like one).
    if (others.length === 0) continue;
    const width = right - left;
    if (others.filter((p) => p.chars >= s.lineChars && p.x1 - p.x0 >= 0.5 * width).length >= 2) continue;
    // What stands beside it is laid out in cells: two lines or more of two pieces or more (a
    // list marker and its item are one piece: a list beside a paragraph is more body text).
    const sameLine = (p: Piece, q: Piece) => q !== p && Math.abs(q.base - p.base) <= 0.2 * em;
    const marker = (p: Piece) => LIST_ITEM_MARK.test(p.runs.map((r) => r.text).join('').trim()) && !others.some((q) => sameLine(p, q) && q.x0 < p.x0);
    const cells = others.filter((p) => !marker(p));
    const cellLines = new Set(cells.filter((p) => cells.some((q) => sameLine(p, q))).map((p) => Math.round(p.base / (0.2 * em))));
    if (cellLines.size < 2) continue;
    const shared = [...members].filter((p) => others.some((o) => Math.abs(o.base - p.base) <= s.pitchEm * em)).length;
    if (shared > s.sharedBaselines * members.size) continue;
    for (const p of members) used.add(p);
    columns.push([...members]);
  }
  return columns;
}

/**
 * The page without the body text set in a column beside other text (outside ruled boxes
 * `ruled`); the page itself when there is none.
 */
export function withoutProseColumns(page: PdfPage, ruled: readonly BBox[], s: ProseColumnSettings = DEFAULT_SETTINGS.proseColumns): PdfPage {
  const free = page.runs.filter((r) => !ruled.some((b) => containsPoint(b, centre(r.bbox))));
  if (free.length < s.minLines * 2) return page;
  const all = pieces(free);
  const textWidth = Math.max(...all.map((p) => p.x1)) - Math.min(...all.map((p) => p.x0));
  const gone = new Set(proseColumns(all, textWidth, page.rulings, s).flatMap((col) => col.flatMap((p) => p.runs)));
  return gone.size ? { ...page, runs: page.runs.filter((r) => !gone.has(r)) } : page;
}
