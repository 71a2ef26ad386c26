// A PDF page's text runs: rebuilt from the operator list the reader needs anyway (one content
// stream parse per page, src/readers/pdf-oplist-text.ts), or from pdfjs's getTextContent on the
// pages that rebuilding cannot match (Type 3, vertical or broken fonts, right-to-left text).

import type { TextRun } from '../model/layout.ts';
import { applyMatrix as apply, boxOf, round, type Matrix } from './pdf-paths.ts';
import { baseFontName, mapSymbolFontText } from './pdf-text.ts';
import { type FallbackReason, type OplistFont, textFromOperatorList } from './pdf-oplist-text.ts';

/** Where text runs come from: the operator list (default) or pdfjs's getTextContent for every page. */
export type TextSource = 'operators' | 'content';

/** Pages read in this process, and how many of them fell back to getTextContent, by reason. */
export const pdfTextStats = { pages: 0, fallbacks: {} as Partial<Record<FallbackReason, number>> };

interface PdfjsPageLike {
  view: number[];
  commonObjs: { get(name: string): unknown; has(name: string): boolean };
  getTextContent(): Promise<{ items: unknown[]; styles: Record<string, FontStyle> }>;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

interface FontStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** The font objects pdfjs resolved for a page (`commonObjs`), read once per loaded name. */
class PageFonts {
  private readonly facts = new Map<string, OplistFont | null>();
  constructor(private readonly page: PdfjsPageLike) {}

  /** The replay's view of a loaded font; null when pdfjs could not load it. */
  get(loaded: string): OplistFont | null {
    let facts = this.facts.get(loaded);
    if (facts === undefined) {
      facts = this.read(loaded);
      this.facts.set(loaded, facts);
    }
    return facts;
  }

  /** The PDF's own name of a font pdfjs loaded as `loaded` (e.g. `g_d0_f5` → `OpenSymbol`). */
  realName(loaded: string): string {
    const name = this.get(loaded)?.name;
    return name ? baseFontName(name) : loaded;
  }

  private read(loaded: string): OplistFont | null {
    let font: Partial<OplistFont> | undefined;
    try {
      if (!this.page.commonObjs.has(loaded)) return null;
      font = this.page.commonObjs.get(loaded) as Partial<OplistFont> | undefined;
    } catch {
      return null;
    }
    // A font pdfjs failed to load is resolved as its error message.
    if (!font || typeof font !== 'object') return null;
    return {
      name: font.name ?? '',
      vertical: Boolean(font.vertical),
      isType3Font: Boolean(font.isType3Font),
      fontMatrix: font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0],
      ascent: font.ascent,
      descent: font.descent,
    };
  }
}

/**
 * The page's text runs. `content` is the page's getTextContent when the caller already asked
 * for it (text source `content`); otherwise the runs are rebuilt from `ops`, falling back to
 * getTextContent for this page when the rebuild cannot match it.
 */
export async function pageTextRuns(
  page: PdfjsPageLike,
  ops: { fnArray: number[]; argsArray: unknown[] },
  vt: Matrix,
  content: { items: unknown[]; styles: Record<string, FontStyle> } | null,
): Promise<TextRun[]> {
  const fonts = new PageFonts(page);
  let items: unknown[];
  let styles: Record<string, FontStyle>;
  pdfTextStats.pages++;
  if (content) ({ items, styles } = content);
  else {
    const rebuilt = textFromOperatorList(ops.fnArray, ops.argsArray, (name) => fonts.get(name), page.view);
    if (rebuilt.fallback) {
      pdfTextStats.fallbacks[rebuilt.fallback] = (pdfTextStats.fallbacks[rebuilt.fallback] ?? 0) + 1;
      ({ items, styles } = await page.getTextContent());
    } else ({ items, styles } = rebuilt);
  }
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!(item as { str?: unknown }).str) continue;
    const run = textItemToRun(item as TextItemLike, styles, vt);
    if (!run) continue;
    run.fontName = fonts.realName(run.fontName);
    run.text = mapSymbolFontText(run.text, run.fontName);
    runs.push(run);
  }
  return runs;
}

/** One pdfjs text item → a TextRun with a top-left bbox (null for blank items). */
export function textItemToRun(item: TextItemLike, styles: Record<string, FontStyle>, vt: Matrix): TextRun | null {
  if (!item.str || !item.str.trim()) return null;
  const [a, b, c, d, e, f] = item.transform;
  const fontSize = Math.hypot(c, d) || Math.hypot(a, b);
  if (!(fontSize > 0)) return null;
  const style = styles[item.fontName] ?? {};
  // Unit vectors along the baseline and "up" in user space.
  const bl = Math.hypot(a, b) || 1;
  const ux = a / bl;
  const uy = b / bl;
  const ul = Math.hypot(c, d) || 1;
  const vx = c / ul;
  const vy = d / ul;
  let corners: [number, number][];
  if (style.vertical) {
    // Vertical writing: the item runs downward from its origin, `height` long, one em wide.
    const len = item.height || fontSize;
    const half = fontSize / 2;
    corners = [
      [e - ux * half, f - uy * half],
      [e + ux * half, f + uy * half],
      [e - ux * half - vx * len, f - uy * half - vy * len],
      [e + ux * half - vx * len, f + uy * half - vy * len],
    ];
  } else {
    const ascent = clampAscent(style.ascent);
    const descent = clampDescent(style.descent);
    const w = item.width;
    const up = ascent * fontSize;
    const down = descent * fontSize; // negative
    corners = [
      [e + vx * down, f + vy * down],
      [e + ux * w + vx * down, f + uy * w + vy * down],
      [e + vx * up, f + vy * up],
      [e + ux * w + vx * up, f + uy * w + vy * up],
    ];
  }
  const bbox = boxOf(corners.map(([x, y]) => apply(vt, x, y)));
  return { text: item.str, bbox, fontSize: round(fontSize), fontName: item.fontName };
}

function clampAscent(v: number | undefined): number {
  return typeof v === 'number' && v > 0.3 && v <= 1.2 ? v : 0.85;
}

function clampDescent(v: number | undefined): number {
  return typeof v === 'number' && v < 0 && v >= -0.5 ? v : -0.15;
}
