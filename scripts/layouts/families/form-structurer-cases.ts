// Form layouts the structurer must read (issue 10 item 4, "Real form layouts to read"), beside
// gen's form families: several forms in ONE grid (one sheet region, one Word table, one PDF table)
// with no blank row between, a header block parted from its indicator table, template
// rows that are no indicators (不适用, an empty 二级 group, 备注), a 自评表 with one category
// column (指标类型, 指标性质 `≥ = 无`, 计量单位, 100% stored as 1), and the ways forms write a
// value with its operator and unit inside it.
import type { Family, FamilyContext } from '../family.ts';
import { headerBlockRows } from '../kit/form.ts';
import { pickVocabulary, planIndicators, randomValueLayout, type PlannedRow } from '../kit/indicators.ts';
import { randomPage } from '../kit/page.ts';
import { declarationHeader, projectFacts, randomProject } from '../kit/project.ts';
import { randomStyle, TableBuilder, type CellInput } from '../kit/table-builder.ts';
import { runLengths, treeRows, type TreeRows } from '../kit/tree-table.ts';
import { GENERATOR } from '../settings.ts';
import type { Block, DocSpec, Op, RowKind, TableSpec, TruthIndicator, TruthTable } from '../spec.ts';
import type { Rng } from '../random.ts';
import { clean } from '../../samples/common.ts';

const FORM_TITLES = ['项目支出绩效目标申报表', '项目支出绩效目标表', '财政项目支出绩效目标填报表', '二级项目支出绩效目标申报表'];

interface Rows { rows: { kind: RowKind; cells: CellInput[] }[]; width: number }

/** The indicator rows of a form under its outer label columns (each merged down the whole block). */
function indicatorBlock(tree: TreeRows, outer: string[]): Rows['rows'] {
  return tree.rows.map((r, i) => ({
    kind: r.kind === 'header' ? 'body' : r.kind,
    cells: [...(i === 0 ? outer.map((text) => ({ text, rowSpan: tree.rows.length, align: 'center' as const })) : []), ...r.cells],
  }));
}

function grid(rng: Rng, id: string, rows: Rows, widths: number[], fillMerged = false): TableSpec {
  const b = new TableBuilder(rows.width);
  for (const r of rows.rows) b.row(r.kind, r.cells);
  return b.build({ id, colWidths: widths, style: randomStyle(rng, { ruling: 'grid', repeatHeader: false }), fillMerged });
}

function spec(ctx: FamilyContext, family: string, rng: Rng, blocks: Block[], tables: TruthTable[], title: string | null, tags: Record<string, string>, nonIndicators: string[] = []): DocSpec {
  return {
    id: ctx.id, family, page: randomPage(rng), face: rng.pick(['sans', 'serif']), blocks,
    truth: { kind: 'indicators', notice: { title, docNumber: null, issuer: null, date: null }, tables, nonIndicators },
    tags: { ruling: 'grid', ...tags },
  };
}

/** Forms of one export: the same columns for every project (one template), its own rows each. */
function exportTrees(rng: Rng, n: number): TreeRows[] {
  const layout = randomValueLayout(rng);
  const shape = { levels: rng.chance(0.7) ? 'merged' as const : 'blank' as const, twoRowHeader: false, weight: rng.chance(0.3), description: rng.chance(0.4), layout };
  return Array.from({ length: n }, () => treeRows(rng, shape));
}

const titleLine = (rng: Rng, text: string): Block => ({ kind: 'line', text, size: rng.realIn(GENERATOR.text.titleSize, 1), align: 'center', bold: true });

// ---------------------------------------------------------------- several forms, one grid

/**
 * 2–4 申报表 one under the other in ONE grid, no blank row between: each next form opens with its
 * title row (or straight with 项目名称); the document's title line stands above the grid.
 */
function projectsOneGrid(rng: Rng, ctx: FamilyContext): DocSpec {
  const n = rng.int(2, 4);
  const year = rng.int(2020, 2025);
  const projects = Array.from({ length: n }, () => randomProject(rng, year));
  const trees = exportTrees(rng, n);
  const outer = rng.weighted([[[], 2], [['绩效指标'], 2]] as const);
  const width = outer.length + trees[0].nCols;
  const title = rng.pick(FORM_TITLES);
  const titled = rng.chance(0.7);
  const rows: Rows = { rows: [], width };
  projects.forEach((project, i) => {
    if (i > 0 && titled) rows.rows.push({ kind: 'body', cells: [{ text: title, colSpan: width, align: 'center', bold: true }] });
    rows.rows.push(...headerBlockRows(declarationHeader(rng, project), width), ...indicatorBlock(trees[i], [...outer]));
  });
  const widths = [...outer.map(() => 1), ...trees[0].widths];
  return spec(ctx, 'form-projects-one-grid', rng, [titleLine(rng, title), { kind: 'table', table: grid(rng, 't1', rows, widths) }],
    projects.map((p, i) => ({ title: p.name, ...trees[i].truth, project: projectFacts(p) })), title, { forms: String(n), titled: String(titled) });
}

