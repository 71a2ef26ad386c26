// PDF pages → DocumentGrids: find each page's tables (readings.ts: candidate readings of each
// region, one chosen by the arbiter), read the text outside them as lines, give every table its caption lines, and
// stitch tables continued across page breaks into one Grid.
//
//   findPageTables → pageLines → captionsFor → chainContinuations → fragmentsToGrid

import type { BBox, DocumentGrids, Grid, GridCell, PdfPage, RowSource, TextRun } from '../model/layout.ts';
import { centre, containsPoint, groupLines, lineText } from './assign-text.ts';
import { subTable, type PageTable } from './page-table.ts';
import { cutCellOverflow, dropRow, joinCutRow, ownTextShare, type InkOf } from './page-cuts.ts';
import { readPage } from './readings.ts';
import { resolveSettings, type PartialSettings, type TableSettings } from './settings.ts';
import { median } from './stream-lines.ts';
import { notePageFootCut } from '../confidence/page-foot.ts';

/** A visual line of text outside the tables. */
export interface TextLine {
  page: number;
  bbox: BBox;
  text: string;
  /** A page header/footer (page number, running head) or a 续表 marker. */
  furniture: boolean;
  /** Median font size of its runs. */
  fontSize: number;
}

/** Every table of every page (readings.ts), cut at blank rows, in reading order. */
export function findPageTables(pages: readonly PdfPage[], settings: PartialSettings = {}): PageTable[] {
  const s = resolveSettings(settings);
  const out: PageTable[] = [];
  let previous: PageTable[] = [];
  for (const page of pages) out.push(...(previous = findTablesOnPage(page, s, previous)));
  return out;
}

/** The page's tables; `previous`, the tables of the page before (a framed table continued keeps its columns). */
function findTablesOnPage(page: PdfPage, s: TableSettings, previous: readonly PageTable[]): PageTable[] {
  return readPage(page, s, { previous }).flatMap(splitAtBlankRows).sort(readingOrder);
}

/**
 * A spreadsheet printed with gridlines puts several tables (and the blank rows between
 * them) in one ruled grid. The grid is cut at a run of empty full-width rows when what
 * follows opens like a table of its own: a title row (text in one cell only) or a repeat of
 * a header row of the part above.
 */
export function splitAtBlankRows(t: PageTable): PageTable[] {
  const texts = (r: number) => t.cells.filter((c) => c.row === r && c.text).map((c) => c.text);
  const blank = (r: number) => !t.cells.some((c) => c.text && c.row <= r && c.row + c.rowSpan > r);
  const crossed = (r: number) => t.cells.some((c) => c.row < r && c.row + c.rowSpan > r);
  const rowKey = (r: number) => texts(r).join('|');
  const parts: [number, number][] = [];
  let start = 0;
  for (let r = 0; r < t.nRows; r++) {
    if (!blank(r) || r === start) continue;
    let end = r;
    while (end + 1 < t.nRows && blank(end + 1)) end++;
    const next = end + 1;
    if (next >= t.nRows || crossed(r) || crossed(next)) {
      r = end;
      continue;
    }
    const headerKeys = new Set<string>();
    for (let h = start; h < Math.min(r, start + 5); h++) headerKeys.add(rowKey(h));
    const opens = texts(next).length === 1 || headerKeys.has(rowKey(next));
    const nonEmptyAbove = Array.from({ length: r - start }, (_, i) => start + i).filter((x) => !blank(x)).length;
    if (opens && nonEmptyAbove >= 2 && next + 1 < t.nRows) {
      parts.push([start, r - 1]);
      start = next;
    }
    r = end;
  }
  if (parts.length === 0) return [t];
  parts.push([start, t.nRows - 1]);
  return parts.map(([r0, r1]) => subTable(t, r0, r1));
}

function readingOrder(a: { bbox: BBox }, b: { bbox: BBox }): number {
  // Side-by-side boxes (vertical overlap) read left to right; otherwise top to bottom.
  const overlap = Math.min(a.bbox[3], b.bbox[3]) - Math.max(a.bbox[1], b.bbox[1]);
  if (overlap > 0.5 * Math.min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])) return a.bbox[0] - b.bbox[0];
  return a.bbox[1] - b.bbox[1];
}

