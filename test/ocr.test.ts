// Scanned pages end to end (PP-OCRv4 on onnxruntime-node): the committed scan twins against their
// originals' expected rows, and a real image-only book scan. ~2–4 s of CPU a page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentGrids, extractDocument } from '../pipelines/extract-document.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { ExtractError } from '../src/model/errors.ts';
import { scoreTwin, type TwinScore } from '../scripts/samples/scan-compare.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const BOOK = join(import.meta.dirname, '..', '..', 'shared', 'real', 'scans', 'book-scan-2p.pdf');

/** A twin read whole, scored against the expected rows of its originals (in page order). */
async function readTwin(twin: string, ...originals: string[]): Promise<{ result: DocumentResult; score: TwinScore }> {
  const result = await extractDocument(new Uint8Array(readFileSync(join(SAMPLES, 'scans', twin))), twin);
  const tables = originals.flatMap((original) => JSON.parse(readFileSync(join(SAMPLES, 'pdf', `${original}.expected.json`), 'utf8')).tables);
  return { result, score: scoreTwin({ tables }, result) };
}

describe('scan twins', () => {
  let gray: Awaited<ReturnType<typeof readTwin>>;
  let mixed: Awaited<ReturnType<typeof readTwin>>;
  let turned: Awaited<ReturnType<typeof readTwin>>;
  beforeAll(async () => {
    gray = await readTwin('self-evaluation.scan-200-gray.pdf', 'self-evaluation.pdf');
    mixed = await readTwin('mixed.self-evaluation-text.carry-forward-scan-200-bw.pdf', 'self-evaluation.pdf', 'carry-forward.pdf');
    turned = await readTwin('cid-stsong.scan-150-gray-turned180.pdf', 'cid-stsong.pdf');
  }, 400_000);

  it('reads a 200-dpi gray scan skewed by 0.7° with every row exactly right', () => {
    expect(gray.score).toMatchObject({ rows: 9, rowsRight: 9, charsRight: gray.score.chars });
    expect(gray.result.warnings[0]).toMatch(/^page 1 is a scan, read by OCR \(PaddleOCR PP-OCRv4.*200 dpi, deskewed 0\.(6|7)\d*°/u);
    expect(gray.result.tables[0].indicators[0]).toMatchObject({ level3: '日常养护农村公路里程', operator: '≥', value: '120', unit: '公里' });
  });

  it('reads the scanned page of a mixed PDF by OCR and its text page as text', () => {
    expect(mixed.result.warnings.filter((w) => /read by OCR/u.test(w))).toEqual([expect.stringMatching(/^page 2 is a scan, read by OCR .*200 dpi, deskewed 0\.(6|7)\d*°/u)]);
    expect(mixed.result.tables[0].indicators.map((r) => r.flags.includes('ocr-low-confidence'))).not.toContain(true);
  });

  it('reads a 200-dpi black-and-white scan, lone operator cells and a small ＝ and 0 included, every row right', () => {
    expect(mixed.score.rows).toBe(9 + 18);
    expect(mixed.score.rowsRight).toBe(9 + 18);
    expect(mixed.score.wrongUnflagged).toBe(0);
    const rows = mixed.result.tables.flatMap((t) => t.indicators);
    expect(rows.find((r) => r.level3 === '农村自来水普及率')).toMatchObject({ operator: '=', value: '100', unit: '%' });
    expect(rows.find((r) => r.level3 === '改造供水管网长度')).toMatchObject({ operator: '≥', value: '98' });
    expect(rows.find((r) => r.level3 === '水源地污染事件')).toMatchObject({ operator: '=', value: '0', unit: '起' });
  });

  it('turns a page scanned upside down and flags its doubtful row', () => {
    expect(turned.result.warnings[0]).toMatch(/150 dpi, turned 180°/u);
    expect(turned.score.rowsRight).toBeGreaterThanOrEqual(4);
    expect(turned.score.wrongUnflagged).toBe(0);
    expect(turned.result.tables[0].indicators.map((r) => r.unit)).toEqual(['公里', '%', null, null, '%']);
  });

  it('carries OCR confidence on the rows it flags', () => {
    const flagged = [gray, mixed, turned].flatMap((t) => t.result.tables.flatMap((table) => table.indicators)).filter((r) => r.flags.includes('ocr-low-confidence'));
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of flagged) expect(row.confidence).toBeLessThan(0.8);
  });
});

describe('a real image-only book scan (no table)', () => {
  it('gives its text and no-indicator-table', async () => {
    const bytes = new Uint8Array(readFileSync(BOOK));
    const grids = await documentGrids(bytes);
    const text = grids.lines.join('\n');
    expect(grids.pages).toBe(2);
    expect(text).toContain('商品的使用价值为商品学和商业成规');
    expect(text).toContain('交换价值首先表现为量的关系');
    expect(text).toContain('我们再拿两种商品例如小麦和铁来说');
    const error = await extractDocument(bytes, 'book-scan-2p.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).code).toBe('no-indicator-table');
  }, 300_000);
});
