import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPdf, scanOperators } from '../src/readers/pdf.ts';
import { pathRulings, type Matrix } from '../src/readers/pdf-paths.ts';
import { mapSymbolFontText } from '../src/readers/pdf-text.ts';
import type { PdfPage, Ruling, TextRun } from '../src/model/layout.ts';
import { makePdf, ucs2Hex } from './pdf-fixture.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples', 'pdf');
const ICDAR = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'icdar2013-eu');

function run(pages: PdfPage[], text: string): TextRun {
  const found = pages.flatMap((p) => p.runs).find((r) => r.text === text);
  if (!found) throw new Error(`no run ${JSON.stringify(text)}`);
  return found;
}

function near(actual: number[], expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `index ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
}

describe('readPdf on real files', () => {
  it('reads a non-embedded STSong-Light / UniGB-UCS2-H font through the pdfjs CMaps', async () => {
    const pages = await readPdf(readFileSync(join(SAMPLES, 'cid-stsong.pdf')));
    expect(pages).toHaveLength(1);
    const texts = pages[0].runs.map((r) => r.text);
    expect(texts).toContain('青财发〔2025〕12号');
    expect(texts).toContain('乡村道路养护项目绩效目标表');
    expect(texts).toContain('养护路段优良路率');
    expect(run(pages, '乡村道路养护项目绩效目标表').fontName).toBe('STSong-Light');
    // The ruled table is drawn with m/l/S strokes: only horizontal and vertical segments.
    expect(pages[0].rulings.length).toBeGreaterThan(10);
    for (const r of pages[0].rulings) expect(r.x0 === r.x1 || r.y0 === r.y1).toBe(true);
  });

  it('puts text where the ICDAR ground truth says it is (top-left coordinates)', async () => {
    const pages = await readPdf(readFileSync(join(ICDAR, 'eu-001.pdf')), { pages: [1] });
    expect(pages.map((p) => p.number)).toEqual([1]);
    const cell = pages[0].runs.find((r) => r.text === 'THRESHOLD FOR RELEASES')!;
    // Ground truth (eu-001-str.xml): x 316–441, y 533–543 from the bottom of an 842pt page.
    near(cell.bbox, [316, 842 - 543, 441, 842 - 533], 2.5);
    expect(cell.fontName).toBe('Verdana,Bold');
    expect(pages[0].scanned).toBe(false);
  });

  it('maps Symbol-font private-use glyphs (Word ≥ as OpenSymbol U+F0B3) to Unicode', async () => {
    const pages = await readPdf(readFileSync(join(SAMPLES, 'xiangfuban-2024-40.pdf')));
    expect(pages).toHaveLength(8);
    const all = pages.flatMap((p) => p.runs);
    expect(all.some((r) => /[\uF020-\uF0FF]/u.test(r.text))).toBe(false);
    const ge = all.filter((r) => r.text === '≥');
    expect(ge.length).toBeGreaterThan(10);
    expect(ge[0].fontName).toBe('OpenSymbol');
  });

  it('reports landscape pages in their displayed size', async () => {
    const pages = await readPdf(readFileSync(join(SAMPLES, 'xiangfuban-2024-40-landscape.pdf')), { pages: [2] });
    expect(pages[0].width).toBeGreaterThan(pages[0].height);
    for (const r of pages[0].runs) {
      expect(r.bbox[2]).toBeLessThanOrEqual(pages[0].width + 1);
      expect(r.bbox[3]).toBeLessThanOrEqual(pages[0].height + 1);
    }
  });

  it('does not detach the caller’s bytes', async () => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, 'cid-stsong.pdf')));
    const size = bytes.byteLength;
    await readPdf(bytes);
    expect(bytes.byteLength).toBe(size);
    expect((await readPdf(bytes))[0].runs.length).toBeGreaterThan(0);
  });
});

describe('readPdf on hand-made pages', () => {
  const content = [
    'BT /F1 12 Tf 100 700 Td (Hello) Tj ET',
    `BT /F2 12 Tf 100 600 Td ${ucs2Hex('绩效指标')} Tj ET`,
    '1 w 50 750 m 300 750 l S',
    '50 500 200 100 re S',
  ].join('\n');

  it('converts to top-left coordinates on an upright page', async () => {
    const [page] = await readPdf(makePdf([{ content }]));
    expect([page.width, page.height]).toEqual([595, 842]);
    // Baseline 700 from the bottom, 12pt Helvetica: ascent ~0.72–0.9 em above, descent below.
    const hello = run([page], 'Hello');
    expect(hello.bbox[0]).toBe(100);
    expect(hello.bbox[1]).toBeGreaterThan(842 - 700 - 12);
    expect(hello.bbox[3]).toBeGreaterThan(842 - 700);
    expect(hello.bbox[3]).toBeLessThan(842 - 700 + 4);
    expect(hello.fontSize).toBe(12);
    expect(run([page], '绩效指标').bbox[2]).toBeCloseTo(148, 0); // 4 CJK glyphs of 1 em
    expect(page.rulings).toContainEqual({ x0: 50, y0: 92, x1: 300, y1: 92 });
    // The stroked rectangle gives its 4 sides.
    expect(page.rulings).toContainEqual({ x0: 50, y0: 242, x1: 250, y1: 242 });
    expect(page.rulings).toContainEqual({ x0: 50, y0: 342, x1: 250, y1: 342 });
    expect(page.rulings).toContainEqual({ x0: 50, y0: 242, x1: 50, y1: 342 });
    expect(page.rulings).toContainEqual({ x0: 250, y0: 242, x1: 250, y1: 342 });
  });

  it('applies /Rotate 90 through the viewport: text and rulings turn with the page', async () => {
    const [page] = await readPdf(makePdf([{ content, rotate: 90 }]));
    expect([page.width, page.height]).toEqual([842, 595]);
    // Rotating 90° clockwise maps PDF (x, y) to displayed (y, x).
    const hello = run([page], 'Hello');
    expect(hello.bbox[1]).toBe(100);
    expect(hello.bbox[0]).toBeGreaterThan(700 - 4);
    expect(hello.bbox[2]).toBeLessThan(700 + 12);
    expect(page.rulings).toContainEqual({ x0: 750, y0: 50, x1: 750, y1: 300 });
  });

  it('keeps thin filled rectangles as lines, ignores shading fills and white paint', async () => {
    const paint = [
      '0 g 60 400 100 0.5 re f', // thin black bar → horizontal line
      '0 g 400 100 0.75 300 re f', // thin vertical bar
      '0.9 g 50 500 200 100 re f', // grey cell shading → nothing
      '1 G 10 10 m 200 10 l S', // white stroke → nothing
      '1 g 300 300 0.5 200 re f', // white thin bar → nothing
    ].join('\n');
    const [page] = await readPdf(makePdf([{ content: paint }]));
    expect(page.rulings).toEqual([
      { x0: 60, y0: 441.75, x1: 160, y1: 441.75 },
      { x0: 400.38, y0: 442, x1: 400.38, y1: 742 },
    ]);
  });

  it('marks a page with an image and no text as scanned, not one with both', async () => {
    const img = 'q 200 0 0 200 50 50 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI Q';
    const pages = await readPdf(makePdf([{ content: img }, { content: `BT /F1 12 Tf 100 700 Td (Hi) Tj ET ${img}` }, { content: '' }]));
    expect(pages.map((p) => p.scanned)).toEqual([true, false, false]);
  });
});

describe('readPdf failures', () => {
  it('reports a truncated or non-PDF file as corrupt-pdf, a locked one as encrypted', async () => {
    const whole = readFileSync(join(SAMPLES, 'cid-stsong.pdf'));
    await expect(readPdf(whole.subarray(0, 300))).rejects.toMatchObject({ name: 'ExtractError', code: 'corrupt-pdf' });
    await expect(readPdf(new TextEncoder().encode('hello'))).rejects.toMatchObject({ code: 'corrupt-pdf' });
    const locked = makePdf([{ content: 'BT /F1 12 Tf 100 700 Td (Hi) Tj ET' }], { lockedWithPassword: true });
    await expect(readPdf(locked)).rejects.toMatchObject({ code: 'encrypted' });
  });
});

describe('operator walk', () => {
  const flip: Matrix = [1, 0, 0, -1, 0, 842];

  it('tracks the CTM through save/restore, cm and form XObjects', () => {
    const line = (x0: number, y0: number, x1: number, y1: number) => [OPS.stroke, [new Float32Array([0, x0, y0, 1, x1, y1])], null];
    const fn = [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.paintFormXObjectBegin, OPS.constructPath, OPS.paintFormXObjectEnd, OPS.constructPath];
    const args = [null, [2, 0, 0, 2, 0, 0], line(10, 10, 60, 10), null, [[1, 0, 0, 1, 100, 0], null], line(0, 20, 0, 80), null, line(0, 0, 0, 50)];
    const { rulings, images } = scanOperators(fn, args, flip);
    expect(images).toBe(0);
    expect(rulings).toEqual<Ruling[]>([
      { x0: 20, y0: 822, x1: 120, y1: 822 }, // scaled by 2 inside q … Q
      { x0: 100, y0: 762, x1: 100, y1: 822 }, // shifted by the form matrix
      { x0: 0, y0: 792, x1: 0, y1: 842 }, // back to the page CTM after the form
    ]);
  });

  it('closes subpaths and skips curves and slanted strokes', () => {
    const out: Ruling[] = [];
    // moveTo 0,0 · lineTo 10,0 · curveTo … 10,10 · lineTo 0,10 · closePath ; then a diagonal.
    const path = [0, 0, 0, 1, 10, 0, 2, 12, 2, 12, 8, 10, 10, 1, 0, 10, 4, 0, 20, 20, 1, 30, 30];
    pathRulings(path, [1, 0, 0, 1, 0, 0], true, false, out);
    expect(out).toEqual([
      { x0: 0, y0: 0, x1: 10, y1: 0 },
      { x0: 0, y0: 10, x1: 10, y1: 10 },
      { x0: 0, y0: 0, x1: 0, y1: 10 }, // the closing segment
    ]);
  });

  it('maps Symbol and Wingdings private-use code points only for those fonts', () => {
    expect(mapSymbolFontText('\uF0B3 95%', 'OpenSymbol')).toBe('≥ 95%');
    expect(mapSymbolFontText('\uF0A3\uF0B9\uF061', 'SymbolMT')).toBe('≤≠α');
    expect(mapSymbolFontText('\uF0FC', 'Wingdings-Regular')).toBe('✓');
    expect(mapSymbolFontText('\uF0B3', 'SimSun')).toBe('\uF0B3');
  });
});
