// Scanned-page twins of the PDF samples: rasterize with pdftoppm (poppler-utils, generation time
// only), turn the page a little and add scanner noise, binarize for black-and-white scans, and
// wrap the images into an image-only PDF (JPEG for gray, Flate 1-bit for black-and-white).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { pdfFile } from '../lib/pdf-file.ts';
import type { Rng } from '../lib/rng.ts';
import type { Gray } from '../../src/readers/ocr/gray.ts';

export type { Gray };

/** Every page (or the pages given, 1-based) of a PDF as gray rasters at `dpi`. */
export function rasterize(pdf: string, dpi: number, pages?: { first: number; last: number }): Gray[] {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-scan-'));
  try {
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', ...range, pdf, join(dir, 'p')]);
    return readdirSync(dir).sort().map((name) => parsePgm(readFileSync(join(dir, name))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A binary PGM (P5, maxval 255) as pdftoppm writes it. */
export function parsePgm(bytes: Buffer): Gray {
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (/\s/u.test(String.fromCharCode(bytes[i]))) i++;
    if (bytes[i] === 0x23) {
      while (bytes[i] !== 0x0a) i++;
      continue;
    }
    let token = '';
    while (!/\s/u.test(String.fromCharCode(bytes[i]))) token += String.fromCharCode(bytes[i++]);
    header.push(token);
  }
  const [magic, w, h, max] = header;
  if (magic !== 'P5' || max !== '255') throw new Error(`not an 8-bit binary PGM: ${header.join(' ')}`);
  const width = Number(w);
  const height = Number(h);
  const start = i + 1;
  return { width, height, data: new Uint8Array(bytes.subarray(start, start + width * height)) };
}

/** Scanner noise: gaussian grain of `sigma` gray levels, a paper tint, and dust specks per megapixel. */
export function addNoise(img: Gray, rng: Rng, sigma: number, specksPerMp: number): Gray {
  const data = new Uint8Array(img.data);
  for (let i = 0; i < data.length; i++) {
    const gauss = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    data[i] = clamp(data[i] - 8 + gauss * sigma);
  }
  const specks = Math.round((img.width * img.height * specksPerMp) / 1e6);
  for (let s = 0; s < specks; s++) {
    const x = Math.floor(rng() * (img.width - 3));
    const y = Math.floor(rng() * (img.height - 3));
    const size = 1 + Math.floor(rng() * 2);
    for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) data[(y + dy) * img.width + x + dx] = 40;
  }
  return { ...img, data };
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** One image-only page: what the PDF's image XObject holds. */
export interface ScanPage {
  /** Page size in points. */
  widthPt: number;
  heightPt: number;
  /** Pixels of the image. */
  width: number;
  height: number;
  bitsPerComponent: 1 | 8;
  filter: 'DCTDecode' | 'FlateDecode';
  data: Buffer;
  /** /Rotate of the page (the image is stored turned the other way, as a scanner of a sideways page does). */
  rotate?: 0 | 90 | 180 | 270;
}

/** A gray scan page as a JPEG image. */
export async function jpegPage(img: Gray, dpi: number, quality = 50): Promise<ScanPage> {
  const data = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } }).jpeg({ quality }).toBuffer();
  return { ...pageSize(img, dpi), width: img.width, height: img.height, bitsPerComponent: 8, filter: 'DCTDecode', data };
}

/** A black-and-white scan page (gray below `threshold` is ink) as a Flate-compressed 1-bit image. */
export function bilevelPage(img: Gray, dpi: number, threshold = 160): ScanPage {
  const rowBytes = Math.ceil(img.width / 8);
  const packed = Buffer.alloc(rowBytes * img.height, 0xff);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x] < threshold) packed[y * rowBytes + (x >> 3)] &= ~(0x80 >> (x & 7));
    }
  }
  return { ...pageSize(img, dpi), width: img.width, height: img.height, bitsPerComponent: 1, filter: 'FlateDecode', data: deflateSync(packed, { level: 9 }) };
}

function pageSize(img: Gray, dpi: number): { widthPt: number; heightPt: number } {
  return { widthPt: round((img.width * 72) / dpi), heightPt: round((img.height * 72) / dpi) };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** An image-only PDF: one image XObject per page, drawn over the whole page. */
export function imageOnlyPdf(pages: readonly ScanPage[]): Buffer {
  // Objects: 1 catalog, 2 pages, then per page: page, content, image.
  const objects: (string | Buffer)[] = ['', ''];
  const kids: string[] = [];
  for (const page of pages) {
    const pageObj = objects.length + 1;
    kids.push(`${pageObj} 0 R`);
    const rotated = page.rotate === 90 || page.rotate === 270;
    // The MediaBox is the stored image's; /Rotate turns it to the reading orientation.
    const [w, h] = rotated ? [page.heightPt, page.widthPt] : [page.widthPt, page.heightPt];
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}]${page.rotate ? ` /Rotate ${page.rotate}` : ''} /Resources << /XObject << /Im0 ${pageObj + 2} 0 R >> >> /Contents ${pageObj + 1} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      Buffer.concat([
        Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray /BitsPerComponent ${page.bitsPerComponent} /Filter /${page.filter} /Length ${page.data.length} >>\nstream\n`, 'latin1'),
        page.data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  }
  objects[0] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return pdfFile(objects, { root: 1 });
}
