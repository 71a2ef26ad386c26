// Generated cases (scripts/layouts) of partly ruled tables and spanning headers (issue 10 cases
// 2 and 6) that the PDF page reading failed before a change and reads exactly since: each names
// the case and what it needs. In-process producers only (pdfkit + Noto, hand-written STSong).
import { describe, expect, it } from 'vitest';
import type { CaseKey } from '../scripts/layouts/cases.ts';
import { scoreDirect } from './layout-case.ts';

const CASES: { key: CaseKey; needs: string }[] = [
  // A heading over an odd number of ruled columns spans them, not the widest range centred under
  // it (across the headings beside it); the stub head ruled round the two-row header spans both.
  { key: { family: 'generic-partly-ruled', seed: 3, index: 1, producer: 'pdf-stsong' }, needs: 'each heading spans its own ruled group, the stub head both header rows' },
  // Headings centred over the drawn column lines (the text's right-aligned edges are off centre).
  { key: { family: 'generic-partly-ruled', seed: 3, index: 20, producer: 'pdf-noto' }, needs: 'a heading centred over its ruled columns spans them' },
  // The stub head at the foot of its ruled cell beside a two-row header is bottom-aligned in both rows.
  { key: { family: 'generic-partly-ruled', seed: 3, index: 36, producer: 'pdf-noto' }, needs: 'the drawn stub head cell spans the two header rows' },
  // A label of two or three lines beside figures centred on it is one cell, in a box whose
  // header holds headings across its column lines (they defeated the centred reading of the
  // whole box: its body is read below the header band).
  { key: { family: 'generic-partly-ruled', seed: 3, index: 12, producer: 'pdf-noto' }, needs: 'a three-line label beside centred figures one cell, under a spanning header' },
  { key: { family: 'generic-partly-ruled', seed: 3, index: 69, producer: 'pdf-stsong' }, needs: 'a two-line label beside centred figures one cell, under a spanning header' },
  // A heading whose start (or end) lines up with the head below it is no stacked cell with it
  // where the column rule between the heads starts under the heading.
  { key: { family: 'generic-partly-ruled', seed: 4, index: 48, producer: 'pdf-noto' }, needs: 'a heading lined up with a head below it, parted by the column rule starting under it' },
  { key: { family: 'generic-partly-ruled', seed: 4, index: 44, producer: 'pdf-noto' }, needs: 'a heading flush right with a head below it, parted by the column rule starting under it' },
  // A table ruled under every row draws the rule under the heading row from the stub head on:
  // the headings span the columns that rule runs under, not over the stub spanning both rows.
  { key: { family: 'generic-spanning-header', seed: 3, index: 10, producer: 'pdf-noto' }, needs: 'headings over the columns their row rule runs under, not the stub' },
  { key: { family: 'generic-spanning-header', seed: 3, index: 18, producer: 'pdf-noto' }, needs: 'headings over the columns their row rule runs under (text-edge column lines)' },
  // A heading over one column on the line of the headings over several is a row of its own, not
  // the first line of the head under it: that head stands further below it than one cell's
  // lines stand apart (the table's line pitch).
  { key: { family: 'generic-partly-ruled', seed: 4, index: 20, producer: 'pdf-noto' }, needs: 'a heading over one column, a row pitch above its head, is a row of its own' },
  { key: { family: 'generic-partly-ruled', seed: 3, index: 28, producer: 'pdf-noto' }, needs: 'a heading over one column above a one-line head is a row of its own' },
  { key: { family: 'generic-ruling-styles', seed: 4, index: 72, producer: 'pdf-noto' }, needs: 'a heading over one column above a wrapped head is a row of its own' },
  // A heading's underline and the heads under it: at tight line spacing the heads' boxes touch the
  // heading's, and they are on the next line, not on the heading's (which would make the rule no
  // underline of its own and bar the span).
  { key: { family: 'generic-spanning-header', seed: 4, index: 60, producer: 'pdf-noto' }, needs: 'headings over their underlines, the heads under them touching their boxes' },
  { key: { family: 'generic-spanning-larger', seed: 4, index: 0, producer: 'pdf-noto' }, needs: 'a larger heading over its underline, the heads under it touching its box' },
  // Verticals only: the column rules start under the title line; they are the columns' walls
  // (counted over the lines they could cross, not the title above them).
  { key: { family: 'generic-ruling-styles', seed: 3, index: 41, producer: 'pdf-stsong' }, needs: 'column rules as walls in a table ruled with verticals only, under a title line' },
];

describe('partly ruled tables and spanning headers read exactly', () => {
  for (const { key, needs } of CASES) {
    it(`${key.family}:${key.seed}:${key.index} ${key.producer} — ${needs}`, async () => {
      const s = await scoreDirect(key);
      expect(s.diffs ?? [], JSON.stringify(s)).toEqual([]);
      expect(s.exact).toBe(true);
    }, 60_000);
  }
});
