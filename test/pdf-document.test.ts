import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../src/model/layout.ts';
import { SlotIndex } from '../src/model/grid.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { findPageTables, pageTablesToGeneric, pdfToDocumentGrids } from '../src/tables/pdf-document.ts';
import { makePdf, ucs2Hex } from './pdf-fixture.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples', 'pdf');

async function gridsOf(file: string) {
  return pdfToDocumentGrids(await readPdf(readFileSync(join(SAMPLES, file))));
}

function cellAt(g: Grid, row: number, col: number) {
  const cell = new SlotIndex(g).at(row, col);
  if (!cell) throw new Error(`no cell at ${row},${col}`);
  return cell;
}

const CATEGORIES = ['政策研究类', '督察检查类', '设备购置类', '修缮(维修)类', '政府公报类', '交流下派干部生活补助', '春节慰问金', '购买服务专项', '基层党组织活动经费', '全县性工作项目经费', '应急专班类', '旅游、农特推介活动', '出访活动'];

describe('pdfToDocumentGrids on the seed notice (portrait, header repeated on every page)', async () => {
  const doc = await gridsOf('xiangfuban-2024-40.pdf');

  it('finds the 13 category tables, each captioned by its category (nearest last)', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(8);
    expect(doc.tables.map((g) => g.captions[g.captions.length - 1])).toEqual(CATEGORIES);
    expect(doc.tables[0].captions).toEqual(['附件:', '乡城县人民政府办公室绩效指标体系表(试行)', '政策研究类']);
    expect(doc.warnings).toEqual([]);
  });

  it('reads the notice head as body lines, without table text', () => {
    expect(doc.lines.slice(0, 4)).toEqual(['乡府办发〔2024〕40号', '乡城县人民政府办公室', '关于印发《乡城县人民政府办公室绩效指标体系表(试行)》的通知', '各科(室):']);
    expect(doc.lines).toContain('2024年9月26日');
    expect(doc.lines).not.toContain('指标描述');
  });

  it('stitches 基层党组织活动经费 across pages 5–6, dropping the repeated 3-row header', () => {
    const g = doc.tables[8];
    expect(g.location).toEqual({ pages: [5, 6] });
    expect([g.nRows, g.nCols]).toEqual([13, 6]);
    expect(g.pageBreakRows).toEqual([8]);
    expect(g.rowSources[7]).toMatchObject({ page: 5 });
    expect(g.rowSources[8]).toMatchObject({ page: 6 });
    expect(g.rowSources).toHaveLength(13);
    // Header once, at the top.
    expect(g.cells.filter((c) => c.text === '绩效指标').map((c) => c.row)).toEqual([0]);
    // 产出指标 is cut by the page break: its part on page 6 is a blank cell, not joined above.
    expect(cellAt(g, 3, 0)).toMatchObject({ text: '产出指标', rowSpan: 5, page: 5 });
    expect(cellAt(g, 8, 0)).toMatchObject({ row: 8, text: '', page: 6 });
    expect(cellAt(g, 8, 2).text).toBe('党组织活动成本费用');
  });

  it('keeps single-page tables whole, with provenance per row', () => {
    const g = doc.tables[0];
    expect(g.location).toEqual({ pages: [2] });
    expect(g.pageBreakRows).toEqual([]);
    expect(g.rowSources.every((s) => 'page' in s && s.page === 2)).toBe(true);
    expect(cellAt(g, 3, 3).text).toBe('≥');
  });
});

describe('pdfToDocumentGrids on the landscape twin (header NOT repeated)', async () => {
  const doc = await gridsOf('xiangfuban-2024-40-landscape.pdf');

  it('stitches continuations that start with body rows', () => {
    expect(doc.tables.map((g) => g.captions[g.captions.length - 1])).toEqual(CATEGORIES);
    const g = doc.tables[3]; // 修缮(维修)类, cut before 项目建设超概算 (p3→p4)
    expect(g.location).toEqual({ pages: [3, 4] });
    expect([g.nRows, g.pageBreakRows]).toEqual([18, [12]]);
    expect(cellAt(g, 12, 0).text).toBe('');
    expect(cellAt(g, 12, 2).text).toBe('项目建设超概算');
    expect(doc.tables.filter((t) => t.pageBreakRows.length > 0).map((t) => t.location)).toEqual([
      { pages: [2, 3] },
      { pages: [3, 4] },
      { pages: [4, 5] },
      { pages: [5, 6] },
      { pages: [7, 8] },
    ]);
  });
});

