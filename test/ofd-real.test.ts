// Every real OFD file in ../shared/real/ofd gives its text, its tables or one clear code.
// Positions are checked against what the XML states (no renderer is available here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';
import { ofdGrids, ofdPages } from '../pipelines/ofd-grids.ts';
import { genericTables } from '../pipelines/tables.ts';
import type { DocumentGrids, PdfPage } from '../src/model/layout.ts';
import { readNotice } from '../src/notice/metadata.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';
import { readOfd } from '../src/readers/ofd.ts';
import { checkZip } from '../src/readers/zip-guard.ts';
import { groupLines, lineText } from '../src/tables/assign-text.ts';

const REAL = join(import.meta.dirname, '..', '..', 'shared', 'real', 'ofd');
const bytes = (name: string) => readFileSync(join(REAL, `${name}.ofd`));
const PT = 72 / 25.4;

async function outcome(name: string): Promise<string> {
  try {
    const result = await extractDocument(bytes(name), name);
    return `ok ${result.tables.length}`;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const grids = new Map<string, DocumentGrids>();
const pagesOf = new Map<string, PdfPage[]>();
const NAMES = ['ofdrw-n', 'ofdrw-signout', 'ofdrw-z', 'ofdrw-999', 'ofdrw-SignScaleError', 'ofdrw-y', 'ofdrw-ano', 'ofdrw-containsJPEG', 'ofdrw-testImageNotFound',
  'c5soft-6.1.004', 'c5soft-6.1.005', 'c5soft-6.2.002', 'c5soft-6.2.004_1', 'c5soft-6.2.004_2', 'c5soft-6.2.004_3', 'c5soft-6.2.005'];

beforeAll(async () => {
  for (const name of NAMES) {
    const b = bytes(name);
    grids.set(name, await ofdGrids(b, checkZip(b, DEFAULT_LIMITS, 'corrupt-ofd'), DEFAULT_LIMITS));
    pagesOf.set(name, ofdPages(bytes(name), DEFAULT_LIMITS).pages);
  }
}, 180_000);

/** Every visual line of every page (tables included), as the finders see the runs. */
const text = (name: string) => pagesOf.get(name)!.flatMap((p) => groupLines(p.runs).map((line) => lineText(line))).join('\n');

describe('real OFD files', () => {
  it('none holds an indicator table: each gives no-indicator-table (the image-only one after OCR)', async () => {
    const codes = Object.fromEntries(await Promise.all(NAMES.map(async (n) => [n, await outcome(n)] as const)));
    expect(codes).toEqual(Object.fromEntries(NAMES.map((n) => [n, 'no-indicator-table'])));
  }, 180_000);

  it('the official letter (ofdrw-n): its notice head through readNotice, text placed as the XML states', () => {
    expect(readNotice(grids.get('ofdrw-n')!.lines)).toEqual({
      docNumber: '路卫发〔2011〕76号', issuer: '测试符路桥区卫生局办公室', title: '关于同意张阿三同志辞职的批复', date: '2011-03-10', recipients: '区中医院', attachments: [],
    });
    // TextObject 1004: Boundary 80.98 73.61, TextCode Y 4.88, Size 5.6 mm, 12 deltas summing to 50.04 − 2.77 mm.
    const run = pagesOf.get('ofdrw-n')![0].runs.find((r) => r.text === '路卫发〔2011〕76号')!;
    expect(run.fontName).toBe('仿宋');
    expect(run.fontSize).toBeCloseTo(5.6 * PT, 1);
    expect(run.bbox[0]).toBeCloseTo(80.98 * PT, 1);
    expect(run.bbox[1]).toBeCloseTo((73.61 + 4.88 - 0.88 * 5.6) * PT, 1);
    expect(run.bbox[2]).toBeCloseTo((80.98 + 50.04) * PT, 1);
    // The red rule under the head: PathObject 1005, Boundary 28 83.49, `S 0 0 L 156 0 C`.
    expect(pagesOf.get('ofdrw-n')![0].rulings).toEqual([{ x0: 79.37, y0: 236.66, x1: 521.57, y1: 236.66 }]);
  });

  it('the form ruled with paths (ofdrw-signout) reads as one table with its cells', async () => {
    const [table] = (await genericTables(bytes('ofdrw-signout'))).tables;
    const cell = (row: number, col: number) => table.cells.find((c) => c.row === row && c.col === col)?.text;
    expect(pagesOf.get('ofdrw-signout')![0].rulings.length).toBeGreaterThan(130);
    expect([cell(0, 0), cell(0, 3), cell(0, 5), cell(5, 0), cell(5, 1)]).toEqual(['来文文号', '来文单位', '市人民政府办公室', '公文标题', '市委主要领导同志调研后续落实事项的通知']);
    expect(cell(7, 1)).toBe('1、呈小明、张三、国伟、李四同志阅示; 2、呈王五同志阅处; 3、请小兰同志审核; 4、发至市商务局、市农业农村局、市交通运输局、市水利局。秘书股陈小明2020-06-15');
  });

  it('the pages of the standard (ofdrw-z) give the CGTransform attribute table, cell for cell', async () => {
    const [table] = (await genericTables(bytes('ofdrw-z'))).tables;
    const rows = [0, 1, 2, 3, 4].map((r) => table.cells.filter((c) => c.row === r).map((c) => c.text));
    expect(rows).toEqual([
      ['名称', '类型', '说明', '可选/必选'],
      ['CodePosition', 'xs:int', 'TextCode中字符编码的起始位置,从0开始', '必选'],
      ['CodeCount', 'xs:int', '变换关系中字符的数量,该数值应大于或等于1,否则属于错误描述,默认为1', '可选'],
      ['GlyphCount', 'xs:int', '变换关系中字型索引的个数,该数值应大于或等于1,否则属于错误描述,默认为1', '可选'],
      ['Glyphs', 'ST_Array', '变换关系中字型索引列表', '可选'],
    ]);
    // One character drawn as two glyphs, two as three: one run each.
    expect(text('ofdrw-z')).toContain('变换之后的文本:(两个泰米尔语字符在有些字型中对应三个字型)\nபோ');
  });

  it('the e-invoices (templates, `g N d` deltas that wrap lines) give their fields', () => {
    expect(pagesOf.get('ofdrw-999')!.map((p) => [p.width, p.height])[0]).toEqual([595.28, 396.85]);
    expect(text('ofdrw-999')).toContain('校验码:16630 28298 09915 10014');
    expect(text('ofdrw-999')).toContain('价税合计(大写)壹万零陆佰圆整(小写)¥10600.00');
    expect(text('ofdrw-999')).toContain('10 *餐饮服务*餐费100.00 6% 6.00');
    expect(text('ofdrw-SignScaleError')).toContain('发票号码:99934328');
    expect(text('ofdrw-SignScaleError')).toContain('价税合计(大写)ⓧ壹拾壹圆贰角(小写)¥11.20');
  });

  it('text held only in CompositeObject units (ofdrw-y) comes out, on a 204 × 264 mm page', () => {
    const pages = pagesOf.get('ofdrw-y')!;
    expect(pages.map((p) => p.runs.length > 50)).toEqual([true, true, true]);
    expect([pages[0].width, pages[0].height]).toEqual([578.27, 748.35]);
    expect(text('ofdrw-y')).toContain('专题·数字档案室建设与实践');
  });

  it('glyphs without Unicode (ofdrw-ano) are kept as found and reported', () => {
    expect(grids.get('ofdrw-ano')!.warnings[0]).toBe('316 character(s) are private-use code points: their fonts map glyphs to no Unicode, so that text cannot be read');
    expect(text('ofdrw-ano')).toContain('可信安全浏览器\nWeb应用开发指南');
  });

  it('image-only pages (ofdrw-containsJPEG) are scans, carrying their images for the OCR stage', () => {
    const b = bytes('ofdrw-containsJPEG');
    const { pages } = readOfd(b, checkZip(b, DEFAULT_LIMITS, 'corrupt-ofd'));
    expect(pages.map((p) => p.scanned)).toEqual([true, true]);
    // ImageObject Boundary 31.743 25.6484, CTM 145.3829 0 0 109.0266: the unit square in points.
    // Document.xml says Doc_0, the archive stores DOC_0/Res/Image_4.JPEG: found in another letter case.
    const [image] = pages[0].images!;
    expect(image.kind === 'encoded' && image.matrix).toEqual([412.11, 0, 0, 309.05, 89.98, 72.7]);
    expect(image.kind === 'encoded' && [image.bytes.length, image.bytes[0], image.bytes[1]]).toEqual([479_866, 0xff, 0xd8]);
  });

  it('the coordinate table with escaped spaces and a missing image (ofdrw-testImageNotFound)', () => {
    const pages = pagesOf.get('ofdrw-testImageNotFound')!;
    expect(pages[0].width).toBeCloseTo(366 * PT, 0);
    const coordinates = pages[1].runs.find((r) => r.text.startsWith('序号'))!;
    expect(coordinates.text).toBe('序号 各区区号 经度 纬度 序号 各区区号 经度 纬度\\');
    expect(text('ofdrw-testImageNotFound')).toContain('勘查项目名称:探矿权新立');
  });

  it('the package-structure conformance cases (c5soft) all read alike', () => {
    const cases = NAMES.filter((n) => n.startsWith('c5soft'));
    for (const name of cases) expect(text(name), name).toEqual(text('c5soft-6.1.004'));
    expect(text('c5soft-6.1.004')).toContain('BMP格式JPG格式\nPNG格式TIF格式\nGIF格式二值BMP\n本样例测试阅读器对ZIP结构的支持情况');
  });
});
