import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjacencyRelations, normalizeCellText, type ScoreCell, type ScoreTable } from '../scripts/icdar/adjacency.ts';
import { loadGtDirectory, loadGtDocument } from '../scripts/icdar/gt.ts';
import { scoreDocument, totals } from '../scripts/icdar/score.ts';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'icdar2013-eu');

function grid(rows: string[][], row0 = 0): ScoreCell[] {
  return rows.flatMap((r, i) => r.map((text, col) => ({ row: row0 + i, col, rowSpan: 1, colSpan: 1, text })));
}

const ABC = [
  ['A', 'B', 'C'],
  ['1', '2', '3'],
  ['4', '5', '6'],
];
const truth: ScoreTable = { page: 1, bbox: [0, 0, 300, 300], cells: grid(ABC) };

describe('adjacency relations', () => {
  it('relates each non-empty cell to its nearest right and lower neighbour', () => {
    const rel = adjacencyRelations(truth.cells).map((r) => `${r.from}${r.dir === 'right' ? '→' : '↓'}${r.to}`);
    expect(rel.sort()).toEqual(['1→2', '1↓4', '2→3', '2↓5', '3↓6', '4→5', '5→6', 'A→B', 'A↓1', 'B→C', 'B↓2', 'C↓3'].sort());
  });

  it('skips empty cells and relates a spanning cell to every neighbour along its span', () => {
    const cells: ScoreCell[] = [
      { row: 0, col: 0, rowSpan: 1, colSpan: 2, text: 'H' },
      { row: 0, col: 2, rowSpan: 1, colSpan: 1, text: ' ' },
      ...grid([['a', '', 'c']], 1),
    ];
    const rel = adjacencyRelations(cells).map((r) => `${r.from}${r.dir === 'right' ? '→' : '↓'}${r.to}`);
    expect(rel.sort()).toEqual(['H↓a', 'a→c'].sort());
    const span: ScoreCell[] = [{ row: 0, col: 0, rowSpan: 1, colSpan: 2, text: 'H' }, ...grid([['a', 'b']], 1)];
    expect(adjacencyRelations(span)).toHaveLength(3); // H↓a, H↓b, a→b
  });

  it('compares text without whitespace and with typographic quirks folded', () => {
    expect(normalizeCellText('to air\nkg/year')).toBe('toairkg/year');
    expect(normalizeCellText('“ﬁle” – 2')).toBe(normalizeCellText('"file" - 2'));
  });
});

describe('document score', () => {
  it('scores the ground truth against itself as 1.0', () => {
    const s = scoreDocument('self', [truth], [truth]);
    expect([s.precision, s.recall, s.f1]).toEqual([1, 1, 1]);
    const docs = loadGtDirectory(DIR);
    expect(docs.length).toBe(28);
    const all = totals(docs.map((d) => scoreDocument(d.name, d.tables, d.tables)));
    expect(all.f1).toBe(1);
    expect(all.truth).toBeGreaterThan(6000);
  });

  it('a dropped column: 7 of 12 relations found, all correct', () => {
    const pred: ScoreTable = { page: 1, bbox: [0, 0, 200, 300], cells: grid(ABC.map((r) => r.slice(0, 2))) };
    const s = scoreDocument('drop', [pred], [truth]);
    expect([s.truth, s.predicted, s.correct]).toEqual([12, 7, 7]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(7 / 12, 10);
    expect(s.f1).toBeCloseTo(14 / 19, 10);
  });

  it('a split table: the larger half matches, the other half counts as false', () => {
    const top: ScoreTable = { page: 1, bbox: [0, 100, 300, 300], cells: grid(ABC.slice(0, 2)) };
    const bottom: ScoreTable = { page: 1, bbox: [0, 0, 300, 100], cells: grid(ABC.slice(2)) };
    const s = scoreDocument('split', [top, bottom], [truth]);
    expect(s.matchedTables).toBe(1);
    // top: A→B B→C 1→2 2→3 A↓1 B↓2 C↓3 (7, all correct); bottom: 4→5 5→6 (2, unmatched)
    expect([s.truth, s.predicted, s.correct]).toEqual([12, 9, 7]);
    expect(s.precision).toBeCloseTo(7 / 9, 10);
    expect(s.recall).toBeCloseTo(7 / 12, 10);
  });

  it('tables on another page never match', () => {
    const s = scoreDocument('page', [{ ...truth, page: 2 }], [truth]);
    expect([s.correct, s.precision, s.recall]).toEqual([0, 0, 0]);
  });
});

describe('ground truth files', () => {
  it('reads a structure file that describes another PDF', () => {
    const doc = loadGtDocument(join(DIR, 'eu-009b-str.xml'));
    expect(doc.pdfPath.endsWith('eu-009a.pdf')).toBe(true);
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].page).toBe(1);
    expect(doc.tables[0].bbox).toEqual([139, 295, 461, 515]);
  });
});
