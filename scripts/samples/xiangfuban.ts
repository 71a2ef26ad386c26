// The seed notice as a DOCX (real vertical merges, Symbol-font ≥/≤) and as an XLSX.
import {
  AlignmentType, Document, Packer, PageOrientation, Paragraph, SymbolRun, Table, TableCell, TableRow,
  TextRun, VerticalAlign, WidthType,
} from 'docx';
import * as XLSX from 'xlsx';
import type { Seed, SeedCategory, SeedRow } from './seed.ts';

export interface SeedDocxOptions {
  landscape?: boolean;
  /** Repeat the 3 header rows on every page the table spans (w:tblHeader). */
  repeatHeader?: boolean;
  /** Body font size in half-points (Word's unit); 21 = 五号 10.5pt. */
  fontSize?: number;
  /** East-Asian font name (default 宋体, which LibreOffice substitutes). */
  eastAsiaFont?: string;
}

/** Which categories write ≥/≤ as a Symbol-font w:sym (as Word does) instead of Unicode text. */
export function usesSymbolFont(categoryIndex: number): boolean {
  return categoryIndex % 2 === 0;
}

const SYMBOL_CHAR: Record<string, string> = { '≥': 'F0B3', '≤': 'F0A3' };

function para(text: string, opts: { bold?: boolean; center?: boolean; size?: number; pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined,
    pageBreakBefore: opts.pageBreakBefore,
    children: [new TextRun({ text, bold: opts.bold, size: opts.size })],
  });
}

/** Runs of equal values: returns, per row, the span starting there (0 = covered by a run above). */
export function runSpans(values: string[], groups?: number[]): number[] {
  const spans = new Array<number>(values.length).fill(0);
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    const breaks = i === values.length || values[i] !== values[start] || (groups !== undefined && groups[i] !== groups[start]);
    if (breaks) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}

/** Row index of the run start each row belongs to (so 二级 merges never cross a 一级 run). */
function runIds(spans: number[]): number[] {
  const ids: number[] = [];
  let cur = 0;
  spans.forEach((s, i) => {
    if (s > 0) cur = i;
    ids.push(cur);
  });
  return ids;
}

export function levelSpans(rows: SeedRow[]): { l1: number[]; l2: number[] } {
  const l1 = runSpans(rows.map((r) => r.level1));
  const l2 = runSpans(rows.map((r) => r.level2), runIds(l1));
  return { l1, l2 };
}

function categoryTable(cat: SeedCategory, ci: number, widths: number[], o: SeedDocxOptions): Table {
  const size = o.fontSize;
  const cell = (text: string, extra: { rowSpan?: number; columnSpan?: number; width: number; bold?: boolean }) =>
    new TableCell({
      rowSpan: extra.rowSpan,
      columnSpan: extra.columnSpan,
      verticalAlign: VerticalAlign.CENTER,
      width: { size: extra.width, type: WidthType.DXA },
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: extra.bold, size })] })],
    });
  const sum = (a: number, b: number) => widths.slice(a, b).reduce((x, y) => x + y, 0);
  const header = o.repeatHeader ? true : undefined; // never emit w:tblHeader "off" (mammoth ignores the value)
  const rows: TableRow[] = [
    new TableRow({ tableHeader: header, children: [
      cell('绩效指标', { columnSpan: 5, width: sum(0, 5), bold: true }),
      cell(cat.descHeader, { rowSpan: 3, width: widths[5], bold: true }),
    ] }),
    new TableRow({ tableHeader: header, children: [
      cell('一级指标', { rowSpan: 2, width: widths[0], bold: true }),
      cell('二级指标', { rowSpan: 2, width: widths[1], bold: true }),
      cell('三级指标', { columnSpan: 3, width: sum(2, 5), bold: true }),
    ] }),
    new TableRow({ tableHeader: header, children: [
      cell('指标名称', { width: widths[2], bold: true }),
      cell('性质', { width: widths[3], bold: true }),
      cell('单位', { width: widths[4], bold: true }),
    ] }),
  ];
  const { l1, l2 } = levelSpans(cat.rows);
  cat.rows.forEach((r, i) => {
    const children: TableCell[] = [];
    // docx emits w:vMerge restart on the spanning cell and w:vMerge continue on the rows below.
    if (l1[i] > 0) children.push(cell(r.level1, { rowSpan: l1[i], width: widths[0] }));
    if (l2[i] > 0) children.push(cell(r.level2, { rowSpan: l2[i], width: widths[1] }));
    children.push(cell(r.name, { width: widths[2] }));
    const sym = SYMBOL_CHAR[r.nature];
    children.push(new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: widths[3], type: WidthType.DXA },
      children: [new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [sym && usesSymbolFont(ci)
          ? new SymbolRun({ char: sym, symbolfont: 'Symbol', size })
          : new TextRun({ text: r.nature, size })],
      })],
    }));
    children.push(cell(r.unit, { width: widths[4] }));
    children.push(new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: widths[5], type: WidthType.DXA },
      children: [new Paragraph({ children: [new TextRun({ text: r.description, size })] })],
    }));
    rows.push(new TableRow({ cantSplit: true, children }));
  });
  return new Table({
    rows,
    width: { size: sum(0, 6), type: WidthType.DXA },
    columnWidths: widths,
  });
}

