// PDF samples (LibreOffice conversions and a hand-written CID-font PDF).
import type { Expected } from './common.ts';
import type { Seed } from './seed.ts';

export interface PdfContext {
  root: string;
  samples: string;
  seed: Seed;
  emit: (file: string, buffer: Buffer, expected: Expected, quirks: string, notes?: string) => void;
}

export async function makePdfs(_ctx: PdfContext): Promise<void> {
  console.log('PDF samples: not generated yet');
}
