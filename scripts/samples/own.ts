// Samples with our own (invented but realistic) content: blank carry-forward XLSX,
// 序号 row-heading XLSX, 绩效目标申报表 DOCX and 绩效自评表 XLSX. Each row is written as
// it appears in the file together with what SPEC §3.1 says the output must be.
import {
  AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import * as XLSX from 'xlsx';
import { clean, fundLine, indicator, type ExpectedIndicator, type ExpectedMeasure, type ExpectedTable, type Op } from './common.ts';
import { runSpans } from './xiangfuban.ts';

/** What the output must say for a row, beyond its level texts. */
interface Want { operator: Op | null; value: string | null; unit: string | null }

function want(operator: Op | null, value: string | null, unit: string | null = null): Want {
  return { operator, value, unit };
}

function sheetBuffer(sheets: [string, XLSX.WorkSheet][]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The headers of the cells that hold something, in column order (a typed field's `from`). */
function filledHeaders(cells: [string, Cell][]): string[] {
  return cells.filter(([, cell]) => (typeof cell === 'object' ? true : String(cell) !== '')).map(([header]) => header);
}

/** A measured cell as the output must give it: `126公里` → 126 + 公里; a bare number takes the unit column's unit. */
function measure(value: string, number: number | null, unit: string | null, from: string[]): ExpectedMeasure {
  return { value, number, unit, from };
}

export interface OwnSample {
  buffer: Buffer;
  tables: ExpectedTable[];
  /** Facts for the README. */
  notes: string;
}

// ---------------------------------------------------------------- carry-forward.xlsx

type Cell = string | number | XLSX.CellObject;
interface CfRow { l1: string; l2: string; name: string; nature: string; value: Cell; unit: string; desc: string; want: Want }

const PCT_100: XLSX.CellObject = { t: 'n', v: 1, z: '0%', w: '100%' };

const CF_TABLES: { title: string; rows: CfRow[] }[] = [
  {
    title: '2025年农村饮水安全巩固提升工程绩效指标表',
    rows: [
      { l1: '产出指标', l2: '数量指标', name: '新建集中供水工程', nature: '≥', value: '12', unit: '处', desc: '反映新建集中供水工程数量', want: want('≥', '12', '处') },
      { l1: '产出指标', l2: '数量指标', name: '改造供水管网长度', nature: '', value: '≥98', unit: '公里', desc: '反映改造的供水管网长度', want: want('≥', '98', '公里') },
      { l1: '产出指标', l2: '数量指标', name: '受益人口', nature: '≧', value: '3.2', unit: '万人', desc: '反映工程覆盖的农村人口', want: want('≥', '3.2', '万人') },
      { l1: '产出指标', l2: '质量指标', name: '农村供水水质达标率', nature: '', value: '≥95%', unit: '', desc: '反映供水水质检测达标情况', want: want('≥', '95', '%') },
      { l1: '产出指标', l2: '质量指标', name: '工程验收合格率', nature: '%', value: '100', unit: '', desc: '指标性质栏填的是单位', want: want(null, '100', '%') },
      { l1: '产出指标', l2: '质量指标', name: '集中供水率', nature: '不低于', value: '90', unit: '%', desc: '反映集中供水覆盖程度', want: want('≥', '90', '%') },
      { l1: '产出指标', l2: '时效指标', name: '工程完工时间', nature: '', value: '2025年12月底前', unit: '', desc: '反映工程按期完工情况', want: want(null, '2025年12月底前') },
      { l1: '产出指标', l2: '时效指标', name: '资金支付进度', nature: '＞', value: '80', unit: '%', desc: '反映年度资金支付进度', want: want('>', '80', '%') },
      { l1: '产出指标', l2: '成本指标', name: '单处工程平均建设成本', nature: '', value: '≤25万元', unit: '', desc: '反映单处工程建设成本控制', want: want('≤', '25', '万元') },
      { l1: '产出指标', l2: '成本指标', name: '县级配套资金', nature: '≦', value: 37.47, unit: '万元', desc: '数字单元格', want: want('≤', '37.47', '万元') },
      { l1: '效益指标', l2: '社会效益指标', name: '农村自来水普及率', nature: '=', value: PCT_100, unit: '', desc: '单元格为数值1,格式0%', want: want('=', '100', '%') },
      { l1: '效益指标', l2: '可持续影响指标', name: '工程运行管护机制', nature: '定性', value: '良', unit: '', desc: '反映工程长效运行管护情况', want: want('定性', '良') },
      { l1: '满意度指标', l2: '服务对象满意度指标', name: '受益群众满意度', nature: '≥', value: '95', unit: '%', desc: '反映受益群众对工程的满意程度', want: want('≥', '95', '%') },
    ],
  },
  {
    title: '农村饮水工程运行管护补助绩效指标表',
    rows: [
      { l1: '产出指标', l2: '产出数量', name: '管护工程处数', nature: '≥', value: '150', unit: '处', desc: '反映纳入管护范围的工程数量', want: want('≥', '150', '处') },
      { l1: '产出指标', l2: '进度指标', name: '故障维修响应时间', nature: '不超过', value: '48', unit: '小时', desc: '反映故障维修及时性', want: want('≤', '48', '小时') },
      { l1: '效果指标', l2: '环境效益指标', name: '水源地污染事件', nature: '=', value: '0', unit: '起', desc: '反映水源地保护情况', want: want('=', '0', '起') },
      { l1: '效果指标', l2: '可持续效益', name: '工程使用年限', nature: '≥', value: '15', unit: '年', desc: '反映工程持续发挥效益的年限', want: want('≥', '15', '年') },
      { l1: '满意度指标', l2: '社会公众或服务对象满意度指标', name: '用水户满意度', nature: '定性', value: '满意', unit: '', desc: '反映用水户对管护服务的评价', want: want('定性', '满意') },
    ],
  },
];

export function carryForward(): OwnSample {
  const header = ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '指标解释'];
  const aoa: Cell[][] = [];
  const tables: ExpectedTable[] = [];
  const ranges: string[] = [];
  for (const t of CF_TABLES) {
    if (aoa.length) aoa.push([]);
    aoa.push([t.title]);
    const h = aoa.length;
    aoa.push(header);
    let prev1 = '';
    let prev2 = '';
    for (const r of t.rows) {
      // Blank carry-forward: a level is written only where its run starts.
      const new1 = r.l1 !== prev1;
      const new2 = new1 || r.l2 !== prev2;
      aoa.push([new1 ? r.l1 : '', new2 ? r.l2 : '', r.name, r.nature, r.value, r.unit, r.desc]);
      prev1 = r.l1;
      prev2 = r.l2;
    }
    ranges.push(`A${h + 1}:G${aoa.length}`);
    tables.push({
      title: t.title, kind: 'performance-targets', context: {}, project: null, total: null,
      indicators: t.rows.map((r) => indicator({
        level1: r.l1, level2: r.l2, level3: r.name, ...r.want, description: r.desc,
        targetFrom: filledHeaders([['指标性质', r.nature], ['指标值', r.value], ['度量单位', r.unit]]),
      })),
    });
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa.map((row) => row.map((c) => (typeof c === 'object' ? null : c))));
  // Put the real cell objects (number formats) back.
  aoa.forEach((row, ri) => row.forEach((c, ci) => {
    if (typeof c === 'object') ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = { ...c };
  }));
  ws['!cols'] = [{ wch: 12 }, { wch: 28 }, { wch: 22 }, { wch: 8 }, { wch: 16 }, { wch: 8 }, { wch: 30 }];
  ws['!rows'] = aoa.map(() => ({ hpt: 20 }));
  const note = XLSX.utils.aoa_to_sheet([['说明'], ['本表由项目库导出,一级、二级指标仅在每组首行填写。']]);
  return {
    buffer: sheetBuffer([['项目绩效指标', ws], ['说明', note]]),
    tables,
    notes: `sheet 项目绩效指标, tables at ${ranges.join(' and ')}; sheet 说明 holds no table`,
  };
}

// ---------------------------------------------------------------- row-heading.xlsx

/** `prevWant`/`lastWant`: the 前年/上年 values as output ([value, unit]; a bare number takes the unit column's). */
interface RhIndicator { name: string; prev: Cell; last: Cell; op: string; value: Cell; unit: string; desc: string; basis: string; origin: string; want: Want; prevWant?: [string, string]; lastWant?: [string, string] }
type RhRow = { level1: string; seq: string } | { level2: string } | { placeholder: true } | RhIndicator;

const RH_PROJECT = 'XX县智慧教育平台建设';
const RH_START = '2023';
const RH_ROWS: RhRow[] = [
  { seq: '1', level1: '产出指标' },
  { level2: '数量指标' },
  { name: '建设智慧教室数量', prev: '20', last: '35', op: '≥', value: '50', unit: '间', desc: '反映年度新建智慧教室数量', basis: '项目实施方案', origin: '部门职能', want: want('≥', '50', '间') },
  { name: '接入平台学校数量', prev: '', last: '12', op: '≧', value: '18', unit: '所', desc: '反映接入平台的中小学数量', basis: '年度工作计划', origin: '项目实施方案', want: want('≥', '18', '所') },
  { placeholder: true },
  { level2: '质量指标' },
  { name: '平台可用率', prev: '99%', last: '99.5%', op: '≥', value: '≥99.9', unit: '%', desc: '计算符号与指标值中都写了≥', basis: '运维合同', origin: '行业标准', want: want('≥', '99.9', '%'), prevWant: ['99', '%'], lastWant: ['99.5', '%'] },
  { name: '设备验收合格率', prev: '', last: '', op: '=', value: '100%', unit: '', desc: '反映设备验收情况', basis: '验收规范', origin: '行业标准', want: want('=', '100', '%') },
  { placeholder: true },
  { level2: '时效指标' },
  { name: '平台上线时间', prev: '', last: '', op: '', value: '2023年9月底前', unit: '', desc: '反映平台按期上线情况', basis: '项目实施方案', origin: '项目实施方案', want: want(null, '2023年9月底前') },
  { level2: '成本指标' },
  { name: '单间智慧教室建设成本', prev: '13.2', last: '12.8', op: '≤', value: 12.5, unit: '万元', desc: '数字单元格', basis: '政府采购合同', origin: '历史标准', want: want('≤', '12.5', '万元') },
  { seq: '2', level1: '效益指标' },
  { level2: '社会效益指标' },
  { name: '优质课程资源共享次数', prev: '', last: '3000', op: '不少于', value: '5000', unit: '次', desc: '反映优质资源共享情况', basis: '年度工作计划', origin: '部门职能', want: want('≥', '5000', '次') },
  { level2: '可持续影响指标' },
  { name: '平台持续运行年限', prev: '', last: '', op: '≥', value: '5', unit: '年', desc: '反映平台可持续运行能力', basis: '运维合同', origin: '项目实施方案', want: want('≥', '5', '年') },
  { name: '教师数字化教学能力', prev: '', last: '', op: '定性', value: '明显提升', unit: '', desc: '反映教师信息化教学水平', basis: '培训计划', origin: '部门职能', want: want('定性', '明显提升') },
  { placeholder: true },
  { seq: '3', level1: '满意度指标' },
  { level2: '服务对象满意度指标' },
  { name: '师生满意度', prev: '90', last: '92', op: '≥', value: '95', unit: '%', desc: '反映师生对平台的满意程度', basis: '满意度调查', origin: '部门职能', want: want('≥', '95', '%') },
  { placeholder: true },
];

export function rowHeading(): OwnSample {
  const header = ['序号', '指标名称', '前年指标值', '上年指标值', '计算符号', '指标值', '计量单位', '指标值说明', '指标值确定依据', '绩效指标来源'];
  const aoa: Cell[][] = [
    ['绩效指标表'],
    [`项目名称：${RH_PROJECT}`],
    ['年度绩效指标'],
    [`起始 ${RH_START}`],
    header,
  ];
  const inds: ExpectedIndicator[] = [];
  let l1 = '';
  let l2 = '';
  for (const r of RH_ROWS) {
    if ('level1' in r) {
      aoa.push([r.seq, r.level1, '', '', '', '', '', '', '', '']);
      l1 = r.level1;
      l2 = '';
    } else if ('level2' in r) {
      aoa.push(['', r.level2, '', '', '', '', '', '', '', '']);
      l2 = r.level2;
    } else if ('placeholder' in r) {
      aoa.push(['', '.....', '', '', '', '', '', '', '', '']);
    } else {
      aoa.push(['', r.name, r.prev, r.last, r.op, r.value, r.unit, r.desc, r.basis, r.origin]);
      const year = Number(RH_START);
      const past = (label: string, text: Cell, back: number, split?: [string, string]) => {
        if (text === '') return [];
        const [value, ownUnit] = split ?? [String(text), ''];
        const fromUnitColumn = !ownUnit && r.unit !== '';
        return [{ ...measure(value, Number(value), ownUnit || r.unit || null, fromUnitColumn ? [label, '计量单位'] : [label]), label, year: year - back }];
      };
      inds.push(indicator({
        level1: l1, level2: l2, level3: r.name, ...r.want, description: r.desc,
        targetFrom: filledHeaders([['计算符号', r.op], ['指标值', r.value], ['计量单位', r.unit]]),
        typed: {
          history: [...past('前年指标值', r.prev, 2, r.prevWant), ...past('上年指标值', r.last, 1, r.lastWant)],
          basis: { text: r.basis, from: ['指标值确定依据'] },
          origin: { text: r.origin, from: ['绩效指标来源'] },
        },
      }));
    }
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa as (string | number)[][]);
  ws['!merges'] = [0, 1, 2, 3].map((r) => ({ s: { r, c: 0 }, e: { r, c: 9 } }));
  ws['!rows'] = aoa.map(() => ({ hpt: 20 }));
  ws['!cols'] = [{ wch: 5 }, { wch: 22 }, { wch: 10 }, { wch: 10 }, { wch: 8 }, { wch: 14 }, { wch: 8 }, { wch: 26 }, { wch: 14 }, { wch: 12 }];
  return {
    buffer: sheetBuffer([['绩效指标', ws]]),
    tables: [{
      title: RH_PROJECT, kind: 'performance-targets',
      context: { 项目名称: RH_PROJECT, 起始: RH_START },
      project: {
        scope: 'project', name: { text: RH_PROJECT, from: '项目名称' }, department: null, implementer: null,
        year: { value: Number(RH_START), from: '起始' }, period: null, funds: null, tasks: [], goals: { overall: null, annual: null, achieved: null },
      },
      total: null,
      indicators: inds,
    }],
    notes: `sheet 绩效指标, header at row 5, ${RH_ROWS.length} body rows of which ${inds.length} indicators, ${RH_ROWS.filter((r) => 'placeholder' in r).length} \`.....\` placeholders`,
  };
}

// ---------------------------------------------------------------- declaration.docx

const DECL = {
  caption: '2025年度项目支出绩效目标申报表',
  project: '城区老旧小区供水管网改造项目',
  dept: 'XX县住房和城乡建设局',
  unit: 'XX县供排水有限公司',
  total: '850', fiscal: '600', other: '250',
  goal: '完成城区12个老旧小区约12.6公里供水管网改造,更换智能水表3200块,管网漏损率降至12%以下,'
    + '保障5600户居民安全稳定用水,群众满意度达到90%以上。',
};

interface DeclRow { l1: string; l2: string; name: string; nature: string; value: string; unit: string; weight: string; want: Want }
const DECL_ROWS: DeclRow[] = [
  { l1: '产出指标', l2: '数量指标', name: '改造供水管网长度', nature: '≥', value: '12.6', unit: '公里', weight: '10', want: want('≥', '12.6', '公里') },
  { l1: '产出指标', l2: '数量指标', name: '更换智能水表数量', nature: '≥', value: '3200', unit: '块', weight: '10', want: want('≥', '3200', '块') },
  { l1: '产出指标', l2: '质量指标', name: '管网改造工程验收合格率', nature: '＝', value: '100', unit: '%', weight: '10', want: want('=', '100', '%') },
  { l1: '产出指标', l2: '质量指标', name: '管网漏损率', nature: '≤', value: '12', unit: '%', weight: '5', want: want('≤', '12', '%') },
  { l1: '产出指标', l2: '时效指标', name: '工程完工时间', nature: '定量', value: '2025年10月底前', unit: '', weight: '5', want: want(null, '2025年10月底前') },
  { l1: '产出指标', l2: '成本指标', name: '单位长度管网改造成本', nature: '≤', value: '45', unit: '万元/公里', weight: '10', want: want('≤', '45', '万元/公里') },
  { l1: '效益指标', l2: '社会效益指标', name: '受益居民户数', nature: '≥', value: '5600', unit: '户', weight: '15', want: want('≥', '5600', '户') },
  { l1: '效益指标', l2: '社会效益指标', name: '停水投诉次数下降比例', nature: '≥', value: '30', unit: '%', weight: '5', want: want('≥', '30', '%') },
  { l1: '效益指标', l2: '可持续影响指标', name: '管网设计使用年限', nature: '≥', value: '30', unit: '年', weight: '10', want: want('≥', '30', '年') },
  { l1: '满意度指标', l2: '服务对象满意度指标', name: '受益居民满意度', nature: '≥', value: '90', unit: '%', weight: '20', want: want('≥', '90', '%') },
];

export async function declaration(): Promise<OwnSample> {
  const widths = [1150, 1350, 2200, 900, 1350, 1100, 976]; // A4 portrait, 9026 twips usable
  const sum = (a: number, b: number) => widths.slice(a, b).reduce((x, y) => x + y, 0);
  const cell = (text: string, c0: number, c1: number, o: { rowSpan?: number; bold?: boolean; left?: boolean } = {}) => new TableCell({
    columnSpan: c1 - c0 > 1 ? c1 - c0 : undefined,
    rowSpan: o.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: sum(c0, c1), type: WidthType.DXA },
    children: [new Paragraph({ alignment: o.left ? AlignmentType.LEFT : AlignmentType.CENTER, children: [new TextRun({ text, bold: o.bold })] })],
  });
  const rows: TableRow[] = [
    new TableRow({ children: [cell('项目名称', 0, 2, { bold: true }), cell(DECL.project, 2, 7)] }),
    new TableRow({ children: [cell('主管部门', 0, 2, { bold: true }), cell(DECL.dept, 2, 4), cell('实施单位', 4, 5, { bold: true }), cell(DECL.unit, 5, 7)] }),
    new TableRow({ children: [cell('项目资金（万元）', 0, 2, { rowSpan: 3, bold: true }), cell('年度资金总额', 2, 4), cell(DECL.total, 4, 7)] }),
    new TableRow({ children: [cell('其中：财政拨款', 2, 4), cell(DECL.fiscal, 4, 7)] }),
    new TableRow({ children: [cell('其他资金', 2, 4), cell(DECL.other, 4, 7)] }),
    new TableRow({ children: [cell('年度绩效目标', 0, 2, { bold: true }), cell(DECL.goal, 2, 7, { left: true })] }),
    new TableRow({ children: ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '权重'].map((h, i) => cell(h, i, i + 1, { bold: true })) }),
  ];
  const l1 = runSpans(DECL_ROWS.map((r) => r.l1));
  const l2 = runSpans(DECL_ROWS.map((r) => r.l1 + '\u0000' + r.l2));
  DECL_ROWS.forEach((r, i) => {
    const children: TableCell[] = [];
    if (l1[i] > 0) children.push(cell(r.l1, 0, 1, { rowSpan: l1[i] }));
    if (l2[i] > 0) children.push(cell(r.l2, 1, 2, { rowSpan: l2[i] }));
    children.push(cell(r.name, 2, 3), cell(r.nature, 3, 4), cell(r.value, 4, 5), cell(r.unit, 5, 6), cell(r.weight, 6, 7));
    rows.push(new TableRow({ children }));
  });
  const doc = new Document({
    creator: 'zhibiao make-samples',
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }, size: 21 } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: DECL.caption, bold: true, size: 32 })] }),
        new Table({ rows, width: { size: sum(0, 7), type: WidthType.DXA }, columnWidths: widths }),
        new Paragraph({ children: [new TextRun('填表人:张三    联系电话:0000-1234567')] }),
      ],
    }],
  });
  return {
    buffer: await Packer.toBuffer(doc),
    tables: [{
      // A form's table is titled by its project (项目名称), not by the form's heading line.
      title: DECL.project, kind: 'performance-targets',
      context: {
        项目名称: DECL.project, 主管部门: DECL.dept, 实施单位: DECL.unit,
        年度资金总额: DECL.total, '其中:财政拨款': DECL.fiscal, 其他资金: DECL.other,
        年度绩效目标: DECL.goal,
      },
      project: {
        scope: 'project', name: { text: DECL.project, from: '项目名称' }, department: { text: DECL.dept, from: '主管部门' },
        implementer: { text: DECL.unit, from: '实施单位' }, year: { value: 2025, from: '年度' }, period: null,
        funds: {
          ...fundLine('年度资金总额', { amount: Number(DECL.total) }, { amount: '年度资金总额' }), unit: '万元',
          parts: [
            fundLine('其中:财政拨款', { amount: Number(DECL.fiscal) }, { amount: '其中:财政拨款' }),
            fundLine('其他资金', { amount: Number(DECL.other) }, { amount: '其他资金' }),
          ],
        },
        tasks: [],
        goals: { overall: null, annual: { text: DECL.goal, from: '年度绩效目标' }, achieved: null },
      },
      total: null,
      indicators: DECL_ROWS.map((r) => indicator({
        level1: r.l1, level2: r.l2, level3: r.name, ...r.want, description: null,
        targetFrom: filledHeaders([['指标性质', r.nature], ['指标值', r.value], ['度量单位', r.unit]]),
        typed: { weight: { value: r.weight, number: Number(r.weight), from: ['权重'] } },
      })),
    }],
    notes: `one Word table: 6 header-block rows (项目资金 rowSpan 3), 1 column-header row, ${DECL_ROWS.length} indicator rows`,
  };
}

