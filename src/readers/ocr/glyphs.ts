// A cell holding only ≥, ≤ or ＝ (the 指标性质 column) is what PaddleOCR reads worst: alone,
// with no context, the recogniser says N, M, V, W, Λ, or the detector drops it. Those glyphs are
// simple shapes, so they are told apart by their strokes instead: bars (rows of ink across the
// glyph) and a chevron (ink whose horizontal centre swings to one side and back).
//   ≥  chevron pointing right over a bar      ≤  chevron pointing left over a bar
//   ＝ two bars and nothing else              >, <  a chevron alone
// Applied to boxes the recogniser read as one or two non-Chinese, non-digit characters, and
// to ink blobs of a character's size that no text box covers.
import type { TextRun } from '../../model/layout.ts';
import type { TextBox } from './detect.ts';
import type { Gray } from './gray.ts';
import type { RecognizedLine } from './recognize.ts';
import { otsuThreshold, type PixelRuling } from './rulings.ts';
import { OCR_SETTINGS } from './settings.ts';

export type OperatorGlyph = '≥' | '≤' | '＝' | '>' | '<';

/** Confidence given to a glyph the shape rules accept (they accept only clear shapes). */
const GLYPH_CONFIDENCE = 0.9;
/** What the recogniser makes of a lone operator: one or two characters, none Chinese, none a digit or %. */
const MISREAD = /^[^\p{Script=Han}\d%％]{0,2}$/u;
/** A first character that stands for an operator misread before a number. */
const STRAY = /^[^\p{Script=Han}\d.%％≥≤＝=<>＜＞]$/u;

/**
 * Runs for operator glyphs the recogniser missed or misread. Each line box is taken cell by
 * cell (cut at the vertical rulings through it): a cell part with ink but no character, or read
 * as a stray letter, is classified whole; a value whose first character is a stray letter before
 * a digit (`z98`) has that character classified. Misread characters are replaced in `lines`.
 */
export function operatorGlyphRuns(page: Gray, boxes: readonly TextBox[], lines: RecognizedLine[], rulings: readonly PixelRuling[], dpi: number): TextRun[] {
  const threshold = otsuThreshold(page);
  const k = 72 / dpi;
  const runs: TextRun[] = [];
  const heights = boxes.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const lineHeight = heights.length ? heights[Math.floor(heights.length / 2)] : dpi / 6;
  const emit = (glyph: OperatorGlyph, x0: number, y0: number, x1: number, y1: number) =>
    runs.push({
      text: glyph,
      bbox: [round(x0 * k), round(y0 * k), round(x1 * k), round(y1 * k)],
      fontSize: round((y1 - y0) * k * 0.8),
      fontName: 'OCR-glyph',
      ocrConfidence: GLYPH_CONFIDENCE,
    });
  const verticals = rulings.filter((r) => !r.horizontal);
  for (const line of lines) {
    const { box } = line;
    const mid = (box.y0 + box.y1) / 2;
    const cuts = verticals.filter((r) => r.from <= mid && r.to >= mid && r.at > box.x0 && r.at < box.x1).map((r) => r.at).sort((a, b) => a - b);
    const edges = [box.x0, ...cuts, box.x1];
    for (let i = 0; i + 1 < edges.length; i++) {
      const [s0, s1] = [edges[i], edges[i + 1]];
      const chars = line.chars.filter((c) => c.x >= s0 && c.x < s1 && c.text !== ' ');
      const text = chars.map((c) => c.text).join('');
      const narrow = s1 - s0 <= 2.5 * (box.y1 - box.y0);
      if (chars.length === 0 || (narrow && (MISREAD.test(text) || unsureLone(chars)))) {
        const glyph = classifyRegion(page, s0, box.y0, s1, box.y1, threshold);
        if (!glyph) continue;
        line.chars = line.chars.filter((c) => !chars.includes(c));
        emit(glyph, s0, box.y0, s1, box.y1);
      } else if (chars.length >= 2 && STRAY.test(chars[0].text) && /\d/u.test(chars[1].text)) {
        const glyph = classifyRegion(page, s0, box.y0, (chars[0].x + chars[1].x) / 2, box.y1, threshold);
        if (glyph) {
          chars[0].text = glyph;
          chars[0].probability = Math.min(chars[0].probability, GLYPH_CONFIDENCE);
        }
      }
    }
  }
  // Ink no box covers.
  for (const blob of uncoveredBlobs(page, boxes, threshold, lineHeight)) {
    const glyph = classifyRegion(page, blob.x0, blob.y0, blob.x1, blob.y1, threshold);
    if (glyph) emit(glyph, blob.x0, blob.y0, blob.x1, blob.y1);
  }
  return runs;
}

