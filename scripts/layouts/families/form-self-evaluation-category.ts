// A 自评表 with ONE category column (指标类型: 数量指标 / 产出类指标 / 效益类指标 …, merged down its
// rows) instead of 一级/二级, then 指标名称 | 指标性质 (≥ = 无) | 指标值 | 计量单位 | 指标权重 |
// 全年完成值 | 评价标准, ending in a 合计 row. Truth: the category is level1, level2 is null.
import type { Family } from '../family.ts';
import { formGrid, type HeaderItem } from '../kit/form.ts';
import { pickVocabulary, planIndicators, randomValueLayout, selfEvaluation, truthRow, valueCells } from '../kit/indicators.ts';
import { randomPage } from '../kit/page.ts';
import { projectFacts, randomProject } from '../kit/project.ts';
import type { CellInput } from '../kit/table-builder.ts';
import { runLengths, type TreeRows } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import type { DocSpec, TruthIndicator } from '../spec.ts';

const CATEGORY: Record<string, string[]> = {
  产出: ['数量指标', '产出类指标', '质量指标', '时效指标'],
  效益: ['效益类指标', '社会效益指标'],
  满意度: ['满意度类指标'],
};

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const project = randomProject(rng);
  const plan = planIndicators(rng, pickVocabulary(rng));
  const layout = randomValueLayout(rng, { opColumn: true, unitColumn: true, noOp: '无' });
  const category = (kind: string) => {
    const group = kind === '满意度' ? '满意度' : ['数量', '质量', '时效', '成本'].includes(kind) ? '产出' : '效益';
    return CATEGORY[group][rng.int(0, CATEGORY[group].length - 1) % CATEGORY[group].length];
  };
  const cats: string[] = [];
  plan.forEach((p, i) => cats.push(i > 0 && plan[i - 1].kind === p.kind ? cats[i - 1] : category(p.kind)));
  // Equal neighbouring categories form one run.
  const runs = runLengths(cats);
  const head = ['指标类型', '指标名称', '指标性质', '指标值', '计量单位', '指标权重', '全年完成值', '评价标准'];
  const rows: TreeRows['rows'] = [{ kind: 'header', cells: head.map((text) => ({ text, align: 'center' as const })) }];
  const truth: TruthIndicator[] = [];
  plan.forEach((p, i) => {
    const cells = valueCells(p.idea, layout);
    const se = selfEvaluation(rng, p.idea);
    const out: CellInput[] = [];
    if (runs[i] > 0) out.push({ text: cats[i], rowSpan: runs[i], align: 'center' });
    out.push(p.idea.name, { text: cells.op, align: 'center' }, { text: cells.value, align: 'center' }, { text: cells.unit, align: 'center' },
      { text: se.weight, align: 'center' }, { text: se.actual, align: 'center' }, '达到目标得满分，未达到按完成比例得分');
    rows.push({ kind: 'body', cells: out });
    truth.push(truthRow({ level1: cats[i], level2: null, level3: p.idea.name, description: null }, cells, { weight: se.weight, actual: se.actual }));
  });
  rows.push({ kind: 'total', cells: [{ text: '合计', colSpan: 5 }, String(truth.reduce((s, r) => s + Number(r.weight), 0)), '', ''] });
  const tree: TreeRows = { nCols: head.length, rows, headerRows: 1, widths: [1.2, 3, 0.8, 1.2, 0.8, 0.8, 1, 3], mergedStarts: [], truth: { unitColumn: true, rows: truth }, nonIndicators: ['合计'] };
  const header: HeaderItem[] = [
    { kind: 'pairs', pairs: [['项目名称', project.name], ['项目联系人', rng.pick(['张明', '李华', '王芳'])]] },
    { kind: 'pairs', pairs: [['项目实施单位', project.implementer], ['项目主管部门', project.department]] },
    { kind: 'text', label: '全年预算数（万元）', text: project.funds.total },
    { kind: 'matrix', label: '当年绩效目标', head: ['全年绩效目标', '全年目标实际完成情况'], rows: [[project.goal, '已按计划完成。']] },
  ];
  const grid = formGrid(rng, { id: 't1', header, tree, outer: [], style: { ruling: 'grid' } });
  const title = `${project.year}年度项目支出绩效自评表`;
  return {
    id: ctx.id, family: 'form-self-evaluation-category', page: randomPage(rng, { orientation: 'landscape' }), face: rng.pick(['sans', 'serif']),
    blocks: [{ kind: 'line', text: title, size: 16, align: 'center', bold: true }, { kind: 'table', table: grid.table }],
    truth: { kind: 'indicators', notice: { title, docNumber: null, issuer: null, date: null }, tables: [{ title: project.name, ...tree.truth, project: projectFacts(project) }], nonIndicators: ['合计'] },
    tags: { ruling: 'grid' },
  };
}

const family: Family = {
  name: 'form-self-evaluation-category',
  kind: 'indicators',
  description: '自评表 with one category column (指标类型), 指标性质 ≥ = 无, 计量单位, 指标权重, 全年完成值, 合计 row',
  producers: ['xlsx', 'lo-xlsx', 'pdf-noto', 'pdf-stsong'],
  make,
};
export default family;