// ---------------------------------------------------------------- header block parted off

/** The header block as a table of its own (a blank row below it on a sheet), the indicator table under it. */
function partedBlock(rng: Rng, ctx: FamilyContext): DocSpec {
  const project = randomProject(rng);
  const [tree] = exportTrees(rng, 1);
  const outer = rng.weighted([[[], 2], [['绩效指标'], 1]] as const);
  const width = outer.length + tree.nCols;
  const title = rng.pick(FORM_TITLES);
  const block = grid(rng, 't0', { rows: headerBlockRows(declarationHeader(rng, project), width), width }, Array.from({ length: width }, () => 1));
  const indicators = grid(rng, 't1', { rows: indicatorBlock(tree, [...outer]), width }, [...outer.map(() => 1), ...tree.widths]);
  const blocks: Block[] = [titleLine(rng, title), { kind: 'table', table: block }];
  if (rng.chance(0.5)) blocks.push({ kind: 'line', text: rng.pick(['年度绩效指标', '绩效指标']), size: 11, align: 'left' });
  blocks.push({ kind: 'table', table: indicators });
  return spec(ctx, 'form-parted-block', rng, blocks, [{ title: project.name, ...tree.truth, project: projectFacts(project) }], title, { caption: String(blocks.length === 4) });
}

// ---------------------------------------------------------------- template rows

const NOT_APPLICABLE = ['不适用', '不适应', '无', '/', '—', '不涉及'];

/**
 * A 申报表 from a template whose every 二级 has a row: those the project does not use say 不适用
 * (or 无, /, —, 不涉及) in every cell, or leave 三级 empty; a 备注 row closes the grid. Header
 * words short (一级 | 二级 | 三级) in some exports.
 */
function templateRows(rng: Rng, ctx: FamilyContext): DocSpec {
  const project = randomProject(rng);
  const vocab = pickVocabulary(rng);
  const used = planIndicators(rng, vocab, { kinds: ['数量', '质量', '社会效益', '满意度'] });
  const marker = rng.pick(NOT_APPLICABLE);
  const empty = rng.chance(0.5);
  const unused: PlannedRow[] = (['时效', '成本', '经济效益', '生态效益'] as const).map((kind) => ({
    kind, level1: vocab.level1[kind === '时效' || kind === '成本' ? '产出' : '效益'], level2: vocab.level2[kind],
    idea: { name: empty && kind === '成本' ? '' : marker, op: null, value: empty && kind === '成本' ? '' : marker, unit: null, numeric: false },
    description: empty && kind === '成本' ? '' : marker,
  }));
  // The national order: 数量 质量 时效 成本 | 经济 社会 生态 | 满意度.
  const order = ['数量', '质量', '时效', '成本', '经济效益', '社会效益', '生态效益', '满意度'];
  const plan = [...used, ...unused].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const tree = treeRows(rng, { plan, levels: rng.chance(0.7) ? 'merged' : 'blank', twoRowHeader: false, description: rng.chance(0.5) });
  const short = rng.chance(0.4);
  if (short) tree.rows[0].cells = tree.rows[0].cells.map((c, i) => (i < 3 && typeof c !== 'string' ? { ...c, text: ['一级', '二级', '三级'][i] } : c));
  const outer = rng.weighted([[[], 2], [['绩效指标'], 1]] as const);
  const width = outer.length + tree.nCols;
  const note = `备注：${rng.pick(['作为导入模板，置灰信息无需录入。', '不适用的指标请填写“不适用”。', '指标值请填写数值及单位。'])}`;
  const rows: Rows = { rows: [...headerBlockRows(declarationHeader(rng, project), width), ...indicatorBlock(tree, [...outer]), { kind: 'note', cells: [{ text: note, colSpan: width }] }], width };
  const title = rng.pick(FORM_TITLES);
  const table = grid(rng, 't1', rows, [...outer.map(() => 1), ...tree.widths]);
  const truthRows = tree.truth.rows.filter((r) => r.level3 && !NOT_APPLICABLE.includes(r.level3));
  return spec(ctx, 'form-template-rows', rng, [titleLine(rng, title), { kind: 'table', table }],
    [{ title: project.name, unitColumn: tree.truth.unitColumn, rows: truthRows, project: projectFacts(project) }], title,
    { marker, empty: String(empty), short: String(short) }, [marker]);
}

