// Rulings from a deskewed page raster: binarize (Otsu), then find long thin dark runs along
// rows (horizontal rules) and columns (vertical rules), bridging small gaps; adjacent rows of
// one rule merge into one segment. The rules are then erased from the raster the text models
// read, so a table's lines neither join cells into one text box nor get read as 一 or 丨.
import type { Gray } from './gray.ts';
import { OCR_SETTINGS } from './settings.ts';

/** A ruling in raster pixels: horizontal (y fixed) or vertical (x fixed), with its thickness. */
export interface PixelRuling {
  horizontal: boolean;
  /** Position across the rule (y of a horizontal one), centre. */
  at: number;
  /** Extent along the rule. */
  from: number;
  to: number;
  /** First and last pixel row (column) it covers across. */
  across0: number;
  across1: number;
}

/** Otsu's threshold of the raster's histogram (ink is below it). */
export function otsuThreshold(img: Gray): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]]++;
  const total = img.data.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * hist[v];
  let weightBack = 0;
  let sumBack = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightBack += hist[t];
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * hist[t];
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  // A blank page has no second class: keep the threshold among dark grays.
  return Math.min(200, Math.max(80, threshold));
}

/** 1 where the pixel is ink. */
export function binarize(img: Gray, threshold = otsuThreshold(img)): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i] <= threshold ? 1 : 0;
  return out;
}

interface Run {
  line: number;
  from: number;
  to: number;
}

/** The rulings of a binarized raster of `width` × `height` scanned at `dpi`. */
export function findRulings(ink: Uint8Array, width: number, height: number, dpi: number): PixelRuling[] {
  const s = OCR_SETTINGS.rulings;
  const maxThickness = Math.max(2, Math.round(s.maxThicknessIn * dpi));
  const horizontal = groupRuns(longRuns(ink, width, height, true, Math.round(s.horizontalMinLengthIn * dpi), s.maxGapPx), maxThickness, true);
  const vertical = groupRuns(longRuns(ink, width, height, false, Math.round(s.verticalMinLengthIn * dpi), s.maxGapPx), maxThickness, false);
  return [...horizontal, ...vertical];
}

/**
 * Runs of ink along each row (or column) at least `minLength` long, gaps up to `maxGap`
 * bridged, and mostly ink (a row through a line of text is broken every few pixels).
 */
function longRuns(ink: Uint8Array, width: number, height: number, alongRows: boolean, minLength: number, maxGap: number): Run[] {
  const s = OCR_SETTINGS.rulings;
  const lines = alongRows ? height : width;
  const length = alongRows ? width : height;
  const out: Run[] = [];
  for (let line = 0; line < lines; line++) {
    let start = -1;
    let last = -1;
    let inkCount = 0;
    const flush = () => {
      if (start >= 0 && last - start + 1 >= minLength && inkCount >= s.minFill * (last - start + 1)) out.push({ line, from: start, to: last });
    };
    for (let i = 0; i < length; i++) {
      // Ink on this line or a neighbouring one: a thin rule broken by binarization, or stepping
      // one pixel across a residual skew, still runs on.
      const p = alongRows ? line * width + i : i * width + line;
      const across = alongRows ? width : 1;
      const on = ink[p] || (line > 0 && ink[p - across]) || (line + 1 < lines && ink[p + across]);
      if (!on) continue;
      if (start >= 0 && i - last - 1 <= maxGap) {
        last = i;
        inkCount++;
      } else {
        flush();
        start = i;
        last = i;
        inkCount = 1;
      }
    }
    flush();
  }
  return out;
}

/** Runs on adjacent lines that overlap along the rule are one rule; too thick a group is a filled bar, not a rule. */
function groupRuns(runs: Run[], maxThickness: number, horizontal: boolean): PixelRuling[] {
  interface Group {
    first: number;
    last: number;
    from: number;
    to: number;
  }
  const open: Group[] = [];
  const closed: Group[] = [];
  for (const run of runs) {
    // Runs arrive line by line; groups not continued on the previous line are done.
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i].last < run.line - 1) closed.push(...open.splice(i, 1));
    }
    const group = open.find((g) => g.last >= run.line - 1 && g.last < run.line && Math.min(g.to, run.to) - Math.max(g.from, run.from) > 0.5 * Math.min(g.to - g.from, run.to - run.from));
    if (group) {
      group.last = run.line;
      group.from = Math.min(group.from, run.from);
      group.to = Math.max(group.to, run.to);
    } else open.push({ first: run.line, last: run.line, from: run.from, to: run.to });
  }
  closed.push(...open);
  return closed
    .filter((g) => g.last - g.first + 1 <= maxThickness)
    .map((g) => ({ horizontal, at: (g.first + g.last + 1) / 2, from: g.from, to: g.to + 1, across0: g.first, across1: g.last }));
}

/** A copy of the raster with the rulings painted white (one pixel of margin either side). */
export function eraseRulings(img: Gray, rulings: readonly PixelRuling[]): Gray {
  const data = new Uint8Array(img.data);
  for (const r of rulings) {
    const a0 = Math.max(0, r.across0 - 1);
    const a1 = Math.min((r.horizontal ? img.height : img.width) - 1, r.across1 + 1);
    for (let a = a0; a <= a1; a++) {
      for (let i = Math.max(0, r.from); i < Math.min(r.to, r.horizontal ? img.width : img.height); i++) {
        data[r.horizontal ? a * img.width + i : i * img.width + a] = 255;
      }
    }
  }
  return { ...img, data };
}
