// Without its models the OCR stage fails a scanned page with one clear code; text PDFs do not need it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');

beforeAll(() => {
  process.env.ZHIBIAO_OCR_MODELS = mkdtempSync(join(tmpdir(), 'zhibiao-no-models-'));
});
afterAll(() => {
  delete process.env.ZHIBIAO_OCR_MODELS;
});

it('fails a scanned page with ocr-unavailable naming the missing file', async () => {
  const bytes = new Uint8Array(readFileSync(join(SAMPLES, 'scans', 'self-evaluation.scan-200-gray.pdf')));
  const error = (await extractDocument(bytes, 'scan.pdf').catch((e: unknown) => e)) as { code?: string; message?: string };
  expect(error.code).toBe('ocr-unavailable');
  expect(error.message).toMatch(/needs OCR, but the recogniser's dictionary .*zhibiao-no-models-.*ppocr_keys_v1\.txt cannot be read.*run npm ci/u);
});

it('reads a text PDF without the OCR engine', async () => {
  const result = await extractDocument(new Uint8Array(readFileSync(join(SAMPLES, 'pdf', 'self-evaluation.pdf'))), 'self-evaluation.pdf');
  expect(result.tables[0].indicators).toHaveLength(9);
});
