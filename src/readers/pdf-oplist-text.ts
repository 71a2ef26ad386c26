// Text items from a page's operator list, as pdfjs's getTextContent would give them, so that a
// page's content stream is parsed once (getOperatorList) instead of twice.
//
// The operator list already holds every glyph (`showText` args: the font's glyph objects, with
// unicode and width, and TJ spacing numbers) and every text-state operator. This replays them
// with the rules of pdfjs-dist 5.6's `PartialEvaluator.getTextContent` (pdf.worker.mjs:
// buildTextContentItem, compareWithLastPosition, addFakeSpaces, flushTextContentItem): the same
// split into items, the same inserted spaces, the same transforms and widths. It differs from
// getTextContent only where the operator list has lost what getTextContent sees; those cases
// give a `fallback` reason and the reader asks pdfjs for that page's text content instead:
//   - Type 3 fonts (their glyph boxes come from the font's bbox and char procs), vertical fonts
//     (not verified against pdfjs here), fonts that failed to load;
//   - right-to-left text (getTextContent reorders it with its bidi algorithm).
// Known, unmeasurable-in-practice differences (scripts/compare-pdf-text.ts measures the rest):
// an image drawn between two pieces of one line ends pdfjs's item only when it is an image
// XObject, and the operator list does not say which inline images were large; an empty string
// in a TJ array with non-zero character spacing moves pdfjs's text position, the operator list
// carries no glyph for it.
//
// The operator list's text matrices (Tm) and form matrices are kept in double precision by
// scripts/patch-pdfjs.mjs, as getTextContent has them (pdfjs rounds them to float32 otherwise).

import { pdfjs } from './pdfjs.ts';
import { multiply, type Matrix as PathMatrix } from './pdf-paths.ts';

const OPS = pdfjs.OPS;
const normalizeUnicode = pdfjs.normalizeUnicode as (text: string) => string;

type Matrix = number[];

/** What the replay needs of a font pdfjs loaded (its FontFaceObject on `commonObjs`). */
export interface OplistFont {
  name: string;
  vertical: boolean;
  isType3Font: boolean;
  fontMatrix: Matrix;
  ascent?: number;
  descent?: number;
}

/** A glyph as the operator list carries it (pdfjs `Glyph`, after the structured clone). */
interface OplistGlyph {
  unicode: string;
  width: number;
  originalCharCode: number;
  vmetric?: number[] | null;
}

/** A text item with the fields of pdfjs's TextItem that the reader uses. */
export interface OplistTextItem {
  str: string;
  transform: Matrix;
  width: number;
  height: number;
  fontName: string;
}

export interface OplistText {
  items: OplistTextItem[];
  /** Per loaded font name: the style getTextContent gives (`ascent`, `descent`, `vertical`). */
  styles: Record<string, { ascent?: number; descent?: number; vertical?: boolean }>;
  /** Set when the page needs getTextContent: why. */
  fallback?: FallbackReason;
}

export type FallbackReason = 'type3-font' | 'vertical-font' | 'font-error' | 'right-to-left-text';

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY: Matrix = [0.001, 0, 0, 0.001, 0, 0];

// getTextContent's factors (pdf.worker.mjs, getTextContent).
const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

/** Characters pdfjs's bidi() types R, AL or AN (Hebrew, Arabic): getTextContent reorders text holding them. */
const BIDI_CHARS = /[\u0590-\u05f4\u0600-\u08ac\ufb50-\ufdff\ufe70-\ufeff]/u;

/** pdfjs's getCharUnicodeCategory (its regular expression, precedence included). */
const SPECIAL_CHAR = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
interface Category { isWhitespace: boolean; isZeroWidthDiacritic: boolean; isInvisibleFormatMark: boolean }
const categories = new Map<string, Category>();
function categoryOf(unicode: string): Category {
  let category = categories.get(unicode);
  if (category === undefined) {
    const groups = SPECIAL_CHAR.exec(unicode);
    category = { isWhitespace: !!groups?.[1], isZeroWidthDiacritic: !!groups?.[2], isInvisibleFormatMark: !!groups?.[3] };
    categories.set(unicode, category);
  }
  return category;
}

/**
 * pdfjs's Util.transform(m1, m2). pdf-paths' multiply computes the same products and sums in the
 * same order (IEEE products commute), so the doubles are pdfjs's own.
 */
const transform = (m1: Matrix, m2: Matrix): Matrix => multiply(m1 as PathMatrix, m2 as PathMatrix);

