// 8-bit gray rasters: a scanned page's images composed onto one page raster, turns and resizes.
import type { ImageMatrix, PageImage } from '../../model/layout.ts';
import { ExtractError } from '../../model/errors.ts';

/** Row-major gray pixels, 0 = black, 255 = white. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function blankGray(width: number, height: number): Gray {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

/** Decoded pixels of one image (encoded ones already decoded). */
type PixelImage = Extract<PageImage, { kind: 'pixels' }>;

/**
 * The resolution (pixels per inch) a page's images hold: the finest image's, since that is
 * what the scanner gave. Clamped to [minDpi, maxDpi]: coarser scans are upsampled (the
 * detector needs text at least ~15 px high), finer ones downsampled (600-dpi scans cost 4× the
 * time for nothing the models can use).
 */
export function nativeDpi(images: readonly PixelImage[], minDpi: number, maxDpi: number): number {
  let best = 0;
  for (const image of images) {
    const [a, b, c, d] = image.matrix;
    const widthPt = Math.hypot(a, b);
    const heightPt = Math.hypot(c, d);
    if (widthPt > 1 && heightPt > 1) best = Math.max(best, Math.min((image.width * 72) / widthPt, (image.height * 72) / heightPt));
  }
  return Math.round(Math.min(maxDpi, Math.max(minDpi, best || minDpi)));
}

/**
 * Paints the images in order onto a white page raster of `widthPt` × `heightPt` at `dpi`
 * (each output pixel averages up to 3×3 samples of its image, so a downsampled scan keeps its
 * thin rules). Refuses a raster over `maxPixels`.
 */
export function composePage(images: readonly PixelImage[], widthPt: number, heightPt: number, dpi: number, maxPixels: number): Gray {
  const scale = dpi / 72;
  const width = Math.max(1, Math.round(widthPt * scale));
  const height = Math.max(1, Math.round(heightPt * scale));
  if (width * height > maxPixels) {
    throw new ExtractError('too-large', `a scanned page would be ${width}×${height} pixels at ${dpi} dpi (limit ${Math.round(maxPixels / 1e6)} MP, ZHIBIAO_MAX_IMAGE_MPIX)`);
  }
  const page = blankGray(width, height);
  for (const image of images) paintImage(page, image, scale);
  return page;
}

function paintImage(page: Gray, image: PixelImage, scale: number): void {
  const m = image.matrix.map((v) => v * scale) as ImageMatrix;
  const inverse = invert(m);
  if (!inverse) return;
  const [a, b, c, d, e, f] = m;
  const xs = [e, a + e, c + e, a + c + e];
  const ys = [f, b + f, d + f, b + d + f];
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(page.width, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(page.height, Math.ceil(Math.max(...ys)));
  // Image pixels per page pixel along each image axis: how many samples an output pixel needs.
  const perPixelU = image.width / Math.max(1e-6, Math.hypot(a, b));
  const perPixelV = image.height / Math.max(1e-6, Math.hypot(c, d));
  const samples = Math.min(3, Math.max(1, Math.round(Math.max(perPixelU, perPixelV))));
  const [ia, ib, ic, id, ie, iff] = inverse;
  const { width: w, height: h, data, channels } = image;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      let sum = 0;
      let alphaSum = 0;
      let n = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          const u = ia * px + ic * py + ie;
          const v = ib * px + id * py + iff;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
          const p = (Math.floor(v * h) * w + Math.floor(u * w)) * channels;
          n++;
          if (channels === 1) {
            sum += data[p];
            alphaSum += 255;
          } else {
            const alpha = channels === 4 ? data[p + 3] : 255;
            // ITU-R BT.601 luma.
            sum += ((data[p] * 299 + data[p + 1] * 587 + data[p + 2] * 114) / 1000) * (alpha / 255);
            alphaSum += alpha;
          }
        }
      }
      if (n === 0) continue;
      const alpha = alphaSum / (255 * n);
      const i = y * page.width + x;
      page.data[i] = Math.round(sum / n + page.data[i] * (1 - alpha));
    }
  }
}

function invert(m: ImageMatrix): ImageMatrix | null {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-9) return null;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** The raster turned clockwise by 90°, 180° or 270°. */
export function turn(img: Gray, degrees: 90 | 180 | 270): Gray {
  const { width, height, data } = img;
  const [w, h] = degrees === 180 ? [width, height] : [height, width];
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = data[row + x];
      if (degrees === 90) out[x * w + (w - 1 - y)] = v;
      else if (degrees === 180) out[(h - 1 - y) * w + (w - 1 - x)] = v;
      else out[(h - 1 - x) * w + y] = v;
    }
  }
  return { width: w, height: h, data: out };
}

/** The raster turned by a small angle (degrees, clockwise) about its centre; white where nothing was. */
export function rotateSmall(img: Gray, degrees: number): Gray {
  const { width, height, data } = img;
  const out = new Uint8Array(width * height).fill(255);
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = y0 * width + x0;
      const top = data[p] + (data[p + 1] - data[p]) * fx;
      const bottom = data[p + width] + (data[p + width + 1] - data[p + width]) * fx;
      out[y * width + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width, height, data: out };
}

/** Bilinear resize of the box [x0, y0, x1, y1) of `img` to `outW` × `outH`. */
export function resizeRegion(img: Gray, x0: number, y0: number, x1: number, y1: number, outW: number, outH: number): Gray {
  const out = new Uint8Array(outW * outH);
  const sx = (x1 - x0) / outW;
  const sy = (y1 - y0) / outH;
  for (let y = 0; y < outH; y++) {
    const fyAll = y0 + (y + 0.5) * sy - 0.5;
    const yi = Math.max(0, Math.min(img.height - 1, Math.floor(fyAll)));
    const yj = Math.min(img.height - 1, yi + 1);
    const fy = Math.max(0, Math.min(1, fyAll - yi));
    for (let x = 0; x < outW; x++) {
      const fxAll = x0 + (x + 0.5) * sx - 0.5;
      const xi = Math.max(0, Math.min(img.width - 1, Math.floor(fxAll)));
      const xj = Math.min(img.width - 1, xi + 1);
      const fx = Math.max(0, Math.min(1, fxAll - xi));
      const a = img.data[yi * img.width + xi];
      const b = img.data[yi * img.width + xj];
      const c = img.data[yj * img.width + xi];
      const d = img.data[yj * img.width + xj];
      const top = a + (b - a) * fx;
      const bottom = c + (d - c) * fx;
      out[y * outW + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width: outW, height: outH, data: out };
}
