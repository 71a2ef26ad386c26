// Page orientation. A page fed sideways has text lines standing on end: most detection boxes
// are taller than wide, and the page is turned by 90°. Upside down is decided by PaddleOCR's
// text-direction classifier (0° / 180° per line) voting over a sample of the widest lines.
import type { OcrEngine } from './engine.ts';
import type { TextBox } from './detect.ts';
import { type Gray, resizeRegion } from './gray.ts';
import { OCR_SETTINGS } from './settings.ts';

/** True when the boxes say the text runs vertically (the page lies on its side). */
export function looksSideways(boxes: readonly TextBox[]): boolean {
  const sized = boxes.filter((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0) >= 2 * Math.min(b.x1 - b.x0, b.y1 - b.y0));
  if (sized.length < 5) return false;
  const tall = sized.filter((b) => b.y1 - b.y0 > b.x1 - b.x0).length;
  return tall / sized.length >= OCR_SETTINGS.rotation.tallShare;
}

const CLS_HEIGHT = 48;
const CLS_WIDTH = 192;

/** True when most sampled lines read upside down. */
export async function looksUpsideDown(engine: OcrEngine, page: Gray, boxes: readonly TextBox[]): Promise<boolean> {
  const lines = boxes
    .filter((b) => b.x1 - b.x0 >= 2 * (b.y1 - b.y0))
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, OCR_SETTINGS.rotation.sample);
  if (lines.length === 0) return false;
  const plane = CLS_HEIGHT * CLS_WIDTH;
  const tensor = new Float32Array(lines.length * 3 * plane);
  lines.forEach((box, n) => {
    const w = Math.min(CLS_WIDTH, Math.ceil(((box.x1 - box.x0) * CLS_HEIGHT) / Math.max(1, box.y1 - box.y0)));
    // The left part of a long line: as much as fits at the classifier's height.
    const x1 = Math.min(box.x1, box.x0 + ((box.y1 - box.y0) * CLS_WIDTH) / CLS_HEIGHT);
    const crop = resizeRegion(page, box.x0, box.y0, x1, box.y1, w, CLS_HEIGHT);
    for (let y = 0; y < CLS_HEIGHT; y++) {
      for (let x = 0; x < w; x++) {
        const v = crop.data[y * w + x] / 127.5 - 1;
        for (let c = 0; c < 3; c++) tensor[n * 3 * plane + c * plane + y * CLS_WIDTH + x] = v;
      }
    }
  });
  const feeds = { [engine.classifier.inputNames[0]]: new engine.ort.Tensor('float32', tensor, [lines.length, 3, CLS_HEIGHT, CLS_WIDTH]) };
  const probs = (await engine.classifier.run(feeds))[engine.classifier.outputNames[0]].data as Float32Array;
  let upsideDown = 0;
  for (let n = 0; n < lines.length; n++) if (probs[n * 2 + 1] > probs[n * 2]) upsideDown++;
  return upsideDown > lines.length / 2;
}