/** The spec §3.2 generic shape: one entry per page fragment. */
export function pageTablesToGeneric(tables: readonly PageTable[]): {
  tables: { page: number; bbox: BBox; cells: { row: number; col: number; rowSpan: number; colSpan: number; text: string }[] }[];
} {
  return {
    tables: tables.map((t) => ({
      page: t.page,
      bbox: t.bbox,
      cells: t.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text })),
    })),
  };
}

/** PDF pages → the format-blind DocumentGrids the structurer reads. */
export function pdfToDocumentGrids(pages: readonly PdfPage[], settings: PartialSettings = {}): DocumentGrids {
  const s = resolveSettings(settings);
  const warnings: string[] = [];
  const tablesByPage = new Map<number, PageTable[]>();
  const linesByPage = new Map<number, TextLine[]>();
  for (const page of pages) {
    if (page.scanned) warnings.push(`page ${page.number} has no text layer (scanned image)`);
    const tables = findTablesOnPage(page, s, tablesByPage.get(page.number - 1) ?? []);
    tablesByPage.set(page.number, tables);
    linesByPage.set(page.number, pageLines(page, tables.map((t) => t.bbox), s));
  }
  markFurniture(pages, linesByPage, s);
  dropCutCellOverflow(pages, tablesByPage, linesByPage, s);

  const grids: Grid[] = [];
  for (const chain of chainContinuations(pages, tablesByPage, linesByPage, s)) {
    const first = chain[0];
    const grid = fragmentsToGrid(chain, s, inkIn(pages));
    grid.captions = captionsFor(first, pages, tablesByPage, linesByPage, s);
    notePageFootCut(grid, chain, (n) => (tablesByPage.has(n) ? { tables: tablesByPage.get(n)!, lines: linesByPage.get(n) ?? [] } : undefined));
    grids.push(grid);
  }
  const lines: string[] = [];
  for (const page of pages) for (const l of linesByPage.get(page.number) ?? []) if (!l.furniture) lines.push(l.text);
  return { format: 'pdf', lines, tables: grids, pages: pages.length, warnings };
}

// ---------------------------------------------------------------------------------------
// Text outside tables

/**
 * The page's visual lines outside the given boxes, top to bottom. A line is cut where its
 * runs stand far apart (≥ 4 em) and both sides hold more than one character — two things
 * on one baseline (a signature and a date), not a letter-spaced title (`通    知`).
 */
export function pageLines(page: PdfPage, exclude: readonly BBox[], s: TableSettings = resolveSettings()): TextLine[] {
  const runs = page.runs.filter((r) => !exclude.some((b) => containsPoint(b, centre(r.bbox))));
  const out: TextLine[] = [];
  for (const line of groupLines(runs, s.text)) {
    for (const piece of cutWideGaps(line)) {
      const text = lineText(piece, s.text);
      if (text) out.push({ page: page.number, bbox: boxOfRuns(piece), text, furniture: false, fontSize: median(piece.map((r) => r.fontSize)) });
    }
  }
  return out;
}

function cutWideGaps(line: TextRun[]): TextRun[][] {
  const out: TextRun[][] = [[line[0]]];
  for (let i = 1; i < line.length; i++) {
    const prev = line[i - 1];
    const run = line[i];
    const em = Math.max(prev.fontSize, run.fontSize, 1);
    const cur = out[out.length - 1];
    if (run.bbox[0] - prev.bbox[2] >= 4 * em && moreThanOneChar(cur) && moreThanOneChar(line.slice(i))) out.push([run]);
    else cur.push(run);
  }
  return out;
}

function moreThanOneChar(runs: readonly TextRun[]): boolean {
  return [...runs.map((r) => r.text).join('').trim()].length > 1;
}

