// The structurer on form layouts met in real workbooks, built as sheets: several forms on one
// sheet, an outer label column beside the indicator header, a header block with a list of tasks.
import { describe, expect, it } from 'vitest';
import type { SheetLayout } from '../src/model/layout.ts';
import { sheetsToDocumentGrids } from '../src/tables/sheet-tables.ts';
import { gridsToTables } from '../pipelines/extract-document.ts';
import { readNotice } from '../src/notice/metadata.ts';

type Merge = [r0: number, c0: number, r1: number, c1: number];

function sheet(values: string[][], merges: Merge[] = []): SheetLayout {
  const width = Math.max(...values.map((row) => row.length));
  return {
    name: 'S',
    values: values.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? '')),
    merges: merges.map(([r0, c0, r1, c1]) => ({ r0, c0, r1, c1 })),
  };
}

function read(layout: SheetLayout) {
  const grids = sheetsToDocumentGrids([layout]);
  const { tables, warnings } = gridsToTables(grids);
  return { tables, warnings, notice: readNotice(grids.lines, tables.map((table) => table.context)) };
}

/** One 申报表: title, year line, header block, header, three indicator rows. */
function form(project: string, r0: number): { rows: string[][]; merges: Merge[] } {
  return {
    rows: [
      ['项目支出绩效目标申报表'], ['(2025年度)'], ['项目名称', project], ['主管部门', 'XX局', '实施单位', 'XX中心'],
      ['一级指标', '二级指标', '三级指标', '指标值', '度量单位'],
      ['产出指标', '数量指标', `${project}数量`, '≥10', '个'],
      ['产出指标', '时效指标', `${project}完成时间`, '2025年12月底前', ''],
      ['满意度指标', '服务对象满意度指标', `${project}满意度`, '≥90', '%'],
    ],
    merges: [[r0, 0, r0, 4], [r0 + 1, 0, r0 + 1, 4], [r0 + 2, 1, r0 + 2, 4], [r0 + 5, 0, r0 + 6, 0]],
  };
}

describe('several forms on one sheet with no blank row between', () => {
  const forms = ['项目A', '项目B', '项目C'].map((project, i) => form(project, i * 8));
  const { tables, notice } = read(sheet(forms.flatMap((f) => f.rows), forms.flatMap((f) => f.merges)));

  it('gives one table per form, titled by its project, with its own rows and context', () => {
    expect(tables.map((table) => table.title)).toEqual(['项目A', '项目B', '项目C']);
    expect(tables.map((table) => table.indicators.map((row) => row.level3))).toEqual(['项目A', '项目B', '项目C'].map((p) => [`${p}数量`, `${p}完成时间`, `${p}满意度`]));
    expect(tables[1].context).toMatchObject({ 项目名称: '项目B', 主管部门: 'XX局', 实施单位: 'XX中心', 年度: '2025', 表名: '项目支出绩效目标申报表' });
    expect(tables.map((table) => table.location)).toEqual([{ sheet: 'S', range: 'A3:E8' }, { sheet: 'S', range: 'A9:E16' }, { sheet: 'S', range: 'A17:E24' }]);
    expect(tables[2].indicators[1]).toMatchObject({ level1: '产出指标', level2: '时效指标', source: { sheet: 'S', row: 23 } });
  });

  it('titles the document by its title line, never by the year line', () => {
    expect(notice.title).toBe('项目支出绩效目标申报表');
  });
});

