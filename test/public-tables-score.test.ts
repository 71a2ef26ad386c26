// The public-tables scorer (scripts/public-tables/): areas, cropping, rows and checks.
import { describe, expect, it } from 'vitest';
import { recordAreas } from '../scripts/public-tables/expected.ts';
import { cropCells, runChecks, scoreRows, type OurTable } from '../scripts/public-tables/score.ts';

function table(rows: string[][], page = 1, top = 100): OurTable {
  return {
    page,
    top,
    nRows: rows.length,
    nCols: Math.max(...rows.map((r) => r.length)),
    cells: rows.flatMap((r, row) => r.map((text, col) => ({ row, col, rowSpan: 1, colSpan: 1, text }))),
  };
}

describe('public-tables scorer', () => {
  it('turns each peer\'s area option into our top-left frame', () => {
    expect(recordAreas({ area: [100, 20, 300, 500] }, 600, 800)).toEqual([[20, 100, 500, 300]]);
    expect(recordAreas({ area_percent: [[0, 0, 100, 50]] }, 600, 800)).toEqual([[0, 0, 300, 800]]);
    expect(recordAreas({ table_areas: ['80,693,535,448'] }, 600, 800)).toEqual([[80, 107, 535, 352]]);
    expect(recordAreas({}, 600, 800)).toBeNull();
  });

  it('keeps the cells whose centre is in the area, renumbered from 0', () => {
    const cells = [
      { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: 'out', bbox: [0, 0, 10, 10] as [number, number, number, number] },
      { row: 1, col: 1, rowSpan: 1, colSpan: 2, text: 'in', bbox: [50, 50, 70, 60] as [number, number, number, number] },
    ];
    expect(cropCells(cells, [40, 40, 100, 100])).toEqual([{ row: 0, col: 0, rowSpan: 1, colSpan: 2, text: 'in' }]);
  });

  it('scores expected rows against the best of our tables by cell adjacency', () => {
    const expected = [['A', 'B'], ['1', '2']];
    const wrong = table([['A', 'B', '1', '2']]);
    const right = table([['A', ' B'], ['1', '2']]);
    const r = scoreRows(expected, [wrong, right]);
    expect(r).toMatchObject({ matched: 1, truth: 4, predicted: 4, correct: 4, exact: true, f1: 1 });
    const half = scoreRows(expected, [wrong]);
    expect([half.correct, half.truth, half.predicted]).toEqual([2, 4, 3]); // A→B and 1→2; A↓1, B↓2 missed; B→1 extra
    expect(half.exact).toBe(false);
  });

  it('runs checks on the table that satisfies most of them', () => {
    const a = table([['x', 'y']]);
    const b = table([['Name', 'Total'], ['Ann', '3']], 1, 50);
    const results = runChecks({ n_tables: 2, cells: [[0, 0, 'Name'], [-1, -1, '3']], shape: [2, 2], text_absent: ['Heading'], tables_sorted_by_top: true }, [a, b]);
    expect(results.map((c) => [c.name, c.passed])).toEqual([
      ['n_tables', true],
      ['cell[0,0]', true],
      ['cell[-1,-1]', true],
      ['shape', true],
      ['text_absent Heading', true],
      ['tables_sorted_by_top', false],
    ]);
  });
});
