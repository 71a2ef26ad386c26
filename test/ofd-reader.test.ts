// The OFD reader on small hand-written packages: positions in points, runs cut like pdfjs's
// text items, rulings from every kind of path, composite units, templates, several documents,
// scans, and the failures (one code each, bounded time).
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';
import { ofdPages } from '../pipelines/ofd-grids.ts';
import { ExtractError } from '../src/model/errors.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';
import { abbreviatedPath } from '../src/readers/ofd-path.ts';
import { codeText, deltaList } from '../src/readers/ofd-text.ts';
import { DRAW_CLOSE, DRAW_CURVE, DRAW_LINE, DRAW_MOVE } from '../src/readers/pdf-paths.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { writeZip } from '../scripts/bad/zip.ts';
import { NS, ofdPackage, onePage, text } from './ofd-fixture.ts';

const PT = 72 / 25.4;
const read = (bytes: Buffer) => ofdPages(bytes, DEFAULT_LIMITS);
const pt = (mm: number) => Math.round(mm * PT * 100) / 100;

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof ExtractError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('ST_Array and path data', () => {
  it('expands `g N d` only as far as needed', () => {
    expect(deltaList('g 3 2 1.5', 5)).toEqual([2, 2, 2, 1.5]);
    expect(deltaList('1 g 2 3 4', 10)).toEqual([1, 3, 3, 4]);
    const started = Date.now();
    expect(deltaList('g 1000000000 1', 3)).toEqual([1, 1, 1]);
    expect(Date.now() - started).toBeLessThan(50);
    expect(deltaList('2 x 3', 5)).toEqual([2]);
  });

  it('reads S M L Q B A C Z into draw ops; extra pairs repeat the command; junk ends the path', () => {
    expect(abbreviatedPath('S 0 0 L 10 0 C', 100)).toEqual([DRAW_MOVE, 0, 0, DRAW_LINE, 10, 0, DRAW_CLOSE]);
    expect(abbreviatedPath('M 0 0 L 1 2 3 4', 100)).toEqual([DRAW_MOVE, 0, 0, DRAW_LINE, 1, 2, DRAW_LINE, 3, 4]);
    expect(abbreviatedPath('M 1 1 A 2 2 0 0 1 5 5 Z', 100)).toEqual([DRAW_MOVE, 1, 1, DRAW_CURVE, 5, 5, 5, 5, 5, 5, DRAW_CLOSE]);
    expect(abbreviatedPath('M 0 0 L 5 x L 9 9', 100)).toEqual([DRAW_MOVE, 0, 0]);
  });

  it('drops the XML indentation around a TextCode, keeps its spaces', () => {
    expect(codeText('\n\t\tHe affixed\n\t')).toBe('He affixed');
    expect(codeText(' 说    明 ')).toBe(' 说    明 ');
  });
});

