// The row-heading tree of SPEC §1: no 一级/二级 columns; `1 | 产出指标` opens a first level,
// `| 数量指标` a second, indicator rows follow; `.....` rows are placeholders. Columns 序号 |
// 指标名称 | 前年指标值 | 上年指标值 | 计算符号 | 指标值 | 计量单位 | 指标值说明 | 指标值确定依据 |
// 绩效指标来源 (some left out), preceded by 绩效指标表, the project, 年度绩效指标 and 起始 lines.
// Variant `indicator-row-heading-three-line`: the 三线表 the issue names (rules above and under
// the header and at the bottom of each page) holding this layout across two pages.
import type { Family } from '../family.ts';
import { pickBasis, pickOrigin, pickVocabulary, planIndicators, randomValueLayout, truthRow, valueCells } from '../kit/indicators.ts';
import { randomPage } from '../kit/page.ts';
import { randomProject } from '../kit/project.ts';
import { randomStyle, TableBuilder, type CellInput } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import type { DocSpec, RulingStyle, TruthIndicator } from '../spec.ts';

function previous(rng: Rng, value: string, numeric: boolean): string {
  if (!numeric) return rng.chance(0.5) ? value : '';
  const n = Number(value);
  return Number.isFinite(n) ? String(Math.max(0, Math.round(n * rng.real(0.8, 1)))) : value;
}

function makeWith(ruling: RulingStyle | null, family: string) {
  return (rng: Rng, ctx: { id: string }): DocSpec => {
    const project = randomProject(rng);
    const vocab = pickVocabulary(rng);
    const threeLine = ruling === 'three-line';
    const plan = planIndicators(rng, vocab, threeLine ? { rowsPerLevel2: [3, 6] } : {});
    const layout = randomValueLayout(rng, { opColumn: true, unitColumn: true });
    const cols = {
      history: rng.chance(0.7), description: rng.chance(0.7), basis: rng.chance(0.6), origin: rng.chance(0.5),
    };
    const head = ['序号', '指标名称', ...(cols.history ? ['前年指标值', '上年指标值'] : []), '计算符号', '指标值', '计量单位',
      ...(cols.description ? ['指标值说明'] : []), ...(cols.basis ? ['指标值确定依据'] : []), ...(cols.origin ? ['绩效指标来源'] : [])];
    const b = new TableBuilder(head.length);
    b.row('header', head, { align: 'center', bold: rng.chance(0.5), valign: 'bottom' });
    const numbering = rng.pick(['outline', 'top-only'] as const);
    const placeholders = rng.chance(0.5);
    const rows: TruthIndicator[] = [];
    let l1 = 0;
    let l2 = 0;
    plan.forEach((p, i) => {
      const first1 = i === 0 || plan[i - 1].level1 !== p.level1;
      const first2 = first1 || plan[i - 1].level2 !== p.level2;
      if (first1) {
        l1++;
        l2 = 0;
        b.row('group', [String(l1), p.level1]);
      }
      if (first2) {
        l2++;
        b.row('group', [numbering === 'outline' ? `${l1}.${l2}` : '', { text: p.level2, indent: 1 }]);
      }
      const cells = valueCells(p.idea, layout);
      const history = cols.history ? [previous(rng, p.idea.value, p.idea.numeric), previous(rng, p.idea.value, p.idea.numeric)] : [];
      const basis = cols.basis ? pickBasis(rng) : '';
      const origin = cols.origin ? pickOrigin(rng) : '';
      const out: CellInput[] = ['', { text: p.idea.name, indent: 2 }, ...history.map((h) => ({ text: h, align: 'center' as const })),
        { text: cells.op, align: 'center' }, { text: cells.value, align: 'center' }, { text: cells.unit, align: 'center' },
        ...(cols.description ? [p.description] : []), ...(cols.basis ? [basis] : []), ...(cols.origin ? [origin] : [])];
      b.row('body', out);
      rows.push(truthRow({ level1: p.level1, level2: p.level2, level3: p.idea.name, description: cols.description ? p.description : null }, cells, {
        ...(cols.history ? { history: history.map((h) => h || null) } : {}),
        ...(cols.basis ? { basis } : {}),
        ...(cols.origin ? { origin } : {}),
      }));
      const lastOf2 = i === plan.length - 1 || plan[i + 1].level2 !== p.level2;
      if (placeholders && lastOf2 && rng.chance(0.4)) b.row('body', ['', '.....']);
    });
    const style = randomStyle(rng, {
      ruling: ruling ?? rng.weighted([['grid', 4], ['three-line', 1], ['horizontal', 1], ['none', 1]] as const),
      ...(threeLine ? { repeatHeader: rng.chance(0.5) } : {}),
    });
    // The 三线表 case crosses a page break in the middle of its body.
    const breakBefore = threeLine ? [Math.floor(b.rowCount / 2)] : [];
    const widths = head.map((h) => (h === '序号' ? 0.6 : h === '指标名称' ? 3 : h.length > 4 ? 1.6 : 1));
    const table = b.build({ id: 't1', colWidths: widths, style, breakBefore });
    const start = project.year - rng.int(0, 2);
    const size = rng.realIn([10, 13], 0.5);
    return {
      id: ctx.id, family, page: randomPage(rng, rng.chance(0.5) ? { orientation: 'landscape' } : {}), face: rng.pick(['sans', 'serif']),
      blocks: [
        { kind: 'line', text: '绩效指标表', size: size + 5, align: 'center', bold: true },
        { kind: 'line', text: `项目名称：${project.name}`, size, align: 'left' },
        { kind: 'line', text: rng.pick(['年度绩效指标', '总体绩效指标']), size, align: 'left' },
        { kind: 'line', text: `起始：${start}`, size, align: 'left' },
        { kind: 'table', table },
      ],
      truth: { kind: 'indicators', notice: { title: '绩效指标表', docNumber: null, issuer: null, date: null }, tables: [{ title: project.name, unitColumn: true, rows }], nonIndicators: ['.....'] },
      tags: { ruling: style.ruling },
    };
  };
}

export const families: Family[] = [
  {
    name: 'indicator-row-heading',
    kind: 'indicators',
    description: '序号 row-heading tree with 前年/上年, 计算符号, 计量单位, ..... placeholders, title/project/起始 lines above',
    producers: ['pdf-noto', 'pdf-stsong', 'xlsx', 'docx', 'lo-docx', 'lo-xlsx'],
    make: makeWith(null, 'indicator-row-heading'),
  },
  {
    name: 'indicator-row-heading-three-line',
    kind: 'indicators',
    description: 'the 三线表 holding the 序号 row-heading layout across two pages (issue 10: 1 row of 58 read)',
    producers: ['pdf-noto', 'pdf-stsong', 'lo-docx'],
    make: makeWith('three-line', 'indicator-row-heading-three-line'),
  },
];
