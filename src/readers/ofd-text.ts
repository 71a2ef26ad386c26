// OFD text objects (GB/T 33190 §11) → text runs in page points, shaped like the PDF reader's:
// one run per stretch of characters that sit together on one baseline, with its real extent.
//
// A TextCode places its first glyph at X/Y (or where the previous TextCode ended) and every
// further glyph DeltaX/DeltaY after the one before (`g N d` = N times d; a short list repeats
// its last value, as producers expect; no list = the glyph's own width). CGTransform maps a
// cluster of characters to glyphs, and the deltas count glyphs. Glyph widths are not read
// from fonts: a full-width character is taken as 1 em, Latin by a rough class (emWidth),
// which only decides where a run ends (gap past its last glyph), where a space goes, and the
// run's right edge — clipped to the object's Boundary when that is tighter.
//
// Runs are cut the way pdfjs cuts text items: a gap over 0.6 em, a step back, or a new line;
// a gap of 0.3–0.6 em between Latin letters or digits becomes a space.
import type { BBox, TextRun } from '../model/layout.ts';
import { isCjk } from '../normalize/text.ts';
import { applyMatrix, boxOf, round, type Matrix } from './pdf-paths.ts';
import { mapSymbolFontText } from './pdf-text.ts';
import { children, type XmlElement } from './ofd-xml.ts';

/** Where a run ends or gets a space, in ems of the font size (pdfjs: 0.102–0.6 em makes a space, more a new item). */
export const TEXT_SETTINGS = {
  /** Gap past a glyph's estimated width that ends a run. */
  splitGap: 0.6,
  /** Gap between Latin letters/digits read as a space (above the error of the width estimate, emWidth). */
  spaceGap: 0.3,
  /** A step back farther than this ends a run. */
  backStep: 0.1,
  /** A baseline shift larger than this is a new line. */
  lineShift: 0.25,
  /** Box of a glyph above and below its baseline (sums to 1 em; the PDF reader's fallback is 0.85/0.15). */
  ascent: 0.88,
  descent: 0.12,
  /** Characters read from one TextCode: a line never holds 10,000; the cap bounds a hostile one's memory. */
  maxChars: 100_000,
};

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
const PRIVATE_USE = /[\uE000-\uF8FF]/u;

interface Unit {
  text: string;
  x: number;
  y: number;
  /** Estimated advance of the unit's last glyph along the reading direction. */
  width: number;
}

export interface TextResult {
  runs: TextRun[];
  /** Characters in the private-use area (fonts that give glyphs no Unicode). */
  privateUse: number;
}

/** Parses an ST_Array of numbers with the `g N v` shorthand, stopping after `need` values. */
export function deltaList(value: string | undefined, need: number): number[] {
  const out: number[] = [];
  if (!value) return out;
  const tokens = value.matchAll(/\S+/gu); // read lazily: a hostile list may be megabytes long
  const next = () => Number(tokens.next().value?.[0]);
  while (out.length < need) {
    const token = tokens.next().value?.[0];
    if (token === undefined) break;
    if (token === 'g') {
      const count = next();
      const v = next();
      if (!Number.isFinite(count) || !Number.isFinite(v)) break;
      for (let k = 0; k < count && out.length < need; k++) out.push(v);
    } else {
      const v = Number(token);
      if (!Number.isFinite(v)) break;
      out.push(v);
    }
  }
  return out;
}

function num(value: string | undefined, fallback: number): number {
  const v = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(v) ? v : fallback;
}

/**
 * A TextCode's characters: white space around a line break at either end is the XML's
 * indentation (its deltas do not count it); spaces elsewhere are text.
 */
export function codeText(text: string): string {
  return text.replace(/^[ \t]*[\r\n]\s*/u, '').replace(/\s*[\r\n][ \t]*$/u, '').replace(/[\t\r\n]/gu, ' ');
}

interface Cluster {
  chars: string[];
  glyphs: number;
}