describe('text', () => {
  it('places a TextCode in points from its Boundary, baseline and Size', () => {
    const { pages } = read(onePage(text(1, 10, 20, '指标名称', '', 'DeltaX="5 5 5"')));
    expect(pages[0]).toMatchObject({ number: 1, width: pt(210), height: pt(297), scanned: false });
    expect(pages[0].runs).toEqual([{ text: '指标名称', bbox: [pt(10), pt(20), pt(30), pt(25)], fontSize: pt(5), fontName: '宋体' }]);
  });

  it('applies the CTM (points inside, millimetres outside) and clips the right edge to a tighter Boundary', () => {
    const obj = `<ofd:TextObject ID="1" Boundary="20 30 10 5" Font="2" CTM="0.3528 0 0 0.3528 0 0" Size="12"><ofd:TextCode X="0" Y="10" DeltaX="6 6">100</ofd:TextCode></ofd:TextObject>`;
    const [run] = read(onePage(obj)).pages[0].runs;
    expect(run.fontSize).toBeCloseTo(12, 1);
    expect(run.bbox[0]).toBeCloseTo(pt(20), 1);
    // Three digits of 6 pt: the last ends at 18 pt (the ½-em estimate), inside the 10 mm Boundary.
    expect(run.bbox[2]).toBeCloseTo(pt(20) + 18 * 0.3528 * PT, 1);
    expect(run.fontName).toBe('Times New Roman');
  });

  it('cuts runs at wide gaps, steps back and new lines; a gap between digits is a space', () => {
    const wide = text(1, 10, 20, '名称单位', '', 'DeltaX="5 40 5"');
    const wrapped = text(2, 10, 40, '第一行第二行', '', 'DeltaX="5 5 -10 5 5" DeltaY="0 0 6 0 0"');
    const spaced = text(3, 10, 60, '1020', '', 'DeltaX="2.5 5 2.5"');
    const runs = read(onePage(wide + wrapped + spaced)).pages[0].runs;
    expect(runs.map((r) => r.text)).toEqual(['名称', '单位', '第一行', '第二行', '10 20']);
    expect(runs[2].bbox[1]).toBeLessThan(runs[3].bbox[1]);
    expect(runs[3].bbox[0]).toBeCloseTo(runs[2].bbox[0], 1);
  });

  it('counts deltas per glyph through CGTransform clusters, not per character', () => {
    // Two Tamil characters drawn as three glyphs (the OFD standard's own example): 2 deltas, one run.
    const cluster = `<ofd:TextObject ID="1" Boundary="10 20 30 15" Font="1" Size="10"><ofd:CGTransform CodePosition="0" CodeCount="2" GlyphCount="3"><ofd:Glyphs>94 76 88</ofd:Glyphs></ofd:CGTransform>`
      + `<ofd:TextCode X="0" Y="9" DeltaX="5 5">போ</ofd:TextCode></ofd:TextObject>`;
    // 28 characters to 28 glyphs is one-to-one: the run is as wide as its deltas.
    const oneToOne = `<ofd:TextObject ID="2" Boundary="10 60 200 6" Font="1" Size="5"><ofd:CGTransform CodePosition="0" CodeCount="4" GlyphCount="4"><ofd:Glyphs>1 2 3 4</ofd:Glyphs></ofd:CGTransform>`
      + `<ofd:TextCode X="0" Y="4.4" DeltaX="5 5 5">绩效指标</ofd:TextCode></ofd:TextObject>`;
    const runs = read(onePage(cluster + oneToOne)).pages[0].runs;
    expect(runs.map((r) => r.text)).toEqual(['போ', '绩效指标']);
    expect(runs[1].bbox[2]).toBeCloseTo(pt(30), 1);
  });

  it('reads vertical text (DeltaY only, or ReadDirection 90) as one run down the page', () => {
    const byDelta = text(1, 10, 20, '一级指标', '', 'DeltaY="5 5 5"');
    const byDirection = text(2, 50, 20, '二级指标', 'ReadDirection="90"');
    const runs = read(onePage(byDelta + byDirection)).pages[0].runs;
    expect(runs.map((r) => r.text)).toEqual(['一级指标', '二级指标']);
    for (const r of runs) {
      expect(r.bbox[3] - r.bbox[1]).toBeCloseTo(pt(20), 0);
      expect(r.bbox[2] - r.bbox[0]).toBeCloseTo(pt(5), 0);
    }
  });

  it('maps Symbol-font private-use glyphs, and warns about private-use text it cannot map', () => {
    const symbol = `<ofd:TextObject ID="1" Boundary="10 20 20 6" Font="7" Size="5"><ofd:TextCode X="0" Y="4.4">\uF0B398</ofd:TextCode></ofd:TextObject>`;
    const unmapped = text(2, 10, 40, '\uE11E\uE236浏览');
    const { pages, warnings } = read(onePage(symbol + unmapped, { documentRes: '<ofd:Fonts><ofd:Font ID="7" FontName="Symbol"/></ofd:Fonts>' }));
    expect(pages[0].runs.map((r) => r.text)).toEqual(['≥98', '\uE11E\uE236浏览']);
    expect(warnings).toEqual(['2 character(s) are private-use code points: their fonts map glyphs to no Unicode, so that text cannot be read']);
  });
});

describe('paths', () => {
  const line = (attrs: string, data: string, kids = '') => `<ofd:PathObject ID="5" Boundary="10 50 100 40" ${attrs}>${kids}<ofd:AbbreviatedData>${data}</ofd:AbbreviatedData></ofd:PathObject>`;

  it('stroked lines, thin filled rectangles and rectangle outlines become rulings; white and unpainted paths do not', () => {
    const paths = [
      line('', 'M 0 0 L 100 0'), // stroked by default
      line('Stroke="false" Fill="true"', 'M 0 10 L 100 10 L 100 10.3 L 0 10.3 C', '<ofd:FillColor Value="0 0 0"/>'),
      line('', 'S 0 20 L 50 20 L 50 40 L 0 40 C'), // outline: 4 edges
      line('', 'M 0 5 L 100 5', '<ofd:StrokeColor Value="255 255 255"/>'),
      line('Stroke="false" Fill="true"', 'M 0 0 L 100 0 L 100 40 L 0 40 C', '<ofd:FillColor Value="#ee #ee #ee"/>'),
      line('Stroke="false"', 'M 0 30 L 100 30'),
      line('DrawParam="3"', 'M 0 35 L 100 35'),
    ];
    const res = '<ofd:DrawParams><ofd:DrawParam ID="3"><ofd:StrokeColor Value="0 0 0 0" ColorSpace="8"/></ofd:DrawParam></ofd:DrawParams><ofd:ColorSpaces><ofd:ColorSpace ID="8" Type="CMYK"/></ofd:ColorSpaces>';
    const rulings = read(onePage(paths.join(''), { documentRes: res })).pages[0].rulings;
    expect(rulings).toEqual([
      { x0: pt(10), y0: pt(50), x1: pt(110), y1: pt(50) },
      { x0: pt(10), y0: pt(60.15), x1: pt(110), y1: pt(60.15) },
      { x0: pt(10), y0: pt(70), x1: pt(60), y1: pt(70) },
      { x0: pt(60), y0: pt(70), x1: pt(60), y1: pt(90) },
      { x0: pt(10), y0: pt(90), x1: pt(60), y1: pt(90) },
      { x0: pt(10), y0: pt(70), x1: pt(10), y1: pt(90) },
    ]);
  });
});

