// A table as a matrix of slot texts plus merged ranges: the common shape the DOCX and XLSX
// damages work on. A DOCX table (HTML-style rows with spans) is placed onto a matrix and
// read back; an XLSX sheet already is one. `TableRef` says where an indicator table sits
// in its matrix (rows, columns, header band) and what each column means.
import type { FlowBlock, RawCell, SheetLayout } from '../../src/model/layout.ts';
import type { ColumnRole } from '../../src/model/schema.ts';
import { flowToDocumentGrids } from '../../src/tables/flow-tables.ts';
import { sheetsToDocumentGrids } from '../../src/tables/sheet-tables.ts';
import { findHeader } from '../../src/structure/header.ts';
import { structureGrid } from '../../src/structure/table.ts';
import type { Grid } from '../../src/model/layout.ts';

export type Merge = SheetLayout['merges'][number];

export interface Matrix {
  values: string[][];
  merges: Merge[];
}

export interface TableRef {
  m: Matrix;
  /** Absolute rows/cols of the table in m (inclusive), header band hs..he. */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  hs: number;
  he: number;
  /** Role of each column, index = absolute column − c0. */
  roles: ColumnRole[];
  /** Which table of the document (for the DOCX block list or the sheet). */
  key: string;
}

export function width(m: Matrix): number {
  return Math.max(0, ...m.values.map((row) => row.length));
}

export function padRows(m: Matrix, cols = width(m)): void {
  for (const row of m.values) while (row.length < cols) row.push('');
}

export function mergeAt(m: Matrix, r: number, c: number): Merge | undefined {
  return m.merges.find((g) => g.r0 <= r && r <= g.r1 && g.c0 <= c && c <= g.c1);
}

/** A slot hidden under a merge started elsewhere. */
export function isCovered(m: Matrix, r: number, c: number): boolean {
  const g = mergeAt(m, r, c);
  return Boolean(g && (g.r0 !== r || g.c0 !== c));
}

/** HTML-style rows (rowSpan/colSpan) → matrix; the same placement as flow-tables.ts. */
export function rawRowsToMatrix(rows: RawCell[][]): Matrix {
  const taken: boolean[][] = [];
  const values: string[][] = rows.map(() => []);
  const merges: Merge[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const raw of row) {
      while (taken[r]?.[c]) c++;
      const rowSpan = Math.max(1, Math.min(raw.rowSpan, rows.length - r));
      const colSpan = Math.max(1, raw.colSpan);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) ((taken[r + dr] ??= [])[c + dc] = true);
      values[r][c] = raw.text;
      if (rowSpan > 1 || colSpan > 1) merges.push({ r0: r, c0: c, r1: r + rowSpan - 1, c1: c + colSpan - 1 });
      c += colSpan;
    }
  });
  const m = { values: values.map((row) => Array.from(row, (v) => v ?? '')), merges };
  padRows(m);
  return m;
}

/** Matrix → HTML-style rows: a merge once at its top-left slot, covered slots left out. */
export function matrixToRawRows(m: Matrix): RawCell[][] {
  const cols = width(m);
  return m.values.map((row, r) => {
    const out: RawCell[] = [];
    for (let c = 0; c < cols; c++) {
      const g = mergeAt(m, r, c);
      if (g && (g.r0 !== r || g.c0 !== c)) continue;
      out.push({ text: row[c] ?? '', rowSpan: g ? g.r1 - g.r0 + 1 : 1, colSpan: g ? g.c1 - g.c0 + 1 : 1 });
    }
    return out;
  });
}

/** Inserts empty rows at `at`; merges that straddle the point grow. */
export function insertRows(m: Matrix, at: number, count: number): void {
  const cols = width(m);
  m.values.splice(at, 0, ...Array.from({ length: count }, () => new Array<string>(cols).fill('')));
  for (const g of m.merges) {
    if (g.r0 >= at) {
      g.r0 += count;
      g.r1 += count;
    } else if (g.r1 >= at) g.r1 += count;
  }
}

