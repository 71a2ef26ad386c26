// Debug aid: shape statistics of the ground-truth tables (fill ratio, size).
import { join } from 'node:path';
import { loadGtDirectory } from './gt.ts';
import { normalizeCellText } from './adjacency.ts';

for (const doc of loadGtDirectory(join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'icdar2013-eu'))) {
  for (const t of doc.tables) {
    const nRows = Math.max(...t.cells.map((c) => c.row + c.rowSpan));
    const nCols = Math.max(...t.cells.map((c) => c.col + c.colSpan));
    let filled = 0;
    const rowCounts = new Array(nRows).fill(0);
    for (const c of t.cells) {
      if (!normalizeCellText(c.text)) continue;
      filled += c.rowSpan * c.colSpan;
      rowCounts[c.row]++;
    }
    const multi = rowCounts.filter((n) => n >= 2).length;
    const spans = t.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1).length;
    console.log(`${doc.name.padEnd(8)} p${t.page} ${nRows}x${nCols} fill ${(filled / (nRows * nCols)).toFixed(2)} multiRows ${(multi / nRows).toFixed(2)} spans ${spans}`);
  }
}