/** The characters of one TextCode grouped by the object's CGTransforms (positions count all TextCodes' characters). */
function clusters(chars: string[], offset: number, transforms: XmlElement[]): Cluster[] {
  const starts = new Map<number, { codes: number; glyphs: number }>();
  for (const t of transforms) {
    const pos = num(t.attrs.CodePosition, 0);
    const codes = Math.max(1, Math.floor(num(t.attrs.CodeCount, 1)));
    // A cluster is a few characters drawn as a few glyphs (ligatures, Indic shaping); 32 bounds a hostile count.
    starts.set(pos, { codes, glyphs: Math.min(32, Math.max(0, Math.floor(num(t.attrs.GlyphCount, 1)))) });
  }
  const out: Cluster[] = [];
  for (let i = 0; i < chars.length; ) {
    const t = starts.get(offset + i);
    // N characters to N glyphs is a one-to-one mapping; other counts make one cluster.
    if (!t || t.codes === t.glyphs) {
      const end = Math.min(chars.length, i + (t ? t.codes : 1));
      for (; i < end; i++) out.push({ chars: [chars[i]], glyphs: 1 });
      continue;
    }
    const codes = Math.min(t.codes, chars.length - i);
    out.push({ chars: chars.slice(i, i + codes), glyphs: t.glyphs });
    i += codes;
  }
  return out;
}

/**
 * A glyph's advance in ems as typical fonts draw it: full-width characters 1, Latin letters
 * by their usual class (a proportional font's W is wide, its i narrow); other characters ½.
 */
