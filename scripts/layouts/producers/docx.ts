// DocSpec → DOCX (the `docx` package): paragraphs, two-column sections, tables with real
// merges and borders in the table's ruling style as far as Word borders can say it.
import {
  AlignmentType, BorderStyle, Document, HeightRule, Packer, PageBreak, PageOrientation, Paragraph, SectionType,
  ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
  type IBorderOptions, type ISectionOptions,
} from 'docx';
import type { Block, CellSpec, DocSpec, HAlign, TableSpec, VAlign } from '../spec.ts';
import { GENERATOR } from '../settings.ts';
import { fitColumns } from '../layout/columns.ts';
import type { FontMetrics } from '../layout/drawing.ts';
import { notoAvailable, notoMetrics, STSONG_METRICS } from './fonts.ts';

const TWIP = 20;
const ALIGN: Record<HAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT,
};
const VALIGN = { top: VerticalAlign.TOP, middle: VerticalAlign.CENTER, bottom: VerticalAlign.BOTTOM } as const satisfies Record<VAlign, unknown>;

const line = (size: number): IBorderOptions => ({ style: BorderStyle.SINGLE, size: Math.max(2, Math.round(size * 8)), color: '000000' });
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function run(text: string, size: number, bold?: boolean, font?: string): TextRun {
  return new TextRun({ text, size: Math.round(size * 2), bold, font: font ? { eastAsia: font, ascii: font, hAnsi: font } : undefined });
}

type Child = Paragraph | Table;

function tableBorders(t: TableSpec) {
  const st = t.style;
  const thin = line(st.ruleWidth);
  const thick = line(st.thickRuleWidth);
  const b = (top: IBorderOptions, bottom: IBorderOptions, left: IBorderOptions, right: IBorderOptions, insideHorizontal: IBorderOptions, insideVertical: IBorderOptions) =>
    ({ top, bottom, left, right, insideHorizontal, insideVertical });
  switch (st.ruling) {
    case 'grid':
    case 'filled-rects': return b(thin, thin, thin, thin, thin, thin);
    case 'outer': return b(thin, thin, thin, thin, NONE, NONE);
    case 'horizontal': return b(thin, thin, NONE, NONE, thin, NONE);
    case 'three-line': return b(thick, thick, NONE, NONE, NONE, NONE);
    case 'verticals': return b(NONE, NONE, thin, thin, NONE, thin);
    case 'partial': return b(thin, thin, thin, thin, NONE, thin);
    case 'none':
    case 'fills': return b(NONE, NONE, NONE, NONE, NONE, NONE);
  }
}

function docxTable(t: TableSpec, usable: number, font: string, metrics: FontMetrics): Table {
  const st = t.style;
  // LibreOffice lays the text out with its own metrics: 15% slack keeps numbers on one line.
  const widths = fitColumns(t, (usable / TWIP) * t.widthShare, metrics, 1.15).map((w) => Math.floor(w * TWIP));
  const headerRows = t.rowKinds.filter((k) => k === 'header').length;
  const byRow = new Map<number, CellSpec[]>();
  for (const c of t.cells) {
    if (!byRow.has(c.row)) byRow.set(c.row, []);
    byRow.get(c.row)!.push(c);
  }
  const rows: TableRow[] = [];
  for (let r = 0; r < t.nRows; r++) {
    const kind = t.rowKinds[r];
    const size = kind === 'header' ? st.headerFontSize : st.fontSize;
    // A rule under the header (three-line, partial) or above a ruled group (partial).
    const ruleBelow = (st.ruling === 'three-line' || st.ruling === 'partial') && r === headerRows - 1;
    const ruleAbove = st.ruling === 'partial' && st.groupRules.includes(r);
    const cells = (byRow.get(r) ?? []).sort((a, b) => a.col - b.col).map((c) => {
      const width = widths.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
      const lastHeaderRow = c.row + c.rowSpan - 1 === headerRows - 1;
      return new TableCell({
        rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
        columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VALIGN[c.valign ?? 'middle'],
        shading: st.ruling === 'fills' ? { type: ShadingType.CLEAR, fill: grayHex(kind === 'header' ? st.fillGray - 0.1 : st.fillGray), color: 'auto' } : undefined,
        borders: ruleBelow && lastHeaderRow ? { bottom: line(st.ruleWidth) } : ruleAbove ? { top: line(st.ruleWidth) } : undefined,
        margins: { left: Math.round(st.padX * TWIP), right: Math.round(st.padX * TWIP), top: Math.round(st.padY * TWIP), bottom: Math.round(st.padY * TWIP) },
        children: c.text.split('\n').map((text) => new Paragraph({
          alignment: ALIGN[c.align ?? 'left'],
          indent: c.indent ? { left: Math.round(c.indent * (c.size ?? size) * TWIP) } : undefined,
          children: [run(text, c.size ?? size, c.bold, font)],
        })),
      });
    });
    rows.push(new TableRow({
      tableHeader: kind === 'header' && st.repeatHeader ? true : undefined,
      height: kind === 'blank' ? { value: Math.round(st.blankLines * st.fontSize * st.lineSpacing * TWIP), rule: HeightRule.EXACT } : undefined,
      children: cells.length ? cells : [new TableCell({ children: [new Paragraph('')], columnSpan: t.nCols })],
    }));
  }
  return new Table({ rows, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, borders: tableBorders(t) });
}

