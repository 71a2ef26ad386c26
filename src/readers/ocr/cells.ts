// OCR confidence onto the grid: each cell of a page read by OCR gets the lowest confidence of
// the runs inside it, so the confidence stage can flag rows built from doubtful text.
import type { DocumentGrids, PdfPage, TextRun } from '../../model/layout.ts';

export function markOcrCells(grids: DocumentGrids, pages: readonly PdfPage[]): void {
  const runsByPage = new Map<number, TextRun[]>();
  for (const page of pages) if (page.ocr) runsByPage.set(page.number, page.runs);
  if (runsByPage.size === 0) return;
  for (const grid of grids.tables) {
    for (const cell of grid.cells) {
      const runs = cell.page !== undefined ? runsByPage.get(cell.page) : undefined;
      if (!runs || !cell.bbox || !cell.text) continue;
      const [x0, y0, x1, y1] = cell.bbox;
      let lowest = Infinity;
      for (const run of runs) {
        const cx = (run.bbox[0] + run.bbox[2]) / 2;
        const cy = (run.bbox[1] + run.bbox[3]) / 2;
        if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 && run.ocrConfidence !== undefined) lowest = Math.min(lowest, run.ocrConfidence);
      }
      if (lowest !== Infinity) cell.ocrConfidence = lowest;
    }
  }
}

/** The document warning that says a page was read by OCR, and how. */
export function ocrPageWarning(page: PdfPage): string {
  const ocr = page.ocr;
  if (!ocr) return '';
  const turned = ocr.rotation ? `, turned ${ocr.rotation}°` : '';
  const skew = ocr.skew ? `, deskewed ${ocr.skew}°` : '';
  return `page ${page.number} is a scan, read by OCR (${ocr.engine}, ${ocr.dpi} dpi${turned}${skew}, ${page.runs.length} text runs, mean confidence ${ocr.meanConfidence})`;
}
