// The document spec: plain data that every producer renders and every scorer reads. A family
// builds one DocSpec per case (blocks to lay out + the truth); producers never invent content.
import type { ScoreCell } from '../icdar/adjacency.ts';

export type Orientation = 'portrait' | 'landscape';

export interface PageSetup {
  orientation: Orientation;
  /** Points. */
  margins: { top: number; right: number; bottom: number; left: number };
}

/**
 * How a table is ruled in the PDF writers (DOCX borders follow where Word can say it):
 * grid = every cell edge; outer = frame only; horizontal = row rules only; three-line =
 * top, under the header, bottom of each page fragment (三线表); none; verticals = column
 * rules only; partial = frame, column rules and horizontals only at the top, under the
 * header and between row groups; filled-rects = the grid drawn as thin filled rectangles;
 * fills = no lines, cells drawn as grey fills with white gaps.
 */
export type RulingStyle = 'grid' | 'outer' | 'horizontal' | 'three-line' | 'none' | 'verticals' | 'partial' | 'filled-rects' | 'fills';
export const RULING_STYLES: readonly RulingStyle[] = ['grid', 'outer', 'horizontal', 'three-line', 'none', 'verticals', 'partial', 'filled-rects', 'fills'];

export type HAlign = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom';

export interface CellSpec {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The cell's true text; `\n` forces a line break where the document has one. */
  text: string;
  align?: HAlign;
  valign?: VAlign;
  bold?: boolean;
  /** Font size, points, when not the row's (a spanning group heading set a size up). */
  size?: number;
  /** Left indent in em (indented row labels). */
  indent?: number;
  /** Dot leaders drawn after the text up to the cell's right edge (a separate text run). */
  leader?: boolean;
  /** Numbers in the monospace face. */
  mono?: boolean;
  /** XLSX: store as a number with this format instead of text (`0%` for 100% stored as 1). */
  number?: { value: number; format: string };
}

/**
 * header = header rows; body = an ordinary row; group = a label-only row opening a row
 * group; total = a total/合计 row; blank = an empty spacer row (a blank line in the PDF);
 * note = a note kept inside the frame (not part of the table's truth); decor = a typed
 * `-----` line or similar (not part of the truth).
 */
export type RowKind = 'header' | 'body' | 'group' | 'total' | 'blank' | 'note' | 'decor';

export interface TableStyle {
  ruling: RulingStyle;
  /** Body font size, points (7.5–12). */
  fontSize: number;
  headerFontSize: number;
  /** Line height as a multiple of the font size. */
  lineSpacing: number;
  /** Cell padding, points. */
  padX: number;
  padY: number;
  /** Stroke width of ordinary rules; the three-line style's outer rules are thicker. */
  ruleWidth: number;
  thickRuleWidth: number;
  /** Short rules under spanning header cells, exactly as wide as their columns. */
  underlineSpans: boolean;
  /** Header rows drawn again at the top of a continuation page. */
  repeatHeader: boolean;
  /** Height of a blank row as a multiple of the line height. */
  blankLines: number;
  /** Rows above which the `partial` style draws a horizontal rule (besides top and header). */
  groupRules: number[];
  /** Where the text of a merged cell cut by a page break goes: its first fragment, or the middle of the whole span. */
  cutText: 'first' | 'middle';
  /** Grey level of cell fills (fills style) and header fills: 0 black … 1 white. */
  fillGray: number;
}

export interface TableSpec {
  id: string;
  nRows: number;
  nCols: number;
  /** Relative column widths. */
  colWidths: number[];
  /** Share of the available width the table takes (centred). */
  widthShare: number;
  rowKinds: RowKind[];
  cells: CellSpec[];
  style: TableStyle;
  /** PDF writers: start a new page before these rows. */
  breakBefore: number[];
  /** The first column stands outside the ruled frame (labels outside a grid of numbers). */
  labelsOutside: boolean;
  /** Per-column minimum widths in em of the body font (a label column that must not shrink to one character). */
  minColEm?: number[];
  /** XLSX: the cells hidden under a merge hold the merged cell's text too (some exports do). */
  fillMerged?: boolean;
  /** XLSX: first column of the table on its sheet (an outer label column sits left of it). */
  sheetCol?: number;
}