const PAGE_NUMBER = /^[-—–－·\s]*(第\s*)?[0-9０-９一二三四五六七八九十百]+(\s*页)?(\s*[/／]\s*[0-9]+|\s*共\s*[0-9]+\s*页)?[-—–－·\s]*$|^(page|p\.)\s*\d+(\s*(of|\/)\s*\d+)?$/iu;
/** `附件1` heading a page is content even when its number happens to be the page's. */
const ATTACHMENT = /^附\s*件/u;
const CONTINUED = /^(续表|续上表)|[(（]\s*续(表|上表)?\s*[)）]\s*$/u;

/**
 * Marks page headers and footers: lines in the top/bottom margin that are page numbers or
 * repeat (the page's own number aside) on two or more pages, and 续表 markers anywhere.
 */
export function markFurniture(pages: readonly PdfPage[], linesByPage: Map<number, TextLine[]>, s: TableSettings): void {
  // Only the page's own number is abstracted away: `第 3 页` on page 3 and `第 4 页` on page 4
  // are one footer, while `附件1` and `附件2` heading two pages are not furniture.
  const key = (t: string, n: number) => t.replace(/[0-9０-９]+/gu, (d) => (Number(d.normalize('NFKC')) === n ? '#' : d));
  const inMargin = (l: TextLine, page: PdfPage) =>
    l.bbox[3] <= page.height * s.assembly.marginShare || l.bbox[1] >= page.height * (1 - s.assembly.marginShare);
  const seen = new Map<string, Set<number>>();
  for (const page of pages) {
    for (const l of linesByPage.get(page.number) ?? []) {
      if (!inMargin(l, page)) continue;
      const k = `${l.bbox[1] < page.height / 2 ? 'top' : 'bottom'}:${key(l.text, page.number)}`;
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(page.number);
    }
  }
  // A title repeated on every page (one form per page) is content: it is set larger than the
  // text, or it stands under another content line (a running head is the top line of its page).
  const body = median(pages.flatMap((p) => p.runs.map((r) => r.fontSize)));
  for (const page of pages) {
    let contentAbove = false;
    for (const l of [...(linesByPage.get(page.number) ?? [])].sort((a, b) => a.bbox[1] - b.bbox[1])) {
      if (CONTINUED.test(l.text)) l.furniture = true;
      if (!inMargin(l, page) || ATTACHMENT.test(l.text)) {
        if (!l.furniture && l.bbox[1] < page.height / 2) contentAbove = true;
        continue;
      }
      const k = `${l.bbox[1] < page.height / 2 ? 'top' : 'bottom'}:${key(l.text, page.number)}`;
      const repeated = pages.length > 1 && (seen.get(k)?.size ?? 0) >= 2;
      const title = l.bbox[1] < page.height / 2 && (l.fontSize >= s.assembly.titleSizeRatio * body || contentAbove);
      if (PAGE_NUMBER.test(l.text) || (repeated && !title)) l.furniture = true;
      else if (l.bbox[1] < page.height / 2) contentAbove = true;
    }
  }
}

/** Takes out the lines under a page's last table that are the overflow of a cut merged cell (page-cuts.ts). */
function dropCutCellOverflow(pages: readonly PdfPage[], tablesByPage: Map<number, PageTable[]>, linesByPage: Map<number, TextLine[]>, s: TableSettings): void {
  pages.forEach((page, i) => {
    const tables = tablesByPage.get(page.number) ?? [];
    const last = tables[tables.length - 1];
    const next = pages[i + 1] ? tablesByPage.get(pages[i + 1].number)?.[0] : undefined;
    const lines = linesByPage.get(page.number);
    if (!last || !next || !lines) return;
    const overflow = cutCellOverflow(lines.filter((l) => !l.furniture), last, next, page.height, s.assembly);
    if (overflow.size) linesByPage.set(page.number, lines.filter((l) => !overflow.has(l)));
  });
}

// ---------------------------------------------------------------------------------------
// Captions

/**
 * Up to `maxCaptionLines` body lines right above the table on its page (below the previous
 * table there), nearest last; when the table opens its page with nothing above it, the
 * lines left at the bottom of the previous page (after its last table) instead.
 */
