// Generated cases (scripts/layouts, tuning seeds 3–7) printed by LibreOffice (lo-docx, lo-xlsx)
// that failed before a fix in table reading, page assembly or the structurer, and read exactly
// since: each names the case and what went wrong. Skipped where soffice is missing (CI installs it).
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { renderMany, type ProducerName } from '../scripts/layouts/producers/index.ts';
import { libreOfficeMissing } from '../scripts/layouts/producers/libreoffice.ts';

interface Case { family: string; seed: number; index: number; producer: ProducerName; was: string }

const CASES: Case[] = [
  // A project name wider than its merged cell's first column: LibreOffice ends one glyph run at
  // the unruled column line (`…环节改` | `善补助资金`), so no run crossed it and the cell was cut there.
  { family: 'form-workbook', seed: 3, index: 6, producer: 'lo-xlsx', was: 'table 18 title "2024年义务教育薄弱环节改" ≠ "2024年义务教育薄弱环节改善补助资金"' },
  { family: 'form-projects-one-grid', seed: 3, index: 2, producer: 'lo-xlsx', was: 'table 1 title "2025年社区养老服务经" ≠ "2025年社区养老服务经费"' },
  // A merged title row (a second form's 申报表 title in one sheet grid) 9 pt high between rows
  // whose column rules end on its top and bottom lines: the 3 pt tolerance at both ends of those
  // rules covered more than half its side, so it was cut into columns and `表` became a row.
  { family: 'form-projects-one-grid', seed: 3, index: 1, producer: 'lo-xlsx', was: 'extra row "表" (twice)' },
  { family: 'form-projects-one-grid', seed: 3, index: 3, producer: 'lo-xlsx', was: 'extra row "表" (twice)' },
  // A merged 二级 cell cut by the page break into `社会公众或服务对象满意度` / `指标`: the upper piece
  // is a level name itself, so the two were not joined and the rows below the break got `指标`.
  { family: 'indicator-merged-tree', seed: 3, index: 6, producer: 'lo-docx', was: 'level2 "指标" ≠ "社会公众或服务对象满意度指标" (2 rows)' },
  // A sheet printed with gridlines, each table's caption (`督察检查类`) in a row of the grid: the
  // next page's grid, same columns, opened with another caption over another header and was
  // chained to the table closing the page before, so its rows read under that table's header.
  { family: 'indicator-carry-forward', seed: 6, index: 31, producer: 'lo-xlsx', was: 'value null on 20 rows (a table missing: read under the one above)' },
  // …the next page's grid opening with an empty gridline row above its caption.
  { family: 'indicator-merged-tree', seed: 3, index: 11, producer: 'lo-xlsx', was: 'description null, value+unit "159公里反映调研报告里程的完成情况" (a table missing: read under the one above)' },
  // Cells centred in their rows, a row cut by the page break: above the break its one-line cells
  // and the first line of its description share a centre, the description's next lines hang
  // loose under them at the table's foot (and were read as a row of their own).
  { family: 'indicator-row-heading-three-line', seed: 3, index: 62, producer: 'lo-docx', was: 'description "以统计台账数" ≠ "以统计台账数据核定开展公益性岗位次数" (2 rows)' },
  { family: 'indicator-row-heading', seed: 3, index: 4, producer: 'lo-docx', was: 'description "根据年度工作" ≠ "根据年度工作计划确定带动路灯改造相关收入"' },
  // A row cut by the page break, its cells set at the top of the part above the break (the name
  // over two lines beside the figures on the first): its second line was read as a row of its
  // own; and the next page's header, restacked on the first page and a row per line on this one,
  // was not taken for a repeat, so the rest of the cut row was not joined.
  { family: 'indicator-row-heading-three-line', seed: 3, index: 26, producer: 'lo-docx', was: 'missing 3 rows, extra row "农田灌溉差错"' },
  // A name cut by the page break (`困难群众救助启` / `动时间`) in a table of many heading rows, the
  // values beside it fitted above: those value columns, empty in every heading row, are filled in
  // fewer than 0.8 of the rows, so their empty cells below were not taken to tell the row was cut.
  { family: 'indicator-row-heading-three-line', seed: 4, index: 41, producer: 'lo-docx', was: 'missing row "困难群众救助启动时间", extra row "困难群众救助启"' },
  { family: 'indicator-row-heading-three-line', seed: 4, index: 17, producer: 'lo-docx', was: 'missing row "体育器材设施使用年限", extra row "体育器材设施使"' },
  // Four descriptions cut by page breaks, their rows' names fitted above: the rows below the
  // breaks, empty in the name column, took the names' share of filled rows below 0.8, so the
  // descriptions' column was taken for the key and none of the four was joined.
  { family: 'indicator-merged-tree', seed: 4, index: 52, producer: 'lo-docx', was: 'description "根据年" ≠ "根据年度工作计划确定消防设施面积" (6 rows)' },
  // Borderless pages of one table, cells centred in tall rows: the page of fewer rows closes on a
  // wider last column (its longest description) than the next page's, whose text stands inside
  // the first's columns; the two were not chained (the next page, headless, lost or read apart).
  { family: 'indicator-row-heading-three-line', seed: 3, index: 59, producer: 'lo-docx', was: 'missing rows from page 2 on' },
  { family: 'indicator-row-heading', seed: 4, index: 52, producer: 'lo-docx', was: '2 indicator tables ≠ 1, level1 null on the rows of page 2' },
  // The same under a 三线表 whose header is not repeated: the next page opens with no rule, so no
  // frame carries the table's columns over, and the first page's table, read in its frame, was
  // not taken up as a borderless one run on; the next page's own columns (序号 and the names in
  // one, the rows of page 2 cut off above its first heading) did not match and the pages were
  // read apart.
  { family: 'indicator-row-heading-three-line', seed: 4, index: 47, producer: 'lo-docx', was: 'description "以统计台账数据核定就业见习差错" ≠ "以统计台账数据核定就业见习差错率", rows of page 2 missing' },
  { family: 'indicator-row-heading-three-line', seed: 4, index: 20, producer: 'lo-docx', was: 'unit "元每人" ≠ "元每人每月", rows of page 2 missing' },
  { family: 'indicator-row-heading-three-line', seed: 4, index: 11, producer: 'lo-docx', was: 'rows of the pages after the first missing' },
  { family: 'indicator-row-heading-three-line', seed: 4, index: 32, producer: 'lo-docx', was: 'description "考察社区服务完" ≠ "考察社区服务完成时间是否达到预期", rows of the next pages missing' },
  // …its last row's description over two lines centred on the name's one: the second line hung
  // below the box of the page's own reading, which the page was read again in, and was lost (the
  // first read as a row of its own).
  { family: 'indicator-row-heading-three-line', seed: 4, index: 56, producer: 'lo-docx', was: 'description null ≠ "以统计台账数据核定受益对象满意度" (2 rows)' },
  // The same, the next page opening with a group heading over rows whose descriptions wrap in two
  // lines centred on their one (half-line offsets): those lines, rows of one cell each, left too
  // few rows of several cells, so no table was found there; and the page's own columns lost 序号,
  // whose text it holds on one line only (`2` beside 效益指标), the heading stood apart from the
  // table as a title does, and the pages were not chained.
  { family: 'indicator-row-heading', seed: 3, index: 10, producer: 'lo-docx', was: 'missing rows from page 2 on (11 of 17)' },
  // A caption set larger than the table, standing close above its header but not centred over
  // it (flush left over a narrow table): it was taken as a header line and its text joined the
  // first column's head.
  { family: 'generic-multiline', seed: 3, index: 22, producer: 'lo-docx', was: 'the caption read as part of the header' },
  // A wrapped cell whose second line opens `付）`: a line may not begin with closing punctuation,
  // so the unit that did not fit is the character with its mark, not the character alone (the
  // two lines were read as two rows).
  // A value wrapped in its cell (`2026 年 8 月底` / `前`), its first line alone on its line: the
  // gap between the value and unit columns, found from the lines of several cells, was cut in its
  // middle, through that line's last glyph, and the value read as spanning into the unit column.
  { family: 'indicator-merged-tree', seed: 3, index: 28, producer: 'lo-docx', was: 'value/unit "2026年8月底无前" ≠ "2026年8月底前" + null' },
  { family: 'generic-multiline', seed: 3, index: 94, producer: 'lo-docx', was: 'a wrapped cell\'s lines read as two rows' },
  // A group heading centred over the figures' columns, narrower than the column it stands in:
  // the borderless reading spans it over them, the centred-rows reading put it back in that one column.
  { family: 'generic-row-groups', seed: 4, index: 10, producer: 'lo-docx', was: 'group headings `按规模分` in one column, not over the figures' },
  { family: 'generic-row-groups', seed: 4, index: 46, producer: 'lo-docx', was: 'group headings `按规模分` in one column, not over the figures' },
  // A 三线表 run on over three pages, its header on the first only: page 3 was compared for a
  // repeated header with page 2's first row, itself a body row (`根据年度工作计划确定…`), whose
  // characters page 3's first line shares, so it was not read as the table run on.
  { family: 'indicator-row-heading-three-line', seed: 4, index: 65, producer: 'lo-docx', was: 'missing 4 rows (page 3)' },
  // A page of a borderless table whose header cells are centred over columns set flush left
  // (`指标名称` over names at indents): the header was taken for a column out of line and the page
  // not read as a table. With it read, a 三线表 run on under its repeated header was also read
  // with rows from its rules (the rule under the header and the bottom rule), all its body rows
  // in one band, and that reading won the arbiter.
  { family: 'indicator-row-heading', seed: 4, index: 40, producer: 'lo-docx', was: 'missing 4 rows' },
  { family: 'indicator-row-heading', seed: 4, index: 64, producer: 'lo-docx', was: 'description "考察创业孵化补助标准" ≠ "考察创业孵化补助标准是否达到预期", missing 3 rows' },
  { family: 'indicator-row-heading-three-line', seed: 3, index: 17, producer: 'lo-docx', was: 'exact; with the header left out of the alignment check alone: missing 4 rows (page 2 read as one row)' },
];