/**
 * A lone character read with less than the recogniser's noise confidence (≦ read as 以 at 0.3,
 * which would be dropped as noise): its shape decides if it is an operator, else it stays as read.
 */
function unsureLone(chars: readonly RecognizedLine['chars'][number][]): boolean {
  return chars.length === 1 && chars[0].probability < OCR_SETTINGS.recognition.minConfidence;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The operator a region of the raster shows, or null. */
export function classifyRegion(page: Gray, x0: number, y0: number, x1: number, y1: number, threshold: number): OperatorGlyph | null {
  const ax0 = Math.max(0, Math.floor(x0));
  const ay0 = Math.max(0, Math.floor(y0));
  const ax1 = Math.min(page.width, Math.ceil(x1));
  const ay1 = Math.min(page.height, Math.ceil(y1));
  const mask = glyphInk(page, ax0, ay0, ax1, ay1, threshold);
  const mw = ax1 - ax0;
  // Trim to the ink.
  let tx0 = mw;
  let ty0 = ay1 - ay0;
  let tx1 = -1;
  let ty1 = -1;
  for (let y = 0; y < ay1 - ay0; y++) {
    for (let x = 0; x < mw; x++) {
      if (mask[y * mw + x]) {
        if (x < tx0) tx0 = x;
        if (x > tx1) tx1 = x;
        if (y < ty0) ty0 = y;
        if (y > ty1) ty1 = y;
      }
    }
  }
  const w = tx1 - tx0 + 1;
  const h = ty1 - ty0 + 1;
  if (tx1 < 0 || w < 4 || h < 4 || w > 2.5 * h || h > 2.5 * w) return null;
  const ink = (x: number, y: number) => mask[(ty0 + y) * mw + tx0 + x] === 1;
  // Per row: ink count, and where the stroke crosses it: the centre of its longest ink run (a
  // speck touching the glyph, or the end of the other arm, does not pull it aside).
  const count = new Array<number>(h).fill(0);
  const centre = new Array<number>(h).fill(0);
  for (let y = 0; y < h; y++) {
    let best = -1;
    let bestLength = 0;
    for (let x = 0, start = -1; x <= w; x++) {
      if (x < w && ink(x, y)) {
        count[y]++;
        if (start < 0) start = x;
      } else if (start >= 0) {
        if (x - start > bestLength) (bestLength = x - start), (best = (start + x - 1) / 2);
        start = -1;
      }
    }
    centre[y] = best >= 0 ? best / w : -1;
  }
  // Bars: bands of rows with ink across most of the width.
  // 0.6: a thin bar binarized from a light scan keeps gaps.
  const isBarRow = (y: number) => count[y] >= 0.6 * w;
  const bars: [number, number][] = [];
  for (let y = 0; y < h; y++) {
    if (!isBarRow(y)) continue;
    let end = y;
    while (end + 1 < h && isBarRow(end + 1)) end++;
    bars.push([y, end]);
    y = end;
  }
  const barRows = bars.reduce((sum, [a, b]) => sum + b - a + 1, 0);
  const totalInk = count.reduce((a, b) => a + b, 0);
  const barInk = bars.reduce((sum, [a, b]) => sum + count.slice(a, b + 1).reduce((s, c) => s + c, 0), 0);
  // ＝: two bars with a gap between, holding nearly all the ink. 0.8: a small ＝ scanned
  // black-and-white (8 px tall) has bars of 3 rows each around a 2-row gap.
  if (bars.length === 2 && barRows <= 0.8 * h && barInk >= 0.85 * totalInk && w >= 1.2 * (bars[1][0] - bars[0][1])) return '＝';
  // A bar at the bottom, a chevron above it; or a chevron alone.
  const bottomBar = bars.length >= 1 && bars[bars.length - 1][1] >= h - 1 - Math.max(1, 0.08 * h) && bars[bars.length - 1][0] >= 0.55 * h ? bars[bars.length - 1] : null;
  const chevronEnd = bottomBar ? bottomBar[0] - 1 : h - 1;
  const rows: number[] = [];
  for (let y = 0; y <= chevronEnd; y++) if (count[y] > 0 && !isBarRow(y)) rows.push(y);
  if (rows.length < 4) return null;
  const third = Math.max(1, Math.floor(rows.length / 4));
  // Medians: one stray row (dust between the chevron and its bar) does not move a third.
  const mean = (ys: number[]) => {
    const c = ys.map((y) => centre[y]).sort((a, b) => a - b);
    return c.length % 2 ? c[(c.length - 1) / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  };
  const top = mean(rows.slice(0, third));
  const bottom = mean(rows.slice(rows.length - third));
  const middleStart = Math.floor(rows.length / 2 - third / 2);
  const middle = mean(rows.slice(middleStart, middleStart + third));
  const swing = middle - (top + bottom) / 2;
  // The chevron's two arms end on the same side, its vertex far to the other.
  if (Math.abs(top - bottom) > 0.2 || Math.abs(swing) < 0.25) return null;
  if (bottomBar) return swing > 0 ? '≥' : '≤';
  // A lone chevron must be as tall as it is wide at least (a wide V-like blob is a letter).
  return h >= 0.8 * w ? (swing > 0 ? '>' : '<') : null;
}

/**
 * The region's ink without dust: 8-connected pieces smaller than `DUST_SHARE` of the largest
 * piece are dropped, so a speck under a ≥ does not pass for the bottom of the glyph (the
 * shape rules measure from the ink's bounding box). A glyph's own strokes (the bar of a ≥,
 * either bar of a ＝) are far larger than that share.
 */
export function glyphInk(page: Gray, x0: number, y0: number, x1: number, y1: number, threshold: number): Uint8Array {
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (page.data[(y0 + y) * page.width + x0 + x] <= threshold) mask[y * w + x] = 1;
  const label = new Int32Array(w * h);
  const sizes: number[] = [0];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || label[start]) continue;
    const id = sizes.length;
    let size = 0;
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % w;
      const y = (p - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (mask[q] && !label[q]) (label[q] = id), stack.push(q);
        }
      }
    }
    sizes.push(size);
  }
  const keep = DUST_SHARE * Math.max(...sizes);
  for (let p = 0; p < w * h; p++) if (mask[p] && sizes[label[p]] < keep) mask[p] = 0;
  return mask;
}

