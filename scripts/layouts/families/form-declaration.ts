// A 项目支出绩效目标申报表 on one sheet/page: the document's title line (and a `（2025年度）`
// line or a 填报单位/填报日期 line), a header block (项目名称, 主管部门, 实施单位, fund rows, 年度
// 绩效目标) and, with no blank row between, the indicator block — under an outer `绩效指标`
// label column (merged down all its rows) in some exports, a second label column in others.
// Table title = the project; notice title = the title line; notice date = 填报日期.
import type { Family } from '../family.ts';
import { formGrid } from '../kit/form.ts';
import { randomPage } from '../kit/page.ts';
import { declarationHeader, projectFacts, randomProject } from '../kit/project.ts';
import { treeRows } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import type { Block, DocSpec } from '../spec.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const project = randomProject(rng);
  const title = rng.pick(['项目支出绩效目标申报表', `${project.year}年度项目支出绩效目标申报表`, '财政项目支出绩效目标填报表', '项目绩效目标申报表']);
  const outer = rng.weighted([[[], 2], [['绩效指标'], 2], [['绩效指标', '年度绩效指标'], 1]] as const);
  const tree = treeRows(rng, { levels: rng.chance(0.7) ? 'merged' : 'blank', twoRowHeader: false, weight: rng.chance(0.3), description: rng.chance(0.3) });
  const grid = formGrid(rng, { id: 't1', header: declarationHeader(rng, project), tree, outer: [...outer], style: { ruling: 'grid' } });
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const dated = rng.chance(0.5);
  const dateLine = dated ? `${rng.pick(['填报日期：', '填报时间：'])}${project.year}年${month}月${day}日` : '';
  const size = rng.realIn([10, 14], 0.5);
  const blocks: Block[] = [{ kind: 'line', text: title, size: size + 6, align: 'center', bold: true }];
  const dateBelow = rng.chance(0.5);
  if (rng.chance(0.4) && !title.includes('年度')) blocks.push({ kind: 'line', text: `（${project.year}年度）`, size, align: 'center' });
  if (dated && dateBelow) blocks.push({ kind: 'line', text: `填报单位：${project.implementer}    ${dateLine}`, size, align: 'left' });
  else if (dated) blocks.push({ kind: 'line', text: dateLine, size, align: 'right' });
  blocks.push({ kind: 'table', table: grid.table });
  return {
    id: ctx.id, family: 'form-declaration', page: randomPage(rng), face: rng.pick(['sans', 'serif']), blocks,
    truth: {
      kind: 'indicators',
      notice: { title, docNumber: null, issuer: null, date: dated ? `${project.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null },
      tables: [{ title: project.name, ...tree.truth, project: projectFacts(project) }],
      nonIndicators: [],
    },
    tags: { ruling: grid.table.style.ruling, outer: String(outer.length) },
  };
}

const family: Family = {
  name: 'form-declaration',
  kind: 'indicators',
  description: '申报表 on one sheet: title line, header block, indicator block with no blank row between, outer 绩效指标 label column(s)',
  producers: ['xlsx', 'lo-xlsx', 'pdf-noto', 'pdf-stsong', 'docx', 'lo-docx'],
  make,
};
export default family;