// ---------------------------------------------------------------- 自评表, one category column

/**
 * A 自评表 whose indicator rows have ONE category column (指标类型): level1 as written, no level2.
 * 评价标准 says how a row is scored, not what it measures: no description (as form-self-evaluation-category).
 */
function categoryColumn(rng: Rng, ctx: FamilyContext): DocSpec {
  const project = randomProject(rng);
  const plan = planIndicators(rng, pickVocabulary(rng));
  const short: Record<string, string> = { 产出: '产出类指标', 效益: '效益类指标', 满意度: '满意度类指标' };
  const kindOf = (p: PlannedRow) => (p.kind === '满意度' ? '满意度' : ['数量', '质量', '时效', '成本'].includes(p.kind) ? '产出' : '效益');
  // Exports write the category as the 一级 name, its 类 form, or (the real one) the 二级 name for
  // the first group and the 类 form after it.
  const style = rng.pick(['level1', 'class', 'mixed'] as const);
  const cats = plan.map((p) => (style === 'level1' ? p.level1 : style === 'mixed' && p.kind === plan[0].kind ? p.level2 : short[kindOf(p)]));
  const head = ['指标类型', '指标名称', '指标性质', '指标值', '计量单位', '指标权重', '全年完成值', '评价标准'];
  const width = head.length + 2; // 评价标准 spans three sheet columns, as in the real export
  const b = new TableBuilder(width);
  b.row('body', [{ text: '项目名称', colSpan: 2 }, { text: project.name, colSpan: width - 2 }]);
  b.row('body', [{ text: '项目实施单位', colSpan: 2 }, { text: project.implementer, colSpan: 3 }, { text: '项目主管部门', colSpan: 2 }, { text: project.department, colSpan: width - 7 }]);
  b.row('body', head.map((text, i) => ({ text, colSpan: i === head.length - 1 ? 3 : 1, align: 'center' as const })));
  const criterion = '达到目标得满分，未达到按完成比例得分';
  const rows: TruthIndicator[] = [];
  const runs = runLengths(cats);
  plan.forEach((p, i) => {
    const idea = p.idea;
    const percent = idea.unit === '%' && idea.numeric && rng.chance(0.5);
    const op = idea.op ?? '无';
    const unit = idea.unit ?? '无';
    const cells: CellInput[] = [];
    if (runs[i] > 0) cells.push({ text: cats[i], rowSpan: runs[i] });
    cells.push(idea.name, { text: op, align: 'center' },
      percent ? { text: `${idea.value}%`, number: { value: Number(idea.value) / 100, format: '0%' } } : { text: idea.value },
      { text: unit, align: 'center' }, String(rng.pick([5, 10, 15])), idea.value, { text: criterion, colSpan: 3 });
    b.row('body', cells);
    const truthOp: Op | null = idea.op;
    rows.push({ level1: clean(cats[i]), level2: null, level3: clean(idea.name), operator: truthOp, value: clean(idea.value), unit: idea.unit, description: null });
  });
  b.row('total', [{ text: '合计', colSpan: 5 }, { text: '100' }, { text: '', colSpan: width - 6 }]);
  b.row('note', [{ text: '说明' }, { text: '请在此处逐一针对完成度较差绩效指标简要说明原因和下一步改进措施', colSpan: width - 1 }]);
  const table = b.build({ id: 't1', colWidths: [1.4, 3, 0.8, 1, 0.9, 0.8, 1, 1.2, 1.2, 1.2], style: randomStyle(rng, { ruling: 'grid', repeatHeader: false }), fillMerged: rng.chance(0.3) });
  const title = rng.pick([`${project.year}年度项目支出绩效自评表`, '项目支出绩效自评表']);
  return spec(ctx, 'form-category-column', rng, [titleLine(rng, title), { kind: 'table', table }],
    [{ title: project.name, unitColumn: true, rows, project: projectFacts(project) }], title, { category: style });
}

// ---------------------------------------------------------------- values as forms write them

/** A value written with its operator and unit inside it (no operator or unit column), and its truth. */
interface Written { value: string; operator: Op | null; truthValue: string; alternatives?: { operator: Op | null; value: string }[] }