export function captionsFor(
  table: PageTable,
  pages: readonly PdfPage[],
  tablesByPage: Map<number, PageTable[]>,
  linesByPage: Map<number, TextLine[]>,
  s: TableSettings,
): string[] {
  const above = linesAbove(table, tablesByPage.get(table.page) ?? [], linesByPage.get(table.page) ?? [], s);
  if (above.length > 0) return above.map((l) => l.text);
  const idx = pages.findIndex((p) => p.number === table.page);
  const prev = idx > 0 ? pages[idx - 1] : undefined;
  if (!prev) return [];
  const prevTables = tablesByPage.get(prev.number) ?? [];
  const floor = prevTables.length ? Math.max(...prevTables.map((t) => t.bbox[3])) : -Infinity;
  const tail = (linesByPage.get(prev.number) ?? []).filter((l) => !l.furniture && l.bbox[1] >= floor - 1);
  return tail.slice(-s.assembly.maxCaptionLines).map((l) => l.text);
}

function linesAbove(table: PageTable, pageTables: readonly PageTable[], lines: readonly TextLine[], s: TableSettings): TextLine[] {
  const top = table.bbox[1];
  // The previous table: the lowest one ending above this table that overlaps it horizontally.
  let ceiling = -Infinity;
  for (const t of pageTables) {
    if (t === table || t.bbox[3] > top + 1) continue;
    if (t.bbox[0] < table.bbox[2] && t.bbox[2] > table.bbox[0]) ceiling = Math.max(ceiling, t.bbox[3]);
  }
  const candidates = lines
    .filter((l) => !l.furniture && l.bbox[3] <= top + 2 && l.bbox[1] >= ceiling - 1)
    .sort((a, b) => a.bbox[1] - b.bbox[1]);
  const out: TextLine[] = [];
  let edge = top;
  for (let i = candidates.length - 1; i >= 0 && out.length < s.assembly.maxCaptionLines; i--) {
    const l = candidates[i];
    if (edge - l.bbox[3] > s.assembly.captionMaxGap) break;
    out.unshift(l);
    edge = l.bbox[1];
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Tables continued across page breaks

/**
 * Groups the tables into chains: a table that opens its page (no body line above it) and
 * whose columns match the table that closed the previous page (no body line below it)
 * continues that table.
 */
export function chainContinuations(
  pages: readonly PdfPage[],
  tablesByPage: Map<number, PageTable[]>,
  linesByPage: Map<number, TextLine[]>,
  s: TableSettings,
): PageTable[][] {
  const chains: PageTable[][] = [];
  let open: PageTable[] | null = null; // the chain whose last table closed the previous page
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i];
    const tables = tablesByPage.get(page.number) ?? [];
    const lines = (linesByPage.get(page.number) ?? []).filter((l) => !l.furniture);
    const prevPage = i > 0 ? pages[i - 1] : undefined;
    tables.forEach((t, k) => {
      const last = open?.[open.length - 1];
      const opensPage = k === 0 && !lines.some((l) => l.bbox[3] <= t.bbox[1] + 1);
      if (open && last && prevPage && last.page === prevPage.number && page.number === prevPage.number + 1 && opensPage && columnsMatch(last, t, s) && !restartsForm(open[0], t)) {
        open.push(t);
      } else {
        chains.push([t]);
      }
    });
    // Which chain may continue on the next page: the one holding this page's last table, if nothing follows it.
    const lastTable = tables[tables.length - 1];
    const closesPage = lastTable && !lines.some((l) => l.bbox[1] >= lastTable.bbox[3] - 1);
    open = closesPage ? (chains.find((c) => c[c.length - 1] === lastTable) ?? null) : null;
  }
  return chains;
}

/**
 * A fragment that opens with the first row of the table's first fragment — the same label
 * (项目名称) with other content — is the next form of a run of forms, one per page, not the
 * continuation: a continuation repeats the header rows exactly or goes on with body rows.
 */
