import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BBox, PdfPage, Ruling, TextRun } from '../src/model/layout.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { cellText, lineText, splitRunAt } from '../src/tables/assign-text.ts';
import { findLatticeTables, joinEdgeGroup, snapEdges, type Edge } from '../src/tables/lattice.ts';
import type { PageTable } from '../src/tables/page-table.ts';
import { adjacencyRelations, normalizeCellText, relationKey } from '../scripts/icdar/adjacency.ts';
import { loadGtDocument } from '../scripts/icdar/gt.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples', 'pdf');
const ICDAR = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'icdar2013-eu');

function run(text: string, x0: number, top: number, x1: number, bottom: number, fontSize = 10): TextRun {
  return { text, bbox: [x0, top, x1, bottom], fontSize, fontName: 'Test' };
}
const h = (y: number, x0: number, x1: number): Ruling => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): Ruling => ({ x0: x, y0, x1: x, y1 });
function page(rulings: Ruling[], runs: TextRun[] = []): PdfPage {
  return { number: 1, width: 595, height: 842, runs, rulings, scanned: false };
}
function at(t: PageTable, row: number, col: number) {
  const cell = t.cells.find((c) => c.row === row && c.col === col);
  if (!cell) throw new Error(`no cell starting at ${row},${col}`);
  return cell;
}

describe('edge pipeline', () => {
  it('snaps chained parallel edges to their average position', () => {
    const edges: Edge[] = [
      { orient: 'h', pos: 100, start: 0, end: 50 },
      { orient: 'h', pos: 101.5, start: 60, end: 90 },
      { orient: 'h', pos: 103, start: 0, end: 10 },
      { orient: 'h', pos: 120, start: 0, end: 10 },
      { orient: 'v', pos: 101, start: 0, end: 10 },
    ];
    const snapped = snapEdges(edges, 3);
    expect(snapped.filter((e) => e.orient === 'h').map((e) => e.pos)).toEqual([101.5, 101.5, 101.5, 120]);
    expect(snapped.find((e) => e.orient === 'v')!.pos).toBe(101);
  });

  it('joins collinear pieces across small gaps only', () => {
    const joined = joinEdgeGroup(
      [
        { orient: 'h', pos: 5, start: 12, end: 20 },
        { orient: 'h', pos: 5, start: 0, end: 10 },
        { orient: 'h', pos: 5, start: 30, end: 40 },
      ],
      3,
    );
    expect(joined.map((e) => [e.start, e.end])).toEqual([
      [0, 20],
      [30, 40],
    ]);
  });
});