/** pdfjs TextState: the graphics and text state getTextContent tracks. */
class TextState {
  ctm: Matrix = IDENTITY;
  loadedName: string | null = null;
  font: OplistFont | null = null;
  fontSize = 0;
  fontMatrix: Matrix = FONT_IDENTITY;
  textMatrix: Matrix = IDENTITY.slice();
  textLineMatrix: Matrix = IDENTITY.slice();
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  clone(): TextState {
    const copy = new TextState();
    copy.ctm = this.ctm;
    copy.loadedName = this.loadedName;
    copy.font = this.font;
    copy.fontSize = this.fontSize;
    copy.fontMatrix = this.fontMatrix.slice();
    copy.textMatrix = this.textMatrix.slice();
    copy.textLineMatrix = this.textLineMatrix.slice();
    copy.charSpacing = this.charSpacing;
    copy.wordSpacing = this.wordSpacing;
    copy.leading = this.leading;
    copy.textHScale = this.textHScale;
    copy.textRise = this.textRise;
    return copy;
  }

  translateTextMatrix(x: number, y: number): void {
    const m = this.textMatrix;
    m[4] = m[0] * x + m[2] * y + m[4];
    m[5] = m[1] * x + m[3] * y + m[5];
  }

  translateTextLineMatrix(x: number, y: number): void {
    const m = this.textLineMatrix;
    m[4] = m[0] * x + m[2] * y + m[4];
    m[5] = m[1] * x + m[3] * y + m[5];
  }

  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
  }
}

/** getTextContent's `textContentItem`: the item being built. */
class ItemBuilder {
  initialized = false;
  str: string[] = [];
  totalWidth = 0;
  totalHeight = 0;
  width = 0;
  height = 0;
  vertical = false;
  prevTransform: Matrix | null = null;
  prevTextRise = 0;
  textAdvanceScale = 0;
  spaceInFlowMin = 0;
  spaceInFlowMax = 0;
  trackingSpaceMin = Infinity;
  negativeSpaceMax = -Infinity;
  notASpace = -Infinity;
  transform: Matrix = IDENTITY;
  fontName = '';
}

/**
 * One content stream's replay state (the page's, or a form XObject's: getTextContent reads a
 * form with a fresh item, fresh last characters and a copy of the graphics state).
 */
class StreamContext {
  state: TextState;
  readonly stack: TextState[] = [];
  readonly item = new ItemBuilder();
  /** getTextContent's `twoLastChars` ring. */
  readonly lastChars = [' ', ' '];
  lastCharsPos = 0;
  /** getTextContent's `currentTextState`: the state at the last font-change flush. */
  fontState: TextState | null = null;

  constructor(state: TextState) {
    this.state = state;
  }
}

class Fallback extends Error {
  constructor(readonly reason: FallbackReason) {
    super(reason);
  }
}

/** Replays one page's operator list into text items; see the file comment. */
export function textFromOperatorList(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  fontOf: (loadedName: string) => OplistFont | null,
  viewBox: ArrayLike<number>,
): OplistText {
  const replay = new Replay(fontOf, viewBox);
  try {
    replay.run(fnArray, argsArray);
  } catch (error) {
    if (error instanceof Fallback) return { items: [], styles: {}, fallback: error.reason };
    throw error;
  }
  return { items: replay.items, styles: replay.styles };
}

class Replay {
  readonly items: OplistTextItem[] = [];
  readonly styles: OplistText['styles'] = {};
  private ctx = new StreamContext(new TextState());
  private readonly contexts: StreamContext[] = [];

  constructor(
    private readonly fontOf: (loadedName: string) => OplistFont | null,
    private readonly viewBox: ArrayLike<number>,
  ) {}

  run(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>): void {
    // Annotation appearances and soft-mask groups are in the operator list, not in getTextContent.
    let annotationDepth = 0;
    let skippedGroups = 0;
    const groups: boolean[] = [];
    for (let i = 0; i < fnArray.length; i++) {
      const fn = fnArray[i];
      const args = argsArray[i] as unknown[];
      if (fn === OPS.beginAnnotation) annotationDepth++;
      else if (fn === OPS.endAnnotation) annotationDepth = Math.max(0, annotationDepth - 1);
      else if (fn === OPS.beginGroup) {
        const smask = Boolean((args?.[0] as { smask?: unknown } | undefined)?.smask);
        groups.push(smask);
        if (smask) skippedGroups++;
      } else if (fn === OPS.endGroup) {
        if (groups.pop()) skippedGroups--;
      } else if (annotationDepth === 0 && skippedGroups === 0) this.op(fn, args);
    }
    this.flush();
  }

