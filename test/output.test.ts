import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';
import { documentJson } from '../pipelines/output.ts';

describe('documentJson', () => {
  it('is JSON.stringify(result, null, 2) byte for byte', async () => {
    for (const name of ['xiangfuban-2024-40.docx', 'pdf/cid-stsong.pdf']) {
      const result = await extractDocument(readFileSync(join(import.meta.dirname, '..', 'samples', name)), name);
      expect(documentJson(result)).toBe(JSON.stringify(result, null, 2));
      expect(documentJson({ ...result, tables: [] })).toBe(JSON.stringify({ ...result, tables: [] }, null, 2));
    }
  });
});
