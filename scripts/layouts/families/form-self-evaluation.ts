// A 项目支出绩效自评表 (SPEC §1 "Self-evaluation"): title line, header block (项目名称, 主管部门,
// 实施单位), the funding matrix (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 over
// 年度资金总额 / 其中：财政拨款 / 其他资金), 年度总体目标 (预期目标 | 实际完成情况), then 一级 |
// 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 ending in a 总分 row.
import type { Family } from '../family.ts';
import { formGrid, type HeaderItem } from '../kit/form.ts';
import { randomPage } from '../kit/page.ts';
import { projectFacts, randomProject, type Project } from '../kit/project.ts';
import { treeRows } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import type { DocSpec } from '../spec.ts';

function fundingMatrix(rng: Rng, p: Project): HeaderItem {
  const row = (label: string, amount: string): string[] => {
    const planned = Number(amount);
    const done = planned * rng.real(0.85, 1);
    return [label, amount, amount, done.toFixed(2), '10', `${((100 * done) / Math.max(planned, 0.01)).toFixed(1)}%`, (10 * done / Math.max(planned, 0.01)).toFixed(1)];
  };
  return {
    kind: 'matrix', label: '项目资金（万元）',
    head: ['', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    rows: [row('年度资金总额', p.funds.total), row('其中：当年财政拨款', p.funds.fiscal), row('其他资金', p.funds.other)],
  };
}

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const project = randomProject(rng);
  const title = rng.pick(['项目支出绩效自评表', `${project.year}年度项目支出绩效自评表`]);
  const tree = treeRows(rng, { levels: rng.chance(0.7) ? 'merged' : 'blank', twoRowHeader: false, selfEvaluation: true, layout: { opColumn: false, unitColumn: false } });
  const header: HeaderItem[] = [
    { kind: 'pairs', pairs: [['项目名称', project.name]] },
    { kind: 'pairs', pairs: [['主管部门', project.department], ['实施单位', project.implementer]] },
    fundingMatrix(rng, project),
    { kind: 'matrix', label: '年度总体目标', head: ['预期目标', '实际完成情况'], rows: [[project.goal, rng.pick(['已按计划完成年度目标。', '基本完成年度目标，个别指标略有偏差。'])]] },
  ];
  const grid = formGrid(rng, { id: 't1', header, tree, outer: [], style: { ruling: 'grid' }, breakInsideMerge: 0.3 });
  const size = rng.realIn([10, 13], 0.5);
  return {
    id: ctx.id, family: 'form-self-evaluation', page: randomPage(rng, { orientation: rng.chance(0.6) ? 'landscape' : 'portrait' }), face: rng.pick(['sans', 'serif']),
    blocks: [
      { kind: 'line', text: title, size: size + 6, align: 'center', bold: true },
      ...(title.includes('年度') ? [] : [{ kind: 'line' as const, text: `（${project.year}年度）`, size, align: 'center' as const }]),
      { kind: 'table', table: grid.table },
    ],
    truth: {
      kind: 'indicators', notice: { title, docNumber: null, issuer: null, date: null },
      tables: [{ title: project.name, ...tree.truth, project: projectFacts(project) }], nonIndicators: ['总分'],
    },
    tags: { ruling: grid.table.style.ruling },
  };
}

const family: Family = {
  name: 'form-self-evaluation',
  kind: 'indicators',
  description: '自评表: header block, funding matrix, 年度总体目标, 实际完成值/分值/得分/偏差原因, 总分 row',
  producers: ['xlsx', 'lo-xlsx', 'pdf-noto', 'pdf-stsong', 'docx'],
  make,
};
export default family;