describe('pdfToDocumentGrids on a spreadsheet printed with gridlines', () => {
  it('cuts the one ruled grid into its two tables at the blank row', async () => {
    const doc = await gridsOf('carry-forward.pdf');
    expect(doc.tables.map((g) => cellAt(g, 0, 0).text)).toEqual(['2025年农村饮水安全巩固提升工程绩效指标表', '农村饮水工程运行管护补助绩效指标表', '说明']);
    expect(doc.tables[0].nRows).toBe(15);
    expect(doc.tables[1].nRows).toBe(7);
    expect(cellAt(doc.tables[1], 1, 6).text).toBe('指标解释');
  });
});

describe('pageTablesToGeneric', () => {
  it('gives the SPEC §3.2 shape, merged cells once with their spans', async () => {
    const pages = await readPdf(readFileSync(join(SAMPLES, 'cid-stsong.pdf')));
    const { tables } = pageTablesToGeneric(findPageTables(pages));
    expect(tables).toHaveLength(1);
    expect(tables[0].page).toBe(1);
    expect(tables[0].bbox).toEqual([47.5, 326, 547.5, 470]);
    expect(tables[0].cells).toHaveLength(34);
    expect(tables[0].cells.find((c) => c.row === 1 && c.col === 0)).toEqual({ row: 1, col: 0, rowSpan: 3, colSpan: 1, text: '产出指标' });
    expect(tables[0].cells.find((c) => c.row === 3 && c.col === 4)!.text).toBe('2025年12月底前');
  });
});

// ---------------------------------------------------------------------------------------
// Hand-made two-page documents: what makes a table a continuation, and what does not.

const H = 842;
function grid(xs: number[], ys: number[], skip: (x: number, y0: number, y1: number) => boolean = () => false): string {
  const ops: string[] = [];
  for (const y of ys) ops.push(`${xs[0]} ${H - y} m ${xs[xs.length - 1]} ${H - y} l S`);
  for (const x of xs) for (let i = 0; i + 1 < ys.length; i++) if (!skip(x, ys[i], ys[i + 1])) ops.push(`${x} ${H - ys[i]} m ${x} ${H - ys[i + 1]} l S`);
  return ops.join('\n');
}
/** Horizontal rules only where `hRule(y, x0, x1)` allows, per column. */
function gridCells(xs: number[], ys: number[], hRule: (y: number, x0: number) => boolean): string {
  const ops: string[] = [];
  for (const y of ys) for (let i = 0; i + 1 < xs.length; i++) if (hRule(y, xs[i])) ops.push(`${xs[i]} ${H - y} m ${xs[i + 1]} ${H - y} l S`);
  for (const x of xs) ops.push(`${x} ${H - ys[0]} m ${x} ${H - ys[ys.length - 1]} l S`);
  return ops.join('\n');
}
const text = (s: string, x: number, top: number) => `BT /F2 10 Tf ${x} ${H - top - 9} Td ${ucs2Hex(s)} Tj ET`;
const XS = [100, 200, 300, 400];

