// The OCR stage: a scanned page's images → text runs (with OCR confidence) + rulings, in the
// PdfPage model (points, top-left origin), so the same table finders and page assembly read
// it. Format-blind (it takes a page image, not a PDF) and independent of the rest of
// extraction, so a queue can run it as a job of its own.
//
//   compose → deskew → rulings (then erased) → detect → orientation → cut/join boxes by cell → crop to ink → recognise → glyph fallback → runs
import type { PageImage, PageOcr, PdfPage, Ruling, TextRun } from '../../model/layout.ts';
import { ExtractError } from '../../model/errors.ts';
import { ENGINE_NAME, loadEngine, type OcrEngine } from './engine.ts';
import { composePage, type Gray, nativeDpi, rotateSmall, turn } from './gray.ts';
import { detectText, type TextBox } from './detect.ts';
import { recognizeBoxes } from './recognize.ts';
import { binarize, eraseRulings, findRulings, otsuThreshold, type PixelRuling } from './rulings.ts';
import { inkCrops } from './crop.ts';
import { cellBoxes } from './cell-boxes.ts';
import { estimateSkew } from './skew.ts';
import { looksSideways, looksUpsideDown } from './orientation.ts';
import { linesToRuns, rulingsToPoints } from './runs.ts';
import { operatorGlyphRuns } from './glyphs.ts';
import { OCR_SETTINGS } from './settings.ts';

/** A page to read: its size in points and the images it paints. */
export interface OcrInput {
  width: number;
  height: number;
  images: readonly PageImage[];
}

export interface OcrOutput {
  /** Page size in points in the orientation it was read (width and height swap for 90°/270°). */
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Ruling[];
  ocr: PageOcr;
  /** Images that could not be decoded (the page is read without them). */
  warnings: string[];
}

export interface OcrOptions {
  /** Largest page raster, pixels (`ZHIBIAO_MAX_IMAGE_MPIX`). */
  maxPixels?: number;
}

export const DEFAULT_MAX_PIXELS = 60e6;

/** Reads one page image. Throws `ocr-unavailable` when the engine cannot load. */
export async function ocrPage(input: OcrInput, opts: OcrOptions = {}): Promise<OcrOutput> {
  const t = tracer();
  const engine = await loadEngine();
  t('load');
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const warnings: string[] = [];
  const images = (await Promise.all(input.images.map((image) => decodePageImage(image, maxPixels, warnings)))).filter((image) => image !== null);
  const dpi = nativeDpi(images, OCR_SETTINGS.raster.minDpi, OCR_SETTINGS.raster.maxDpi);
  let raster = composePage(images, input.width, input.height, dpi, maxPixels);
  t('compose');
  const skew = estimateSkew(binarize(raster), raster.width, raster.height);
  t('skew');
  const deskewed = Math.abs(skew) >= OCR_SETTINGS.skew.minCorrectDegrees;
  if (deskewed) raster = rotateSmall(raster, -skew);
  t('deskew');
  let read = await readRaster(engine, raster, dpi, t);
  let rotation: PageOcr['rotation'] = 0;
  if (looksSideways(read.boxes)) {
    rotation = 90;
    raster = turn(raster, 90);
    read = await readRaster(engine, raster, dpi);
  }
  if (await looksUpsideDown(engine, read.clean, read.boxes)) {
    rotation = ((rotation + 180) % 360) as PageOcr['rotation'];
    raster = turn(raster, 180);
    read = await readRaster(engine, raster, dpi);
  }
  t('orientation');
  const threshold = otsuThreshold(read.clean);
  const boxes = cellBoxes(read.boxes, read.rulings, dpi);
  const lines = await recognizeBoxes(engine, read.clean, boxes, inkCrops(read.clean, boxes, threshold));
  t('recognize');
  // The glyph fallback first: it empties the lines it reads instead.
  const glyphRuns = operatorGlyphRuns(read.clean, boxes, lines, read.rulings, dpi);
  const runs = [...linesToRuns(lines, read.rulings, dpi), ...glyphRuns];
  t('runs');
  const meanConfidence = runs.length ? runs.reduce((sum, r) => sum + (r.ocrConfidence ?? 0), 0) / runs.length : 0;
  const sideways = rotation === 90 || rotation === 270;
  return {
    width: sideways ? input.height : input.width,
    height: sideways ? input.width : input.height,
    runs,
    rulings: rulingsToPoints(read.rulings, dpi),
    ocr: { engine: ENGINE_NAME, rotation, skew: deskewed ? skew : 0, dpi, meanConfidence: Math.round(meanConfidence * 1000) / 1000 },
    warnings,
  };
}

/** Rulings, the raster without them, and the text boxes on it. */
async function readRaster(engine: OcrEngine, raster: Gray, dpi: number, t: (step: string) => void = () => {}): Promise<{ rulings: PixelRuling[]; clean: Gray; boxes: TextBox[] }> {
  const rulings = findRulings(binarize(raster), raster.width, raster.height, dpi);
  const clean = eraseRulings(raster, rulings);
  t('rulings');
  const boxes = await detectText(engine, clean, OCR_SETTINGS.detection.targetDpi / dpi);
  t('detect');
  return { rulings, clean, boxes };
}

/** `ZHIBIAO_OCR_TRACE=1` prints each step's milliseconds to stderr. */
function tracer(): (step: string) => void {
  if (!process.env.ZHIBIAO_OCR_TRACE) return () => {};
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    process.stderr.write(`ocr ${step} ${Math.round(now - last)} ms\n`);
    last = now;
  };
}

/** Encoded images (an OFD's JPEG/PNG/TIFF) decoded to gray by sharp, within the pixel limit. */
export async function decodePageImage(image: PageImage, maxPixels: number, warnings: string[]): Promise<Extract<PageImage, { kind: 'pixels' }> | null> {
  if (image.kind === 'pixels') return image;
  let sharp: typeof import('sharp').default;
  try {
    sharp = (await import('sharp')).default;
  } catch (error) {
    throw new ExtractError('ocr-unavailable', `a scanned page's image needs decoding, but the image library (npm sharp) cannot load: ${String(error).split('\n')[0]}`);
  }
  try {
    const { data, info } = await sharp(image.bytes, { limitInputPixels: Math.floor(maxPixels) }).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { kind: 'pixels', matrix: image.matrix, width: info.width, height: info.height, channels: 1, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    const message = String(error).split('\n')[0];
    if (/pixel limit/iu.test(message)) throw new ExtractError('too-large', `a scanned page's image has more than ${Math.round(maxPixels / 1e6)} MP (ZHIBIAO_MAX_IMAGE_MPIX)`);
    warnings.push(`an image of a scanned page cannot be decoded (${message}); the page is read without it`);
    return null;
  }
}

/** A scanned PdfPage read by OCR: its runs and rulings filled, `ocr` set, `images` dropped. */
export async function ocrScannedPage(page: PdfPage, opts: OcrOptions = {}): Promise<PdfPage> {
  if (!page.scanned || !page.images?.length) return page;
  const out = await ocrPage({ width: page.width, height: page.height, images: page.images }, opts);
  const { images: _images, ...rest } = page;
  return { ...rest, width: out.width, height: out.height, runs: out.runs, rulings: out.rulings, ocr: out.ocr };
}
