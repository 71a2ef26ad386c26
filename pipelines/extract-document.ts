// One document, bytes in → DocumentResult out: reader → table finder → structurer (with the
// v2 typed fields) → scorer (confidence: read faithfully?) → quality review (the indicators as
// published) → notice. Pure apart from what the PDF reader loads from pdfjs-dist.
import { createHash } from 'node:crypto';
import type { DocumentGrids, Format, Grid } from '../src/model/layout.ts';
import { DocumentResult, SCHEMA_VERSION, type Table } from '../src/model/schema.ts';
import { ExtractError } from '../src/model/errors.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { flowToDocumentGrids } from '../src/tables/flow-tables.ts';
import { sheetsToDocumentGrids } from '../src/tables/sheet-tables.ts';
import { structureGrid } from '../src/structure/table.ts';
import { formGrids } from '../src/structure/forms.ts';
import { readNotice } from '../src/notice/metadata.ts';
import { gridHeadLines } from '../src/notice/grid-lines.ts';
import { documentConfidence, scoreTable } from '../src/confidence/score.ts';
import { skippedGridWarning, textOutsideTablesWarning } from '../src/confidence/evidence.ts';
import { reviewTable } from '../src/quality/review.ts';
import { noticeYear } from '../src/corpus/writer.ts';
import { limitsFromEnv, type InputLimits } from '../src/readers/limits.ts';
import { checkZip } from '../src/readers/zip-guard.ts';
import type { OcrMode } from './pdf-grids.ts';

/** How the queue's stages run an extraction (the CLI uses the defaults). */
export interface ExtractOptions {
  ocr?: OcrMode;
  /** The bytes are the convert stage's DOCX of this document: source says its format and SHA-256. */
  convertedFrom?: { format: Format; sha256: string };
}

/**
 * Bytes → grids, within the limits (README "Limits"): a DOCX/XLSX archive is judged by the
 * ZIP guard before mammoth or SheetJS inflate any of it.
 */
export async function documentGrids(bytes: Uint8Array, format: Format = sniffFormat(bytes), limits: InputLimits = limitsFromEnv(), ocr: OcrMode = 'run'): Promise<DocumentGrids> {
  if (bytes.length > limits.maxFileBytes) {
    throw new ExtractError('too-large', `the file has ${+(bytes.length / 2 ** 20).toFixed(2)} MB (limit ${+(limits.maxFileBytes / 2 ** 20).toFixed(2)} MB, ZHIBIAO_MAX_FILE_MB)`);
  }
  switch (format) {
    case 'docx': {
      checkZip(bytes, limits, 'corrupt-docx');
      // Readers load on first use: a PDF-only run never loads mammoth or SheetJS.
      const { readDocx } = await import('../src/readers/docx.ts');
      return flowToDocumentGrids(await readDocx(bytes));
    }
    case 'xlsx': {
      checkZip(bytes, limits, 'corrupt-xlsx');
      const { readXlsx } = await import('../src/readers/xlsx.ts');
      const { sheets, warnings } = readXlsx(bytes, limits);
      return sheetsToDocumentGrids(sheets, warnings);
    }
    case 'pdf': {
      const { pdfGrids } = await import('./pdf-grids.ts');
      return pdfGrids(bytes, { maxPages: limits.maxPages, maxStreamBytes: limits.maxPdfStreamBytes, maxImagePixels: limits.maxImagePixels }, ocr);
    }
    case 'ofd': {
      const entries = checkZip(bytes, limits, 'corrupt-ofd');
      const { ofdGrids } = await import('./ofd-grids.ts');
      return ofdGrids(bytes, entries, limits, ocr);
    }
    case 'xls':
    case 'et': {
      const { readLegacyWorkbook } = await import('../src/readers/legacy-xls.ts');
      const { sheets, warnings } = readLegacyWorkbook(bytes, limits);
      return sheetsToDocumentGrids(sheets, warnings);
    }
    case 'doc':
    case 'wps': {
      const { convertLegacy } = await import('../src/readers/legacy-convert.ts');
      const converted = await convertLegacy(bytes, format);
      return { ...(await documentGrids(converted.bytes, converted.format, limits)), format };
    }
  }
}

/**
 * Structures every form of the grids (src/structure/forms.ts), scores and reviews it; grids with
 * no indicator header are skipped with a warning. `documentYear` (the notice's) lets year-bound
 * quality rules apply to tables without one.
 */
export function gridsToTables(grids: DocumentGrids, documentYear: number | null = null): { tables: Table[]; warnings: string[] } {
  const tables: Table[] = [];
  const warnings = [...grids.warnings];
  let previousIndicatorGrid: Grid | null = null;
  formGrids(grids.tables).forEach((grid, i) => {
    const draft = structureGrid(grid, tables.length);
    if (draft) tables.push(reviewTable(scoreTable(draft, grid), documentYear));
    else {
      const warning = skippedGridWarning(grid, i, previousIndicatorGrid);
      if (warning) warnings.push(warning);
    }
    previousIndicatorGrid = draft ? grid : null;
  });
  const outside = textOutsideTablesWarning(grids.lines);
  if (outside) warnings.push(outside);
  return { tables, warnings };
}

export async function extractDocument(bytes: Uint8Array, path: string, options: ExtractOptions = {}): Promise<DocumentResult> {
  const read = sniffFormat(bytes);
  const format = options.convertedFrom?.format ?? read;
  const grids = await documentGrids(bytes, read, limitsFromEnv(), options.ocr);
  // The year-bound quality rules take the year from the notice head; the notice itself also reads
  // the forms' own facts (填报日期) from the tables' context.
  const headLines = gridHeadLines(grids.tables);
  const { tables, warnings } = gridsToTables(grids, noticeYear(readNotice(grids.lines, [], headLines)));
  const notice = readNotice(grids.lines, tables.map((table) => table.context), headLines);
  if (tables.length === 0 || tables.every((table) => table.indicators.length === 0)) {
    const scanned = warnings.some((w) => /no text layer/u.test(w));
    // Scanned pages are read by OCR (src/readers/ocr); one still without text had no image it could decode.
    if (scanned) throw new ExtractError(format === 'ofd' ? 'scanned-ofd' : 'scanned-pdf', `scanned pages without a text layer whose images could not be decoded (damaged, or over ZHIBIAO_MAX_IMAGE_MPIX)`);
    throw new ExtractError('no-indicator-table', `no indicator table found (${grids.tables.length} table(s) seen, none with an indicator header)`);
  }
  const result: DocumentResult = {
    schemaVersion: SCHEMA_VERSION,
    source: {
      path,
      sha256: options.convertedFrom?.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
      format,
      ...(grids.pages !== undefined ? { pages: grids.pages } : {}),
      ...(grids.sheets !== undefined ? { sheets: grids.sheets } : {}),
    },
    notice,
    tables,
    confidence: documentConfidence(tables, warnings),
    warnings,
  };
  return DocumentResult.parse(result);
}
