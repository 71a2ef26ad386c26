// PDF bytes → DocumentGrids (placeholder until the PDF table finder lands).
import type { DocumentGrids } from '../src/model/layout.ts';
import { ExtractError } from '../src/model/errors.ts';

export async function pdfGrids(_bytes: Uint8Array): Promise<DocumentGrids> {
  throw new ExtractError('unsupported-format', 'PDF table extraction is not available yet');
}