function grayHex(g: number): string {
  const v = Math.max(0, Math.min(255, Math.round(g * 255))).toString(16).padStart(2, '0').toUpperCase();
  return v + v + v;
}

export async function specToDocx(spec: DocSpec): Promise<Buffer> {
  const { width, height } = GENERATOR.page.a4;
  const landscape = spec.page.orientation === 'landscape';
  const m = spec.page.margins;
  const pageW = landscape ? height : width;
  const usable = (pageW - m.left - m.right) * TWIP;
  const font = spec.face === 'serif' ? 'Noto Serif CJK SC' : 'Noto Sans CJK SC';
  const metrics = notoAvailable() ? notoMetrics(spec.face) : STSONG_METRICS;
  const properties = (columns?: { space: number }): ISectionOptions['properties'] => ({
    type: SectionType.CONTINUOUS,
    page: {
      // docx swaps width and height itself for landscape.
      size: { width: width * TWIP, height: height * TWIP, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: { top: m.top * TWIP, right: m.right * TWIP, bottom: m.bottom * TWIP, left: m.left * TWIP },
    },
    column: columns ? { count: 2, space: columns.space * TWIP, equalWidth: true } : undefined,
  });
  const sections: ISectionOptions[] = [];
  let children: Child[] = [];
  const flush = (columns?: { space: number }) => {
    if (children.length) sections.push({ properties: properties(columns), children });
    children = [];
  };
  let breakNext = false;
  const para = (text: string, size: number, opts: { align?: HAlign; bold?: boolean; indent?: number } = {}) => {
    children.push(new Paragraph({
      alignment: ALIGN[opts.align ?? 'left'],
      pageBreakBefore: breakNext || undefined,
      indent: opts.indent ? { firstLine: Math.round(opts.indent * size * TWIP) } : undefined,
      children: [run(text, size, opts.bold, font)],
    }));
    breakNext = false;
  };
  const pageBreak = () => {
    if (children.length || sections.length) {
      children.push(new Paragraph({ children: [new PageBreak()] }));
    }
  };
  const emit = (b: Block) => {
    switch (b.kind) {
      case 'line': para(b.text, b.size, { align: b.align, bold: b.bold }); break;
      case 'paragraph': para(b.text, b.size, { indent: b.indent }); break;
      case 'columns':
        flush();
        for (const p of b.paragraphs) para(p, b.size, { indent: 2 });
        flush({ space: b.gutter });
        break;
      case 'table': children.push(docxTable(b.table, usable, font, metrics)); para('', b.table.style.fontSize); break;
      case 'beside':
        children.push(docxTable(b.table, usable, font, metrics));
        for (const p of b.paragraphs) para(p, b.size, { indent: 2 });
        break;
      case 'bullets': for (const item of b.items) para(`${b.symbol} ${item}`, b.size); break;
      case 'chart': break;
      case 'gap': for (let i = 0; i < b.lines; i++) para('', 10); break;
      case 'pageBreak':
      case 'sheet': pageBreak(); break;
    }
  };
  spec.blocks.forEach(emit);
  flush();
  const doc = new Document({
    creator: 'zhibiao layouts',
    styles: { default: { document: { run: { font: { eastAsia: font, ascii: font, hAnsi: font } } } } },
    sections,
  });
  return Packer.toBuffer(doc) as Promise<Buffer>;
}
