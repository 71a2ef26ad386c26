// PDF reader: pdfjs-dist → PdfPage[] (text runs + ruling segments, top-left coordinates).
//
// pdfjs parses every page's content stream once (getOperatorList): rulings and images come
// from the operators, text runs are rebuilt from them too (pdf-page-text.ts). That parse is the
// whole per-page cost — nothing is rendered, and images are decoded only on scanned pages.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { forgetDeferredImages, pdfjs } from './pdfjs.ts';
import { ExtractError } from '../model/errors.ts';
import type { PdfPage, Ruling } from '../model/layout.ts';
import { multiply, pageRulings, pathRulings, type Matrix } from './pdf-paths.ts';
import { pageTextRuns, type TextSource } from './pdf-page-text.ts';
import { type ImagePaint, pageImages } from './pdf-images.ts';

const require = createRequire(import.meta.url);
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
/** pdfjs in Node wants plain filesystem paths ending in '/'. */
const CMAP_URL = join(PDFJS_ROOT, 'cmaps') + '/';
const STANDARD_FONT_DATA_URL = join(PDFJS_ROOT, 'standard_fonts') + '/';

const OPS = pdfjs.OPS;
const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintSolidColorImageMask,
]);

export interface ReadPdfOptions {
  /** 1-based page numbers to read; all pages when absent. */
  pages?: number[];
  /** A PDF with more pages is refused with `too-large` (README "Limits"). */
  maxPages?: number;
  /** A PDF with a stream that decodes to more bytes is refused with `too-large` (README "Limits"). */
  maxStreamBytes?: number;
  /** Images of more pixels are not decoded (pdfjs `maxImageSize`; README "Limits"). */
  maxImagePixels?: number;
  /**
   * Called with each scanned page (its `images` filled) before the next page is read, so a
   * document's images are never all held at once; what it returns replaces the page (the OCR
   * stage fills runs and rulings and drops the images). Without it scanned pages keep no images.
   */
  onScannedPage?: (page: PdfPage) => Promise<PdfPage>;
  /** Text runs from the operator list (default) or from getTextContent for every page (scripts/compare-pdf-text.ts). */
  text?: TextSource;
}

/**
 * The decoded-stream cap that scripts/patch-pdfjs.mjs adds to pdfjs's DecodeStream. pdfjs runs
 * its worker code in this thread (Node has no pdfjs worker), so a global reaches it. pdfjs turns
 * errors while parsing a page into warnings, hence the flag the reader checks after each step.
 */
const streamCap = globalThis as { zhibiaoMaxDecodedStreamBytes?: number; zhibiaoStreamOverCap?: number };

/** The `too-large` error when a stream went over the cap since the last call, else null. */
function streamOverCapError(): ExtractError | null {
  const over = streamCap.zhibiaoStreamOverCap;
  if (over === undefined) return null;
  streamCap.zhibiaoStreamOverCap = undefined;
  const limitMb = +((streamCap.zhibiaoMaxDecodedStreamBytes ?? over) / 2 ** 20).toFixed(2);
  return new ExtractError('too-large', `a stream of the PDF decodes to more than ${limitMb} MB (limit ZHIBIAO_MAX_PDF_STREAM_MB)`);
}

/** Reads a PDF into pages of text runs and rulings, in each page's displayed orientation. */
export async function readPdf(bytes: Uint8Array, opts: ReadPdfOptions = {}): Promise<PdfPage[]> {
  streamCap.zhibiaoMaxDecodedStreamBytes = opts.maxStreamBytes;
  streamCap.zhibiaoStreamOverCap = undefined;
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdfjs transfers (detaches) the buffer it is given
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
    maxImageSize: opts.maxImagePixels ?? -1,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    forgetDeferredImages(task.docId);
    throw pdfError(error);
  }
  try {
    if (opts.maxPages !== undefined && doc.numPages > opts.maxPages) {
      throw new ExtractError('too-large', `the PDF has ${doc.numPages} pages (limit ${opts.maxPages}, ZHIBIAO_MAX_PAGES)`);
    }
    const wanted = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const out: PdfPage[] = [];
    for (const n of wanted) {
      if (n < 1 || n > doc.numPages) continue;
      const page = await doc.getPage(n);
      try {
        const read = await readPage(page, n, opts.text ?? 'operators', opts.onScannedPage !== undefined ? task.docId : null);
        out.push(read.scanned && opts.onScannedPage ? await opts.onScannedPage(read) : read);
      } finally {
        page.cleanup();
      }
      const overCap = streamOverCapError();
      if (overCap) throw overCap;
    }
    return out;
  } catch (error) {
    throw pdfError(error);
  } finally {
    await doc.destroy();
    forgetDeferredImages(task.docId);
  }
}

