// A sample read up to the stage boundary where damage is applied, and the rest of the
// pipeline from there: DOCX FlowBlock[] → flowToDocumentGrids, XLSX SheetLayout[] →
// sheetsToDocumentGrids, PDF PdfPage[] → pdfToDocumentGrids; then gridsToTables.
import { readFileSync } from 'node:fs';
import type { DocumentGrids, FlowBlock, PdfPage, SheetLayout } from '../../src/model/layout.ts';
import type { Table } from '../../src/model/schema.ts';
import { readDocx } from '../../src/readers/docx.ts';
import { readXlsx } from '../../src/readers/xlsx.ts';
import { readPdf } from '../../src/readers/pdf.ts';
import { readLegacyWorkbook } from '../../src/readers/legacy-xls.ts';
import { limitsFromEnv } from '../../src/readers/limits.ts';
import { ofdPages } from '../../pipelines/ofd-grids.ts';
import { flowToDocumentGrids } from '../../src/tables/flow-tables.ts';
import { sheetsToDocumentGrids } from '../../src/tables/sheet-tables.ts';
import { pdfToDocumentGrids } from '../../src/tables/pdf-document.ts';
import { gridsToTables } from '../../pipelines/extract-document.ts';
import { documentConfidence } from '../../src/confidence/score.ts';
import { type Matrix, type TableRef, cloneMatrix, docxTables, insertRows, matricesToBlocks, matrixToRawRows, splitMergesAt, width, xlsxTables } from './matrix.ts';
import type { TableDamage } from './damage-table.ts';
import { PDF_DAMAGES, pdfIndicatorTables } from './damage-pdf.ts';
import type { Rng } from './text.ts';
import { pick } from './text.ts';

export type Layer =
  | { format: 'docx'; blocks: FlowBlock[] }
  | { format: 'xlsx'; sheets: SheetLayout[]; warnings: string[] }
  | { format: 'pdf'; pages: PdfPage[] };

export interface Outcome {
  tables: Table[];
  warnings: string[];
  confidence: number;
}

/**
 * The sample read to its stage boundary: OFD pages are PDF pages, XLS/ET sheets are XLSX sheets
 * (their readers' outputs). Null for DOC/WPS, which reach the pipeline only as the DOCX that
 * LibreOffice converts them to (the DOCX samples are damaged at that boundary).
 */
export async function readLayer(path: string): Promise<Layer | null> {
  const bytes = readFileSync(path);
  if (path.endsWith('.docx')) return { format: 'docx', blocks: await readDocx(bytes) };
  if (path.endsWith('.xlsx') || path.endsWith('.xls') || path.endsWith('.et')) {
    const { sheets, warnings } = path.endsWith('.xlsx') ? readXlsx(bytes) : readLegacyWorkbook(bytes, limitsFromEnv());
    return { format: 'xlsx', sheets, warnings };
  }
  if (path.endsWith('.ofd')) return { format: 'pdf', pages: ofdPages(bytes, limitsFromEnv()).pages };
  if (path.endsWith('.pdf')) return { format: 'pdf', pages: await readPdf(bytes) };
  return null;
}

export function toGrids(layer: Layer): DocumentGrids {
  if (layer.format === 'docx') return flowToDocumentGrids(layer.blocks);
  if (layer.format === 'xlsx') return sheetsToDocumentGrids(layer.sheets, layer.warnings);
  return pdfToDocumentGrids(layer.pages);
}

export function runLayer(layer: Layer): Outcome {
  const { tables, warnings } = gridsToTables(toGrids(layer));
  return { tables, warnings, confidence: documentConfidence(tables, warnings) };
}

/** Copies the rows of m from k on into a new matrix (merges moved along). */
function tailMatrix(m: Matrix, k: number): Matrix {
  return {
    values: m.values.slice(k).map((row) => [...row]),
    merges: m.merges.filter((g) => g.r0 >= k).map((g) => ({ ...g, r0: g.r0 - k, r1: g.r1 - k })),
  };
}

