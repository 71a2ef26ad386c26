// Evidence at a page break, from the PDF page assembly (src/tables/pdf-document.ts calls it once
// per Grid): a table that fills its page to the foot, whose last row's text goes on at the top of
// the next page where no reading joined it to the table. A producer that lets a row break across
// pages (LibreOffice does) prints the rest of the row's wrapped cells there; when that top text
// is read as body text, or as a table of its own, the last row on the page lost the tail of its
// cells (`反映河道清淤` for `反映河道清淤差错率的完成情况`). Nothing here changes a cell: it adds a
// grid warning that src/confidence/evidence.ts turns into the row flag `row-cut-at-page-foot`.
import type { BBox, Grid } from '../model/layout.ts';
import type { PageTable } from '../tables/page-table.ts';

/** What the page assembly knows of a page: its tables and its body lines (furniture marked). */
export interface PageContent {
  tables: readonly PageTable[];
  lines: readonly { bbox: BBox; furniture: boolean }[];
}

/** The grid warning's wording; evidence.ts reads the page back from it (the rows of a grid are renumbered when forms are cut apart, their sources are not). */
export const CUT_AT_PAGE_FOOT = /^page (\d+): the table's last row there ends the page and text in its columns opens the next page outside the table/u;

/** Points of slack when comparing a text's edge with a column line. */
const EDGE_SLACK = 2;

/**
 * Whether `last` (the final fragment of a chain) closes its page and the next page opens, before
 * anything else, with text lying within one of its columns past the first — cell text of a row,
 * not a heading centred over the table or a paragraph starting at the margin — that is not a
 * fragment of the same chain:
 * a body line, or the first row of another table whose first column is empty.
 */
export function rowCutAtPageFoot(last: PageTable, chain: readonly PageTable[], here: PageContent, next: PageContent | undefined): boolean {
  if (!next || last.nCols < 2) return false;
  if (here.lines.some((l) => !l.furniture && l.bbox[1] >= last.bbox[3] - 1)) return false;
  if (here.tables.some((t) => t !== last && t.bbox[1] >= last.bbox[3] - 1)) return false;
  // Within one column past the first, as a wrapped cell's line is (a title centred over the table spans several).
  const inColumns = (box: BBox) => last.colXs.some((x, c) => c >= 1 && c < last.nCols && box[0] >= x - EDGE_SLACK && box[2] <= last.colXs[c + 1] + EDGE_SLACK);
  const firstLine = next.lines.filter((l) => !l.furniture).reduce<{ bbox: BBox } | null>((best, l) => (best === null || l.bbox[1] < best.bbox[1] ? l : best), null);
  const firstTable = next.tables.reduce<PageTable | null>((best, t) => (best === null || t.bbox[1] < best.bbox[1] ? t : best), null);
  if (firstLine && (!firstTable || firstLine.bbox[1] < firstTable.bbox[1])) return inColumns(firstLine.bbox);
  if (!firstTable || chain.includes(firstTable)) return false;
  const top = firstTable.cells.filter((c) => c.row === 0 && c.text.trim());
  return top.length > 0 && top.every((c) => c.col > 0) && top.every((c) => inColumns(c.bbox));
}

/** Adds the page-foot warning to a grid built from `chain` when its last row was cut (see above). */
export function notePageFootCut(grid: Grid, chain: readonly PageTable[], contentOf: (page: number) => PageContent | undefined): void {
  const last = chain[chain.length - 1];
  const here = contentOf(last.page);
  if (!here || !rowCutAtPageFoot(last, chain, here, contentOf(last.page + 1))) return;
  grid.warnings.push(`page ${last.page}: the table's last row there ends the page and text in its columns opens the next page outside the table; its cells may be cut at the page break`);
}