  private op(fn: number, args: unknown[]): void {
    const ctx = this.ctx;
    const state = ctx.state;
    ctx.fontState ??= state.clone();
    switch (fn) {
      case OPS.save:
        ctx.stack.push(state);
        ctx.state = state.clone();
        break;
      case OPS.restore: {
        const previous = ctx.stack.pop();
        if (previous) ctx.state = previous;
        break;
      }
      case OPS.transform:
        state.ctm = transform(state.ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        this.flush();
        const inner = state.clone();
        const matrix = args[0] as Matrix | null;
        if (matrix) inner.ctm = transform(inner.ctm, Array.from(matrix));
        this.contexts.push(ctx);
        this.ctx = new StreamContext(inner);
        break;
      }
      case OPS.paintFormXObjectEnd: {
        this.flush();
        const outer = this.contexts.pop();
        if (outer) this.ctx = outer;
        break;
      }
      case OPS.setFont:
        this.setFont(state, args[0] as string, args[1] as number);
        break;
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key !== 'Font') continue;
          this.flush();
          const [loadedName, size] = value as [string, number];
          this.setFont(state, loadedName, size);
        }
        break;
      case OPS.setTextRise:
        state.textRise = args[0] as number;
        break;
      case OPS.setHScale:
        state.textHScale = (args[0] as number) / 100;
        break;
      case OPS.setLeading:
        state.leading = args[0] as number;
        break;
      case OPS.moveText:
        state.translateTextLineMatrix(args[0] as number, args[1] as number);
        state.textMatrix = state.textLineMatrix.slice();
        break;
      case OPS.setLeadingMoveText:
        state.leading = -(args[1] as number);
        state.translateTextLineMatrix(args[0] as number, args[1] as number);
        state.textMatrix = state.textLineMatrix.slice();
        break;
      case OPS.nextLine:
        state.carriageReturn();
        break;
      case OPS.setTextMatrix: {
        const m = args[0] as ArrayLike<number>;
        state.textMatrix = [m[0], m[1], m[2], m[3], m[4], m[5]];
        state.textLineMatrix = [m[0], m[1], m[2], m[3], m[4], m[5]];
        this.updateAdvanceScale();
        break;
      }
      case OPS.setCharSpacing:
        state.charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        state.wordSpacing = args[0] as number;
        break;
      case OPS.beginText:
        state.textMatrix = IDENTITY.slice();
        state.textLineMatrix = IDENTITY.slice();
        break;
      case OPS.showText:
        if (state.font) this.showText(args[0] as (OplistGlyph | number)[]);
        break;
      case OPS.paintImageXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageMaskXObjectRepeat:
      case OPS.paintImageMaskXObjectGroup:
      case OPS.paintSolidColorImageMask:
      case OPS.beginMarkedContent:
      case OPS.beginMarkedContentProps:
      case OPS.endMarkedContent:
        this.flush();
        break;
    }
  }

  private setFont(state: TextState, loadedName: string, size: number): void {
    const font = this.fontOf(loadedName);
    if (!font) throw new Fallback('font-error');
    state.loadedName = loadedName;
    state.fontSize = size;
    state.font = font;
    state.fontMatrix = font.fontMatrix ?? FONT_IDENTITY;
  }

  /**
   * A `showText` of the operator list: a Tj (glyphs only) or a TJ (glyphs and spacing numbers).
   * getTextContent reads a TJ as runs of strings between non-zero numbers, each number adding
   * spacing after the last glyph of the run before it.
   */
  private showText(elements: (OplistGlyph | number)[]): void {
    const state = this.ctx.state;
    const font = state.font!;
    if (font.isType3Font) throw new Fallback('type3-font');
    if (font.vertical) throw new Fallback('vertical-font');
    if (elements.length === 0) {
      this.buildItem(null, 0, 0, 0);
      return;
    }
    const spaceFactor = -state.fontSize / 1000;
    let start = 0;
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      if (typeof element !== 'number') continue;
      if (element === 0) continue;
      this.buildItem(elements, start, i, element * spaceFactor);
      start = i + 1;
    }
    // A TJ ending in a non-zero number (or in numbers only after it) leaves nothing to show.
    for (let i = start; i < elements.length; i++) {
      if (typeof elements[i] === 'number') continue;
      this.buildItem(elements, start, elements.length, 0);
      break;
    }
  }

  /** getTextContent's buildTextContentItem for the glyphs elements[from, to) (numbers skipped). */
  private buildItem(elements: (OplistGlyph | number)[] | null, from: number, to: number, extraSpacing: number): void {
    const ctx = this.ctx;
    const state = ctx.state;
    const fontState = ctx.fontState!;
    if (fontState !== state && (fontState.fontSize !== state.fontSize || (fontState.loadedName !== state.loadedName && (fontState.font?.name !== state.font!.name || fontState.font?.vertical !== state.font!.vertical)))) {
      this.flush();
      ctx.fontState = state.clone();
    }
    const baseCharSpacing = state.charSpacing;
    const glyphs: OplistGlyph[] = [];
    if (elements) for (let i = from; i < to; i++) if (typeof elements[i] !== 'number') glyphs.push(elements[i] as OplistGlyph);
    if (glyphs.length === 0) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) state.translateTextMatrix(charSpacing * state.textHScale, 0);
      return;
    }
    const scale = state.fontMatrix[0] * state.fontSize;
    const item = ctx.item;
    for (let i = 0, ii = glyphs.length; i < ii; i++) {
      const glyph = glyphs[i];
      const unicode = glyph.unicode;
      const category = categoryOf(unicode);
      if (category.isInvisibleFormatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === ii ? extraSpacing : 0);
      let scaledDim = glyph.width * scale;
      if (glyph.originalCharCode === 0x20) charSpacing += state.wordSpacing;
      if (category.isWhitespace) {
        charSpacing += scaledDim;
        state.translateTextMatrix(charSpacing * state.textHScale, 0);
        this.saveLastChar(' ');
        continue;
      }
      if (!category.isZeroWidthDiacritic && !this.compareWithLastPosition(scaledDim)) {
        state.translateTextMatrix(scaledDim * state.textHScale, 0);
        continue;
      }
      this.ensureItem();
      if (category.isZeroWidthDiacritic) scaledDim = 0;
      scaledDim *= state.textHScale;
      state.translateTextMatrix(scaledDim, 0);
      item.width += scaledDim;
      if (scaledDim) {
        item.prevTransform = this.currentTextTransform();
        item.prevTextRise = state.textRise;
      }
      if (this.saveLastChar(unicode)) item.str.push(' ');
      item.str.push(unicode);
      if (charSpacing) state.translateTextMatrix(charSpacing * state.textHScale, 0);
    }
  }

  /**
   * transform(ctm, transform(textMatrix, [fontSize·hScale, 0, 0, fontSize, 0, rise])) written out,
   * every product and sum as transform makes it (the zero terms too: 0·x is not 0 for every x), so
   * the doubles are the same, without the two arrays per glyph the calls allocate.
   */
  private currentTextTransform(): Matrix {
    const state = this.ctx.state;
    const t = state.textMatrix;
    const c = state.ctm;
    const a = state.fontSize * state.textHScale;
    const d = state.fontSize;
    const rise = state.textRise;
    const i0 = a * t[0] + 0 * t[2];
    const i1 = a * t[1] + 0 * t[3];
    const i2 = 0 * t[0] + d * t[2];
    const i3 = 0 * t[1] + d * t[3];
    const i4 = 0 * t[0] + rise * t[2] + t[4];
    const i5 = 0 * t[1] + rise * t[3] + t[5];
    return [i0 * c[0] + i1 * c[2], i0 * c[1] + i1 * c[3], i2 * c[0] + i3 * c[2], i2 * c[1] + i3 * c[3], i4 * c[0] + i5 * c[2] + c[4], i4 * c[1] + i5 * c[3] + c[5]];
  }

  private ensureItem(): ItemBuilder {
    const ctx = this.ctx;
    const item = ctx.item;
    if (item.initialized) return item;
    const state = ctx.state;
    const loadedName = state.loadedName!;
    const font = state.font!;
    if (!(loadedName in this.styles)) this.styles[loadedName] = { ascent: font.ascent, descent: font.descent, vertical: font.vertical };
    item.fontName = loadedName;
    const trm = (item.transform = this.currentTextTransform());
    item.width = item.totalWidth = 0;
    item.height = item.totalHeight = Math.hypot(trm[2], trm[3]);
    item.vertical = false;
    item.textAdvanceScale = Math.hypot(state.ctm[0], state.ctm[1]) * Math.hypot(state.textLineMatrix[0], state.textLineMatrix[1]);
    const fontSize = state.fontSize;
    item.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    item.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    item.initialized = true;
    return item;
  }

  private updateAdvanceScale(): void {
    const ctx = this.ctx;
    const item = ctx.item;
    if (!item.initialized) return;
    const state = ctx.state;
    const scale = Math.hypot(state.ctm[0], state.ctm[1]) * Math.hypot(state.textLineMatrix[0], state.textLineMatrix[1]);
    if (scale === item.textAdvanceScale) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    item.width = 0;
    item.textAdvanceScale = scale;
  }

  private saveLastChar(char: string): boolean {
    const ctx = this.ctx;
    const chars = ctx.lastChars;
    const nextPos = (ctx.lastCharsPos + 1) % 2;
    const spaceBetween = chars[ctx.lastCharsPos] !== ' ' && chars[nextPos] === ' ';
    chars[ctx.lastCharsPos] = char;
    ctx.lastCharsPos = nextPos;
    return spaceBetween;
  }

  private shouldAddWhitespace(): boolean {
    const ctx = this.ctx;
    return ctx.lastChars[ctx.lastCharsPos] !== ' ' && ctx.lastChars[(ctx.lastCharsPos + 1) % 2] === ' ';
  }

  private resetLastChars(): void {
    const ctx = this.ctx;
    ctx.lastChars[0] = ctx.lastChars[1] = ' ';
    ctx.lastCharsPos = 0;
  }

  /** getTextContent's compareWithLastPosition (horizontal fonts): false when the glyph is outside the page. */
  private compareWithLastPosition(glyphWidth: number): boolean {
    const state = this.ctx.state;
    const item = this.ctx.item;
    const current = this.currentTextTransform();
    let posX = current[4];
    let posY = current[5];
    const view = this.viewBox;
    if (posX + glyphWidth < view[0] || posX > view[2] || posY < view[1] || posY > view[3]) return false;
    if (!item.prevTransform) return true;
    let lastPosX = item.prevTransform[4];
    let lastPosY = item.prevTransform[5];
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (current[0] && current[1] === 0 && current[2] === 0) rotate = current[0] > 0 ? 0 : 180;
    else if (current[1] && current[0] === 0 && current[3] === 0) rotate = current[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = inverseRotation(posX, posY, current);
        [lastPosX, lastPosY] = inverseRotation(lastPosX, lastPosY, item.prevTransform);
    }
    const advanceX = (posX - lastPosX) / item.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const orientation = Math.sign(item.width || item.totalWidth);
    if (advanceX < orientation * item.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * item.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    const riseDelta = state.textRise - item.prevTextRise;
    const advanceYCorrected = riseDelta === 0 ? advanceY : advanceY - (current[3] / state.fontSize) * riseDelta;
    if (Math.abs(advanceYCorrected) > item.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= orientation * item.notASpace) this.resetLastChars();
    if (advanceX <= orientation * item.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
      } else item.width += advanceX;
    } else if (!this.addFakeSpaces(advanceX, orientation)) {
      if (item.str.length === 0) this.resetLastChars();
      else item.width += advanceX;
    }
    if (Math.abs(advanceY) > item.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.ctx.item.initialized) this.flush();
  }

  /** getTextContent's addFakeSpaces: a gap within a word space adds a space, a wider one ends the item. */
  private addFakeSpaces(width: number, orientation: number): boolean {
    const item = this.ctx.item;
    if (orientation * item.spaceInFlowMin <= width && width <= orientation * item.spaceInFlowMax) {
      if (item.initialized) {
        this.resetLastChars();
        item.str.push(' ');
      }
      return false;
    }
    this.flush();
    this.resetLastChars();
    return true;
  }

  /** getTextContent's flushTextContentItem, without its whitespace-only items (the reader drops them). */
  private flush(): void {
    const item = this.ctx.item;
    if (!item.initialized) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    const text = normalizeUnicode(item.str.join(''));
    if (BIDI_CHARS.test(text)) throw new Fallback('right-to-left-text');
    this.items.push({ str: text, transform: item.transform, width: Math.abs(item.totalWidth), height: Math.abs(item.totalHeight), fontName: item.fontName });
    item.initialized = false;
    item.str.length = 0;
  }
}

function inverseRotation(x: number, y: number, m: Matrix): [number, number] {
  const scale = Math.hypot(m[0], m[1]);
  return [(m[0] * x + m[1] * y) / scale, (m[2] * x + m[3] * y) / scale];
}