/** Deletes row r; a merge starting there hands its text down, merges below move up. */
export function deleteRow(m: Matrix, r: number): void {
  for (const g of [...m.merges]) {
    if (g.r0 === r && g.r1 === r) m.merges.splice(m.merges.indexOf(g), 1);
    else if (g.r0 === r) {
      m.values[r + 1][g.c0] = m.values[r][g.c0];
      g.r1--;
    } else if (g.r0 < r && g.r1 >= r) g.r1--;
    else if (g.r0 > r) {
      g.r0--;
      g.r1--;
    }
  }
  m.values.splice(r, 1);
  m.merges = m.merges.filter((g) => g.r1 > g.r0 || g.c1 > g.c0);
}

/** Cuts every merge that straddles the boundary above row k; the lower part is left empty. */
export function splitMergesAt(m: Matrix, k: number): void {
  const added: Merge[] = [];
  for (const g of m.merges) {
    if (g.r0 < k && g.r1 >= k) {
      added.push({ r0: k, c0: g.c0, r1: g.r1, c1: g.c1 });
      g.r1 = k - 1;
    }
  }
  m.merges.push(...added);
  m.merges = m.merges.filter((g) => g.r1 > g.r0 || g.c1 > g.c0);
}

/** Indicator tables of a grid list, located back in their matrices. */
function indicatorGrids(grids: Grid[]): { grid: Grid; header: NonNullable<ReturnType<typeof findHeader>> }[] {
  const out = [];
  for (const grid of grids) {
    if (!structureGrid(grid, 0)) continue;
    const header = findHeader(grid);
    if (header) out.push({ grid, header });
  }
  return out;
}

/** The indicator tables of a DOCX, one matrix per table block. */
export function docxTables(blocks: FlowBlock[]): { matrices: Map<number, Matrix>; tables: TableRef[] } {
  const matrices = new Map<number, Matrix>();
  for (const block of blocks) if (block.type === 'table') matrices.set(block.index, rawRowsToMatrix(block.rows));
  const tables: TableRef[] = [];
  for (const { grid, header } of indicatorGrids(flowToDocumentGrids(blocks).tables)) {
    if (!('table' in grid.location)) continue;
    const m = matrices.get(grid.location.table);
    if (!m) continue;
    tables.push({
      m, r0: 0, r1: m.values.length - 1, c0: 0, c1: width(m) - 1, hs: header.start, he: header.end,
      roles: header.columns.map((c) => c.role), key: `table ${grid.location.table}`,
    });
  }
  return { matrices, tables };
}

export function matricesToBlocks(blocks: FlowBlock[], matrices: Map<number, Matrix>): FlowBlock[] {
  return blocks.map((block) => (block.type === 'table' && matrices.has(block.index) ? { ...block, rows: matrixToRawRows(matrices.get(block.index)!) } : block));
}

function parseRange(range: string): { c0: number } {
  const match = /^([A-Z]+)\d+:/u.exec(range);
  let c0 = 0;
  for (const ch of match?.[1] ?? 'A') c0 = c0 * 26 + (ch.charCodeAt(0) - 64);
  return { c0: c0 - 1 };
}

/** The indicator tables of an XLSX, in their sheets. */
export function xlsxTables(sheets: SheetLayout[]): TableRef[] {
  const tables: TableRef[] = [];
  for (const { grid, header } of indicatorGrids(sheetsToDocumentGrids(sheets).tables)) {
    if (!('sheet' in grid.location)) continue;
    const loc = grid.location;
    const sheet = sheets.find((s) => s.name === loc.sheet);
    if (!sheet) continue;
    const source = (i: number) => grid.rowSources[i] as { sheet: string; row: number };
    const r0 = source(0).row - 1;
    const { c0 } = parseRange(loc.range);
    tables.push({
      m: sheet, r0, r1: source(grid.nRows - 1).row - 1, c0, c1: c0 + grid.nCols - 1,
      hs: r0 + header.start, he: r0 + header.end, roles: header.columns.map((c) => c.role), key: `${loc.sheet}!${loc.range}`,
    });
  }
  return tables;
}

export function cloneMatrix<T extends Matrix>(m: T): T {
  return { ...m, values: m.values.map((row) => [...row]), merges: m.merges.map((g) => ({ ...g })) };
}