function twoPages(opts: { bodyLineOnPage2?: string; cols2?: number[] } = {}): Uint8Array {
  const xs2 = opts.cols2 ?? XS;
  // Page 1: caption, header row, 产出指标 merged over two body rows (no rule under row 1 in column 0).
  const ys1 = [620, 640, 660, 680];
  const p1 = [
    text('一、测试项目绩效指标表', 100, 600),
    gridCells(XS, ys1, (y, x0) => !(y === 660 && x0 === 100)),
    text('一级指标', 102, 622), text('三级指标', 202, 622), text('指标值', 302, 622),
    text('产出指标', 102, 652), text('数量甲', 202, 642), text('10', 302, 642),
    text('数量乙', 202, 662), text('20', 302, 662),
    text('内部资料', 270, 30), text('- 1 -', 280, 800),
  ];
  // Page 2: running head, (optional body line), the header row again, two body rows whose
  // column 0 is the cut-off rest of 产出指标 (blank), a note below, page number.
  const ys2 = [80, 100, 120, 140];
  const p2 = [
    text('内部资料', 270, 30),
    ...(opts.bodyLineOnPage2 ? [text(opts.bodyLineOnPage2, 100, 60)] : []),
    opts.cols2 ? grid(xs2, ys2) : gridCells(xs2, ys2, (y, x0) => !(y === 120 && x0 === 100)),
    text('一级指标', 102, 82), text('三级指标', xs2[1] + 2, 82), text('指标值', xs2[2] + 2, 82),
    text('数量丙', xs2[1] + 2, 102), text('30', xs2[2] + 2, 102),
    text('数量丁', xs2[1] + 2, 122), text('40', xs2[2] + 2, 122),
    text('说明：以上为测试', 100, 160), text('- 2 -', 280, 800),
  ];
  return makePdf([{ content: p1.join('\n') }, { content: p2.join('\n') }]);
}

describe('continuation rules on hand-made pages', () => {
  it('merges a table that opens page 2 under only a running head into the one closing page 1', async () => {
    const doc = pdfToDocumentGrids(await readPdf(twoPages()));
    expect(doc.tables).toHaveLength(1);
    const g = doc.tables[0];
    expect(g.location).toEqual({ pages: [1, 2] });
    expect([g.nRows, g.nCols, g.pageBreakRows]).toEqual([5, 3, [3]]);
    expect(g.captions).toEqual(['一、测试项目绩效指标表']);
    expect(cellAt(g, 1, 0)).toMatchObject({ text: '产出指标', rowSpan: 2, page: 1 });
    expect(cellAt(g, 3, 0)).toMatchObject({ row: 3, text: '', rowSpan: 2, page: 2 });
    expect([cellAt(g, 3, 1).text, cellAt(g, 4, 2).text]).toEqual(['数量丙', '40']);
    expect(g.cells.filter((c) => c.text === '一级指标')).toHaveLength(1);
    // Page numbers and the running head are not body text; the note is.
    expect(doc.lines).toEqual(['一、测试项目绩效指标表', '说明:以上为测试']);
  });

  it('does not merge when a body line stands between the top of page 2 and the table', async () => {
    const doc = pdfToDocumentGrids(await readPdf(twoPages({ bodyLineOnPage2: '二、另一张表' })));
    expect(doc.tables.map((g) => g.location)).toEqual([{ pages: [1] }, { pages: [2] }]);
    expect(doc.tables[1].captions).toEqual(['二、另一张表']);
    expect(doc.tables[1].pageBreakRows).toEqual([]);
  });

  it('still merges when the only line above the continuation is a 续表 marker', async () => {
    const doc = pdfToDocumentGrids(await readPdf(twoPages({ bodyLineOnPage2: '一、测试项目绩效指标表（续）' })));
    expect(doc.tables.map((g) => g.location)).toEqual([{ pages: [1, 2] }]);
    expect(doc.lines).toEqual(['一、测试项目绩效指标表', '说明:以上为测试']);
  });

  it('does not merge tables whose columns differ', async () => {
    const doc = pdfToDocumentGrids(await readPdf(twoPages({ cols2: [100, 260, 330, 400] })));
    expect(doc.tables).toHaveLength(2);
  });

  it('drops page numbers and running heads, keeps headings that differ from page to page', async () => {
    const page = (n: number) => [text(`附件${n}`, 100, 40), text(`第${n}页`, 280, 800), text('共享页眉', 260, 20), text(`正文${n}`, 100, 300)].join('\n');
    const doc = pdfToDocumentGrids(await readPdf(makePdf([{ content: page(1) }, { content: page(2) }])));
    expect(doc.lines).toEqual(['附件1', '正文1', '附件2', '正文2']);
  });

  it('reports scanned pages', async () => {
    const img = 'q 400 0 0 600 50 100 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI Q';
    const doc = pdfToDocumentGrids(await readPdf(makePdf([{ content: text('封面', 100, 100) }, { content: img }])));
    expect(doc.warnings).toEqual(['page 2 has no text layer (scanned image)']);
    expect(doc.tables).toEqual([]);
    expect(doc.lines).toEqual(['封面']);
  });
});