/** pdfjs failures as the errors users see: a password → `encrypted`, anything unreadable → `corrupt-pdf`. */
function pdfError(error: unknown): ExtractError {
  if (error instanceof ExtractError) return error;
  const overCap = streamOverCapError();
  if (overCap) return overCap;
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (name === 'PasswordException') return new ExtractError('encrypted', `the PDF is password-protected (${message})`);
  return new ExtractError('corrupt-pdf', `the PDF cannot be read: ${message}`);
}

type PdfjsPage = Awaited<ReturnType<Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>['getPage']>>;

/** `imagesOf`: the loading task's docId when a scanned page's images are wanted, else null. */
async function readPage(page: PdfjsPage, number: number, textSource: TextSource, imagesOf: string | null): Promise<PdfPage> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const width = viewport.width;
  const height = viewport.height;

  // One content-stream parse: text runs are rebuilt from the operator list (pdf-page-text.ts).
  const content = textSource === 'content' ? await page.getTextContent() : null;
  const ops = await page.getOperatorList();
  const runs = await pageTextRuns(page, ops, vt, content as Parameters<typeof pageTextRuns>[3]);

  const { rulings, images, imagePaints } = scanOperators(ops.fnArray, ops.argsArray, vt);
  const scanned = runs.length === 0 && images > 0;
  return {
    number,
    width,
    height,
    runs,
    rulings: pageRulings(rulings, width, height),
    scanned,
    ...(scanned && imagesOf !== null ? { images: await pageImages(page, imagePaints, imagesOf) } : {}),
  };
}

/** Walks the operator list tracking the CTM; returns page-space rulings and the image paints. */
export function scanOperators(fnArray: number[], argsArray: unknown[], vt: Matrix): { rulings: Ruling[]; images: number; imagePaints: ImagePaint[] } {
  let gs: GraphicsState = { ctm: [vt[0], vt[1], vt[2], vt[3], vt[4], vt[5]], fill: '#000000', stroke: '#000000' };
  const stack: GraphicsState[] = [];
  const rulings: Ruling[] = [];
  const imagePaints: ImagePaint[] = [];
  let images = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(gs);
        gs = { ...gs };
        break;
      case OPS.restore:
        gs = stack.pop() ?? gs;
        break;
      case OPS.transform:
        gs.ctm = multiply(gs.ctm, args as unknown as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(gs);
        gs = { ...gs };
        const m = args?.[0] as Matrix | null | undefined;
        if (m && m.length === 6) gs.ctm = multiply(gs.ctm, m);
        break;
      }
      case OPS.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case OPS.setFillRGBColor:
        if (typeof args?.[0] === 'string') gs.fill = args[0];
        break;
      case OPS.setStrokeRGBColor:
        if (typeof args?.[0] === 'string') gs.stroke = args[0];
        break;
      case OPS.constructPath: {
        const paintOp = args?.[0] as number;
        const path = (args?.[1] as (Float32Array | number[] | null)[] | undefined)?.[0];
        if (!path || path.length === 0) break;
        // White paint on a white page draws nothing a reader can see.
        const stroke = isStroke(paintOp) && !isWhite(gs.stroke);
        const fill = isFill(paintOp) && !isWhite(gs.fill);
        if (!stroke && !fill) break;
        pathRulings(path, gs.ctm, stroke, fill, rulings);
        break;
      }
      default:
        if (IMAGE_OPS.has(fn)) {
          images++;
          imagePaints.push({ fn, args, ctm: gs.ctm });
        }
    }
  }
  return { rulings, images, imagePaints };
}

interface GraphicsState {
  ctm: Matrix;
  /** Current colours as pdfjs reports them ('#rrggbb'). */
  fill: string;
  stroke: string;
}

function isWhite(hex: string): boolean {
  return /^#f[a-f0-9]f[a-f0-9]f[a-f0-9]$/i.test(hex) && parseInt(hex.slice(1, 3), 16) >= 0xf8 && parseInt(hex.slice(3, 5), 16) >= 0xf8 && parseInt(hex.slice(5, 7), 16) >= 0xf8;
}

function isStroke(op: number): boolean {
  return (
    op === OPS.stroke ||
    op === OPS.closeStroke ||
    op === OPS.fillStroke ||
    op === OPS.eoFillStroke ||
    op === OPS.closeFillStroke ||
    op === OPS.closeEOFillStroke
  );
}

function isFill(op: number): boolean {
  return (
    op === OPS.fill ||
    op === OPS.eoFill ||
    op === OPS.fillStroke ||
    op === OPS.eoFillStroke ||
    op === OPS.closeFillStroke ||
    op === OPS.closeEOFillStroke
  );
}