describe('generated LibreOffice prints read exactly', async () => {
  const families = new Map((await loadFamilies()).map((family) => [family.name, family]));
  const noOffice = libreOfficeMissing();
  it.each(CASES)('$family:$seed:$index through $producer (was: $was)', async ({ family: name, seed, index, producer }) => {
    if (noOffice) return;
    const spec = caseSpec(families.get(name)!, seed, index);
    const [rendered] = await renderMany([{ spec, producer }]);
    expect(rendered.rendered, 'why' in rendered ? rendered.why : '').not.toBeNull();
    const result = await scoreCase({ family: name, seed, index, producer }, spec, rendered.rendered!);
    expect(result.score.diffs).toEqual([]);
    expect(result.score.exact).toBe(true);
  }, 120_000);
});

/** One indicator case printed by LibreOffice, scored against its truth. */
async function indicatorScore(key: { family: string; seed: number; index: number; producer: ProducerName }) {
  const family = (await loadFamilies()).find((f) => f.name === key.family)!;
  const spec = caseSpec(family, key.seed, key.index);
  const [rendered] = await renderMany([{ spec, producer: key.producer }]);
  const { score } = await scoreCase(key, spec, rendered.rendered!);
  if (score.kind !== 'indicators') throw new Error('not an indicator case');
  return score;
}

