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
      const read = foldedProbabilities(rows, classes, ctcGreedy(rows, usedSteps, classes, engine.alphabet), foldGroups(engine.alphabet));
      charsOf[i] = digitLookalikes(rows, classes, hanDashes(rows, classes, markLostCharacters(rows, classes, read, usedSteps), engine.alphabet), engine.alphabet).map((c) => ({
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

const groupsByAlphabet = new WeakMap<readonly string[], Int32Array[]>();

/** For each class, the classes that read the same once NFKC-folded (／ and /, （ and (), itself included. */
export function foldGroups(alphabet: readonly string[]): Int32Array[] {
  let groups = groupsByAlphabet.get(alphabet);
  if (groups) return groups;
  const byFold = new Map<string, number[]>();
  alphabet.forEach((text, c) => {
    if (c === 0) return;
    const fold = text.normalize('NFKC');
    byFold.set(fold, [...(byFold.get(fold) ?? []), c]);
  });
  groups = alphabet.map((text, c) => Int32Array.from(c === 0 ? [0] : byFold.get(text.normalize('NFKC'))!));
  groupsByAlphabet.set(alphabet, groups);
  return groups;
}

/**
 * A character's probability is that of what it reads as: output is NFKC-folded, so ／ at 0.47
 * and / at 0.45 are a / at 0.92, not a doubtful one at 0.47.
 */
export function foldedProbabilities<C extends { step: number; probability: number }>(probs: Float32Array, classes: number, chars: C[], groups: readonly Int32Array[]): C[] {
  for (const c of chars) {
    let best = 0;
    let bestP = -1;
    for (let k = 0; k < classes; k++) if (probs[c.step * classes + k] > bestP) (bestP = probs[c.step * classes + k]), (best = k);
    let sum = 0;
    for (const k of groups[best]) sum += probs[c.step * classes + k];
    c.probability = Math.min(1, sum);
  }
  return chars;
}

/** Letters drawn like a digit, and the digit. */
const LOOKALIKE: Record<string, string> = { o: '0', O: '0', l: '1', I: '1' };

/**
 * A 0 alone in a cell is an o to the recogniser as often as not (0.55 against 0.50 from one crop
 * to the next). A letter that looks like a digit, standing alone or beside a digit, is the digit
 * when the recogniser gives the digit some probability at its step; it keeps its (doubtful)
 * probability, so the cell is still flagged.
 */
export function digitLookalikes<C extends { text: string; step: number; probability: number }>(probs: Float32Array, classes: number, chars: C[], alphabet: readonly string[]): C[] {
  return chars.map((c, i) => {
    const digit = LOOKALIKE[c.text];
    if (!digit) return c;
    const alone = chars.length === 1;
    const besideDigit = /^\d$/u.test(chars[i - 1]?.text ?? '') || /^\d$/u.test(chars[i + 1]?.text ?? '');
    const k = alphabet.indexOf(digit);
    if (!(alone || besideDigit) || k < 0 || probs[c.step * classes + k] < OCR_SETTINGS.recognition.minDigitProbability) return c;
    return { ...c, text: digit };
  });
}

/** Dashes and rules that look like 一 (a lone horizontal stroke). */
const DASH = /^[-‐‑‒–—―─━ー－﹣]$/u;
const HAN = /^\p{Script=Han}$/u;

/**
 * 一 is a bare horizontal stroke: alone, the recogniser cannot tell it from a dash (一级指标 read
 * as —-级指标 on a black-and-white scan), and only the context can. A dash touching a Han
 * character (the next or previous character a pitch away at most) is 一 when the recogniser gives
 * 一 some probability at its step; a second dash read on the same stroke (—-) goes with it.
 * The character keeps the dash's probability, so a doubtful read stays doubtful.
 */
export function hanDashes<C extends { text: string; step: number; probability: number }>(probs: Float32Array, classes: number, chars: C[], alphabet: readonly string[]): C[] {
  const s = OCR_SETTINGS.recognition.hanDash;
  const one = alphabet.indexOf('一');
  if (one < 0) return chars;
  const out: C[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!DASH.test(c.text)) {
      out.push(c);
      continue;
    }
    // The dashes read on this stroke: consecutive ones closer than a character.
    let j = i;
    while (j + 1 < chars.length && DASH.test(chars[j + 1].text) && chars[j + 1].step - chars[j].step <= s.sameStrokeSteps) j++;
    const prev = out[out.length - 1];
    const next = chars[j + 1];
    const touchesHan = (prev && HAN.test(prev.text) && c.step - prev.step <= s.neighbourSteps) || (next && HAN.test(next.text) && next.step - chars[j].step <= s.neighbourSteps);
    let oneMass = 0;
    for (let k = i; k <= j; k++) oneMass = Math.max(oneMass, probs[chars[k].step * classes + one]);
    if (touchesHan && oneMass >= s.minOneProbability) {
      out.push({ ...c, text: '一', probability: Math.min(...chars.slice(i, j + 1).map((d) => d.probability)) });
      i = j;
    } else out.push(c);
  }
  return out;
}

/**
 * A character the recogniser does not know (a rare one such as 缮, which it has in its dictionary
 * but all but never outputs) is not misread but dropped: the blank wins at its steps, with part
 * of the probability left on look-alikes (鳝). Between characters read cleanly the blank takes
 * nearly everything, so a step away from every read character where the other classes still
 * hold `minMass` is a character lost there. The character after it (or before it, at the end
 * of the line) is made doubtful (its probability lowered to `lostConfidence`), so the cell is
 * flagged instead of read confidently with a character missing.
 */
export function markLostCharacters<C extends { step: number; probability: number }>(probs: Float32Array, classes: number, chars: C[], steps = probs.length / classes): C[] {
  const s = OCR_SETTINGS.recognition.lostCharacter;
  if (chars.length === 0) return chars;
  const first = Math.max(0, chars[0].step - s.edgeSteps);
  // Not into the batch's padding (steps past this crop's width), which is no text at all.
  const last = Math.min(steps - 1, chars[chars.length - 1].step + s.edgeSteps);
  let next = 0;
  for (let t = first; t <= last; t++) {
    while (next < chars.length && chars[next].step < t) next++;
    const before = next > 0 ? chars[next - 1].step : -Infinity;
    const after = next < chars.length ? chars[next].step : Infinity;
    if (t - before < s.clearSteps || after - t < s.clearSteps) continue;
    if (1 - probs[t * classes] < s.minMass) continue;
    const doubtful = chars[Math.min(next, chars.length - 1)];
    doubtful.probability = Math.min(doubtful.probability, s.lostConfidence);
  }
  return chars;
}

