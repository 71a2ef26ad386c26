// Generated cases (scripts/layouts) of issue 10 cases 3, 4 and 7 owned by the `beside` work:
// body text beside a table, narrow gaps between columns, things that are not tables. Each failed
// before the capability named beside it was built and reads exactly since. In-process producers
// only (pdfkit + Noto, hand-written STSong): no LibreOffice.
import { describe, expect, it } from 'vitest';
import type { CaseKey } from '../scripts/layouts/cases.ts';
import { scoreDirect } from './layout-case.ts';

const CASES: { key: CaseKey; needs: string }[] = [
  // Case 3: a table in one column of a two-column page, body text in the other on its own
  // leading (prose-columns.ts): the text is no column of the table, its lines no rows.
  { key: { family: 'generic-beside-text', seed: 3, index: 30, producer: 'pdf-noto' }, needs: 'justified body text beside a borderless table left out of it' },
  { key: { family: 'generic-beside-text', seed: 3, index: 11, producer: 'pdf-stsong' }, needs: 'body text beside a table ruled under every row left out of it' },
  { key: { family: 'generic-beside-text', seed: 3, index: 29, producer: 'pdf-stsong' }, needs: 'two paragraphs of two lines beside a 三线表 are body text' },
  // Case 4: monospace figures one word space apart, right-aligned in columns of unequal widths,
  // leave a river narrower than a column gap: two figures either side of it part the columns.
  { key: { family: 'generic-narrow-gaps', seed: 3, index: 43, producer: 'pdf-stsong' }, needs: 'ten monospace number columns, not one column of runs of figures' },
  // Case 4: two narrow header words the reader joined into one run (`指数 计划数`) are cut at
  // their blank where the figures' column boundary passes (cjk-blanks.ts).
  { key: { family: 'generic-narrow-gaps', seed: 3, index: 6, producer: 'pdf-noto' }, needs: 'narrow header words one blank apart are two header cells' },
  // …and where the boundary, in the middle of the figures' gutter, passes through the wider head
  // on the right, more than an em from the blank: the run's one blank parts the pieces either side.
  { key: { family: 'generic-details', seed: 4, index: 2, producer: 'pdf-noto' }, needs: 'two header words one blank apart, the boundary through the second, are two header cells' },
  // Case 7: a bar chart's labels and the values at the ends of its bars, three of six of which
  // line up by chance, are no table: a column of figures keeps one alignment in most rows.
  { key: { family: 'generic-not-tables', seed: 3, index: 56, producer: 'pdf-noto' }, needs: 'no table invented from a bar chart\'s labels and values' },
];

describe('generated layouts read exactly (beside text, narrow gaps, not tables)', () => {
  for (const { key, needs } of CASES) {
    it(`${key.family}:${key.seed}:${key.index} ${key.producer} — ${needs}`, async () => {
      const s = await scoreDirect(key);
      expect(s.diffs ?? [], JSON.stringify(s)).toEqual([]);
      expect(s.exact).toBe(true);
    }, 60_000);
  }
});
