// The text lines a document keeps inside grids. A notice or form printed with its gridlines (a
// sheet through LibreOffice, a Word document laid out in a table) has its head — 文号, title,
// 主送机关, issuer, date — in grid rows, often cut over two cells where the text ran on into the
// next column. Each row before the first indicator header is read back as one line.
import type { Grid } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import { findHeader } from '../structure/header.ts';

/** At most this many lines: the head of a notice is near its start (readOfficialHead reads 80). */
const MAX_LINES = 80;

/** One line per grid row (its cells' texts in column order, a merged cell once), up to the first indicator header. */
export function gridHeadLines(grids: readonly Grid[]): string[] {
  const lines: string[] = [];
  for (const grid of grids) {
    const index = new SlotIndex(grid);
    const header = findHeader(grid, index);
    const end = header ? header.start : grid.nRows;
    for (let r = 0; r < end && lines.length < MAX_LINES; r++) {
      const line = [...index.cellsStartingIn(r)].sort((a, b) => a.col - b.col).map((cell) => cell.text).join('').trim();
      if (line) lines.push(line);
    }
    if (header || lines.length >= MAX_LINES) break;
  }
  return lines;
}
