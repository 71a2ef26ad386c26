// Text recognition: each line box is cropped, scaled to the recogniser's height and read by
// PP-OCRv4's CRNN/SVTR model; its per-timestep class probabilities are decoded greedily
// (CTC: best class per step, repeats collapsed, blanks dropped). Every character keeps its
// probability and its x position, so a line can be cut at rulings and spaces afterwards.
import type { OcrEngine } from './engine.ts';
import type { TextBox } from './detect.ts';
import { type Gray, resizeRegion } from './gray.ts';
import { OCR_SETTINGS } from './settings.ts';

export interface RecognizedChar {
  text: string;
  /** Centre of the character, page-raster x. */
  x: number;
  probability: number;
}

export interface RecognizedLine {
  box: TextBox;
  chars: RecognizedChar[];
}

/** Pixels of the recogniser's input per output timestep (its downsampling along x). */
const STEP = 8;

/**
 * Reads every box of the page; returns one line per box, in the order given. `crops`, when
 * given, are what is shown to the recogniser for each box (the box narrowed to its ink).
 */
export async function recognizeBoxes(engine: OcrEngine, page: Gray, boxes: readonly TextBox[], crops: readonly TextBox[] = boxes): Promise<RecognizedLine[]> {
  const s = OCR_SETTINGS.recognition;
  const pieces = crops.flatMap((box, index) => splitWide(box, s.height, s.maxWidth).map((piece) => ({ index, piece, width: scaledWidth(piece, s.height, s.maxWidth) })));
  // Similar widths together: less padding per batch.
  const order = pieces.map((_, i) => i).sort((a, b) => pieces[a].width - pieces[b].width);
  const charsOf = pieces.map(() => [] as RecognizedChar[]);
  for (let start = 0; start < order.length; start += s.batch) {
    const batch = order.slice(start, start + s.batch);
    const width = Math.max(...batch.map((i) => pieces[i].width));
    const h = s.height;
    const tensor = new Float32Array(batch.length * 3 * h * width);
    batch.forEach((i, n) => {
      const { piece, width: w } = pieces[i];
      const crop = resizeRegion(page, piece.x0, piece.y0, piece.x1, piece.y1, w, h);
      const base = n * 3 * h * width;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = crop.data[y * w + x] / 127.5 - 1;
          const p = y * width + x;
          tensor[base + p] = v;
          tensor[base + h * width + p] = v;
          tensor[base + 2 * h * width + p] = v;
        }
      }
    });
    const feeds = { [engine.recognizer.inputNames[0]]: new engine.ort.Tensor('float32', tensor, [batch.length, 3, h, width]) };
    const out = (await engine.recognizer.run(feeds))[engine.recognizer.outputNames[0]];
    const [, steps, classes] = out.dims as number[];
    const probs = out.data as Float32Array;
    batch.forEach((i, n) => {
      const { piece, width: w } = pieces[i];
      const xScale = (piece.x1 - piece.x0) / w;
      const usedSteps = Math.min(steps, Math.ceil(w / STEP));
      const rows = probs.subarray(n * steps * classes, (n + 1) * steps * classes);
      charsOf[i] = markLostCharacters(rows, classes, ctcGreedy(rows, usedSteps, classes, engine.alphabet)).map((c) => ({
        text: c.text,
        probability: c.probability,
        x: piece.x0 + (c.step + 0.5) * STEP * xScale,
      }));
    });
  }
  const lines: RecognizedLine[] = boxes.map((box) => ({ box, chars: [] }));
  pieces.forEach((p, i) => lines[p.index].chars.push(...charsOf[i]));
  return lines;
}

function scaledWidth(box: TextBox, height: number, maxWidth: number): number {
  const w = Math.ceil(((box.x1 - box.x0) * height) / Math.max(1, box.y1 - box.y0));
  return Math.max(STEP, Math.min(maxWidth, w));
}

/** A box too wide for one crop is cut into pieces of at most `maxWidth` at the recogniser's height. */
function splitWide(box: TextBox, height: number, maxWidth: number): TextBox[] {
  const full = ((box.x1 - box.x0) * height) / Math.max(1, box.y1 - box.y0);
  const n = Math.ceil(full / maxWidth);
  if (n <= 1) return [box];
  const step = (box.x1 - box.x0) / n;
  return Array.from({ length: n }, (_, i) => ({ ...box, x0: box.x0 + i * step, x1: box.x0 + (i + 1) * step }));
}

/** CTC greedy decoding of `steps` rows of `classes` probabilities. Class 0 is the blank. */
export function ctcGreedy(probs: Float32Array, steps: number, classes: number, alphabet: readonly string[]): { text: string; step: number; probability: number }[] {
  const out: { text: string; step: number; probability: number }[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probs[row];
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) out.push({ text: alphabet[best] ?? '', step: t, probability: bestP });
    previous = best;
  }
  return out;
}

/**
 * A character the recogniser does not know (a rare one such as 缮) is not misread but dropped:
 * the blank wins at its steps, with a little of the probability left on other classes, and
 * the characters either side stand a character apart too far. Such a gap makes the character
 * after it doubtful (its probability is lowered to `lostConfidence`), so the cell it is in is
 * flagged instead of read confidently with a character missing.
 */
export function markLostCharacters<C extends { step: number; probability: number }>(probs: Float32Array, classes: number, chars: C[]): C[] {
  const s = OCR_SETTINGS.recognition.lostCharacter;
  if (chars.length < 2) return chars;
  const gaps = chars.slice(1).map((c, i) => c.step - chars[i].step).sort((a, b) => a - b);
  const pitch = Math.max(s.minPitchSteps, gaps[Math.floor(gaps.length / 2)]);
  for (let i = 1; i < chars.length; i++) {
    const from = chars[i - 1].step + 2;
    const to = chars[i].step - 2;
    if (chars[i].step - chars[i - 1].step < s.gapPitches * pitch) continue;
    let mass = 0;
    for (let t = from; t <= to; t++) mass = Math.max(mass, 1 - probs[t * classes]);
    if (mass >= s.minMass) chars[i].probability = Math.min(chars[i].probability, s.lostConfidence);
  }
  return chars;
}
