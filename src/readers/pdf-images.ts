// The images a scanned PDF page paints, as format-blind PageImages (src/model/layout.ts) for the
// OCR stage: pdfjs decodes each image XObject (JPEG, Flate, CCITT, JBIG2, JPX) in its worker
// code when asked (decodeDeferredImage: getOperatorList leaves them undecoded); we take the
// pixels from page.objs, turn them to gray at once (pdfjs hands RGB/RGBA, 3–4 bytes a pixel,
// held outside V8's heap) and place them with the CTM of the paint. pdfjs's
// `maxImageSize` (set by the reader) keeps it from decoding images past the pixel limit.
import type { ImageMatrix, PageImage } from '../model/layout.ts';
import type { Matrix } from './pdf-paths.ts';
import { decodeDeferredImage, pdfjs } from './pdfjs.ts';

export interface ImagePaint {
  fn: number;
  args: unknown[] | null;
  /** Page-space CTM at the paint (viewport transform included: top-left origin, y down). */
  ctm: Matrix;
}

interface DecodedImage {
  width: number;
  height: number;
  /** pdfjs ImageKind: 1 gray 1 bit per pixel, 2 RGB, 3 RGBA. */
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

type PdfjsPageObjs = { objs: ObjStore; commonObjs: ObjStore };
interface ObjStore {
  get(id: string, callback: (value: unknown) => void): void;
}

const OPS = pdfjs.OPS;
/** How long an image may take to arrive from pdfjs once asked for (its decoding runs in this thread). */
const RESOLVE_MS = 30_000;

/**
 * The page's images in paint order, `docId` the loading task's. Paints pdfjs could not decode (or
 * refused as too large) are left out.
 */
export async function pageImages(page: PdfjsPageObjs, paints: readonly ImagePaint[], docId: string): Promise<PageImage[]> {
  const out: PageImage[] = [];
  for (const paint of paints) {
    const image = await imageOf(page, paint, docId);
    if (image) out.push(image);
  }
  return out;
}

async function imageOf(page: PdfjsPageObjs, paint: ImagePaint, docId: string): Promise<PageImage | null> {
  const first = paint.args?.[0];
  const matrix = unitSquareMatrix(paint.ctm);
  switch (paint.fn) {
    case OPS.paintImageXObject: {
      if (typeof first !== 'string') return null;
      decodeDeferredImage(docId, first);
      const image = await resolve(first.startsWith('g_') ? page.commonObjs : page.objs, first);
      return image ? grayImage(image, matrix) : null;
    }
    case OPS.paintInlineImageXObject:
      return first && typeof first === 'object' ? grayImage(first as DecodedImage, matrix) : null;
    case OPS.paintImageMaskXObject:
      return first && typeof first === 'object' ? maskImage(first as DecodedImage, matrix) : null;
    default:
      // Repeated and grouped paints (tiling patterns, glyph-like masks) are not page scans.
      return null;
  }
}

function resolve(store: ObjStore, id: string): Promise<DecodedImage | null> {
  return new Promise((done) => {
    const timer = setTimeout(() => done(null), RESOLVE_MS);
    try {
      store.get(id, (value) => {
        clearTimeout(timer);
        done(value && typeof value === 'object' ? (value as DecodedImage) : null);
      });
    } catch {
      clearTimeout(timer);
      done(null);
    }
  });
}

/**
 * PDF image space has the image's first row at the top of the unit square (v = 1 up); our
 * ImageMatrix measures v down from the top-left corner: (u, v) ↦ CTM · (u, 1 − v).
 */
export function unitSquareMatrix(ctm: Matrix): ImageMatrix {
  const [a, b, c, d, e, f] = ctm;
  return [a, b, -c, -d, c + e, d + f];
}

function grayImage(image: DecodedImage, matrix: ImageMatrix): PageImage | null {
  const { width, height, data, kind } = image;
  if (!data || !(width > 0) || !(height > 0)) return null;
  const gray = new Uint8Array(width * height);
  if (kind === 1) unpackBits(data, width, height, gray, 255, 0);
  else {
    const channels = kind === 3 ? 4 : 3;
    if (data.length < width * height * channels) return null;
    for (let i = 0, p = 0; i < gray.length; i++, p += channels) {
      const luma = (data[p] * 299 + data[p + 1] * 587 + data[p + 2] * 114) / 1000;
      // Transparent parts of an RGBA image show the white page.
      gray[i] = channels === 4 ? Math.round(255 - ((255 - luma) * data[p + 3]) / 255) : Math.round(luma);
    }
  }
  return { kind: 'pixels', matrix, width, height, channels: 1, data: gray };
}

/** A stencil mask (/ImageMask): bit 0 paints ink, bit 1 leaves the page as it is (alpha 0). */
function maskImage(image: DecodedImage, matrix: ImageMatrix): PageImage | null {
  const { width, height, data } = image;
  if (!data || !(width > 0) || !(height > 0)) return null;
  const alpha = new Uint8Array(width * height);
  unpackBits(data, width, height, alpha, 0, 255);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < alpha.length; i++) rgba[i * 4 + 3] = alpha[i];
  return { kind: 'pixels', matrix, width, height, channels: 4, data: rgba };
}

/** 1-bit rows (each padded to a byte) → one byte a pixel: `one` where the bit is set, else `zero`. */
function unpackBits(src: Uint8Array | Uint8ClampedArray, width: number, height: number, out: Uint8Array, one: number, zero: number): void {
  const rowBytes = (width + 7) >> 3;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) out[y * width + x] = src[row + (x >> 3)] & (0x80 >> (x & 7)) ? one : zero;
  }
}