/** Ink pieces below this share of a region's largest piece are dust (a ≥'s bar is ~40% of its chevron). */
const DUST_SHARE = 0.12;

/**
 * Groups of ink of a character's size (`lineHeight` ± half) outside every text box, found on a
 * 1/2-scale ink map: a ≥ is two pieces (chevron and bar) a stroke apart, so pieces closer than
 * a quarter line height join.
 */
function uncoveredBlobs(page: Gray, boxes: readonly TextBox[], threshold: number, lineHeight: number): Region[] {
  const f = 2;
  const w = Math.ceil(page.width / f);
  const h = Math.ceil(page.height / f);
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x++) if (page.data[y * page.width + x] <= threshold) ink[Math.floor(y / f) * w + Math.floor(x / f)] = 1;
  for (const b of boxes) {
    for (let y = Math.max(0, Math.floor(b.y0 / f)); y < Math.min(h, Math.ceil(b.y1 / f)); y++) ink.fill(0, y * w + Math.max(0, Math.floor(b.x0 / f)), y * w + Math.min(w, Math.ceil(b.x1 / f)));
  }
  // Dust: lone ink pixels of the half-scale map (specks of 1–3 px) would join a glyph's group.
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      if (ink[p] && !(ink[p - 1] | ink[p + 1] | ink[p - w] | ink[p + w] | ink[p - w - 1] | ink[p - w + 1] | ink[p + w - 1] | ink[p + w + 1])) ink[p] = 0;
    }
  }
  // Dilate by a quarter line height so the pieces of one glyph touch, then label.
  const reach = Math.max(1, Math.round(lineHeight / 4 / f));
  const grown = dilate(ink, w, h, reach);
  const regions: Region[] = [];
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!grown[start] || seen[start]) continue;
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    let inkPixels = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      if (ink[p]) {
        inkPixels++;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      for (const q of [x > 0 ? p - 1 : -1, x + 1 < w ? p + 1 : -1, y > 0 ? p - w : -1, y + 1 < h ? p + w : -1]) {
        if (q >= 0 && grown[q] && !seen[q]) (seen[q] = 1), stack.push(q);
      }
    }
    if (x1 < 0 || inkPixels < 6) continue;
    const bw = (x1 - x0 + 1) * f;
    const bh = (y1 - y0 + 1) * f;
    const size = Math.max(bw, bh);
    if (size < 0.3 * lineHeight || size > 1.2 * lineHeight) continue;
    regions.push({ x0: x0 * f - 1, y0: y0 * f - 1, x1: (x1 + 1) * f + 1, y1: (y1 + 1) * f + 1 });
  }
  return regions;
}

/** Square dilation by `r`: along rows, then along columns. */
function dilate(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) dilateLine(src, rows, y * w, 1, w, r);
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) dilateLine(rows, out, x, w, h, r);
  return out;
}

/** One line of `n` pixels from `start`, `stride` apart: set where ink lies within `r` on either side. */
function dilateLine(src: Uint8Array, out: Uint8Array, start: number, stride: number, n: number, r: number): void {
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (src[start + i * stride]) last = i;
    if (i - last <= r) out[start + i * stride] = 1;
  }
  last = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    if (src[start + i * stride]) last = i;
    if (last - i <= r) out[start + i * stride] = 1;
  }
}