export interface TextStyle {
  size: number;
  align: HAlign;
  bold?: boolean;
}

export type Block =
  | ({ kind: 'line'; text: string } & TextStyle)
  | { kind: 'paragraph'; text: string; size: number; indent: number }
  | { kind: 'columns'; paragraphs: string[]; size: number; gutter: number }
  | { kind: 'table'; table: TableSpec }
  | { kind: 'beside'; table: TableSpec; paragraphs: string[]; side: 'left' | 'right'; size: number; gutter: number }
  | { kind: 'bullets'; items: string[]; size: number; symbol: string }
  | { kind: 'chart'; bars: { label: string; value: number }[]; size: number }
  | { kind: 'gap'; lines: number }
  | { kind: 'pageBreak' }
  /** Starts a new sheet in XLSX (a new page elsewhere). */
  | { kind: 'sheet'; name: string };

export type Op = '≥' | '≤' | '=' | '>' | '<' | '定性';

/** One indicator row as the generator meant it (rules of ../shared/real/README.md). */
export interface TruthIndicator {
  level1: string | null;
  level2: string | null;
  level3: string;
  operator: Op | null;
  value: string | null;
  unit: string | null;
  description: string | null;
  /** Other readings that are also right, e.g. `90%以上` as operator ≥ with value `90%`. */
  alternatives?: { operator: Op | null; value: string | null }[];
  /** The extra columns the table has (schema v2 names). Absent = the table has no such column. */
  actual?: string | null;
  weight?: string | null;
  score?: string | null;
  deviation?: string | null;
  direction?: string | null;
  /** 前年 / 上年 values, in that order. */
  history?: (string | null)[];
  basis?: string | null;
  origin?: string | null;
  remark?: string | null;
}

export const EXTRA_FIELDS = ['actual', 'weight', 'score', 'deviation', 'direction', 'history', 'basis', 'origin', 'remark'] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];

export interface TruthTable {
  title: string | null;
  /** With a unit column value and unit are scored apart; without, together (value + unit). */
  unitColumn: boolean;
  rows: TruthIndicator[];
  /** Project-block facts the table states (项目名称, 主管部门 …), for schema v2 scoring. */
  project?: Record<string, string>;
}

export interface NoticeTruth {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
}

export interface IndicatorTruth {
  kind: 'indicators';
  notice: NoticeTruth;
  tables: TruthTable[];
  /** Level-3 texts of rows that are NOT indicators (不适用, 无, /, placeholders): must not come out. */
  nonIndicators: string[];
}

export interface GenericTruth {
  kind: 'generic';
  /** Every real table of the document as its cell grid (notes, decor and blank rows left out). */
  tables: { id: string; cells: ScoreCell[] }[];
}

export type Truth = IndicatorTruth | GenericTruth;

export interface DocSpec {
  /** `family:seed:index`. */
  id: string;
  family: string;
  page: PageSetup;
  /** Typeface of the embedded-font producer (the STSong producer has one face). */
  face: 'sans' | 'serif';
  blocks: Block[];
  truth: Truth;
  /** Variant labels for the report (ruling style, header shape, …). */
  tags: Record<string, string>;
}

/** Every table block of a spec, in document order. */
export function specTables(spec: DocSpec): TableSpec[] {
  return spec.blocks.flatMap((b) => (b.kind === 'table' || b.kind === 'beside' ? [b.table] : []));
}

/** The cell grid a generic table's truth holds: notes, decor and blank rows dropped, rows renumbered. */
export function gridTruth(table: TableSpec): ScoreCell[] {
  const keep = table.rowKinds.map((k) => k !== 'note' && k !== 'decor' && k !== 'blank');
  const newRow: number[] = [];
  let n = 0;
  for (let r = 0; r < table.nRows; r++) newRow.push(keep[r] ? n++ : n);
  return table.cells
    .filter((c) => keep[c.row] && c.text.trim() !== '')
    .map((c) => {
      let span = 0;
      for (let r = c.row; r < c.row + c.rowSpan; r++) if (keep[r]) span++;
      return { row: newRow[c.row], col: c.col, rowSpan: Math.max(1, span), colSpan: c.colSpan, text: c.text.replace(/\n/gu, ' ') };
    });
}
