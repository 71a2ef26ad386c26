// A 部门整体 绩效目标表 on one sheet/page: the document's title line
// (`2024年市级部门整体预算绩效目标表`), 部门名称, 年度预算资金 rows, 年度重点工作任务 with their own
// small header (任务名称 | 主要内容 | 预算金额), 总体绩效目标, then the indicator block under
// `绩效指标` (and in some exports a second label column) merged down all its rows. Table title =
// the department.
import type { Family } from '../family.ts';
import { formGrid, type HeaderItem } from '../kit/form.ts';
import { randomPage } from '../kit/page.ts';
import { randomProject } from '../kit/project.ts';
import { treeRows } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import type { DocSpec } from '../spec.ts';
import { PLACES, TASKS } from '../vocab/notice.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const project = randomProject(rng);
  const level = rng.pick(['市级', '县级', '区级']);
  const title = `${project.year}年${level}部门整体预算绩效目标表`;
  const department = `${rng.pick(PLACES)}${project.department.replace(/^[县区市]/u, '')}`;
  const tasks = rng.sample(TASKS, rng.int(2, 4)).map((t) => [t, `保障${t}顺利开展`, (rng.int(5, 500)).toFixed(2)]);
  const header: HeaderItem[] = [
    { kind: 'pairs', pairs: [['部门名称', department]] },
    { kind: 'group', label: '年度预算资金（万元）', rows: [['资金总额', project.funds.total], ['其中：财政拨款', project.funds.fiscal], ['其他资金', project.funds.other]] },
    { kind: 'matrix', label: '年度重点工作任务', head: ['任务名称', '主要内容', '预算金额（万元）'], rows: tasks },
    { kind: 'text', label: '总体绩效目标', text: project.goal },
  ];
  const outer = rng.weighted([[['绩效指标'], 3], [['绩效指标', '年度绩效指标'], 1]] as const);
  const tree = treeRows(rng, { levels: rng.chance(0.8) ? 'merged' : 'blank', twoRowHeader: false, layout: { unitColumn: rng.chance(0.5) } });
  const grid = formGrid(rng, { id: 't1', header, tree, outer: [...outer], style: { ruling: 'grid' } });
  const size = rng.realIn([10, 13], 0.5);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return {
    id: ctx.id, family: 'form-department', page: randomPage(rng), face: rng.pick(['sans', 'serif']),
    blocks: [
      { kind: 'line', text: title, size: size + 6, align: 'center', bold: true },
      { kind: 'line', text: `填报单位：${department}    填报日期：${project.year}年${month}月${day}日`, size, align: 'left' },
      { kind: 'table', table: grid.table },
    ],
    truth: {
      kind: 'indicators',
      notice: { title, docNumber: null, issuer: null, date: `${project.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` },
      tables: [{ title: department, ...tree.truth, project: { 部门名称: department, 资金总额: project.funds.total } }],
      nonIndicators: [],
    },
    tags: { ruling: 'grid', outer: String(outer.length) },
  };
}

const family: Family = {
  name: 'form-department',
  kind: 'indicators',
  description: '部门整体绩效目标表: title, 填报单位/填报日期 on one line, 重点工作任务 matrix, indicators under 绩效指标 label column(s)',
  producers: ['xlsx', 'lo-xlsx', 'pdf-noto', 'pdf-stsong', 'docx'],
  make,
};
export default family;
