// PDF bytes → DocumentGrids: pdfjs reader, then lattice + stream finders and page assembly.
import type { DocumentGrids } from '../src/model/layout.ts';
import { type ReadPdfOptions, readPdf } from '../src/readers/pdf.ts';
import { pdfToDocumentGrids } from '../src/tables/pdf-document.ts';

export async function pdfGrids(bytes: Uint8Array, limits: Pick<ReadPdfOptions, 'maxPages' | 'maxStreamBytes'>): Promise<DocumentGrids> {
  return pdfToDocumentGrids(await readPdf(bytes, limits));
}
