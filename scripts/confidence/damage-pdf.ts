// Damages for PDFs, applied to the reader's PdfPage[] (text runs + ruling segments) before
// the table assembly. The table to damage is found with the page-table finder; header rows
// are the rows the structurer's header recogniser picks.
import type { BBox, Grid, PdfPage, Ruling, TextRun } from '../../src/model/layout.ts';
import type { ColumnRole } from '../../src/model/schema.ts';
import { findPageTables } from '../../src/tables/pdf-document.ts';
import type { PageTable } from '../../src/tables/page-table.ts';
import { findHeader } from '../../src/structure/header.ts';
import { GARBLES, type Rng, garble, int, pick, privateUse } from './text.ts';

export interface PdfTableRef {
  table: PageTable;
  hs: number;
  he: number;
  roles: ColumnRole[];
}

export type PdfDamage = (pages: PdfPage[], t: PdfTableRef, rng: Rng) => { pages: PdfPage[]; text: string } | null;

/** Page tables that carry an indicator header (continuation fragments are left alone). */
export function pdfIndicatorTables(pages: PdfPage[]): PdfTableRef[] {
  const out: PdfTableRef[] = [];
  for (const table of findPageTables(pages)) {
    const grid: Grid = { nRows: table.nRows, nCols: table.nCols, cells: table.cells, rowSources: [], location: { pages: [table.page] }, captions: [], pageBreakRows: [], warnings: [] };
    const header = findHeader(grid);
    if (!header || !header.columns.some((c) => c.role === 'level3') || header.end + 2 >= table.nRows) continue;
    out.push({ table, hs: header.start, he: header.end, roles: header.columns.map((c) => c.role) });
  }
  return out;
}

const BODY_ROLES: ColumnRole[] = ['level3', 'operator', 'value', 'unit', 'description'];

function centre(b: BBox): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

function rowTop(t: PageTable, r: number): number {
  return t.rowBoxes[r][1];
}

function rowBottom(t: PageTable, r: number): number {
  return t.rowBoxes[r][3];
}

function inBox(run: TextRun, x0: number, y0: number, x1: number, y1: number): boolean {
  const [x, y] = centre(run.bbox);
  return x >= x0 && x < x1 && y >= y0 && y < y1;
}

function pageOf(pages: PdfPage[], t: PdfTableRef): PdfPage {
  return pages.find((p) => p.number === t.table.page)!;
}

function bodyRows(t: PdfTableRef): number[] {
  const out: number[] = [];
  for (let r = t.he + 1; r < t.table.nRows; r++) out.push(r);
  return out;
}

function colsWithRole(t: PdfTableRef, roles: ColumnRole[]): number[] {
  return t.roles.map((role, i) => (roles.includes(role) ? i : -1)).filter((c) => c >= 0);
}

function runsIn(page: PdfPage, t: PageTable, r: number, c: number): TextRun[] {
  const xs = t.colXs;
  return page.runs.filter((run) => inBox(run, xs[c], rowTop(t, r), xs[c + 1], rowBottom(t, r)));
}

/** Removes the part of every ruling on the line that lies strictly inside (a, b). */
function cutRulings(page: PdfPage, horizontal: boolean, at: number, a: number, b: number): number {
  const out: Ruling[] = [];
  let cut = 0;
  for (const g of page.rulings) {
    const isH = Math.abs(g.y0 - g.y1) < 0.5;
    const isV = Math.abs(g.x0 - g.x1) < 0.5;
    const on = horizontal ? isH && Math.abs(g.y0 - at) < 1.5 : isV && Math.abs(g.x0 - at) < 1.5;
    if (!on) {
      out.push(g);
      continue;
    }
    const lo = horizontal ? Math.min(g.x0, g.x1) : Math.min(g.y0, g.y1);
    const hi = horizontal ? Math.max(g.x0, g.x1) : Math.max(g.y0, g.y1);
    if (hi <= a + 1 || lo >= b - 1) {
      out.push(g);
      continue;
    }
    cut++;
    const make = (p: number, q: number): Ruling => (horizontal ? { x0: p, y0: g.y0, x1: q, y1: g.y1 } : { x0: g.x0, y0: p, x1: g.x1, y1: q });
    if (lo < a + 1) out.push(make(lo, a + 1));
    if (hi > b - 1) out.push(make(b - 1, hi));
  }
  page.rulings = out;
  return cut;
}

/** A ruling segment is deleted: between two body rows in one column, or between two columns in one row. */
export const deleteRuling: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const tb = t.table;
  if (page.rulings.length === 0) return null;
  if (rng() < 0.5) {
    const r = pick(rng, bodyRows(t).slice(1));
    const c = pick(rng, colsWithRole(t, BODY_ROLES));
    if (r === undefined || c === undefined) return null;
    const n = cutRulings(page, true, rowTop(tb, r), tb.colXs[c], tb.colXs[c + 1]);
    return n ? { pages, text: `horizontal ruling above row ${r + 1} removed in column ${c + 1} (${t.roles[c]})` } : null;
  }
  const r = pick(rng, bodyRows(t));
  const cs = colsWithRole(t, BODY_ROLES).filter((c) => c + 1 < tb.nCols);
  if (cs.length === 0) return null;
  const c = pick(rng, cs);
  const n = cutRulings(page, false, tb.colXs[c + 1], rowTop(tb, r), rowBottom(tb, r));
  return n ? { pages, text: `vertical ruling right of column ${c + 1} (${t.roles[c]}) removed in row ${r + 1}` } : null;
};

