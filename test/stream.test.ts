import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PdfPage, TextRun } from '../src/model/layout.ts';
import { readPdf } from '../src/readers/pdf.ts';
import type { PageTable } from '../src/tables/page-table.ts';
import { findStreamTables } from '../src/tables/stream.ts';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'icdar2013-eu');
const pages = new Map<string, PdfPage>();

async function page(name: string, n: number): Promise<PdfPage> {
  const key = `${name}#${n}`;
  if (!pages.has(key)) {
    const [p] = await readPdf(readFileSync(join(DIR, `${name}.pdf`)), { pages: [n] });
    pages.set(key, p);
  }
  return pages.get(key)!;
}

function text(t: PageTable, row: number, col: number): string | undefined {
  return t.cells.find((c) => c.row === row && c.col === col)?.text;
}

function rowTexts(t: PageTable, row: number): string[] {
  return t.cells.filter((c) => c.row === row).map((c) => c.text);
}

describe('stream finder on real borderless ICDAR 2013 tables', () => {
  beforeAll(async () => {
    await Promise.all([page('eu-023', 3), page('eu-006', 3), page('eu-027', 3), page('eu-001', 1), page('eu-026', 2), page('eu-013', 6)]);
  });

  it('eu-023 p3: the table between two paragraphs, without its caption', async () => {
    const tables = findStreamTables(await page('eu-023', 3));
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect([t.nRows, t.nCols]).toEqual([10, 4]);
    expect(rowTexts(t, 0)).toEqual(['How often do you feel this way?', 'Never', 'Sometimes', 'Often']);
    expect(rowTexts(t, 9)).toEqual(['Attempted suicide', '97.1%', '1.9%', '1.0%']);
    // The caption ("Table 3.4: …", top ≈ 189) and the paragraphs are outside the table.
    expect(t.bbox[1]).toBeGreaterThan(195);
    expect(t.bbox[3]).toBeLessThan(325);
    expect(t.finder).toBe('stream');
    expect(t.colXs).toHaveLength(5);
    expect(t.rowBoxes).toHaveLength(10);
  });

  it('eu-006 p3: a small three-column table', async () => {
    const tables = findStreamTables(await page('eu-006', 3));
    expect(tables).toHaveLength(1);
    expect([tables[0].nRows, tables[0].nCols]).toEqual([7, 3]);
    expect(rowTexts(tables[0], 0)).toEqual(['Groups', 'Foreign turnover (FFr bn.)', '% of Total Turnover']);
    expect(text(tables[0], 6, 0)).toBe('Comptoirs Modernes');
  });

  it('eu-027 p3: a long statistics table', async () => {
    const [t] = findStreamTables(await page('eu-027', 3));
    expect([t.nRows, t.nCols]).toEqual([28, 5]);
    expect(rowTexts(t, 0)).toEqual(['Variable', 'Mean', 'Std. Dev.', 'Min', 'Max']);
    expect(rowTexts(t, 1)).toEqual(['Age', '50.8', '15.9', '21', '90']);
  });

  it('eu-001 p1: three tables split at their titles, spanning header, multi-line cells kept whole', async () => {
    const tables = findStreamTables(await page('eu-001', 1));
    expect(tables.map((t) => [t.nRows, t.nCols])).toEqual([
      [8, 4],
      [13, 4],
      [10, 4],
    ]);
    const [, gases] = tables;
    const header = gases.cells.find((c) => c.row === 0 && c.text)!;
    expect([header.col, header.colSpan, header.text]).toEqual([1, 3, 'THRESHOLD FOR RELEASES']);
    expect(rowTexts(gases, 1)).toEqual(['', 'to air kg/year', 'to water kg/year', 'to land kg/year']);
    // A two-line label with its value centred between the lines is one row.
    expect(rowTexts(gases, 4)).toEqual(['Chlorine and inorganic compounds (as HCl)', '10 000', '-', '-']);
    expect(rowTexts(gases, 11)).toEqual(['Non-methane volatile organic compounds (NMVOC)', '100 000', '-', '-']);
  });

  it('prose pages yield no table, even with wide gaps after full stops', async () => {
    expect(findStreamTables(await page('eu-026', 2))).toEqual([]);
    expect(findStreamTables(await page('eu-013', 6))).toEqual([]);
  });

  it('ignores text inside the excluded boxes (tables found by the lattice finder)', async () => {
    const p = await page('eu-023', 3);
    const [t] = findStreamTables(p);
    expect(findStreamTables(p, [t.bbox])).toEqual([]);
  });
});

describe('stream finder on synthetic pages', () => {
  const run = (text: string, x0: number, top: number, width = text.length * 5): TextRun => ({
    text,
    bbox: [x0, top, x0 + width, top + 10],
    fontSize: 10,
    fontName: 'F1',
  });
  const pageOf = (runs: TextRun[]): PdfPage => ({ number: 1, width: 595, height: 842, runs, rulings: [], scanned: false });

  it('a paragraph of wrapping text is not a table', () => {
    const lines = [
      'Budget performance targets are set for every project and',
      'reviewed at the end of the year by the finance bureau, which',
      'publishes the indicator tables together with the notice and',
      'the list of projects concerned.',
    ];
    expect(findStreamTables(pageOf(lines.map((l, i) => run(l, 72, 100 + i * 12))))).toEqual([]);
  });

  it('a bulleted list is not a table', () => {
    const items = ['first item of the list that goes on', 'second item of the list', 'third item, the last one'];
    const runs = items.flatMap((l, i) => [run('•', 72, 100 + i * 12, 4), run(l, 90, 100 + i * 12)]);
    expect(findStreamTables(pageOf(runs))).toEqual([]);
  });

  it('aligned columns make a table; a wrapped continuation joins its row', () => {
    const runs = [
      run('Indicator', 72, 100), run('Target', 300, 100), run('Unit', 420, 100),
      run('Reports completed', 72, 114), run('450', 300, 114), run('pcs', 420, 114),
      run('Satisfaction of the', 72, 128), run('95', 300, 128), run('%', 420, 128),
      run('people served', 72, 140),
      run('Completion rate', 72, 154), run('100', 300, 154), run('%', 420, 154),
    ];
    const tables = findStreamTables(pageOf(runs));
    expect(tables).toHaveLength(1);
    expect([tables[0].nRows, tables[0].nCols]).toEqual([4, 3]);
    expect(rowTexts(tables[0], 2)).toEqual(['Satisfaction of the people served', '95', '%']);
  });
});
