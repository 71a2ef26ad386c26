// Generated cases of the generic families row-groups and multiline (issue 10 cases 1 and 5) that
// the PDF page reading failed before a capability was built, and reads exactly since. In-process
// producers only (pdfkit + Noto, hand-written STSong): no LibreOffice.
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase, type CaseKey } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { scoreDirect } from './layout-case.ts';

const CASES: { key: CaseKey; needs: string }[] = [
  // Case 1: a group heading centred over all the number columns, narrower than three of them,
  // spans all of them (their figures are flush right, so their text is not centred on the heading).
  { key: { family: 'generic-row-groups', seed: 3, index: 8, producer: 'pdf-noto' }, needs: 'a group heading centred on the number columns\' cells spans them all' },
  // Case 5: header cells of 1–5 lines bottom-aligned (their lines step on the same baselines in
  // every column, which says "new rows") are one header row: the body's rows of figures are
  // parted by their cell padding, the header's lines stand at the bare line pitch.
  { key: { family: 'generic-multiline', seed: 3, index: 36, producer: 'pdf-noto' }, needs: 'stacked header cells at the line pitch one row, under a three-line frame' },
  { key: { family: 'generic-multiline', seed: 3, index: 53, producer: 'pdf-stsong' }, needs: 'stacked header cells at the line pitch one row (STSong)' },
  // Case 5: a head wider than its narrow column runs up to the wrapped last line of its
  // neighbour's head (`员` `增长（%）`, a quarter em apart): two cells, as Chinese puts no space
  // between the characters of one.
  { key: { family: 'generic-multiline', seed: 4, index: 16, producer: 'pdf-noto' }, needs: 'two header cells a quarter em apart told apart' },
  // Case 5: a row label wrapped over five lines in a narrow column, its last line wider than the
  // others (`收入（不` / `含增值税）`) and its fourth and fifth under the last row of figures: one cell.
  { key: { family: 'generic-multiline', seed: 3, index: 60, producer: 'pdf-noto' }, needs: 'a wrapped label whose last line runs past its column, under the last figures too, one cell' },
  { key: { family: 'generic-multiline', seed: 4, index: 32, producer: 'pdf-noto' }, needs: 'a wrapped label whose last line runs past its column one cell' },
  // Case 1: a group heading wrapped in a narrow label column (`按隶` / `属关` / `系分`), nothing
  // beside it, in a table of vertically centred rows: one cell, not a row per line.
  { key: { family: 'generic-row-groups', seed: 4, index: 24, producer: 'pdf-noto' }, needs: 'a group heading wrapped over three lines one cell among centred rows' },
  { key: { family: 'generic-row-groups', seed: 4, index: 40, producer: 'pdf-noto' }, needs: 'a group heading wrapped over two lines one cell among centred rows' },
  // Case 1, a framed table read on its heads: a group heading alone on its line, wider than the
  // column it is centred in and crossing a head's column line, is one cell spanning the figures'
  // columns (not cut at that line as two cells' text written as one run).
  { key: { family: 'generic-row-groups', seed: 4, index: 64, producer: 'pdf-noto' }, needs: 'a group heading across a head\'s column line one spanning cell' },
  { key: { family: 'generic-row-groups', seed: 4, index: 33, producer: 'pdf-stsong' }, needs: 'a group heading across a head\'s column line one spanning cell (STSong)' },
  // Case 1: glyph boxes taller than the line pitch (lines overlapping by a twentieth): the rows
  // stand 0 apart, so a group heading a blank line below the last row is a row of its own.
  { key: { family: 'generic-row-groups', seed: 4, index: 56, producer: 'pdf-noto' }, needs: 'a heading a blank line under tightly set rows opens a row' },
  // Case 1: labels wrapped in a column two characters wide, every line a "wrap": a step wider
  // than the column's tightest by the cell padding parts two cells.
  { key: { family: 'generic-row-groups', seed: 4, index: 17, producer: 'pdf-stsong' }, needs: 'labels wrapped at every line in a narrow column, cells parted by their padding' },
  // Case 1: a row of figures flush right in columns of one width (gaps equal within 0.15 em)
  // is no justified prose line: the table runs on past it to the page foot.
  { key: { family: 'generic-row-groups', seed: 4, index: 81, producer: 'pdf-stsong' }, needs: 'a row of evenly spaced figures is not prose' },
  // Case 5: the same with figures grouped by a space (`7 374.9`): they are rows of figures too, so
  // their padding tells the stacked header's line pitch.
  { key: { family: 'generic-multiline', seed: 3, index: 20, producer: 'pdf-noto' }, needs: 'stacked header cells one row over space-grouped figures, no rules' },
  // A label wrapped in its column whose widest line is another label's last line, a character
  // wider because a closing mark may not open a line (`教育的部分（含转移支付）`): the column's
  // width is measured without that mark, so the first line of `规模以上工业企业主营业` / `务收入…`
  // is full and the next line wraps on from it.
  { key: { family: 'generic-multiline', seed: 4, index: 48, producer: 'pdf-noto' }, needs: 'a wrapped label one cell where another label\'s last line keeps its closing mark past the column' },
];

describe('generic row groups and multi-line cells read exactly', () => {
  for (const { key, needs } of CASES) {
    it(`${key.family}:${key.seed}:${key.index} ${key.producer} — ${needs}`, async () => {
      const score = await scoreDirect(key);
      expect(score.diffs ?? [], JSON.stringify(score)).toEqual([]);
      expect(score.exact).toBe(true);
    }, 60_000);
  }
});

// Case 1 across a page break, printed by LibreOffice from DOCX: page 1 holds the top rule and the
// rule under the header only (no bottom rule where the table runs on), page 2 the bottom rule
// only (the header is not repeated); blank lines part the row groups. Before: each group was a
// table of its own or lost, the header and the lone total row with them.
describe('row groups of a 三线表 cut by a page break (LibreOffice)', async () => {
  const { renderMany } = await import('../scripts/layouts/producers/index.ts');
  const { libreOfficeMissing } = await import('../scripts/layouts/producers/libreoffice.ts');
  it('generic-row-groups:4:74 lo-docx — the frame runs on across blank lines to the page foot, and from the page top down to the lone bottom rule', async () => {
    if (libreOfficeMissing()) return;
    const key: CaseKey = { family: 'generic-row-groups', seed: 4, index: 74, producer: 'lo-docx' };
    const family = (await loadFamilies()).find((f) => f.name === key.family)!;
    const spec = caseSpec(family, key.seed, key.index);
    const [rendered] = await renderMany([{ spec, producer: key.producer }]);
    const { score } = await scoreCase(key, spec, rendered.rendered!);
    expect(score.diffs ?? [], JSON.stringify(score)).toEqual([]);
    expect(score.exact).toBe(true);
  }, 120_000);
});
