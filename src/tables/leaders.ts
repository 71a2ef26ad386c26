// Rules and leaders typed as text (issue 10 case 7), turned into what they draw before any
// finder sees the page:
// - dot leaders (`制造业 ........ 520.26`): a row of dots drawn from a label towards its figures
//   is decoration, not text. Left in, it makes the label a cell as wide as its column, its text
//   ends in dots, and a line of label + leader + evenly spaced figures looks like justified prose.
//   They are cut off the runs.
// - a line of dashes (`------------   --------`) under a header is a rule typed with the
//   keyboard: each piece becomes a horizontal ruling and its text goes.

import type { PdfPage, Ruling, TextRun } from '../model/layout.ts';
import { groupLines } from './assign-text.ts';
import type { TextSettings } from './settings.ts';

/** A stretch of leader dots at the end of a run, after some text. */
const TRAILING_LEADER = /^(.*?[^\s.·．・…])[\s]*(?:[.·．・]{4,}|…{3,})[\s.·．・…]*$/su;
/** A run that is only leader dots. */
const ONLY_LEADER = /^[\s]*(?:[.·．・]{4,}|…{3,})[\s.·．・…]*$/u;


function charWidth(ch: string): number {
  if (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u.test(ch)) return 1;
  if (/[.,:;'|!il\s·]/u.test(ch)) return 0.28;
  return 0.55;
}

/** The runs with dot leaders removed: cut off the end of a label's run, or dropped when a run of their own follows a label. */
export function withoutLeaders(runs: readonly TextRun[], s: TextSettings): TextRun[] {
  let changed = false;
  const cut = runs.map((run) => {
    const m = TRAILING_LEADER.exec(run.text);
    if (!m) return run;
    const kept = [...m[1]];
    const all = [...run.text];
    const share = kept.reduce((s, ch) => s + charWidth(ch), 0) / all.reduce((s, ch) => s + charWidth(ch), 0);
    changed = true;
    const [x0, top, x1, bottom] = run.bbox;
    return { ...run, text: m[1], bbox: [x0, top, x0 + share * (x1 - x0), bottom] as TextRun['bbox'] };
  });
  const leaderRuns = cut.filter((r) => ONLY_LEADER.test(r.text));
  if (leaderRuns.length === 0) return changed ? cut : [...runs];
  const dropped = new Set<TextRun>();
  for (const dots of leaderRuns) {
    const h = dots.bbox[3] - dots.bbox[1];
    const em = dots.fontSize || h;
    const label = cut.find((r) => r !== dots && !ONLY_LEADER.test(r.text) && r.text.trim() !== ''
      && Math.min(r.bbox[3], dots.bbox[3]) - Math.max(r.bbox[1], dots.bbox[1]) > 0.5 * h
      && dots.bbox[0] - r.bbox[2] >= -0.2 * em && dots.bbox[0] - r.bbox[2] <= s.leaderGapEm * em);
    if (label) dropped.add(dots);
  }
  return dropped.size || changed ? cut.filter((r) => !dropped.has(r)) : [...runs];
}

/** A piece of a typed rule: dashes, equals signs, underscores or box-drawing lines only. */
const TYPED_RULE = /^[-－—–_＿=＝─━]{4,}$/u;

/**
 * The page with its typed rules drawn: every line all of whose runs are dashes (4 or more
 * characters each) loses them, and each becomes a ruling through its middle.
 */
export function withTypedRules(page: PdfPage, s: TextSettings): PdfPage {
  const candidates = page.runs.filter((r) => TYPED_RULE.test(r.text.trim()));
  if (candidates.length === 0) return page;
  const gone = new Set<TextRun>();
  const rulings: Ruling[] = [];
  for (const line of groupLines(page.runs, s)) {
    if (!line.every((r) => r.text.trim() === '' || TYPED_RULE.test(r.text.trim()))) continue;
    for (const r of line) {
      gone.add(r);
      const y = (r.bbox[1] + r.bbox[3]) / 2;
      if (r.text.trim()) rulings.push({ x0: r.bbox[0], y0: y, x1: r.bbox[2], y1: y });
    }
  }
  if (gone.size === 0) return page;
  return { ...page, runs: page.runs.filter((r) => !gone.has(r)), rulings: [...page.rulings, ...rulings] };
}