describe('a merged tree whose level columns hold few lines (lo-docx, horizontal rules only)', async () => {
  // 一级 and 二级 names centred in their merged cells stand on two of the nineteen lines with
  // several cells: the gaps beside those columns and the columns themselves were one stretch of
  // few crossings, running to the block's left edge, so no gap was found there and the levels
  // ran into the 三级 names (no-indicator-table). The continuation page's three rows (one line
  // per level column, too few to keep a column) are read on the previous page's columns, its
  // merged level cells from the rules drawn under the 三级 columns only.
  it('indicator-merged-tree:3:10 — every row, the continuation page\'s too', async () => {
    if (libreOfficeMissing()) return;
    const score = await indicatorScore({ family: 'indicator-merged-tree', seed: 3, index: 10, producer: 'lo-docx' });
    expect(score.rows).toEqual({ truth: 20, right: 20, wrong: 0, missing: 0, extra: 0 });
    expect(score.diffs).toEqual([]);
  }, 120_000);
});

describe('a 三线表 run on over pages with no rule, a heading wider than the first page\'s names (lo-docx)', async () => {
  // The pages after the first are read on the first page's columns, whose line between the names
  // and the figures stood 6 pt right of the widest name there: the heading `社会公众或服务对象满意度`
  // and the name line `老年人助餐服务对象满意` on page 4 ran 5 pt past it, so page 4 was not read as the table
  // run on, but on its own columns (序号 and the names in one) from its first heading down, and
  // the rest of a description cut above it was lost with the rows under it. The column lines
  // are taken mid-gap. The last page, one row alone under no header, is still not read.
  it('indicator-row-heading-three-line:4:2 — every row of pages 1–4', async () => {
    if (libreOfficeMissing()) return;
    const score = await indicatorScore({ family: 'indicator-row-heading-three-line', seed: 4, index: 2, producer: 'lo-docx' });
    expect(score.rows).toEqual({ truth: 23, right: 22, wrong: 0, missing: 1, extra: 0 });
  }, 120_000);
});
