// A real peer document (../shared/bench/public-tables, camelot's budget.pdf): its title line and
// column heads are boxed by rules of their own, the body printed below the box without rules.
// Read on its heads, the box became a table of two rows parted from the body (2 tables where the
// peer's test asserts 1); a frame is read on its heads only when its body holds figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../src/readers/pdf.ts';
import { findPageTables } from '../src/tables/pdf-document.ts';

describe('a box round the column heads alone', () => {
  it('is no table of its own: camelot budget.pdf gives one table, its body of 38 rows × 9 columns', async () => {
    const pages = await readPdf(new Uint8Array(readFileSync('../shared/bench/public-tables/pdf/camelot__budget.pdf')));
    const tables = findPageTables(pages).filter((t) => t.page === 1);
    expect(tables.map((t) => [t.nRows, t.nCols])).toEqual([[38, 9]]);
    const first = tables[0].cells.filter((c) => c.row === 0).map((c) => c.text);
    expect(first.slice(0, 3)).toEqual(['MINISTRY OF AGRICULTURE', '28130.48', '67.52']);
  });
});
