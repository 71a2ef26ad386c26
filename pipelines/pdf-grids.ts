// PDF bytes → DocumentGrids: pdfjs reader (scanned pages through the OCR stage, one page at a
// time), then lattice + stream finders and page assembly.
import type { DocumentGrids, PdfPage } from '../src/model/layout.ts';
import { type ReadPdfOptions, readPdf } from '../src/readers/pdf.ts';
import { pdfToDocumentGrids } from '../src/tables/pdf-document.ts';
import { markOcrCells, ocrPageWarning } from '../src/readers/ocr/cells.ts';

export type PdfLimits = Pick<ReadPdfOptions, 'maxPages' | 'maxStreamBytes' | 'maxImagePixels'>;

/** The PDF's pages, scanned ones read by OCR (loaded only when a page needs it). */
export async function readPdfPages(bytes: Uint8Array, limits: PdfLimits): Promise<PdfPage[]> {
  return readPdf(bytes, {
    ...limits,
    onScannedPage: (page) => ocrIfScanned(page, limits.maxImagePixels),
  });
}

export async function pdfGrids(bytes: Uint8Array, limits: PdfLimits): Promise<DocumentGrids> {
  return pageGrids(await readPdfPages(bytes, limits));
}

/** A scanned page read by OCR (the OCR stage loaded only when a page needs it); other pages as they are. */
export async function ocrIfScanned(page: PdfPage, maxImagePixels?: number): Promise<PdfPage> {
  if (!page.scanned || !page.images?.length) return page;
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
