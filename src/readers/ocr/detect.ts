// Text detection: PP-OCRv4's DB (differentiable binarization) model gives a text-probability
// map of the page; its post-processing turns the map into line boxes. The page is deskewed
// before, so boxes are axis-aligned rectangles: each connected region of the thresholded map
// is one text line, kept when its mean probability is high enough, then grown back ("unclip")
// by the margin the model was trained to shrink text by.
import type { OcrEngine } from './engine.ts';
import { type Gray, resizeRegion } from './gray.ts';
import { OCR_SETTINGS } from './settings.ts';

/** A text line box in page-raster pixels, [x0, y0, x1, y1), with the detector's score. */
export interface TextBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Text line boxes of a gray page raster. The detector runs at `scale` × the raster's size. */
export async function detectText(engine: OcrEngine, page: Gray, scale: number): Promise<TextBox[]> {
  const s = OCR_SETTINGS.detection;
  const w = Math.max(32, Math.round((page.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((page.height * scale) / 32) * 32);
  const input = resizeRegion(page, 0, 0, page.width, page.height, w, h);
  const plane = w * h;
  const tensor = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const m = MEAN[c];
    const sd = STD[c];
    for (let i = 0; i < plane; i++) tensor[c * plane + i] = (input.data[i] / 255 - m) / sd;
  }
  const feeds = { [engine.detector.inputNames[0]]: new engine.ort.Tensor('float32', tensor, [1, 3, h, w]) };
  const out = await engine.detector.run(feeds);
  const map = out[engine.detector.outputNames[0]].data as Float32Array;
  const boxes = boxesFromMap(map, w, h, s);
  const sx = page.width / w;
  const sy = page.height / h;
  return boxes.map((b) => ({
    x0: Math.max(0, Math.floor(b.x0 * sx)),
    y0: Math.max(0, Math.floor(b.y0 * sy)),
    x1: Math.min(page.width, Math.ceil(b.x1 * sx)),
    y1: Math.min(page.height, Math.ceil(b.y1 * sy)),
    score: b.score,
  }));
}

/** DB post-processing on a probability map of `w` × `h`: connected regions → scored, unclipped boxes. */
export function boxesFromMap(map: Float32Array, w: number, h: number, s: typeof OCR_SETTINGS.detection): TextBox[] {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  const boxes: TextBox[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || map[start] <= s.binaryThreshold) continue;
    next++;
    label[start] = next;
    let top = 0;
    stack[top++] = start;
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    let sum = 0;
    let count = 0;
    while (top > 0) {
      const p = stack[--top];
      const x = p % w;
      const y = (p - x) / w;
      sum += map[p];
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      // 4-neighbours.
      if (x > 0 && label[p - 1] === 0 && map[p - 1] > s.binaryThreshold) (label[p - 1] = next), (stack[top++] = p - 1);
      if (x + 1 < w && label[p + 1] === 0 && map[p + 1] > s.binaryThreshold) (label[p + 1] = next), (stack[top++] = p + 1);
      if (y > 0 && label[p - w] === 0 && map[p - w] > s.binaryThreshold) (label[p - w] = next), (stack[top++] = p - w);
      if (y + 1 < h && label[p + w] === 0 && map[p + w] > s.binaryThreshold) (label[p + w] = next), (stack[top++] = p + w);
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < s.minSide) continue;
    const score = sum / count;
    if (score < s.boxThreshold) continue;
    // Unclip: grow the region by area × ratio / perimeter on every side (the DB paper's offset).
    const d = (bw * bh * s.unclipRatio) / (2 * (bw + bh));
    boxes.push({ x0: x0 - d, y0: y0 - d, x1: x1 + 1 + d, y1: y1 + 1 + d, score });
  }
  return boxes;
}