function restartsForm(first: PageTable, next: PageTable): boolean {
  const label = (t: PageTable) => t.cells.find((c) => c.row === 0 && c.col === 0)?.text.replace(/\s+/gu, '') ?? '';
  if (label(first) !== '' && label(first) === label(next) && repeatedHeaderRows(first, next) === 0) return true;
  return retitled(first, next);
}

/**
 * A fragment opening, as the table's first fragment does, with a title row (text in one cell,
 * in the same column) of another text, over a row of labels: the next table of a sheet printed
 * with gridlines, its caption (`督察检查类`) inside the grid, not the rest of the table above.
 */
function retitled(first: PageTable, next: PageTable): boolean {
  // Rows of the grid holding no text (an empty sheet row printed with gridlines) open nothing.
  const lone = (t: PageTable) => {
    const firstRow = Math.min(...t.cells.filter((c) => c.text).map((c) => c.row));
    const texts = t.cells.filter((c) => c.row === firstRow && c.text);
    return texts.length === 1 ? texts[0] : undefined;
  };
  const [a, b] = [lone(first), lone(next)];
  if (!a || !b || a.col !== b.col || a.text.replace(/\s+/gu, '') === b.text.replace(/\s+/gu, '')) return false;
  const labels = next.cells.filter((c) => c.row === b.row + b.rowSpan && c.text);
  return labels.length >= 2 && labels.every((c) => !/\d/u.test(c.text));
}

/**
 * Two fragments are one table when their outer sides line up and their inner column lines
 * agree: one fragment's lines are (within tolerance) a subset of the other's, or at most one
 * line differs per five.
 */
export function columnsMatch(a: PageTable, b: PageTable, s: TableSettings): boolean {
  if (sameFrame([a, b], s) || streamTextFits(a, b, s) || streamTextFits(b, a, s)) return true;
  const tol = continuationTolerance([a, b], s);
  const [ax, bx] = [a.colXs, b.colXs];
  if (Math.abs(ax[0] - bx[0]) > 2 * tol || Math.abs(ax[ax.length - 1] - bx[bx.length - 1]) > 2 * tol) return false;
  const innerA = ax.slice(1, -1);
  const innerB = bx.slice(1, -1);
  const hits = (xs: number[], ys: number[]) => xs.filter((x) => ys.some((y) => Math.abs(x - y) <= tol)).length;
  const missA = innerA.length - hits(innerA, innerB);
  const missB = innerB.length - hits(innerB, innerA);
  if (missA === 0 || missB === 0) return true;
  return missA + missB <= Math.max(1, Math.floor(Math.max(ax.length, bx.length) / 5));
}

/**
 * Two borderless fragments with as many columns, where the text of the narrower one stands in
 * the same columns of the wider: a borderless column line comes from the text beside it, so a
 * fragment of three rows at a page head ends its last column where its own widest value does,
 * 13 pt short of the page before's. Which one is narrower its row count does not say: a page
 * of nine tall rows (descriptions wrapped in a narrow column) may close on a wider last column
 * than the ten rows of the next page.
 */
function streamTextFits(longer: PageTable, shorter: PageTable, s: TableSettings): boolean {
  if (longer.finder !== 'stream' || shorter.finder !== 'stream' || longer.nCols !== shorter.nCols) return false;
  const tol = s.assembly.continuationStreamColTolerance;
  const xs = longer.colXs;
  const cells = shorter.cells.filter((c) => c.text && c.colSpan === 1);
  return cells.length > 0 && cells.every((c) => c.bbox[0] >= xs[c.col] - tol && c.bbox[2] <= xs[c.col + 1] + tol);
}

/** Fragments framed by rules of one extent with as many columns: one 三线表 continued. */
function sameFrame(fragments: readonly PageTable[], s: TableSettings): boolean {
  const [first] = fragments;
  const tol = s.frames.extentTolerance;
  return fragments.every((t) => t.frame && first.frame && t.nCols === first.nCols
    && Math.abs(t.frame[0] - first.frame[0]) <= tol && Math.abs(t.frame[2] - first.frame[2]) <= tol);
}

