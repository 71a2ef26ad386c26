// Scanned twins of the PDF samples:
//   npx tsx scripts/samples/scan-twins.ts            the committed twins (samples/scans/)
//   npx tsx scripts/samples/scan-twins.ts --all DIR  every sample × 150/200 dpi × gray/bw (for npm run bench:ocr)
// Each page is rasterized by pdftoppm (poppler-utils, generation time only), turned by a slight
// skew (+0.7° / −0.5° alternating), given scanner grain and dust, and wrapped as an image-only
// PDF: gray pages as JPEG, black-and-white ones binarized and stored as 1-bit Flate images.
// The mixed twin puts a born-digital page and a scanned page in one PDF.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../lib/rng.ts';
import { addNoise, bilevelPage, type Gray, imageOnlyPdf, jpegPage, rasterize, type ScanPage } from './scan-image.ts';
import { rotateSmall, turn } from '../../src/readers/ocr/gray.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PDF_SAMPLES = ['xiangfuban-2024-40.pdf', 'xiangfuban-2024-40-landscape.pdf', 'carry-forward.pdf', 'self-evaluation.pdf', 'cid-stsong.pdf'].map((name) => join(ROOT, 'samples', 'pdf', name));

export type ScanMode = 'gray' | 'bw';

export interface TwinSpec {
  source: string;
  dpi: number;
  mode: ScanMode;
  pages?: { first: number; last: number };
  /** Store every page turned by this much (a page fed upside down or sideways), with /Rotate undoing nothing. */
  turned?: 90 | 180 | 270;
}

/** The twin's file name: `<sample>[-p<first>[-<last>]].scan-<dpi>-<mode>[-turned<N>].pdf`. */
export function twinName(spec: TwinSpec): string {
  const pages = spec.pages ? `-p${spec.pages.first}${spec.pages.last !== spec.pages.first ? `-${spec.pages.last}` : ''}` : '';
  return `${basename(spec.source, '.pdf')}${pages}.scan-${spec.dpi}-${spec.mode}${spec.turned ? `-turned${spec.turned}` : ''}.pdf`;
}

export async function makeTwin(spec: TwinSpec): Promise<Buffer> {
  const rasters = rasterize(spec.source, spec.dpi, spec.pages);
  const pages: ScanPage[] = [];
  for (const [i, raster] of rasters.entries()) {
    const rng = makeRng(1000 * spec.dpi + i + (spec.mode === 'bw' ? 7 : 0));
    let page: Gray = addNoise(rotateSmall(raster, i % 2 === 0 ? 0.7 : -0.5), rng, 4, 30);
    if (spec.turned) page = turn(page, spec.turned);
    pages.push(spec.mode === 'bw' ? bilevelPage(page, spec.dpi) : await jpegPage(page, spec.dpi));
  }
  return imageOnlyPdf(pages);
}

/** The twins committed under samples/scans/ (kept small: a few pages). */
export const COMMITTED: TwinSpec[] = [
  { source: PDF_SAMPLES[3], dpi: 200, mode: 'gray' },
  { source: PDF_SAMPLES[4], dpi: 150, mode: 'gray', turned: 180 },
  // The seed notice (the sample OCR was tuned on): 修缮 and 竣工 rows (page 3), a cell line the detector gives as two overlapping boxes (page 7).
  { source: PDF_SAMPLES[0], dpi: 200, mode: 'bw', pages: { first: 3, last: 3 } },
  { source: PDF_SAMPLES[0], dpi: 200, mode: 'gray', pages: { first: 7, last: 7 } },
];

/**
 * A PDF mixing a born-digital page and a scanned one (pdfseparate/pdfunite, poppler-utils):
 * the first page of `textPdf`, then the first page of `scanPdf`.
 */
export function mixedPdf(textPdf: string, scanPdf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-mixed-'));
  try {
    writeFileSync(join(dir, 'scan.pdf'), scanPdf);
    execFileSync('pdfseparate', ['-f', '1', '-l', '1', textPdf, join(dir, 'text-%d.pdf')]);
    execFileSync('pdfseparate', ['-f', '1', '-l', '1', join(dir, 'scan.pdf'), join(dir, 'scan-%d.pdf')]);
    execFileSync('pdfunite', [join(dir, 'text-1.pdf'), join(dir, 'scan-1.pdf'), join(dir, 'mixed.pdf')]);
    return readFileSync(join(dir, 'mixed.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The mixed twin: self-evaluation.pdf (text) then the first page of carry-forward's 200-dpi black-and-white scan. */
export const MIXED = { text: PDF_SAMPLES[3], scan: { source: PDF_SAMPLES[2], dpi: 200, mode: 'bw' } as TwinSpec, name: 'mixed.self-evaluation-text.carry-forward-scan-200-bw.pdf' };

async function main(): Promise<void> {
  const all = process.argv.indexOf('--all');
  if (all >= 0) {
    const dir = resolve(process.argv[all + 1] ?? 'scan-twins');
    mkdirSync(dir, { recursive: true });
    for (const source of PDF_SAMPLES) {
      for (const dpi of [150, 200]) {
        for (const mode of ['gray', 'bw'] as const) {
          const spec = { source, dpi, mode };
          writeFileSync(join(dir, twinName(spec)), await makeTwin(spec));
        }
      }
    }
    console.log(`twins written to ${dir}`);
    return;
  }
  const out = join(ROOT, 'samples', 'scans');
  mkdirSync(out, { recursive: true });
  for (const spec of COMMITTED) {
    const bytes = await makeTwin(spec);
    writeFileSync(join(out, twinName(spec)), bytes);
    console.log(`${twinName(spec)}: ${(bytes.length / 1024).toFixed(0)} KB`);
  }
  const mixed = mixedPdf(MIXED.text, await makeTwin(MIXED.scan));
  writeFileSync(join(out, MIXED.name), mixed);
  console.log(`${MIXED.name}: ${(mixed.length / 1024).toFixed(0)} KB`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