describe('findLatticeTables on drawn grids', () => {
  it('turns slots without a ruling between them into one cell with spans', () => {
    // 3 × 3 grid at (100,100), 100 × 20 slots; the left column's rows 1–2 are one cell.
    const rulings = [h(100, 100, 400), h(120, 100, 400), h(140, 200, 400), h(160, 100, 400), v(100, 100, 160), v(200, 100, 160), v(300, 100, 160), v(400, 100, 160)];
    const runs = [run('Level', 110, 135, 150, 145), run('a', 210, 125, 220, 135), run('b', 210, 145, 220, 155)];
    const [t] = findLatticeTables(page(rulings, runs));
    expect([t.nRows, t.nCols, t.cells.length]).toEqual([3, 3, 8]);
    expect(t.colXs).toEqual([100, 200, 300, 400]);
    expect(t.bbox).toEqual([100, 100, 400, 160]);
    expect(at(t, 1, 0)).toMatchObject({ rowSpan: 2, colSpan: 1, text: 'Level', bbox: [100, 120, 200, 160], page: 1 });
    expect(at(t, 1, 1).text).toBe('a');
    expect(at(t, 2, 1).text).toBe('b');
    expect(t.warnings).toEqual([]);
  });

  it('splits a non-rectangular merged region into rectangles and says so', () => {
    // Missing: the rule under slot (0,0) and the rule between (0,0) and (0,1) → an L of 3 slots.
    const rulings = [h(100, 100, 400), h(120, 200, 400), h(140, 100, 400), h(160, 100, 400), v(100, 100, 160), v(200, 120, 160), v(300, 100, 160), v(400, 100, 160)];
    const [t] = findLatticeTables(page(rulings));
    expect(t.cells.length).toBe(8);
    expect(at(t, 0, 0)).toMatchObject({ rowSpan: 1, colSpan: 2 });
    expect(at(t, 1, 0)).toMatchObject({ rowSpan: 1, colSpan: 1 });
    expect(t.warnings.join(' ')).toMatch(/1 non-rectangular merged region/);
  });

  it('adds the missing outer sides of a table drawn without side borders', () => {
    const rulings = [h(100, 50, 350), h(120, 50, 350), h(140, 50, 350), v(150, 100, 140), v(250, 100, 140)];
    const runs = [run('Name', 60, 124, 90, 134), run('42', 300, 124, 310, 134)];
    const [t] = findLatticeTables(page(rulings, runs));
    expect(t.colXs).toEqual([50, 150, 250, 350]);
    expect(t.nRows).toBe(2);
    expect(at(t, 1, 0).text).toBe('Name');
    expect(at(t, 1, 2).text).toBe('42');
  });

  it('splits body cells ruled only horizontally at the header’s column lines, but not a real merged cell', () => {
    const rulings = [h(100, 50, 350), h(120, 50, 350), h(140, 50, 350), h(160, 50, 350), v(50, 100, 160), v(350, 100, 160), v(150, 100, 120), v(250, 100, 120)];
    const runs = [
      run('Country', 60, 104, 100, 114),
      run('Share', 160, 104, 190, 114),
      run('Total', 260, 104, 290, 114),
      run('Austria', 60, 124, 95, 134),
      run('86.2', 160, 124, 180, 134),
      run('3,375', 260, 124, 285, 134),
      run('Note: figures for 2007 are provisional everywhere', 60, 144, 340, 154),
    ];
    const [t] = findLatticeTables(page(rulings, runs));
    expect(t.cells.filter((c) => c.row === 1).map((c) => c.text)).toEqual(['Austria', '86.2', '3,375']);
    expect(at(t, 2, 0)).toMatchObject({ colSpan: 3, text: 'Note: figures for 2007 are provisional everywhere' });
    expect(t.warnings.join(' ')).toMatch(/1 merged cell\(s\) split/);
  });

  it('reads a double outer border (two rules 4pt apart) as one line, not as thin empty rows', () => {
    const frame = (d: number) => [h(100 - d, 50 - d, 350 + d), h(160 + d, 50 - d, 350 + d), v(50 - d, 100 - d, 160 + d), v(350 + d, 100 - d, 160 + d)];
    // The inner column rule crosses both lines of the frame, tying them into one grid.
    const rulings = [...frame(0), ...frame(4), h(130, 46, 354), v(200, 96, 164)];
    const [t] = findLatticeTables(page(rulings, [run('甲', 60, 110, 70, 120), run('乙', 210, 140, 220, 150)]));
    expect([t.nRows, t.nCols, t.cells.length]).toEqual([2, 2, 4]);
    expect(at(t, 0, 0).text).toBe('甲');
    expect(at(t, 1, 1).text).toBe('乙');
  });

  it('does not take a boxed paragraph (one cell) for a table', () => {
    const rulings = [h(100, 50, 350), h(200, 50, 350), v(50, 100, 200), v(350, 100, 200)];
    expect(findLatticeTables(page(rulings, [run('Boxed text', 60, 110, 120, 120)]))).toEqual([]);
  });

  it('joins a word wrapped inside a narrow cell without the wrap space (可持续影响指 标)', () => {
    const rulings = [h(100, 50, 250), h(140, 50, 250), h(180, 50, 250), v(50, 100, 180), v(110, 100, 180), v(250, 100, 180)];
    const runs = [
      run('可持续影响指', 52, 102, 108, 112),
      run('标', 52, 114, 61, 124),
      run('Total', 112, 102, 140, 112),
      run('amount', 112, 114, 150, 124),
      run('效益', 52, 150, 72, 160),
    ];
    const [t] = findLatticeTables(page(rulings, runs));
    expect(at(t, 0, 0).text).toBe('可持续影响指标');
    expect(at(t, 0, 1).text).toBe('Total amount');
    expect(at(t, 1, 0).text).toBe('效益');
  });
});