/** A merged level cell is split by a new ruling; its text lands in one part. */
export const breakMergePdf: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const merged = t.table.cells.filter((c) => c.row > t.he && c.rowSpan > 1);
  if (merged.length === 0 || page.rulings.length === 0) return null;
  const cell = pick(rng, merged);
  const r = int(rng, cell.row + 1, cell.row + cell.rowSpan - 1);
  const y = rowTop(t.table, r);
  page.rulings.push({ x0: cell.bbox[0], y0: y, x1: cell.bbox[2], y1: y });
  return { pages, text: `merged cell at row ${cell.row + 1} col ${cell.col + 1} split above row ${r + 1}` };
};

/** A row's runs from some column on move one column to the right. */
export const shiftColumnPdf: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const tb = t.table;
  const r = pick(rng, bodyRows(t));
  const cs = colsWithRole(t, BODY_ROLES).filter((c) => c + 1 < tb.nCols);
  if (cs.length === 0) return null;
  const c = pick(rng, cs);
  const dx = tb.colXs[c + 1] - tb.colXs[c];
  let n = 0;
  for (const run of page.runs) {
    if (inBox(run, tb.colXs[c], rowTop(tb, r), tb.colXs[tb.nCols], rowBottom(tb, r))) {
      run.bbox = [run.bbox[0] + dx, run.bbox[1], run.bbox[2] + dx, run.bbox[3]];
      n++;
    }
  }
  return n ? { pages, text: `row ${r + 1}: ${n} runs from column ${c + 1} shifted right by ${Math.round(dx)}pt` } : null;
};

/** Run texts garbled in a few body cells, a merged level cell or a header cell. */
export const garblePdf: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const how = pick(rng, GARBLES);
  const variant = rng();
  const rows = variant < 0.2 ? [t.he] : bodyRows(t);
  const cols = variant < 0.2 ? colsWithRole(t, [...BODY_ROLES, 'level1', 'level2']) : variant < 0.45 ? colsWithRole(t, ['level1', 'level2']) : colsWithRole(t, BODY_ROLES);
  const cells = t.table.cells.filter((cell) => rows.includes(cell.row) && cols.includes(cell.col) && cell.text);
  if (cells.length === 0) return null;
  const n = variant < 0.45 ? 1 : int(rng, 1, 3);
  let changed = 0;
  for (let k = 0; k < n; k++) {
    const cell = pick(rng, cells);
    for (const run of page.runs) {
      if (inBox(run, cell.bbox[0], cell.bbox[1], cell.bbox[2], cell.bbox[3])) {
        run.text = garble(run.text, how, rng);
        changed++;
      }
    }
  }
  return changed ? { pages, text: `${how} in ${changed} runs of ${n} ${variant < 0.2 ? 'header' : variant < 0.45 ? 'level' : 'body'} cell(s)` } : null;
};

/** The header rows' text is gone (the rulings stay). */
export const dropHeaderPdf: PdfDamage = (pages, t) => {
  const page = pageOf(pages, t);
  const tb = t.table;
  const before = page.runs.length;
  page.runs = page.runs.filter((run) => !inBox(run, tb.colXs[0], rowTop(tb, t.hs), tb.colXs[tb.nCols], rowBottom(tb, t.he)));
  return before > page.runs.length ? { pages, text: `header rows ${t.hs + 1}-${t.he + 1}: ${before - page.runs.length} runs removed` } : null;
};

/** Two adjacent columns swap their body runs. */
export const swapColumnsPdf: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const tb = t.table;
  const pairs: number[] = [];
  for (let c = 0; c + 1 < tb.nCols; c++) if (t.roles[c] !== 'seq' && t.roles[c + 1] !== 'seq' && !(t.roles[c] === 'other' && t.roles[c + 1] === 'other')) pairs.push(c);
  if (pairs.length === 0) return null;
  const c = pick(rng, pairs);
  const [x0, x1, x2] = [tb.colXs[c], tb.colXs[c + 1], tb.colXs[c + 2]];
  const top = rowTop(tb, t.he + 1);
  const bottom = tb.bbox[3];
  let n = 0;
  for (const run of page.runs) {
    const [x, y] = centre(run.bbox);
    if (y < top || y >= bottom) continue;
    let dx = 0;
    if (x >= x0 && x < x1) dx = x1 - x0 + ((x2 - x1) - (x1 - x0)) / 2;
    else if (x >= x1 && x < x2) dx = -(x1 - x0) - ((x2 - x1) - (x1 - x0)) / 2;
    if (!dx) continue;
    run.bbox = [run.bbox[0] + dx, run.bbox[1], run.bbox[2] + dx, run.bbox[3]];
    n++;
  }
  return n ? { pages, text: `body runs of columns ${c + 1} (${t.roles[c]}) and ${c + 2} (${t.roles[c + 1]}) swapped (${n} runs)` } : null;
};

