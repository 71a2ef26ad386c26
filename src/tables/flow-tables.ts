// DOCX blocks → DocumentGrids: paragraphs become lines and captions, tables become Grids.
import type { DocumentGrids, FlowBlock, Grid, GridCell, RawCell } from '../model/layout.ts';
import { cleanText, joinCellLines } from '../normalize/text.ts';

const MAX_CAPTIONS = 4;

/** Places HTML-style rows (with rowspan/colspan) on a grid; empty slots get empty cells. */
export function placeRawRows(rows: RawCell[][]): Pick<Grid, 'nRows' | 'nCols' | 'cells'> {
  const taken: boolean[][] = [];
  const cells: GridCell[] = [];
  const isTaken = (r: number, c: number) => taken[r]?.[c] === true;
  let nCols = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const raw of row) {
      while (isTaken(r, c)) c++;
      const rowSpan = Math.max(1, Math.min(raw.rowSpan, rows.length - r));
      const colSpan = Math.max(1, raw.colSpan);
      for (let dr = 0; dr < rowSpan; dr++) {
        const line = (taken[r + dr] ??= []);
        for (let dc = 0; dc < colSpan; dc++) line[c + dc] = true;
      }
      cells.push({ row: r, col: c, rowSpan, colSpan, text: joinCellLines(raw.text.split('\n')) });
      c += colSpan;
      nCols = Math.max(nCols, c);
    }
  });
  const nRows = rows.length;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (!isTaken(r, c)) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: '' });
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { nRows, nCols, cells };
}

export function flowToDocumentGrids(blocks: FlowBlock[]): DocumentGrids {
  const lines: string[] = [];
  const tables: Grid[] = [];
  let sinceLastTable: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const text = cleanText(block.text);
      if (!text) continue;
      lines.push(text);
      sinceLastTable.push(text);
      continue;
    }
    const placed = placeRawRows(block.rows);
    if (placed.nRows === 0 || placed.nCols === 0) continue;
    tables.push({
      ...placed,
      rowSources: Array.from({ length: placed.nRows }, (_, row) => ({ table: block.index, row })),
      location: { table: block.index },
      captions: sinceLastTable.slice(-MAX_CAPTIONS),
      pageBreakRows: [],
      warnings: [],
    });
    sinceLastTable = [];
  }
  return { format: 'docx', lines, tables, warnings: [] };
}