export async function seedDocx(seed: Seed, o: SeedDocxOptions = {}): Promise<Buffer> {
  const landscape = o.landscape ?? false;
  // A4 = 11906 x 16838 twips; margins 1440 (portrait) / 1134 (landscape).
  const margin = landscape ? 1134 : 1440;
  const usable = (landscape ? 16838 : 11906) - 2 * margin;
  const ratios = [11, 13, 24, 6, 10, 36];
  const total = ratios.reduce((a, b) => a + b, 0);
  const widths = ratios.map((r) => Math.floor((usable * r) / total));
  const size = o.fontSize;

  const children: (Paragraph | Table)[] = [
    para(seed.docNumber, { center: true, size }),
    para(seed.issuer, { center: true, bold: true, size: size ? size + 8 : 36 }),
    para(seed.title, { center: true, bold: true, size: size ? size + 8 : 32 }),
    para(seed.recipients, { size }),
    ...seed.body.map((t) => para(t, { size })),
    para(seed.attachmentLine, { size }),
    para(seed.signature, { size }),
    para(seed.dateText, { size }),
    para('附件:', { pageBreakBefore: true, size }),
    para(seed.attachmentTitle, { center: true, bold: true, size: size ? size + 6 : 28 }),
  ];
  seed.categories.forEach((cat, ci) => {
    children.push(para(cat.title, { bold: true, size }));
    children.push(categoryTable(cat, ci, widths, o));
  });
  const doc = new Document({
    creator: 'zhibiao make-samples',
    title: seed.title,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: o.eastAsiaFont ?? '宋体' }, size: size ?? 21 } } } },
    sections: [{
      properties: {
        page: {
          size: { width: 11906, height: 16838, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: margin, bottom: margin, left: margin, right: margin },
        },
      },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}

/** Rows of the 通知 sheet: the head, one line per row in column A. */
export function seedHeadLines(seed: Seed): string[] {
  return [seed.docNumber, seed.issuer, seed.title, seed.recipients, ...seed.body, seed.attachmentLine, seed.signature, seed.dateText];
}

export interface SeedXlsxLayout {
  /** 0-based sheet row of each category's title row, and of its first body row. */
  tables: { titleRow: number; firstBodyRow: number; lastBodyRow: number }[];
}

export function seedXlsx(seed: Seed): { buffer: Buffer; layout: SeedXlsxLayout } {
  const aoa: string[][] = [];
  const merges: XLSX.Range[] = [];
  const layout: SeedXlsxLayout = { tables: [] };
  const m = (r0: number, c0: number, r1: number, c1: number) => merges.push({ s: { r: r0, c: c0 }, e: { r: r1, c: c1 } });

  aoa.push([seed.attachmentTitle, '', '', '', '', '']);
  m(0, 0, 0, 5);
  aoa.push([]);
  for (const cat of seed.categories) {
    const titleRow = aoa.length;
    aoa.push([cat.title, '', '', '', '', '']);
    m(titleRow, 0, titleRow, 5);
    const h = aoa.length;
    aoa.push(['绩效指标', '', '', '', '', cat.descHeader]);
    aoa.push(['一级指标', '二级指标', '三级指标', '', '', '']);
    aoa.push(['', '', '指标名称', '性质', '单位', '']);
    m(h, 0, h, 4);
    m(h, 5, h + 2, 5);
    m(h + 1, 0, h + 2, 0);
    m(h + 1, 1, h + 2, 1);
    m(h + 1, 2, h + 1, 4);
    const first = aoa.length;
    const { l1, l2 } = levelSpans(cat.rows);
    cat.rows.forEach((r, i) => {
      // Only the top-left cell of a merge keeps its text, as Excel stores it.
      aoa.push([l1[i] > 0 ? r.level1 : '', l2[i] > 0 ? r.level2 : '', r.name, r.nature, r.unit, r.description]);
      if (l1[i] > 1) m(first + i, 0, first + i + l1[i] - 1, 0);
      if (l2[i] > 1) m(first + i, 1, first + i + l2[i] - 1, 1);
    });
    layout.tables.push({ titleRow, firstBodyRow: first, lastBodyRow: aoa.length - 1 });
    aoa.push([]); // blank separator row
  }
  aoa.pop();
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges;
  ws['!cols'] = [{ wch: 12 }, { wch: 20 }, { wch: 28 }, { wch: 6 }, { wch: 10 }, { wch: 44 }];
  const head = XLSX.utils.aoa_to_sheet(seedHeadLines(seed).map((l) => [l]));
  head['!cols'] = [{ wch: 100 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '指标体系');
  XLSX.utils.book_append_sheet(wb, head, '通知');
  const buffer = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  return { buffer, layout };
}
