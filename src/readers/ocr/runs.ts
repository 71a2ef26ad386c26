// Recognised lines → TextRuns in points. A detection box can hold the text of several cells
// (a narrow gap, a rule the eraser took), so a line is cut where a vertical ruling passes
// between two characters, at a space, and at a gap wider than two character heights; each
// piece is one run whose confidence is the lowest character probability in it (one misread
// character is what makes a cell wrong).
import type { Ruling, TextRun } from '../../model/layout.ts';
import type { RecognizedChar, RecognizedLine } from './recognize.ts';
import type { PixelRuling } from './rulings.ts';
import { OCR_SETTINGS } from './settings.ts';

/** Gap between character centres, in line heights, that cuts a line (two columns of a borderless table). */
const WIDE_GAP = 2;

export function linesToRuns(lines: readonly RecognizedLine[], rulings: readonly PixelRuling[], dpi: number): TextRun[] {
  const k = 72 / dpi;
  const verticals = rulings.filter((r) => !r.horizontal);
  const runs: TextRun[] = [];
  for (const { box, chars } of lines) {
    const height = box.y1 - box.y0;
    const mid = (box.y0 + box.y1) / 2;
    const cutsAt = verticals.filter((r) => r.from <= mid && r.to >= mid && r.at > box.x0 && r.at < box.x1).map((r) => r.at);
    const pieces: RecognizedChar[][] = [[]];
    chars.filter((c, i) => !isSpeck(chars, i)).forEach((c, i, kept) => {
      const prev = kept[i - 1];
      const cut = c.text === ' ' || (prev !== undefined && (c.x - prev.x > WIDE_GAP * height || cutsAt.some((x) => x > prev.x && x < c.x)));
      if (cut && pieces[pieces.length - 1].length > 0) pieces.push([]);
      if (c.text !== ' ') pieces[pieces.length - 1].push(c);
    });
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      const confidence = Math.min(...piece.map((c) => c.probability));
      const mean = piece.reduce((sum, c) => sum + c.probability, 0) / piece.length;
      if (mean < OCR_SETTINGS.recognition.minConfidence) continue;
      const half = height * 0.5;
      const first = piece[0];
      const last = piece[piece.length - 1];
      const x0 = first === chars[0] ? box.x0 : Math.max(box.x0, first.x - half);
      const x1 = last === chars[chars.length - 1] ? box.x1 : Math.min(box.x1, last.x + half);
      runs.push({
        text: piece.map((c) => c.text).join(''),
        bbox: [round(x0 * k), round(box.y0 * k), round(x1 * k), round(box.y1 * k)],
        fontSize: round(height * k * 0.8),
        fontName: 'OCR',
        ocrConfidence: Math.round(confidence * 1000) / 1000,
      });
    }
  }
  return runs;
}

export function rulingsToPoints(rulings: readonly PixelRuling[], dpi: number): Ruling[] {
  const k = 72 / dpi;
  return rulings.map((r) =>
    r.horizontal
      ? { x0: round(r.from * k), y0: round(r.at * k), x1: round(r.to * k), y1: round(r.at * k) }
      : { x0: round(r.at * k), y0: round(r.from * k), x1: round(r.at * k), y1: round(r.to * k) },
  );
}

/** Dust on a scan reads as a dot: `.` `．` `·` `•` `'` `‘` `` ` `` and the like are dropped unless they stand between digits (a decimal point). */
const SPECK = /^[.．·•‧・˙'`‘’‛]$/u;

function isSpeck(chars: readonly RecognizedChar[], i: number): boolean {
  if (!SPECK.test(chars[i].text)) return false;
  return !(/\d/u.test(chars[i - 1]?.text ?? '') && /\d/u.test(chars[i + 1]?.text ?? ''));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
