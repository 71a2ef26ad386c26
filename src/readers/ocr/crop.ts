// What the recogniser is shown of a detected line: the detector's box, grown back by DB's
// unclip margin, is a good deal taller than the ink (for a lone character up to half again),
// and PP-OCRv4's recogniser reads text best filling its 48-pixel height; a box full of white
// above and below reads a lone 篇 as nothing. So each crop is narrowed, top and bottom, to the
// box's ink (dust left out) plus a small margin; its width stays the detector's. A mark smaller
// than the page's text (a ＝, a 0 read small) keeps a crop of the text's height at least, as
// tall as its box allows: blown up to fill 48 pixels it reads as nothing.
import type { TextBox } from './detect.ts';
import type { Gray } from './gray.ts';
import { glyphInk } from './glyphs.ts';
import { OCR_SETTINGS } from './settings.ts';

/** What the recogniser reads of each box: narrowed to the ink, never below the page's median text height. */
export function inkCrops(page: Gray, boxes: readonly TextBox[], threshold: number): TextBox[] {
  const crops = boxes.map((box) => inkCrop(page, box, threshold));
  const heights = crops.map((c) => c.y1 - c.y0).sort((a, b) => a - b);
  const text = heights.length ? heights[Math.floor(heights.length / 2)] : 0;
  return crops.map((crop, i) => {
    const grow = (text - (crop.y1 - crop.y0)) / 2;
    if (grow <= 0) return crop;
    return { ...crop, y0: Math.max(boxes[i].y0, crop.y0 - grow), y1: Math.min(boxes[i].y1, crop.y1 + grow) };
  });
}

export function inkCrop(page: Gray, box: TextBox, threshold: number): TextBox {
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(page.width, Math.ceil(box.x1));
  const y1 = Math.min(page.height, Math.ceil(box.y1));
  const w = x1 - x0;
  if (w <= 0 || y1 <= y0) return box;
  const mask = glyphInk(page, x0, y0, x1, y1, threshold);
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < y1 - y0; y++) {
    const row = mask.subarray(y * w, (y + 1) * w);
    if (row.indexOf(1) < 0) continue;
    if (top < 0) top = y;
    bottom = y;
  }
  if (top < 0) return box;
  const margin = OCR_SETTINGS.recognition.cropMargin * (bottom - top + 1);
  return { ...box, y0: Math.max(box.y0, y0 + top - margin), y1: Math.min(box.y1, y0 + bottom + 1 + margin) };
}