export function emWidth(ch: string): number {
  if (isCjk(ch)) return 1;
  if (/[WM]/u.test(ch)) return 0.9;
  if (/[mw]/u.test(ch)) return 0.75;
  if (/[ijltfrI]/u.test(ch)) return 0.35;
  if (/[A-Z]/u.test(ch)) return 0.67;
  if (ch === ' ') return 0.25;
  if (/[.,:;!|'`]/u.test(ch)) return 0.28;
  return 0.5;
}

/** Places every character cluster of a TextObject in object space, TextCode by TextCode. */
function placeUnits(obj: XmlElement, size: number, hScale: number, readDirection: number): Unit[][] {
  const transforms = children(obj, 'CGTransform');
  const codes = children(obj, 'TextCode');
  const out: Unit[][] = [];
  let penX = 0;
  let penY = 0;
  let offset = 0;
  const vertical = readDirection === 90 || readDirection === 270;
  for (const code of codes) {
    const chars = Array.from(codeText(code.text.slice(0, TEXT_SETTINGS.maxChars * 2))).slice(0, TEXT_SETTINGS.maxChars);
    const groups = clusters(chars, offset, transforms);
    offset += chars.length;
    const glyphTotal = groups.reduce((n, g) => n + g.glyphs, 0);
    const dxs = deltaList(code.attrs.DeltaX, glyphTotal);
    const dys = deltaList(code.attrs.DeltaY, glyphTotal);
    penX = num(code.attrs.X, penX);
    penY = num(code.attrs.Y, penY);
    const units: Unit[] = [];
    let glyph = 0;
    // Advance of the glyph before `k` when no delta list gives it.
    const step = (k: number, width: number): [number, number] => {
      const dx = dxs.length ? (dxs[k] ?? dxs[dxs.length - 1]) : code.attrs.DeltaY !== undefined || vertical ? 0 : readDirection === 180 ? -width : width;
      const dy = dys.length ? (dys[k] ?? dys[dys.length - 1]) : !vertical || dxs.length ? 0 : readDirection === 270 ? -size : size;
      return [dx, dy];
    };
    for (const group of groups) {
      const width = size * (vertical ? 1 : emWidth(group.chars[group.chars.length - 1]) * hScale);
      units.push({ text: group.chars.join(''), x: penX, y: penY, width });
      for (let g = 0; g < group.glyphs; g++) {
        const [dx, dy] = step(glyph++, width);
        penX += dx;
        penY += dy;
      }
    }
    out.push(units);
  }
  return out;
}

/** Cuts one TextCode's units into runs (arrays of units), pdfjs-style. */
function cutRuns(units: Unit[], size: number): Unit[][] {
  const s = TEXT_SETTINGS;
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  let axis: 'h' | 'v' | null = null;
  for (const unit of units) {
    const prev = run[run.length - 1];
    if (!prev) {
      run.push(unit);
      continue;
    }
    const dx = unit.x - prev.x;
    const dy = unit.y - prev.y;
    let cut = false;
    let space = false;
    if (Math.abs(dy) <= s.lineShift * size && axis !== 'v') {
      const gap = dx - prev.width;
      cut = gap > s.splitGap * size || dx < -s.backStep * size;
      space = !cut && gap >= s.spaceGap * size && LATIN_OR_DIGIT.test(prev.text.slice(-1)) && LATIN_OR_DIGIT.test(unit.text[0]);
      if (!cut) axis = 'h';
    } else if (Math.abs(dx) <= s.lineShift * size && axis !== 'h') {
      const gap = Math.abs(dy) - size;
      cut = gap > s.splitGap * size || (axis === 'v' && Math.sign(dy) !== Math.sign(run[1].y - run[0].y));
      if (!cut) axis = 'v';
    } else cut = true;
    if (cut) {
      runs.push(run);
      run = [unit];
      axis = null;
    } else {
      if (space) run.push({ text: ' ', x: prev.x + prev.width, y: prev.y, width: 0 });
      run.push(unit);
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The box of a run in object space (y down), each glyph turned by CharDirection about its origin. */
function runCorners(run: Unit[], size: number, charDirection: number): [number, number][] {
  const s = TEXT_SETTINGS;
  const turn = (charDirection * Math.PI) / 180;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  const points: [number, number][] = [];
  for (const u of run) {
    for (const [gx, gy] of [[0, -s.ascent * size], [u.width, -s.ascent * size], [0, s.descent * size], [u.width, s.descent * size]]) {
      points.push([u.x + gx * cos - gy * sin, u.y + gx * sin + gy * cos]);
    }
  }
  return points;
}

/**
 * The runs of one TextObject. `m` maps the object's own coordinates (CTM and Boundary
 * applied) to page points; `clip` is its Boundary on the page.
 */
export function textObjectRuns(obj: XmlElement, m: Matrix, clip: BBox | null, fontName: string): TextResult {
  const size = num(obj.attrs.Size, 0);
  const result: TextResult = { runs: [], privateUse: 0 };
  if (!(size > 0)) return result;
  const hScale = Math.min(100, Math.max(0.01, num(obj.attrs.HScale, 1)));
  const readDirection = ((Math.round(num(obj.attrs.ReadDirection, 0) / 90) * 90) % 360 + 360) % 360;
  const charDirection = ((Math.round(num(obj.attrs.CharDirection, 0) / 90) * 90) % 360 + 360) % 360;
  const fontSize = round(size * Math.hypot(m[2], m[3]));
  const upright = Math.abs(m[1]) < 1e-9 && Math.abs(m[2]) < 1e-9 && m[0] > 0;
  for (const units of placeUnits(obj, size, hScale, readDirection)) {
    for (const run of cutRuns(units, size)) {
      const raw = run.map((u) => u.text).join('');
      if (!raw.trim()) continue;
      const text = mapSymbolFontText(raw, fontName);
      for (const ch of text) if (PRIVATE_USE.test(ch)) result.privateUse++;
      const bbox = boxOf(runCorners(run, size, charDirection).map(([x, y]) => applyMatrix(m, x, y)));
      if (!bbox.every(Number.isFinite) || !Number.isFinite(fontSize)) continue; // placed at infinity by absurd numbers
      const last = run[run.length - 1];
      const lastX = applyMatrix(m, last.x, last.y)[0];
      // A Boundary tighter than the width estimate, still past the last glyph's origin, is the better right edge.
      if (upright && readDirection === 0 && charDirection === 0 && clip && clip[2] < bbox[2] && clip[2] > lastX + 0.1) bbox[2] = round(clip[2]);
      result.runs.push({ text, bbox, fontSize, fontName });
    }
  }
  return result;
}