/** How far the column lines of page fragments may differ: more when all come from text alignment. */
function continuationTolerance(fragments: readonly PageTable[], s: TableSettings): number {
  const stream = fragments.every((t) => t.finder === 'stream');
  return stream ? s.assembly.continuationStreamColTolerance : s.assembly.continuationColTolerance;
}

/** Cells starting in row r, as a comparable signature. */
function rowSignature(t: PageTable, r: number): string {
  return t.cells
    .filter((c) => c.row === r)
    .sort((a, b) => a.col - b.col)
    .map((c) => `${c.col}/${c.colSpan}/${c.rowSpan}/${c.text}`)
    .join('|');
}

/**
 * How many top rows of `next` repeat the header of `first`: the longest run of equal rows
 * that ends on a row boundary no cell of `next` crosses. Column indexes are compared on the
 * common column grid.
 */
export function repeatedHeaderRows(first: PageTable, next: PageTable): number {
  let best = 0;
  const limit = Math.min(first.nRows, next.nRows - 1);
  for (let k = 1; k <= limit; k++) {
    const sig = rowSignature(next, k - 1);
    if (!sig || sig !== rowSignature(first, k - 1)) break;
    if (closedAt(next, k)) best = k;
  }
  return best || restackedHeaderRows(first, next);
}

/** Most header rows of one table, or lines of a header stacked a row each, compared as a repeat. */
const HEADER_ROWS_COMPARED = 6;

/**
 * How many top rows of `next` hold, column by column, the text of the top rows of `first`
 * read the other way: a header printed again on the next page whose stacked cells one page's
 * reading kept as one row each (`计算符号`) and the other's as a row per line (`计`, `算`, `符`,
 * `号`). 0 when no such run ends on a row boundary no cell crosses.
 */
function restackedHeaderRows(first: PageTable, next: PageTable): number {
  for (let m = 1; m <= Math.min(first.nRows - 1, HEADER_ROWS_COMPARED); m++) {
    if (!closedAt(first, m)) continue;
    const head = columnTexts(first, m);
    if (head.every((t) => !t)) continue;
    for (let k = 1; k <= Math.min(next.nRows - 1, HEADER_ROWS_COMPARED); k++) {
      if (k === m) continue;
      if (closedAt(next, k) && columnTexts(next, k).every((t, c) => t === head[c])) return k;
    }
  }
  return 0;
}

function closedAt(t: PageTable, k: number): boolean {
  return !t.cells.some((c) => c.row < k && c.row + c.rowSpan > k);
}

/** The text of the cells starting in rows 0..k-1, per column (top to bottom, blanks dropped). */
function columnTexts(t: PageTable, k: number): string[] {
  const out = new Array<string>(t.nCols).fill('');
  const cells = t.cells.filter((c) => c.row < k && c.text).sort((a, b) => a.row - b.row);
  for (const c of cells) out[c.col] += c.text.replace(/\s+/gu, '');
  return out;
}

/** Re-indexes a table's columns onto a common column grid (a superset of its colXs). */
function onColumns(t: PageTable, xs: readonly number[]): PageTable {
  const map = t.colXs.map((x) => nearestIndex(xs, x));
  if (map.every((m, i) => m === i) && xs.length === t.colXs.length) return t;
  const cells = t.cells.map((c) => {
    const c0 = map[c.col];
    const c1 = map[c.col + c.colSpan];
    return { ...c, col: c0, colSpan: Math.max(1, c1 - c0) };
  });
  return { ...t, cells, nCols: xs.length - 1, colXs: [...xs] };
}

function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}

/** Column lines of several fragments merged: each first/last aligned, inner lines clustered. */
function commonColumns(tables: readonly PageTable[], tol: number): number[] {
  const all = tables.flatMap((t) => t.colXs).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of all) {
    const last = clusters[clusters.length - 1];
    if (last && x - last[last.length - 1] <= tol) last.push(x);
    else clusters.push([x]);
  }
  return clusters.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

