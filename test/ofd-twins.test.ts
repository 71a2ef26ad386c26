// The OFD twins of the PDF samples (samples/ofd, made by scripts/samples/ofd.ts): the committed
// files are what the script writes, and the OFD reader gives back the PDF reader's page model —
// same runs in the same order at the same places, same rulings. (Their indicators are checked
// against the .expected.json files by test/golden.test.ts, like every sample.)
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';
import { ofdPages } from '../pipelines/ofd-grids.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { TWINS, pagesToOfd } from '../scripts/samples/ofd.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');

describe.each(TWINS)('OFD twin of $pdf', ({ pdf, style }) => {
  const name = basename(pdf, '.pdf');
  const twin = readFileSync(join(SAMPLES, 'ofd', `${name}.ofd`));

  it('is what scripts/samples/ofd.ts writes, and reads back as the PDF page model', async () => {
    const pdfPages = await readPdf(readFileSync(join(SAMPLES, 'pdf', pdf)));
    expect(pagesToOfd(pdfPages, name, style).equals(twin)).toBe(true);
    const ofd = ofdPages(twin, DEFAULT_LIMITS).pages;
    expect(ofd.map((p) => p.number)).toEqual(pdfPages.map((p) => p.number));
    ofd.forEach((p, i) => {
      expect(p.width).toBeCloseTo(pdfPages[i].width, 1);
      expect(p.height).toBeCloseTo(pdfPages[i].height, 1);
    });
    ofd.forEach((page, i) => {
      const want = pdfPages[i];
      expect(page.runs.map((r) => r.text), `page ${i + 1} text`).toEqual(want.runs.map((r) => r.text));
      page.runs.forEach((run, k) => {
        const [x0, top, x1, bottom] = want.runs[k].bbox;
        // Left edge exact; top/bottom from one ascent for every font (the PDF's fonts differ by < 0.06 em);
        // right edge from estimated glyph widths, clipped to the Boundary.
        expect(Math.abs(run.bbox[0] - x0), run.text).toBeLessThan(0.02);
        expect(Math.abs(run.bbox[1] - top) + Math.abs(run.bbox[3] - bottom), run.text).toBeLessThan(2);
        expect(Math.abs(run.bbox[2] - x1), run.text).toBeLessThan(6);
        expect(run.fontSize).toBeCloseTo(want.runs[k].fontSize, 1);
        expect(run.fontName).toBe(want.runs[k].fontName);
      });
      expect(page.rulings.length, `page ${i + 1} rulings`).toBe(want.rulings.length);
      page.rulings.forEach((r, k) => {
        const w = want.rulings[k];
        for (const key of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(r[key] - w[key])).toBeLessThan(0.05);
      });
    });
  });

  it('is extracted as format ofd with its pages', async () => {
    const result = await extractDocument(twin, `${name}.ofd`);
    const pdfResult = await extractDocument(readFileSync(join(SAMPLES, 'pdf', pdf)), pdf);
    expect(result.source).toMatchObject({ format: 'ofd', pages: pdfResult.source.pages });
    expect(result.tables.map((t) => t.indicators.length)).toEqual(pdfResult.tables.map((t) => t.indicators.length));
  });
});
