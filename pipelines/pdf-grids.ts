// PDF bytes → DocumentGrids: pdfjs reader, then lattice + stream finders and page assembly.
import type { DocumentGrids } from '../src/model/layout.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { pdfToDocumentGrids } from '../src/tables/pdf-document.ts';

export async function pdfGrids(bytes: Uint8Array, maxPages?: number): Promise<DocumentGrids> {
  return pdfToDocumentGrids(await readPdf(bytes, { maxPages }));
}
