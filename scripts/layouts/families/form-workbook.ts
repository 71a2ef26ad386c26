// A system export with one project per sheet (2–20 sheets), the shape of the real 二级项目支出
// 绩效目标申报表 workbooks (described, not copied): a title row, a header block of `标签：` |
// value pairs and long text rows (政策依据, 测算依据, 年度目标, 长期目标), then 一级 | 二级 | 三级 |
// 目标值 | 指标解释 with 一级 merged (in some exports the cells hidden under the merge hold the
// same text), every second level present and the unused ones filled with 不适用/无//, no unit
// column, operators as words, and a 备注 line at the end.
import type { Family } from '../family.ts';
import { formGrid, type HeaderItem } from '../kit/form.ts';
import { randomPage } from '../kit/page.ts';
import { projectFacts, randomProject } from '../kit/project.ts';
import { treeRows } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { Block, DocSpec, TruthTable } from '../spec.ts';
import { GOALS } from '../vocab/notice.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const title = rng.pick(['二级项目支出绩效目标申报表', '项目支出绩效目标申报表', '部门项目支出绩效目标表']);
  const sheets = rng.range(GENERATOR.indicators.sheetsPerWorkbook);
  const fillMerged = rng.chance(0.4);
  const filler = rng.pick([['不适用'], ['无'], ['/'], ['不适用', ''], ['不涉及']]);
  const year = rng.int(2021, 2025);
  const blocks: Block[] = [];
  const tables: TruthTable[] = [];
  const nonIndicators = new Set<string>();
  for (let k = 0; k < sheets; k++) {
    const r = rng.fork(`sheet${k}`);
    const project = randomProject(r, year);
    const tree = treeRows(r, { levels: 'merged', twoRowHeader: false, description: true, fillers: filler, layout: { opColumn: false, unitColumn: false, inlineOp: r.pick(['word', 'suffix', 'symbol'] as const) } });
    const header: HeaderItem[] = [
      { kind: 'pairs', pairs: [['项目编码：', String(r.int(1e11, 9e11))], ['项目名称：', project.name]] },
      { kind: 'pairs', pairs: [['申请单位：', project.implementer], ['一级预算单位：', project.department]] },
      { kind: 'pairs', pairs: [['实施期限：', String(r.int(1, 3))], ['项目类型：', r.pick(['其他经费', '专项经费'])]] },
      { kind: 'pairs', pairs: [['项目总金额（万元）：', project.funds.total], ['本年度项目金额（万元）：', project.funds.fiscal]] },
      { kind: 'text', label: '政策依据：', text: r.pick(GOALS) },
      { kind: 'text', label: '年度目标：', text: project.goal },
    ];
    const grid = formGrid(r, { id: `t${k + 1}`, header, tree, outer: [], style: { ruling: 'grid' }, fillMerged });
    blocks.push({ kind: 'sheet', name: `${k + 1}.${project.name}` });
    blocks.push({ kind: 'line', text: title, size: 14, align: 'center', bold: true });
    blocks.push({ kind: 'table', table: grid.table });
    blocks.push({ kind: 'line', text: '备注：导出模板，灰色信息无需填写', size: 9, align: 'left' });
    tables.push({ title: project.name, ...tree.truth, project: projectFacts(project) });
    for (const n of tree.nonIndicators) nonIndicators.add(n);
  }
  return {
    id: ctx.id, family: 'form-workbook', page: randomPage(rng, { orientation: 'portrait' }), face: rng.pick(['sans', 'serif']), blocks,
    truth: { kind: 'indicators', notice: { title, docNumber: null, issuer: null, date: null }, tables, nonIndicators: [...nonIndicators] },
    tags: { ruling: 'grid', sheets: sheets > 10 ? '11-20' : '2-10', hiddenMergedText: String(fillMerged) },
  };
}

const family: Family = {
  name: 'form-workbook',
  kind: 'indicators',
  description: 'one project per sheet in a 2–20-sheet workbook: label：value header block, 一级 merged (hidden cells may repeat it), 不适用 rows, word operators, 备注 line',
  producers: ['xlsx', 'xlsx', 'lo-xlsx', 'pdf-noto'],
  make,
};
export default family;
