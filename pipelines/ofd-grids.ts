// OFD bytes → pages / DocumentGrids: the OFD reader (on a package the ZIP guard has judged),
// image-only pages through the OCR stage, then the PDF table finders and page assembly unchanged
// (an OFD page is read into the PDF page model).
import type { DocumentGrids, PdfPage } from '../src/model/layout.ts';
import type { InputLimits } from '../src/readers/limits.ts';
import { readOfd } from '../src/readers/ofd.ts';
import { checkZip, type ZipEntryInfo } from '../src/readers/zip-guard.ts';
import { type OcrMode, ocrIfScanned, pageGrids } from './pdf-grids.ts';

/** The pages of an OFD; `entries` from checkZip when the caller has run it already. */
export function ofdPages(bytes: Uint8Array, limits: InputLimits, entries: readonly ZipEntryInfo[] = checkZip(bytes, limits, 'corrupt-ofd')): { pages: PdfPage[]; warnings: string[] } {
  return readOfd(bytes, entries, { maxPages: limits.maxPages });
}

export async function ofdGrids(bytes: Uint8Array, entries: readonly ZipEntryInfo[], limits: InputLimits, ocr: OcrMode = 'run'): Promise<DocumentGrids> {
  const { pages: read, warnings } = ofdPages(bytes, limits, entries);
  const pages: PdfPage[] = [];
  for (const page of read) pages.push(await ocrIfScanned(page, limits.maxImagePixels, ocr));
  const grids = pageGrids(pages);
  return { ...grids, format: 'ofd', warnings: [...warnings, ...grids.warnings] };
}