describe('composite objects, templates, documents', () => {
  const unit = (id: number, content: string) => `<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="${id}" Width="100" Height="20"><ofd:Content>${content}</ofd:Content></ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits>`;

  it('draws text held in a CompositeGraphicUnit where each CompositeObject puts it', () => {
    const res = unit(40, text(1, 0, 0, '项目名称'));
    const layer = `<ofd:CompositeObject ID="2" Boundary="10 20 100 20" ResourceID="40"/><ofd:CompositeObject ID="3" Boundary="0 0 210 297" CTM="1 0 0 1 10 100" ResourceID="40"/>`;
    const runs = read(onePage(layer, { documentRes: res })).pages[0].runs;
    expect(runs.map((r) => [r.text, r.bbox[0], r.bbox[1]])).toEqual([['项目名称', pt(10), pt(20)], ['项目名称', pt(10), pt(100)]]);
  });

  it('skips a unit that draws itself, and refuses a fan-out that would draw too many objects, quickly', () => {
    const loop = unit(40, `${text(1, 0, 0, '一次')}<ofd:CompositeObject ID="2" Boundary="0 10 100 20" ResourceID="40"/>`);
    const { pages, warnings } = read(onePage('<ofd:CompositeObject ID="3" Boundary="0 0 100 20" ResourceID="40"/>', { documentRes: loop }));
    expect(pages[0].runs.map((r) => r.text)).toEqual(['一次']);
    expect(warnings).toEqual(['page 1: composite unit 40 nests too deep or draws itself; skipped']);
    // Eight levels, each drawing the next ten times: 10^8 objects.
    const levels = Array.from({ length: 8 }, (_, i) => `<ofd:CompositeGraphicUnit ID="${50 + i}" Width="1" Height="1"><ofd:Content>${
      i === 7 ? text(1, 0, 0, '叶') : Array.from({ length: 10 }, (_, k) => `<ofd:CompositeObject ID="${k}" Boundary="0 0 1 1" ResourceID="${51 + i}"/>`).join('')}</ofd:Content></ofd:CompositeGraphicUnit>`).join('');
    const started = Date.now();
    const got = code(() => read(onePage('<ofd:CompositeObject ID="3" Boundary="0 0 1 1" ResourceID="50"/>', { documentRes: `<ofd:CompositeGraphicUnits>${levels}</ofd:CompositeGraphicUnits>` })));
    expect(got).toBe('too-large: page 1 of the OFD draws more than 200000 objects');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('draws Background templates under the page and Foreground ones over it (page ZOrder wins)', () => {
    const tpl = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="1">${s}</ofd:Layer></ofd:Content></ofd:Page>`);
    const bytes = ofdPackage(
      [{
        pages: [`<ofd:Layer ID="9">${text(3, 10, 40, '正文')}</ofd:Layer><ofd:Layer ID="8" Type="Background">${text(4, 10, 60, '底层')}</ofd:Layer>`],
        commonData: '<ofd:TemplatePage ID="70" BaseLoc="Tpls/A/Content.xml"/><ofd:TemplatePage ID="71" BaseLoc="Tpls/B/Content.xml" ZOrder="Background"/>',
        pageHead: '<ofd:Template TemplateID="71" ZOrder="Foreground"/><ofd:Template TemplateID="70"/>',
      }],
      [{ name: 'Doc_0/Tpls/A/Content.xml', data: tpl(text(1, 10, 20, '模板') + '<ofd:PathObject ID="2" Boundary="10 30 100 1"><ofd:AbbreviatedData>M 0 0 L 100 0</ofd:AbbreviatedData></ofd:PathObject>') },
        { name: 'Doc_0/Tpls/B/Content.xml', data: tpl(text(5, 10, 80, '页脚')) }],
    );
    const page = read(bytes).pages[0];
    expect(page.runs.map((r) => r.text)).toEqual(['模板', '底层', '正文', '页脚']);
    expect(page.rulings).toHaveLength(1);
  });

  it('reads every DocBody of a package, pages numbered on', () => {
    const bytes = ofdPackage([{ pages: [`<ofd:Layer ID="1">${text(1, 10, 20, '甲')}</ofd:Layer>`] }, { pages: [`<ofd:Layer ID="1">${text(1, 10, 20, '乙')}</ofd:Layer>`, `<ofd:Layer ID="1">${text(1, 10, 20, '丙')}</ofd:Layer>`] }]);
    const { pages } = read(bytes);
    expect(pages.map((p) => [p.number, p.runs[0].text])).toEqual([[1, '甲'], [2, '乙'], [3, '丙']]);
  });

  it('a page of images only is a scan: scanned-ofd', async () => {
    const bytes = onePage('<ofd:ImageObject ID="3" Boundary="10 10 190 270" CTM="190 0 0 270 0 0" ResourceID="60"/>', { documentRes: '<ofd:MultiMedias><ofd:MultiMedia ID="60" Type="Image"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>' });
    const { pages, warnings } = read(bytes);
    expect(pages[0]).toMatchObject({ runs: [], scanned: true, images: [] });
    expect(warnings).toEqual(['page 1: an image it draws is missing from the package']);
    await expect(extractDocument(bytes, 'scan.ofd')).rejects.toMatchObject({ code: 'scanned-ofd' });
  });
});

describe('package structure and failures', () => {
  const root = (docRoot: string) => ({ name: 'OFD.xml', data: Buffer.from(`<ofd:OFD xmlns:ofd="${NS}"><ofd:DocBody><ofd:DocRoot>${docRoot}</ofd:DocRoot></ofd:DocBody></ofd:OFD>`) });
  const doc = ofdPackage([{ pages: [`<ofd:Layer ID="1">${text(1, 10, 20, '指标')}</ofd:Layer>`] }]);

  it('is sniffed from its bytes', () => {
    expect(sniffFormat(doc)).toBe('ofd');
    expect(code(() => sniffFormat(doc.subarray(0, doc.length - 30)))).toMatch(/^corrupt-ofd: /u);
  });

  it('finds parts written with backslashes, other letter case or percent-escapes; never climbs out of the package', async () => {
    const { readZip } = await import('../scripts/bad/zip.ts');
    const entries = readZip(doc).filter((e) => e.name !== 'OFD.xml');
    for (const docRoot of ['\\Doc_0\\Document.xml', 'DOC_0/document.xml', 'Doc%5F0/Document.xml', './Doc_0/../Doc_0/Document.xml']) {
      expect(read(writeZip([root(docRoot), ...entries])).pages[0].runs[0].text, docRoot).toBe('指标');
    }
    expect(code(() => read(writeZip([root('../Doc_0/Document.xml'), ...entries])))).toBe('corrupt-ofd: the OFD package cannot be read: document 1: its DocRoot (none) is missing from the package');
  });

  it('gives one code for each broken package', () => {
    const entries = (xml: string) => writeZip([{ name: 'OFD.xml', data: Buffer.from(xml) }]);
    expect(code(() => read(writeZip([{ name: 'Doc_0/OFD.xml.bak', data: Buffer.from('x') }])))).toBe('corrupt-ofd: the OFD package cannot be read: it has no OFD.xml');
    expect(code(() => read(entries('<Document/>')))).toBe('corrupt-ofd: the OFD package cannot be read: its OFD.xml holds <Document>, not <OFD>');
    expect(code(() => read(entries('<ofd:OFD xmlns:ofd="x"/>')))).toBe('corrupt-ofd: the OFD package cannot be read: its OFD.xml names no document (DocBody)');
    expect(code(() => read(writeZip([root('Doc_0/Document.xml')])))).toMatch(/^corrupt-ofd: .*missing from the package$/u);
    expect(code(() => read(entries(`<OFD><DocBody><DocRoot>a.xml</DocRoot></DocBody><Encryptions/></OFD>`)))).toBe('encrypted: the OFD package is encrypted (GM/T 0099)');
    const deep = `<ofd:OFD xmlns:ofd="${NS}">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</ofd:OFD>`;
    expect(code(() => read(entries(deep)))).toBe('too-large: the OFD part OFD.xml nests elements more than 64 deep');
    expect(code(() => ofdPages(doc, { ...DEFAULT_LIMITS, maxPages: 0 }))).toBe('too-large: the OFD has 1 pages (limit 0, ZHIBIAO_MAX_PAGES)');
  });

  it('a missing page or template is a warning, not a failure', () => {
    const bytes = ofdPackage([{ pages: [`<ofd:Layer ID="1">${text(1, 10, 20, '指标')}</ofd:Layer>`], pageHead: '<ofd:Template TemplateID="5"/>', commonData: '<ofd:TemplatePage ID="5" BaseLoc="Tpls/none.xml"/>' }]);
    expect(read(bytes).warnings).toEqual(['page 1: template 5 (Doc_0/Tpls/none.xml) is missing from the package']);
  });
});