function headerCopy(m: Matrix, hs: number, he: number): Matrix {
  return {
    values: m.values.slice(hs, he + 1).map((row) => [...row]),
    merges: m.merges.filter((g) => g.r0 >= hs && g.r1 <= he).map((g) => ({ ...g, r0: g.r0 - hs, r1: g.r1 - hs })),
  };
}

function stack(a: Matrix, b: Matrix): Matrix {
  const n = a.values.length;
  const cols = Math.max(width(a), width(b));
  const pad = (row: string[]) => [...row, ...new Array<string>(Math.max(0, cols - row.length)).fill('')];
  return { values: [...a.values.map(pad), ...b.values.map(pad)], merges: [...a.merges, ...b.merges.map((g) => ({ ...g, r0: g.r0 + n, r1: g.r1 + n }))] };
}

/**
 * Applies a table damage to one indicator table of a DOCX/XLSX layer (chosen by rng) and
 * returns the damaged layer, or null when the damage does not apply.
 */
export function damageTableLayer(layer: Layer, damage: TableDamage, rng: Rng): { layer: Layer; description: string } | null {
  if (layer.format === 'docx') {
    const { matrices, tables } = docxTables(layer.blocks);
    if (tables.length === 0) return null;
    const t = pick(rng, tables);
    const blockIndex = Number(t.key.replace('table ', ''));
    const extra = new Map<number, Matrix>();
    const cut = (k: number, repeatHeader: boolean) => {
      splitMergesAt(t.m, k);
      let tail = tailMatrix(t.m, k);
      if (repeatHeader) tail = stack(headerCopy(t.m, t.hs, t.he), tail);
      t.m.values.length = k;
      t.m.merges = t.m.merges.filter((g) => g.r1 < k);
      extra.set(blockIndex, tail);
    };
    const description = damage({ ...t, cut }, rng);
    if (!description) return null;
    let blocks = matricesToBlocks(layer.blocks, matrices);
    if (extra.size) {
      const maxIndex = Math.max(...blocks.map((b) => (b.type === 'table' ? b.index : 0)));
      blocks = blocks.flatMap((b): FlowBlock[] => {
        const tail = b.type === 'table' ? extra.get(b.index) : undefined;
        return tail ? [b, { type: 'table', index: maxIndex + 1, rows: matrixToRawRows(tail) }] : [b];
      });
    }
    return { layer: { format: 'docx', blocks }, description: `${t.key}: ${description}` };
  }
  if (layer.format === 'xlsx') {
    const sheets = layer.sheets.map((s) => cloneMatrix(s));
    const tables = xlsxTables(sheets);
    if (tables.length === 0) return null;
    const t: TableRef = pick(rng, tables);
    const cut = (k: number, repeatHeader: boolean) => {
      splitMergesAt(t.m, k);
      const header = headerCopy(t.m, t.hs, t.he);
      insertRows(t.m, k, 1 + (repeatHeader ? header.values.length : 0));
      if (repeatHeader) {
        header.values.forEach((row, i) => { t.m.values[k + 1 + i] = [...row, ...new Array<string>(Math.max(0, width(t.m) - row.length)).fill('')]; });
        for (const g of header.merges) t.m.merges.push({ ...g, r0: g.r0 + k + 1, r1: g.r1 + k + 1 });
      }
    };
    const description = damage({ ...t, cut }, rng);
    if (!description) return null;
    return { layer: { format: 'xlsx', sheets, warnings: layer.warnings }, description: `${t.key}: ${description}` };
  }
  return null;
}

export function damagePdfLayer(layer: Layer, kind: string, rng: Rng): { layer: Layer; description: string } | null {
  if (layer.format !== 'pdf') return null;
  const damage = PDF_DAMAGES[kind];
  if (!damage) return null;
  const pages: PdfPage[] = layer.pages.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r, bbox: [...r.bbox] as typeof r.bbox })), rulings: p.rulings.map((g) => ({ ...g })) }));
  const tables = pdfIndicatorTables(pages);
  if (tables.length === 0) return null;
  const t = pick(rng, tables);
  const description = damage(pages, t, rng);
  if (!description) return null;
  return { layer: { format: 'pdf', pages: description.pages }, description: `page ${t.table.page}: ${description.text}` };
}