// ---------------------------------------------------------------- self-evaluation.xlsx

const SE = {
  caption: '项目支出绩效自评表（2024年度）',
  project: '乡村道路日常养护项目',
  dept: 'XX县交通运输局',
  unit: 'XX县公路养护中心',
  goal: '完成120公里农村公路日常养护,优良路率不低于80%。',
  achieved: '完成126公里日常养护,优良路率82%。',
};

/** `from` of a funding line of the self-evaluation: field → `label/head` context key. */
function seFrom(label: string, heads: string[]): Record<string, string> {
  const field: Record<string, string> = { 年初预算数: 'initialBudget', 全年预算数: 'budget', 全年执行数: 'executed', 分值: 'weight', 执行率: 'executionRate', 得分: 'score' };
  return Object.fromEntries(heads.map((head) => [field[head], `${label}/${head}`]));
}
/** `actualWant`: the 实际完成值 as output, [value, unit]. */
interface SeRow { l1: string; l2: string; name: string; target: string; actual: string; points: number; score: number; why: string; want: Want; actualWant: [string, string | null] }
const SE_ROWS: SeRow[] = [
  { l1: '产出指标', l2: '数量指标', name: '日常养护农村公路里程', target: '≥120公里', actual: '126公里', points: 10, score: 10, why: '', want: want('≥', '120', '公里'), actualWant: ['126', '公里'] },
  { l1: '产出指标', l2: '数量指标', name: '路面坑槽修补面积', target: '≥8000平方米', actual: '8350平方米', points: 10, score: 10, why: '', want: want('≥', '8000', '平方米'), actualWant: ['8350', '平方米'] },
  { l1: '产出指标', l2: '质量指标', name: '养护路段优良路率', target: '≥80%', actual: '82%', points: 10, score: 10, why: '', want: want('≥', '80', '%'), actualWant: ['82', '%'] },
  { l1: '产出指标', l2: '时效指标', name: '养护任务完成时间', target: '2024年12月底前', actual: '2024年12月', points: 10, score: 10, why: '', want: want(null, '2024年12月底前'), actualWant: ['2024年12月', null] },
  { l1: '产出指标', l2: '成本指标', name: '每公里养护成本', target: '≤2.8万元', actual: '2.67万元', points: 10, score: 10, why: '', want: want('≤', '2.8', '万元'), actualWant: ['2.67', '万元'] },
  { l1: '效益指标', l2: '社会效益指标', name: '群众出行条件', target: '明显改善', actual: '有所改善', points: 10, score: 8, why: '部分路段汛期损毁,修复滞后;下年度提前储备应急养护资金', want: want(null, '明显改善'), actualWant: ['有所改善', null] },
  { l1: '效益指标', l2: '社会效益指标', name: '养护路段交通事故发生率', target: '≤1%', actual: '0.5%', points: 10, score: 10, why: '', want: want('≤', '1', '%'), actualWant: ['0.5', '%'] },
  { l1: '效益指标', l2: '可持续影响指标', name: '农村公路养护长效机制', target: '健全', actual: '基本健全', points: 10, score: 8, why: '村级养护队伍尚未全覆盖;下年度完善村级养护员制度', want: want(null, '健全'), actualWant: ['基本健全', null] },
  { l1: '满意度指标', l2: '服务对象满意度指标', name: '沿线群众满意度', target: '≥90%', actual: '93%', points: 10, score: 10, why: '', want: want('≥', '90', '%'), actualWant: ['93', '%'] },
];

