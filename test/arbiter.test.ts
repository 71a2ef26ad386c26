// The arbiter's objective on small drawn pages: which reading of a region wins, and why.
import { describe, expect, it } from 'vitest';
import type { PdfPage, Ruling, TextRun } from '../src/model/layout.ts';
import { DEFAULT_ARBITER } from '../src/tables/arbiter-settings.ts';
import { scoreReading } from '../src/tables/arbiter.ts';
import { pageText, regionEvidence } from '../src/tables/evidence.ts';
import type { PageTable } from '../src/tables/page-table.ts';
import { readPage, type Decision } from '../src/tables/readings.ts';
import { resolveSettings } from '../src/tables/settings.ts';
import { DEFAULT_STREAM_SETTINGS } from '../src/tables/stream.ts';

/** A run of Latin text, 10 pt, 5 pt per character, top at `top`. */
const run = (text: string, x: number, top: number): TextRun => ({ text, bbox: [x, top, x + 5 * text.length, top + 10], fontSize: 10, fontName: 'Helvetica' });
/** The same, right-aligned at `x1`. */
const right = (text: string, x1: number, top: number): TextRun => run(text, x1 - 5 * text.length, top);
const hRule = (y: number, x0: number, x1: number): Ruling => ({ x0, y0: y, x1, y1: y });
const vRule = (x: number, y0: number, y1: number): Ruling => ({ x0: x, y0, x1: x, y1 });
const page = (runs: TextRun[], rulings: Ruling[]): PdfPage => ({ number: 1, width: 600, height: 800, runs, rulings, scanned: false });

function read(p: PdfPage): { tables: PageTable[]; decisions: Decision[] } {
  const decisions: Decision[] = [];
  const tables = readPage(p, resolveSettings(), { trace: (d) => decisions.push(d) });
  return { tables, decisions };
}

const COUNTRIES = ['Bulgaria', 'Cyprus', 'Czech Republic', 'Estonia', 'Hungary', 'Latvia', 'Lithuania'];

describe('arbiter: a box ruled only around its header and total (partly ruled)', () => {
  // Frame with column rules; horizontal rules at the top, under the header, above the total and
  // at the bottom; seven body rows in between separated only by their baselines.
  const xs = [100, 220, 320, 420];
  const header = [run('Country', 104, 104), right('Fund A', 316, 104), right('Fund B', 416, 104)];
  const body = COUNTRIES.flatMap((c, i) => [run(c, 104, 124 + 14 * i), right(String(10 + i), 316, 124 + 14 * i), right(`${i}.5`, 416, 124 + 14 * i)]);
  const total = [run('Total', 104, 228), right('91', 316, 228), right('24.5', 416, 228)];
  const rulings = [hRule(100, 100, 420), hRule(118, 100, 420), hRule(224, 100, 420), hRule(242, 100, 420), ...xs.map((x) => vRule(x, 100, 242))];
  const p = page([...header, ...body, ...total], rulings);

  it('reads the body rows from their baselines, not as one ruled cell per column', () => {
    const { tables, decisions } = read(p);
    expect(decisions.map((d) => d.chosen)).toEqual(['stream']);
    const [lattice, stream] = decisions[0].scores;
    expect(lattice.terms.parallel).toBeLessThan(0); // the ruled reading stacks 7 rows in one
    expect(stream.total).toBeGreaterThan(lattice.total);
    expect(tables).toHaveLength(1);
    expect(tables[0].nRows).toBe(9);
    expect(tables[0].cells.find((c) => c.row === 3 && c.col === 0)?.text).toBe('Czech Republic');
  });
});

describe('arbiter: a full grid whose cells wrap in two columns of one row', () => {
  // Three rows, all ruled; row 1's two text cells wrap to two lines each (the second line's
  // first word would not have fitted on the first).
  const rows = [100, 118, 148, 166];
  const xs = [100, 200, 300, 360];
  const rulings = [...rows.map((y) => hRule(y, 100, 360)), ...xs.map((x) => vRule(x, 100, 166))];
  const runs = [
    run('Item', 104, 104), run('Note', 204, 104), right('Value', 356, 104),
    run('Water supply', 104, 122), run('network', 104, 134), run('Repairs done', 204, 122), run('in spring', 204, 134), right('12', 356, 128),
    run('Roads', 104, 152), run('Resurfacing', 204, 152), right('7', 356, 152),
  ];
  it('keeps the ruled grid: no rule between the wrapped lines where every row is ruled', () => {
    const { tables, decisions } = read(page(runs, rulings));
    expect(decisions.map((d) => d.chosen)).toEqual(['lattice']);
    expect(tables[0].nRows).toBe(3);
    expect(tables[0].cells.find((c) => c.row === 1 && c.col === 0)?.text).toBe('Water supply network');
    const lattice = decisions[0].scores[0];
    expect(lattice.terms.unruled).toBeGreaterThan(0);
  });
});

describe('arbiter: evidence terms', () => {
  it('makes two numbers side by side in one cell cost the numbers weight', () => {
    const runs = [run('1234', 100, 100), run('5678', 124, 100)];
    const p = page(runs, []);
    const ev = regionEvidence(pageText(p, DEFAULT_STREAM_SETTINGS), [90, 90, 200, 120], DEFAULT_ARBITER);
    expect(ev.horizontal.map((h) => h.terms)).toEqual([{ numbers: DEFAULT_ARBITER.numbers }]);
    const oneCell: PageTable = {
      page: 1, bbox: [100, 100, 144, 110], nRows: 1, nCols: 1, rowBoxes: [[100, 100, 144, 110]], colXs: [100, 144], warnings: [],
      cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '12345678', page: 1, bbox: [100, 100, 144, 110] }],
    };
    const twoCells: PageTable = {
      ...oneCell, nCols: 2, colXs: [100, 122, 144],
      cells: [{ ...oneCell.cells[0], text: '1234', bbox: [100, 100, 120, 110] }, { ...oneCell.cells[0], col: 1, text: '5678', bbox: [124, 100, 144, 110] }],
    };
    expect(scoreReading(ev, { finder: 'one', tables: [oneCell] }).terms.numbers).toBe(-DEFAULT_ARBITER.numbers);
    expect(scoreReading(ev, { finder: 'two', tables: [twoCells] }).terms.numbers).toBe(DEFAULT_ARBITER.numbers);
    expect(scoreReading(ev, { finder: 'none', tables: [] }).total).toBe(0);
  });
});