/**
 * A font without ToUnicode: its runs come out as private-use code points or vanish. The font
 * is one used in the table's body (symbols, digits or CJK); for the CJK font only the body
 * rows of this table are hit (a subset embedded for them), or the whole file would be lost.
 */
export const stripFontsPdf: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const tb = t.table;
  const inBody = (run: TextRun) => inBox(run, tb.colXs[0], rowTop(tb, t.he + 1), tb.colXs[tb.nCols], tb.bbox[3]);
  const fonts = [...new Set(page.runs.filter(inBody).map((run) => run.fontName))];
  if (fonts.length === 0) return null;
  const font = pick(rng, fonts);
  const cjk = page.runs.filter((run) => run.fontName === font && /\p{Script=Han}/u.test(run.text)).length > 0;
  const lose = rng() < 0.5;
  let n = 0;
  for (const p of pages) {
    for (const run of p.runs) {
      if (run.fontName !== font || (cjk && (p !== page || !inBody(run)))) continue;
      run.text = lose ? '' : privateUse(run.text);
      n++;
    }
    p.runs = p.runs.filter((run) => run.text !== '');
  }
  return n ? { pages, text: `font ${font} stripped (${lose ? 'text lost' : 'private-use code points'}) in ${n} runs${cjk ? ' of the table body' : ''}` } : null;
};

/** The table is cut at a body row boundary: everything below moves to a new page (header repeated or not). */
export const cutAtPageBreakPdf: PdfDamage = (pages, t, rng) => {
  const page = pageOf(pages, t);
  const tb = t.table;
  const rows = bodyRows(t).slice(1);
  if (rows.length === 0) return null;
  const k = pick(rng, rows);
  const y = rowTop(tb, k);
  const repeat = rng() < 0.5;
  const margin = tb.bbox[1] > 60 ? 56 : tb.bbox[1];
  const headerTop = rowTop(tb, t.hs);
  const headerHeight = repeat ? rowBottom(tb, t.he) - headerTop : 0;
  const dy = margin + headerHeight - y;
  const moved: TextRun[] = [];
  const kept: TextRun[] = [];
  for (const run of page.runs) (centre(run.bbox)[1] >= y ? moved : kept).push(run);
  const newRulings: Ruling[] = [];
  const keptRulings: Ruling[] = [];
  for (const g of page.rulings) {
    const lo = Math.min(g.y0, g.y1);
    const hi = Math.max(g.y0, g.y1);
    if (hi <= y + 0.5) {
      keptRulings.push(g);
      if (Math.abs(hi - y) <= 0.5 && Math.abs(g.y0 - g.y1) < 0.5) newRulings.push({ ...g, y0: y + dy, y1: y + dy });
    } else if (lo >= y - 0.5) newRulings.push({ ...g, y0: g.y0 + dy, y1: g.y1 + dy });
    else {
      keptRulings.push({ ...g, y0: lo, y1: y });
      newRulings.push({ ...g, y0: y + dy, y1: hi + dy });
    }
  }
  const shift = (run: TextRun, d: number): TextRun => ({ ...run, bbox: [run.bbox[0], run.bbox[1] + d, run.bbox[2], run.bbox[3] + d] });
  const newRuns = moved.map((run) => shift(run, dy));
  if (repeat) {
    const hd = margin - headerTop;
    for (const run of page.runs) if (inBox(run, tb.colXs[0], headerTop, tb.colXs[tb.nCols], rowBottom(tb, t.he))) newRuns.push(shift(run, hd));
    for (const g of page.rulings) {
      const lo = Math.min(g.y0, g.y1);
      const hi = Math.max(g.y0, g.y1);
      if (lo >= headerTop - 0.5 && hi <= rowBottom(tb, t.he) + 0.5) newRulings.push({ ...g, y0: g.y0 + hd, y1: g.y1 + hd });
    }
  }
  page.runs = kept;
  page.rulings = keptRulings;
  const added: PdfPage = { ...page, number: page.number + 1, runs: newRuns, rulings: newRulings };
  const out: PdfPage[] = [];
  for (const p of pages) {
    if (p.number > page.number) out.push({ ...p, number: p.number + 1 });
    else out.push(p);
    if (p === page) out.push(added);
  }
  return { pages: out, text: `cut above row ${k + 1} (y=${Math.round(y)}), moved to a new page${repeat ? ' under a repeated header' : ''}` };
};

export const PDF_DAMAGES: Record<string, PdfDamage> = {
  'delete-ruling': deleteRuling,
  'break-merge': breakMergePdf,
  'shift-column': shiftColumnPdf,
  'garble-characters': garblePdf,
  'drop-header': dropHeaderPdf,
  'swap-columns': swapColumnsPdf,
  'strip-fonts': stripFontsPdf,
  'cut-at-page-break': cutAtPageBreakPdf,
};