export function selfEvaluation(): OwnSample {
  const merges: XLSX.Range[] = [];
  const m = (r0: number, c0: number, r1: number, c1: number) => merges.push({ s: { r: r0, c: c0 }, e: { r: r1, c: c1 } });
  const aoa: (string | number)[][] = [
    [SE.caption, '', '', '', '', '', '', ''],
    ['项目名称', SE.project, '', '', '', '', '', ''],
    ['主管部门', SE.dept, '', '', '实施单位', SE.unit, '', ''],
    ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['', '年度资金总额', 320, 350, 336, 10, '96%', 9.6],
    ['', '其中：当年财政拨款', 320, 350, 336, '—', '—', '—'],
    ['', '其他资金', 0, 0, 0, '—', '—', '—'],
    ['年度总体目标', '预期目标', '', '', '实际完成情况', '', '', ''],
    ['', SE.goal, '', '', SE.achieved, '', '', ''],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  m(0, 0, 0, 7);
  m(1, 1, 1, 7);
  m(2, 1, 2, 3); m(2, 5, 2, 7);
  m(3, 0, 6, 0);
  m(7, 0, 8, 0); m(7, 1, 7, 3); m(7, 4, 7, 7); m(8, 1, 8, 3); m(8, 4, 8, 7);
  const first = aoa.length;
  const l1 = runSpans(SE_ROWS.map((r) => r.l1));
  const l2 = runSpans(SE_ROWS.map((r) => r.l1 + '\u0000' + r.l2));
  SE_ROWS.forEach((r, i) => {
    aoa.push([l1[i] > 0 ? r.l1 : '', l2[i] > 0 ? r.l2 : '', r.name, r.target, r.actual, r.points, r.score, r.why]);
    if (l1[i] > 1) m(first + i, 0, first + i + l1[i] - 1, 0);
    if (l2[i] > 1) m(first + i, 1, first + i + l2[i] - 1, 1);
  });
  const points = 10 + SE_ROWS.reduce((a, r) => a + r.points, 0);
  const score = Math.round((9.6 + SE_ROWS.reduce((a, r) => a + r.score, 0)) * 10) / 10;
  const totalRow = aoa.length;
  aoa.push(['总分', '', '', '', '', points, score, '']);
  m(totalRow, 0, totalRow, 4);
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges;
  ws['!cols'] = [{ wch: 14 }, { wch: 18 }, { wch: 22 }, { wch: 14 }, { wch: 14 }, { wch: 8 }, { wch: 8 }, { wch: 56 }];
  ws['!rows'] = aoa.map(() => ({ hpt: 20 }));
  return {
    buffer: sheetBuffer([['自评表', ws]]),
    tables: [{
      title: SE.project, kind: 'self-evaluation',
      context: { 项目名称: SE.project, 主管部门: SE.dept, 实施单位: SE.unit },
      project: {
        scope: 'project', name: { text: SE.project, from: '项目名称' }, department: { text: SE.dept, from: '主管部门' },
        implementer: { text: SE.unit, from: '实施单位' }, year: { value: 2024, from: '年度' }, period: null,
        funds: {
          ...fundLine('年度资金总额', { initialBudget: 320, budget: 350, executed: 336, weight: 10, executionRate: 96, score: 9.6 }, seFrom('年度资金总额', ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'])),
          unit: '万元',
          parts: [
            fundLine('其中:当年财政拨款', { initialBudget: 320, budget: 350, executed: 336 }, seFrom('其中:当年财政拨款', ['年初预算数', '全年预算数', '全年执行数'])),
            fundLine('其他资金', { initialBudget: 0, budget: 0, executed: 0 }, seFrom('其他资金', ['年初预算数', '全年预算数', '全年执行数'])),
          ],
        },
        tasks: [],
        goals: {
          overall: null,
          annual: { text: clean(SE.goal), from: '年度总体目标/预期目标' },
          achieved: { text: clean(SE.achieved), from: '年度总体目标/实际完成情况' },
        },
      },
      total: { label: '总分', weight: { value: String(points), number: points, from: ['分值'] }, score: { value: String(score), number: score, from: ['得分'] } },
      indicators: SE_ROWS.map((r) => indicator({
        level1: r.l1, level2: r.l2, level3: r.name, ...r.want, description: null,
        targetFrom: ['年度指标值'],
        typed: {
          actual: measure(r.actualWant[0], /^[\d.]+$/u.test(r.actualWant[0]) ? Number(r.actualWant[0]) : null, r.actualWant[1], ['实际完成值']),
          weight: { value: String(r.points), number: r.points, from: ['分值'] },
          score: { value: String(r.score), number: r.score, from: ['得分'] },
          deviation: r.why ? { text: clean(r.why), from: ['偏差原因分析及改进措施'] } : null,
        },
      })),
    }],
    notes: `sheet 自评表: title row 1, head + funding block rows 2-9, header row 10, ${SE_ROWS.length} indicator rows, 总分 row ${totalRow + 1} (分值 ${points}, 得分 ${score})`,
  };
}

// ---------------------------------------------------------------- department.xlsx

const DEPT = {
  caption: '2025年部门整体支出绩效目标表',
  name: 'XX县农业农村局',
  total: 1260, fiscal: 1100, other: 160,
  goal: '建成高标准农田2万亩,完成120个村庄人居环境整治,农业主推技术到位率95%以上,农户满意度90%以上。',
  tasks: [['高标准农田建设', '新建高标准农田2万亩', 800], ['农村人居环境整治', '完成120个村庄环境整治', 300], ['农业技术推广', '推广主导品种和主推技术', 160]] as [string, string, number][],
};

interface DeptRow { l1: string; l2: string; name: string; value: string; unit: string; direction: '正向' | '反向'; remark: string; want: Want }
const DEPT_ROWS: DeptRow[] = [
  { l1: '产出指标', l2: '数量指标', name: '新建高标准农田面积', value: '≥2', unit: '万亩', direction: '正向', remark: '', want: want('≥', '2', '万亩') },
  { l1: '产出指标', l2: '数量指标', name: '完成村庄环境整治数量', value: '≥120', unit: '个', direction: '正向', remark: '', want: want('≥', '120', '个') },
  { l1: '产出指标', l2: '质量指标', name: '高标准农田建设验收合格率', value: '100%', unit: '', direction: '正向', remark: '', want: want(null, '100', '%') },
  { l1: '产出指标', l2: '时效指标', name: '年度任务完成时间', value: '2025年12月底前', unit: '', direction: '正向', remark: '', want: want(null, '2025年12月底前') },
  { l1: '成本指标', l2: '经济成本指标', name: '亩均建设成本', value: '≤3000', unit: '元/亩', direction: '反向', remark: '按省级建设标准', want: want('≤', '3000', '元/亩') },
  { l1: '效益指标', l2: '经济效益指标', name: '项目区粮食亩均增产', value: '≥50', unit: '公斤', direction: '正向', remark: '', want: want('≥', '50', '公斤') },
  { l1: '效益指标', l2: '社会效益指标', name: '农业主推技术到位率', value: '≥95%', unit: '', direction: '正向', remark: '', want: want('≥', '95', '%') },
  { l1: '满意度指标', l2: '服务对象满意度指标', name: '农户满意度', value: '≥90%', unit: '', direction: '正向', remark: '抽样调查', want: want('≥', '90', '%') },
];

/**
 * 部门整体支出绩效目标表: a department's header block (部门名称, funds as label/amount pairs with
 * 金额单位 above, 年度主要任务 rows with their own small header, 年度总体目标), then the indicator
 * rows with 指标方向 and 备注 columns.
 */
export function department(): OwnSample {
  const merges: XLSX.Range[] = [];
  const m = (r0: number, c0: number, r1: number, c1: number) => merges.push({ s: { r: r0, c: c0 }, e: { r: r1, c: c1 } });
  const aoa: (string | number)[][] = [
    [DEPT.caption, '', '', '', '', '', ''],
    ['金额单位：万元', '', '', '', '', '', ''],
    ['部门名称', DEPT.name, '', '', '', '', ''],
    ['年度资金总额', DEPT.total, '其中：财政拨款', DEPT.fiscal, '其他资金', DEPT.other, ''],
    ['年度主要任务', '任务名称', '主要内容', '', '预算金额', '', ''],
    ...DEPT.tasks.map(([task, content, amount]) => ['', task, content, '', amount, '', '']),
    ['年度总体目标', DEPT.goal, '', '', '', '', ''],
    ['一级指标', '二级指标', '三级指标', '指标值', '计量单位', '指标方向', '备注'],
  ];
  m(0, 0, 0, 6); m(1, 0, 1, 6); m(2, 1, 2, 6);
  m(4, 0, 4 + DEPT.tasks.length, 0); m(4, 2, 4, 3); m(4, 4, 4, 6);
  DEPT.tasks.forEach((_, i) => { m(5 + i, 2, 5 + i, 3); m(5 + i, 4, 5 + i, 6); });
  m(5 + DEPT.tasks.length, 1, 5 + DEPT.tasks.length, 6);
  const first = aoa.length;
  const l1 = runSpans(DEPT_ROWS.map((r) => r.l1));
  const l2 = runSpans(DEPT_ROWS.map((r) => r.l1 + '\u0000' + r.l2));
  DEPT_ROWS.forEach((r, i) => {
    aoa.push([l1[i] > 0 ? r.l1 : '', l2[i] > 0 ? r.l2 : '', r.name, r.value, r.unit, r.direction, r.remark]);
    if (l1[i] > 1) m(first + i, 0, first + i + l1[i] - 1, 0);
    if (l2[i] > 1) m(first + i, 1, first + i + l2[i] - 1, 1);
  });
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges;
  ws['!cols'] = [{ wch: 14 }, { wch: 20 }, { wch: 26 }, { wch: 16 }, { wch: 10 }, { wch: 10 }, { wch: 18 }];
  ws['!rows'] = aoa.map(() => ({ hpt: 20 }));
  return {
    buffer: sheetBuffer([['部门整体绩效目标', ws]]),
    tables: [{
      title: DEPT.name, kind: 'performance-targets',
      context: { 部门名称: DEPT.name, 年度资金总额: String(DEPT.total), '其中:财政拨款': String(DEPT.fiscal), 其他资金: String(DEPT.other), 年度总体目标: clean(DEPT.goal) },
      project: {
        scope: 'department', name: { text: DEPT.name, from: '部门名称' }, department: { text: DEPT.name, from: '部门名称' },
        implementer: null, year: { value: 2025, from: '表名' }, period: null,
        funds: {
          ...fundLine('年度资金总额', { amount: DEPT.total }, { amount: '年度资金总额' }), unit: '万元',
          parts: [
            fundLine('其中:财政拨款', { amount: DEPT.fiscal }, { amount: '其中:财政拨款' }),
            fundLine('其他资金', { amount: DEPT.other }, { amount: '其他资金' }),
          ],
        },
        tasks: DEPT.tasks.map(([name, content, amount]) => ({
          name, description: content, amount, from: [`年度主要任务/${name}/主要内容`, `年度主要任务/${name}/预算金额`],
        })),
        goals: { overall: null, annual: { text: clean(DEPT.goal), from: '年度总体目标' }, achieved: null },
      },
      total: null,
      indicators: DEPT_ROWS.map((r) => indicator({
        level1: r.l1, level2: r.l2, level3: r.name, ...r.want, description: r.remark || null,
        targetFrom: filledHeaders([['指标值', r.value], ['计量单位', r.unit]]),
        typed: {
          direction: { value: r.direction, text: r.direction, from: ['指标方向'] },
          remark: r.remark ? { text: r.remark, from: ['备注'] } : null,
        },
      })),
    }],
    notes: `sheet 部门整体绩效目标: title, 金额单位 line, header block rows 3-${first}, header row ${first}, ${DEPT_ROWS.length} indicator rows with 指标方向 and 备注`,
  };
}
