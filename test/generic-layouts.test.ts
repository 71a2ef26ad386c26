// Generated cases of the generic families row-groups and multiline (issue 10 cases 1 and 5) that
// the PDF page reading failed before a capability was built, and reads exactly since. In-process
// producers only (pdfkit + Noto, hand-written STSong): no LibreOffice.
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase, type CaseKey } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { renderDirect } from '../scripts/layouts/producers/index.ts';

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
];

describe('generic row groups and multi-line cells read exactly', () => {
  for (const { key, needs } of CASES) {
    it(`${key.family}:${key.seed}:${key.index} ${key.producer} — ${needs}`, async () => {
      const family = (await loadFamilies()).find((f) => f.name === key.family)!;
      const spec = caseSpec(family, key.seed, key.index);
      const { score } = await scoreCase(key, spec, await renderDirect(spec, key.producer as 'pdf-noto' | 'pdf-stsong'));
      expect(score.diffs ?? [], JSON.stringify(score)).toEqual([]);
      expect(score.exact).toBe(true);
    }, 60_000);
  }
});