/** One or more page fragments of a table → one Grid (repeated header rows dropped). */
export function fragmentsToGrid(chain: readonly PageTable[], s: TableSettings, ink: InkOf = () => null): Grid {
  const tol = continuationTolerance(chain, s);
  // Framed fragments keep their columns by index: their column lines come from each page's text.
  // So do borderless ones whose text stands in the same columns (streamTextFits).
  const byIndex = chain.length > 1 && (sameFrame(chain, s) || chain.slice(1).every((t, i) => streamTextFits(chain[i], t, s) || streamTextFits(t, chain[i], s)));
  const xs = chain.length > 1 && !byIndex ? commonColumns(chain, tol) : chain[0].colXs;
  const parts = chain.map((t) => (chain.length > 1 && !byIndex ? onColumns(t, xs) : t));
  const cells: GridCell[] = [];
  const rowSources: RowSource[] = [];
  const pageBreakRows: number[] = [];
  const warnings: string[] = [];
  const pagesSeen: number[] = [];
  const skips = parts.map((part, i) => (i === 0 ? 0 : repeatedHeaderRows(parts[0], part)));
  const share = ownTextShare(parts, xs.length - 1, skips);
  let offset = 0;
  parts.forEach((part, i) => {
    const skip = skips[i];
    // The lower part of a row the page break cut goes into that row (page-cuts.ts).
    const cut = i > 0 && skip < part.nRows && joinCutRow(cells, offset, part, skip, share, ink, s.assembly);
    const t = cut ? dropRow(part, skip) : part;
    if (cut) warnings.push(`a row cut by the page break before page ${part.page} joined again`);
    if (i > 0) pageBreakRows.push(offset);
    for (const c of t.cells) {
      if (c.row < skip) continue;
      cells.push({ ...c, row: c.row - skip + offset });
    }
    for (let r = skip; r < t.nRows; r++) rowSources.push({ page: t.page, bbox: t.rowBoxes[r] });
    for (const w of t.warnings) warnings.push(w);
    if (!pagesSeen.includes(t.page)) pagesSeen.push(t.page);
    offset += t.nRows - skip;
  });
  return {
    nRows: offset,
    nCols: xs.length - 1,
    cells,
    rowSources,
    location: { pages: pagesSeen },
    captions: [],
    pageBreakRows,
    warnings,
  };
}

/** The lowest line of text in a cell's box on its page, with its line height, and the first line's ends. */
function inkIn(pages: readonly PdfPage[]): InkOf {
  const byNumber = new Map(pages.map((p) => [p.number, p]));
  return (cell) => {
    const page = cell.page === undefined ? undefined : byNumber.get(cell.page);
    if (!page || !cell.bbox) return null;
    const runs = page.runs.filter((r) => r.text.trim() && containsPoint(cell.bbox!, centre(r.bbox)));
    if (runs.length === 0) return null;
    const lowest = runs.reduce((a, b) => (b.bbox[3] > a.bbox[3] ? b : a));
    const lineHeight = lowest.bbox[3] - lowest.bbox[1];
    const onLine = runs.filter((r) => r.bbox[1] >= lowest.bbox[1] - lineHeight / 2);
    const highest = runs.reduce((a, b) => (b.bbox[1] < a.bbox[1] ? b : a));
    const firstLine = runs.filter((r) => r.bbox[1] <= highest.bbox[1] + lineHeight / 2);
    return {
      bottom: lowest.bbox[3],
      lineHeight,
      left: Math.min(...onLine.map((r) => r.bbox[0])),
      right: Math.max(...onLine.map((r) => r.bbox[2])),
      firstLeft: Math.min(...firstLine.map((r) => r.bbox[0])),
      firstRight: Math.max(...firstLine.map((r) => r.bbox[2])),
    };
  };
}

// ---------------------------------------------------------------------------------------

function boxOfRuns(runs: readonly TextRun[]): BBox {
  return [
    Math.min(...runs.map((r) => r.bbox[0])),
    Math.min(...runs.map((r) => r.bbox[1])),
    Math.max(...runs.map((r) => r.bbox[2])),
    Math.max(...runs.map((r) => r.bbox[3])),
  ];
}