describe('a table ruled only horizontally (samples/pdf/borders/xiangfuban-2024-40-rules-only.pdf; rows: golden test)', async () => {
  const doc = await gridsOf('borders/xiangfuban-2024-40-rules-only.pdf');

  it('takes rows from the rules: a merged 一级/二级 cell spans the rows whose rule is missing under it', () => {
    expect(doc.tables.map((g) => g.captions[g.captions.length - 1])).toEqual(CATEGORIES);
    const first = doc.tables[0];
    expect(first.warnings).toContain('page 2: rows from horizontal rules, columns from text alignment');
    const product = first.cells.find((c) => c.text === '产出指标')!;
    const quantity = first.cells.find((c) => c.text === '数量指标')!;
    expect([product.rowSpan, quantity.rowSpan]).toEqual([8, 5]);
  });

  it('chains the header cut at the foot of page 2 with its table on page 3', () => {
    const table = doc.tables[2];
    expect(table.location).toEqual({ pages: [2, 3] });
  });
});

describe('a three-line table (samples/pdf/borders/xiangfuban-2024-40-three-line.pdf)', async () => {
  const doc = await gridsOf('borders/xiangfuban-2024-40-three-line.pdf');
  const { extractDocument } = await import('../pipelines/extract-document.ts');
  const result = await extractDocument(readFileSync(join(SAMPLES, 'borders', 'xiangfuban-2024-40-three-line.pdf')), 'three-line.pdf');
  const expected = JSON.parse(readFileSync(join(SAMPLES, 'xiangfuban-2024-40.pdf.expected.json'), 'utf8')) as { tables: { title: string; indicators: { level3: string }[] }[] };

  it('reads the frame between the rules as one table: stacked header cells, centred merged 一级/二级 cells with their spans', () => {
    const g = doc.tables[0];
    expect(g.nRows).toBe(16);
    expect(cellAt(g, 0, 0)).toMatchObject({ text: '绩效指标', colSpan: 5 });
    expect(cellAt(g, 0, 5)).toMatchObject({ text: '指标描述', rowSpan: 3 });
    expect(cellAt(g, 1, 0)).toMatchObject({ text: '一级指标', rowSpan: 2 });
    expect(cellAt(g, 1, 2)).toMatchObject({ text: '三级指标', colSpan: 3 });
    expect(cellAt(g, 3, 0)).toMatchObject({ text: '产出指标', rowSpan: 8 });
    expect(cellAt(g, 3, 1)).toMatchObject({ text: '数量指标', rowSpan: 5 });
    expect(cellAt(g, 11, 0)).toMatchObject({ text: '效益指标', rowSpan: 5 });
    // A two-line name beside centred single lines is one cell.
    expect(cellAt(g, 12, 2).text).toBe('研究成果刊发、媒体报道次数');
  });

  it('sends every misread of a table it does not read as the seed gives it to review', () => {
    // Schema v2: a table is listed whole when its own evidence (header, columns, grid) is in
    // doubt; otherwise each row it misread must be below the threshold itself.
    const path = (r: { level3: string }) => r.level3;
    for (const table of result.tables) {
      const twin = expected.tables.find((t) => t.title === table.title);
      if (!twin) {
        expect(table.confidence, String(table.title)).toBeLessThan(0.8);
        continue;
      }
      if (table.confidence < 0.8) continue;
      const truth = new Set(twin.indicators.map(path));
      const misread = table.indicators.filter((r) => !truth.has(path(r)));
      for (const row of misread) expect(row.confidence, `${table.title}: ${path(row)}`).toBeLessThan(0.8);
      // A row of the twin that is missing shows as a misread row in its place.
      const read = new Set(table.indicators.map(path));
      if (twin.indicators.some((r) => !read.has(path(r)))) expect(misread.length, `${table.title}: rows missing`).toBeGreaterThan(0);
    }
    expect(result.tables[0].indicators.map((r) => r.level3)).toEqual(expected.tables[0].indicators.map((r) => r.level3));
  });
});