describe('text assignment', () => {
  it('joins the runs of a line with a space only across a word gap between Latin/digits', () => {
    // From eu-001 page 1: `criteria` and `:` touch; `pollutants` and `and` are 0.34 em apart.
    expect(lineText([run('criteria', 403.44, 97.5, 443.97, 109.7), run(':', 443.94, 97.5, 448.49, 109.7)])).toBe('criteria:');
    expect(lineText([run('E-PRTR pollutants', 146.04, 70.9, 288.06, 87.9, 14), run('and', 292.86, 70.9, 318.86, 87.9, 14)])).toBe('E-PRTR pollutants and');
    expect(lineText([run('养护', 100, 0, 120, 10), run('里程', 130, 0, 150, 10)])).toBe('养护里程');
    expect(lineText([run('95', 100, 0, 110, 10), run('%', 110.5, 0, 118, 10)])).toBe('95%');
  });

  it('orders lines by position and drops fake-bold overprints', () => {
    const runs = [run('第二行', 10, 20, 40, 30), run('第一行', 10, 5, 40, 15), run('第一行', 10.3, 5.2, 40.3, 15.2)];
    expect(cellText(runs)).toBe('第一行第二行');
  });

  it('cuts a run that runs across a cell boundary, by estimated glyph widths', () => {
    const pieces = splitRunAt(run('合计一百二十', 40, 0, 100, 10), [40, 70, 100]);
    expect(pieces.map((p) => p.text)).toEqual(['合计一', '百二十']);
    expect(pieces[0].bbox[2]).toBeCloseTo(70, 5);
    expect(splitRunAt(run('合计', 40, 0, 60, 10), [58])).toHaveLength(1); // too close to the edge
  });
});

describe('lattice on the seed notice PDF', () => {
  it('rebuilds the 3-row header and the merged 一级/二级 cells of 政策研究类', async () => {
    const [p2] = await readPdf(readFileSync(join(SAMPLES, 'xiangfuban-2024-40.pdf')), { pages: [2] });
    const tables = findLatticeTables(p2);
    expect(tables).toHaveLength(2);
    const t = tables[0];
    expect([t.nRows, t.nCols]).toEqual([16, 6]);
    expect(at(t, 0, 0)).toMatchObject({ text: '绩效指标', colSpan: 5, rowSpan: 1 });
    expect(at(t, 0, 5)).toMatchObject({ text: '指标描述', rowSpan: 3 });
    expect(at(t, 1, 2)).toMatchObject({ text: '三级指标', colSpan: 3 });
    expect(t.cells.filter((c) => c.row === 2).map((c) => c.text)).toEqual(['指标名称', '性质', '单位']);
    expect(at(t, 3, 0)).toMatchObject({ text: '产出指标', rowSpan: 8 });
    expect(at(t, 3, 1)).toMatchObject({ text: '数量指标', rowSpan: 5 });
    expect(t.cells.filter((c) => c.row === 3).map((c) => c.text)).toEqual(['产出指标', '数量指标', '完成调研报告数量', '≥', '篇', '反映报告数量完成情况']);
    expect(t.cells.some((c) => /\s/u.test(c.text))).toBe(false);
    expect(t.cells.map((c) => c.text)).toContain('可持续影响指标');
    expect(t.warnings).toEqual([]);
  });
});

// Every ground-truth table of these ICDAR 2013 EU documents is ruled; the lattice finder must
// reproduce each exactly: the same non-empty cell texts and the same adjacency relations.
const EXACT = [
  'eu-001', 'eu-002', 'eu-003', 'eu-004', 'eu-005', 'eu-007', 'eu-009a', 'eu-010', 'eu-012', 'eu-013', 'eu-014',
  'eu-015', 'eu-016', 'eu-017', 'eu-018', 'eu-019', 'eu-020', 'eu-021', 'eu-022', 'eu-023', 'eu-024', 'eu-025',
];

describe('lattice exactness on ICDAR 2013 EU ruled tables', () => {
  it.each(EXACT)('%s', async (name) => {
    const gt = loadGtDocument(join(ICDAR, `${name}-str.xml`));
    const pages = await readPdf(readFileSync(gt.pdfPath));
    for (const truth of gt.tables) {
      const p = pages.find((x) => x.number === truth.page)!;
      const [x1, y1, x2, y2] = truth.bbox;
      const region: BBox = [x1, p.height - y2, x2, p.height - y1];
      const overlap = (b: BBox) => Math.max(0, Math.min(b[2], region[2]) - Math.max(b[0], region[0])) * Math.max(0, Math.min(b[3], region[3]) - Math.max(b[1], region[1]));
      const found = findLatticeTables(p).sort((a, b) => overlap(b.bbox) - overlap(a.bbox))[0];
      expect(found && overlap(found.bbox), `${name} page ${truth.page}: no ruled table found`).toBeGreaterThan(0);
      const texts = (cells: { text: string }[]) => cells.map((c) => normalizeCellText(c.text)).filter(Boolean).sort();
      expect(texts(found.cells), `${name} page ${truth.page} texts`).toEqual(texts(truth.cells));
      const rel = (cells: Parameters<typeof adjacencyRelations>[0]) => adjacencyRelations(cells).map(relationKey).sort();
      expect(rel(found.cells), `${name} page ${truth.page} relations`).toEqual(rel(truth.cells));
    }
  });
});