function writtenValue(rng: Rng, n: number, total: string): Written {
  return rng.pick<Written>([
    { value: `≥${n}.00(平方米)`, operator: '≥', truthValue: `${n}.00平方米` },
    { value: '=100.00(%)', operator: '=', truthValue: '100.00%' },
    { value: `≥${n}元每人每月`, operator: '≥', truthValue: `${n}元每人每月` },
    { value: '不低于上年度水平', operator: '≥', truthValue: '上年度水平' },
    { value: `≧${n % 100}%`, operator: '≥', truthValue: `${n % 100}%` },
    { value: `大于或等于${n}次`, operator: '≥', truthValue: `${n}次` },
    { value: `小于或者等于${n % 24 + 1}小时`, operator: '≤', truthValue: `${n % 24 + 1}小时` },
    { value: `不超过${total}万元`, operator: '≤', truthValue: `${total}万元` },
    { value: `${n % 100}%以上`, operator: null, truthValue: `${n % 100}%以上`, alternatives: [{ operator: '≥', value: `${n % 100}%` }] },
    { value: `${n % 30 + 1}天以内`, operator: null, truthValue: `${n % 30 + 1}天以内`, alternatives: [{ operator: '≤', value: `${n % 30 + 1}天` }] },
  ]);
}

/** A 申报表 with no operator or unit column whose values carry both: `≥13459.00(平方米)`, `90%以上`, `不低于上年度水平`. */
function valueWriting(rng: Rng, ctx: FamilyContext): DocSpec {
  const project = randomProject(rng);
  const plan = planIndicators(rng, pickVocabulary(rng));
  const width = 5;
  const b = new TableBuilder(width);
  for (const r of headerBlockRows(declarationHeader(rng, project), width)) b.row(r.kind, r.cells);
  b.row('body', ['一级指标', '二级指标', '三级指标', rng.pick(['目标值', '指标值', '年度指标值']), '指标解释'].map((text) => ({ text, align: 'center' as const })));
  const rows: TruthIndicator[] = [];
  plan.forEach((p, i) => {
    const w = writtenValue(rng, rng.int(2, 20000), project.funds.total);
    const description = `反映${p.idea.name}情况`;
    b.row('body', [i === 0 || plan[i - 1].level1 !== p.level1 ? p.level1 : '', i === 0 || plan[i - 1].level2 !== p.level2 ? p.level2 : '', p.idea.name, w.value, description]);
    rows.push({ level1: clean(p.level1), level2: clean(p.level2), level3: clean(p.idea.name), operator: w.operator, value: clean(w.truthValue), unit: null, description, ...(w.alternatives ? { alternatives: w.alternatives.map((a) => ({ operator: a.operator, value: clean(a.value) })) } : {}) });
  });
  const table = b.build({ id: 't1', colWidths: [1.2, 1.5, 3, 2, 3], style: randomStyle(rng, { ruling: 'grid', repeatHeader: false }) });
  const title = rng.pick(FORM_TITLES);
  return spec(ctx, 'form-value-writing', rng, [titleLine(rng, title), { kind: 'table', table }],
    [{ title: project.name, unitColumn: false, rows, project: projectFacts(project) }], title, {});
}

const ALL_PRODUCERS = ['xlsx', 'lo-xlsx', 'docx', 'lo-docx', 'pdf-noto', 'pdf-stsong'] as const;
/** Without the Word print: what it adds (wrapped cell text) is the PDF readers' case, not these layouts'. */
const PRODUCERS = ['xlsx', 'lo-xlsx', 'docx', 'pdf-noto', 'pdf-stsong'] as const;

export const families: Family[] = [
  { name: 'form-projects-one-grid', kind: 'indicators', description: '2–4 申报表 in one grid, no blank row between, each next one opened by its title row or 项目名称', producers: ALL_PRODUCERS, make: projectsOneGrid },
  { name: 'form-parted-block', kind: 'indicators', description: 'header block as a table of its own (blank row below it on a sheet), indicator table under it', producers: PRODUCERS, make: partedBlock },
  { name: 'form-template-rows', kind: 'indicators', description: 'template rows that are no indicators (不适用, 无, /, —, empty 二级 group), a 备注 row; 一级 | 二级 | 三级 headers', producers: PRODUCERS, make: templateRows },
  { name: 'form-category-column', kind: 'indicators', description: '自评表 with one category column (指标类型), 指标性质 ≥ = 无, 计量单位 with 无, 100% stored as 1, 合计 and 说明 rows', producers: ALL_PRODUCERS, make: categoryColumn },
  { name: 'form-value-writing', kind: 'indicators', description: 'values carrying operator and unit: ≥13459.00(平方米), =100.00(%), 不低于上年度水平, 90%以上, 小于或者等于6小时', producers: PRODUCERS, make: valueWriting },
];
