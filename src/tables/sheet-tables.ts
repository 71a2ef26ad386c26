// XLSX sheets → DocumentGrids. A sheet may hold several tables: they are cut apart at
// blank rows, and the single-cell rows above each one (titles, project lines) become its captions.
import type { DocumentGrids, Grid, GridCell, SheetLayout } from '../model/layout.ts';
import { rangeName } from '../model/grid.ts';
import { cleanText } from '../normalize/text.ts';

const MAX_CAPTIONS = 4;

type Merge = SheetLayout['merges'][number];

interface Region {
  r0: number;
  r1: number;
}

/** Rows covered by a merge that started in an earlier row belong to the same region. */
function continuedRows(sheet: SheetLayout): Set<number> {
  const rows = new Set<number>();
  for (const m of sheet.merges) for (let r = m.r0 + 1; r <= m.r1; r++) rows.add(r);
  return rows;
}

function isBlankRow(sheet: SheetLayout, r: number, continued: Set<number>): boolean {
  return !continued.has(r) && sheet.values[r].every((text) => !text);
}

/** Consecutive non-blank rows. */
function splitAtBlankRows(sheet: SheetLayout): Region[] {
  const continued = continuedRows(sheet);
  const regions: Region[] = [];
  let start = -1;
  for (let r = 0; r <= sheet.values.length; r++) {
    const blank = r === sheet.values.length || isBlankRow(sheet, r, continued);
    if (!blank && start < 0) start = r;
    if (blank && start >= 0) {
      regions.push({ r0: start, r1: r - 1 });
      start = -1;
    }
  }
  return regions;
}

/** Non-empty cells of a row, a merged range counted once. */
function filledCells(sheet: SheetLayout, r: number): string[] {
  const texts: string[] = [];
  sheet.values[r].forEach((text, c) => {
    const hidden = sheet.merges.some((m) => m.r0 <= r && r <= m.r1 && m.c0 <= c && c <= m.c1 && (m.r0 !== r || m.c0 !== c));
    if (text && !hidden) texts.push(text);
  });
  return texts;
}

function usedColumns(sheet: SheetLayout, region: Region): [number, number] {
  let c0 = Infinity;
  let c1 = -1;
  for (let r = region.r0; r <= region.r1; r++) {
    sheet.values[r].forEach((text, c) => {
      if (text) {
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      }
    });
  }
  for (const m of sheet.merges) {
    if (m.r1 >= region.r0 && m.r0 <= region.r1 && m.c0 <= c1 && m.c1 >= c0) c1 = Math.max(c1, m.c1);
  }
  return [c0, c1];
}

function regionToGrid(sheet: SheetLayout, region: Region, captions: string[]): Grid {
  const [c0, c1] = usedColumns(sheet, region);
  const nRows = region.r1 - region.r0 + 1;
  const nCols = c1 - c0 + 1;
  const covered = new Set<string>();
  const cells: GridCell[] = [];
  const inside = (m: Merge) => m.r0 >= region.r0 && m.r1 <= region.r1 && m.c0 >= c0 && m.c1 <= c1;
  for (const m of sheet.merges.filter(inside)) {
    cells.push({
      row: m.r0 - region.r0, col: m.c0 - c0, rowSpan: m.r1 - m.r0 + 1, colSpan: m.c1 - m.c0 + 1,
      text: cleanText(sheet.values[m.r0][m.c0]),
    });
    for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) covered.add(`${r},${c}`);
  }
  for (let r = region.r0; r <= region.r1; r++) {
    for (let c = c0; c <= c1; c++) {
      if (!covered.has(`${r},${c}`)) cells.push({ row: r - region.r0, col: c - c0, rowSpan: 1, colSpan: 1, text: cleanText(sheet.values[r][c]) });
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    nRows, nCols, cells,
    rowSources: Array.from({ length: nRows }, (_, i) => ({ sheet: sheet.name, row: region.r0 + i + 1 })),
    location: { sheet: sheet.name, range: rangeName(region.r0, c0, region.r1, c1) },
    captions: captions.slice(-MAX_CAPTIONS),
    pageBreakRows: [],
    warnings: [],
  };
}

export function sheetsToDocumentGrids(sheets: SheetLayout[], warnings: string[] = []): DocumentGrids {
  const lines: string[] = [];
  const tables: Grid[] = [];
  for (const sheet of sheets) {
    let captions: string[] = [];
    for (const region of splitAtBlankRows(sheet)) {
      let start = region.r0;
      while (start <= region.r1 && filledCells(sheet, start).length <= 1) {
        const text = cleanText(filledCells(sheet, start).join(' '));
        if (text) {
          lines.push(text);
          captions.push(text);
        }
        start++;
      }
      if (start > region.r1) continue;
      tables.push(regionToGrid(sheet, { r0: start, r1: region.r1 }, captions));
      captions = [];
    }
  }
  return { format: 'xlsx', lines, tables, sheets: sheets.map((s) => s.name), warnings };
}