describe('a 部门整体 form: outer label column, list of tasks, 填报单位 and 填报日期 on one line', () => {
  const layout = sheet([
    ['2024年市级部门整体预算绩效目标表'],
    ['填报单位:XX市文化和旅游局 填报日期:2025年3月10日'],
    ['部门名称', 'XX市文化和旅游局'],
    ['年度主要任务', '任务名称', '主要内容', '预算金额(万元)'],
    ['', '', '', '总额', '财政拨款', '其他资金'],
    ['', '公共文化服务', '开展惠民演出120场', '500', '450', '50'],
    ['金额合计', '', '', '500', '450', '50'],
    ['年度总体目标', '全年开展惠民演出120场。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '备注'],
    ['', '产出指标', '数量指标', '惠民演出场次', '≥120场', ''],
    ['', '', '成本指标', '', '', ''],
    ['', '效益指标', '社会效益指标', '群众文化参与人次', '≥13459.00(人次)', ''],
    ['', '', '经济效益指标', '不适用', '', ''],
    ['', '满意度指标', '服务对象满意度指标', '观众满意度', '100%', ''],
  ], [[0, 0, 0, 5], [1, 0, 1, 5], [2, 1, 2, 5], [3, 0, 5, 0], [3, 1, 4, 1], [3, 2, 4, 2], [3, 3, 3, 5], [7, 1, 7, 5], [8, 0, 13, 0], [9, 1, 10, 1], [11, 1, 12, 1]]);
  const { tables, notice } = read(layout);

  it('finds the indicator header under the label column and reads every indicator row', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0].indicators.map((row) => [row.level1, row.level2, row.level3, row.operator, row.value, row.unit])).toEqual([
      ['产出指标', '数量指标', '惠民演出场次', '≥', '120', '场'],
      ['效益指标', '社会效益指标', '群众文化参与人次', '≥', '13459.00', '人次'],
      ['满意度指标', '服务对象满意度指标', '观众满意度', null, '100', '%'],
    ]);
    // Rows are counted in the grid, which starts under the two caption lines.
    expect(tables[0].warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^row 9: a group with no indicator.*成本指标/u),
      expect.stringMatching(/^row 11: 三级指标 "不适用" names no indicator/u),
    ]));
    expect(tables[0].warnings.some((w) => w.includes('columns not recognised'))).toBe(false);
  });

  it('titles the table by the department and reads the block: tasks by name and head, the total, the goal', () => {
    expect(tables[0].title).toBe('XX市文化和旅游局');
    expect(tables[0].context).toMatchObject({
      部门名称: 'XX市文化和旅游局', 填报单位: 'XX市文化和旅游局', 填报日期: '2025年3月10日',
      '年度主要任务/公共文化服务/主要内容': '开展惠民演出120场',
      '年度主要任务/公共文化服务/预算金额(万元)/财政拨款': '450',
      '金额合计/预算金额(万元)/总额': '500',
      年度总体目标: '全年开展惠民演出120场。',
    });
    expect(notice).toMatchObject({ title: '2024年市级部门整体预算绩效目标表', date: '2025-03-10' });
  });
});

describe('a header block parted from its indicator table by a blank row', () => {
  const layout = sheet([
    ['项目支出绩效目标申报表'],
    ['项目名称', '', '农村公路养护'],
    ['主管部门', '', 'XX县交通运输局'],
    [],
    ['', '一级指标', '二级指标', '三级指标', '指标值'],
    ['', '产出指标', '数量指标', '养护里程', '≥120公里'],
    ['', '满意度指标', '服务对象满意度指标', '群众满意度', '≥90%'],
  ], [[0, 0, 0, 4], [1, 0, 1, 1], [2, 0, 2, 1]]);
  const { tables, warnings } = read(layout);

  it('joins the block to the table below it: title, context and rows, no grid skipped', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ title: '农村公路养护', context: { 项目名称: '农村公路养护', 主管部门: 'XX县交通运输局' } });
    expect(tables[0].indicators.map((row) => [row.level1, row.level3, row.value, row.unit, row.source])).toEqual([
      ['产出指标', '养护里程', '120', '公里', { sheet: 'S', row: 6 }],
      ['满意度指标', '群众满意度', '90', '%', { sheet: 'S', row: 7 }],
    ]);
    expect(tables[0].location).toEqual({ sheet: 'S', range: 'A2:E7' });
    expect(warnings.filter((w) => /skipped/u.test(w))).toEqual([]);
  });
});

describe('header words written short', () => {
  it('reads a header 一级 | 二级 | 三级 | 指标值', () => {
    const { tables } = read(sheet([
      ['一级', '二级', '三级', '指标值'],
      ['产出指标', '数量指标', '培训人次', '≥300人次'],
    ]));
    expect(tables[0].indicators.map((row) => [row.level1, row.level2, row.level3, row.operator, row.value, row.unit])).toEqual([['产出指标', '数量指标', '培训人次', '≥', '300', '人次']]);
  });
});

describe('a form with no 项目名称 in its block', () => {
  it('is titled by its heading line, never by the year line under it', () => {
    const { tables } = read(sheet([
      ['项目支出绩效目标申报表'], ['(2025年度)'],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '培训人次', '≥300人次'],
    ]));
    expect(tables[0]).toMatchObject({ title: '项目支出绩效目标申报表', context: { 年度: '2025', 表名: '项目支出绩效目标申报表' } });
  });
});
