// PDF bytes → DocumentGrids: pdfjs reader (scanned pages through the OCR stage, one page at a
// time), then lattice + stream finders and page assembly.
import type { DocumentGrids, PdfPage } from '../src/model/layout.ts';
import { type ReadPdfOptions, readPdf } from '../src/readers/pdf.ts';
import { pdfToDocumentGrids } from '../src/tables/pdf-document.ts';
import { markOcrCells, ocrPageWarning } from '../src/readers/ocr/cells.ts';
import { ExtractError } from '../src/model/errors.ts';

export type PdfLimits = Pick<ReadPdfOptions, 'maxPages' | 'maxStreamBytes' | 'maxImagePixels'>;

/**
 * What a scanned page gets: 'run' reads it by OCR here; 'defer' stops at the first one with
 * `needs-ocr` (the queue's extract stage, which hands the document to its ocr stage on a machine
 * that has the OCR models).
 */
export type OcrMode = 'run' | 'defer';

/** The PDF's pages, scanned ones read by OCR (loaded only when a page needs it). */
export async function readPdfPages(bytes: Uint8Array, limits: PdfLimits, ocr: OcrMode = 'run'): Promise<PdfPage[]> {
  return readPdf(bytes, {
    ...limits,
    onScannedPage: (page) => ocrIfScanned(page, limits.maxImagePixels, ocr),
  });
}

export async function pdfGrids(bytes: Uint8Array, limits: PdfLimits, ocr: OcrMode = 'run'): Promise<DocumentGrids> {
  return pageGrids(await readPdfPages(bytes, limits, ocr));
}

/** A scanned page read by OCR (the OCR stage loaded only when a page needs it); other pages as they are. */
export async function ocrIfScanned(page: PdfPage, maxImagePixels?: number, ocr: OcrMode = 'run'): Promise<PdfPage> {
  if (!page.scanned || !page.images?.length) return page;
  if (ocr === 'defer') throw new ExtractError('needs-ocr', 'a scanned page needs OCR: the document goes to the ocr stage');
  const { ocrScannedPage } = await import('../src/readers/ocr/page.ts');
  return ocrScannedPage(page, { maxPixels: maxImagePixels });
}

/** Pages in the PDF page model (PDF, OFD; scans already read by OCR) → DocumentGrids. */
export function pageGrids(pages: readonly PdfPage[]): DocumentGrids {
  // A page read by OCR has a text layer now; it is told apart by its `ocr` record.
  const grids = pdfToDocumentGrids(pages.map((page) => (page.ocr ? { ...page, scanned: false } : page)));
  markOcrCells(grids, pages);
  for (const page of pages) if (page.ocr) grids.warnings.push(ocrPageWarning(page));
  return grids;
}
