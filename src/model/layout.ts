// The format-blind intermediate model. Readers produce a Layout; table finders turn it
// into a DocumentGrids (text lines + Grids); everything after that never asks which
// format a table came from.

/** [x0, top, x1, bottom] in PDF points, origin at the page's top-left corner, y growing down. */
export type BBox = [number, number, number, number];

/** A run of text as placed on a PDF page. */
export interface TextRun {
  text: string;
  bbox: BBox;
  fontSize: number;
  fontName: string;
  /** Set only on runs read by OCR: the recogniser's confidence in the run's text, 0–1. */
  ocrConfidence?: number;
}

/** A straight ruling segment (stroked line or thin filled rectangle), page coordinates. */
export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  rulings: Ruling[];
  /** True when the page carries images but no text layer (a scan). */
  scanned: boolean;
  /**
   * A scanned page's raster for the OCR stage (src/readers/ocr): the images the page paints, in
   * paint order. Filled by the reader only when `scanned`; the OCR stage reads them, fills `runs`
   * (with `ocrConfidence`) and `rulings`, sets `ocr`, and drops `images`.
   */
  images?: PageImage[];
  /** Set by the OCR stage on a page it read. */
  ocr?: PageOcr;
}

/**
 * Maps an image's unit square onto the page (points, top-left origin): the image point (u, v),
 * u to the right and v down from its top-left corner, both 0–1, lands at
 * x = a·u + c·v + e, y = b·u + d·v + f. An upright image filling [x0, top, x1, bottom] is
 * [x1 - x0, 0, 0, bottom - top, x0, top].
 */
export type ImageMatrix = [a: number, b: number, c: number, d: number, e: number, f: number];

/**
 * One image painted on a scanned page, format-blind (a PDF image XObject, an OFD ImageObject, a
 * TIFF frame): decoded pixels, or the encoded file as stored (JPEG, PNG, TIFF, WebP, GIF — the
 * OCR stage decodes it). Pixels are row-major from the top-left, `channels` bytes each
 * (1 gray, 3 RGB, 4 RGBA; 0 = black). A 1-bit mask is given as gray (0 where ink).
 */
export type PageImage =
  | { kind: 'pixels'; matrix: ImageMatrix; width: number; height: number; channels: 1 | 3 | 4; data: Uint8Array }
  | { kind: 'encoded'; matrix: ImageMatrix; bytes: Uint8Array };

/** What the OCR stage did on a page. */
export interface PageOcr {
  /** Engine and models, e.g. `PP-OCRv4 (onnxruntime)`. */
  engine: string;
  /** Clockwise rotation (degrees) the page image was turned by before reading. */
  rotation: 0 | 90 | 180 | 270;
  /** Skew corrected, degrees (positive: the scan was turned clockwise; 0 when none was corrected). */
  skew: number;
  /** Resolution the page was read at, pixels per inch. */
  dpi: number;
  /** Mean recogniser confidence over the page's runs (0–1; 0 when nothing was read). */
  meanConfidence: number;
}

/** A paragraph or table in a flowing document (DOCX). */
export type FlowBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'table'; index: number; rows: RawCell[][] };

/** A cell as a word processor or spreadsheet declares it, before grid placement. */
export interface RawCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

export interface SheetLayout {
  name: string;
  /** Displayed text by [row][col], '' for empty; rows/cols are 0-based sheet coordinates. */
  values: string[][];
  /** Merged ranges, 0-based inclusive. */
  merges: { r0: number; c0: number; r1: number; c1: number }[];
}

export type Layout =
  | { format: 'docx'; blocks: FlowBlock[] }
  | { format: 'xlsx'; sheets: SheetLayout[] }
  | { format: 'pdf'; pages: PdfPage[] }
  | { format: 'ofd'; pages: PdfPage[] };

/** Word 97 / Excel 97 containers; `wps`/`et` when WPS Office wrote them (src/readers/legacy-ole.ts). */
export type LegacyFormat = 'doc' | 'wps' | 'xls' | 'et';

/** What a file really is, from its bytes (`source.format`). */
export type Format = Layout['format'] | LegacyFormat;

/** One cell of a Grid, placed once with its spans (never copied into covered slots). */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** PDF only: the page of the cell's first row and its box there. */
  page?: number;
  bbox?: BBox;
  /** Scanned pages only: the lowest OCR confidence of the runs in the cell (0–1). */
  ocrConfidence?: number;
}

/** Where a grid row came from in its source file. */
export type RowSource =
  | { page: number; bbox: BBox }
  | { sheet: string; row: number }
  | { table: number; row: number };

export type TableLocation =
  | { pages: number[] }
  | { sheet: string; range: string }
  | { table: number };

export interface Grid {
  nRows: number;
  nCols: number;
  cells: GridCell[];
  /** Provenance of every row, index = row number. */
  rowSources: RowSource[];
  location: TableLocation;
  /** Text lines just above the table, in reading order (the nearest is last). */
  captions: string[];
  /** Rows that open a new page of a table continued across a page break. */
  pageBreakRows: number[];
  /** Problems met while building the grid (text outside cells, etc.). */
  warnings: string[];
}

/** What the table finders hand to the structurer: the document's text and its tables. */
export interface DocumentGrids {
  format: Format;
  /** Body text lines in reading order (used for the notice head). */
  lines: string[];
  tables: Grid[];
  pages?: number;
  sheets?: string[];
  warnings: string[];
}
