// Issue 10 loss case 5 (4%): header cells of 1–5 lines bottom-aligned to one baseline, wrapped
// row labels, and ruled cells holding 2–4 wrapped bullet items.
import type { Family } from '../family.ts';
import { numberCell, randomNumberFormat } from '../kit/numbers.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import type { DocSpec } from '../spec.ts';
import { BULLETS, LONG_LABELS, ROW_LABELS } from '../vocab/stats.ts';

const HEAD_PARTS = ['城镇非私营单位', '就业人员', '平均工资', '（元）', '比上年', '增长（%）', '其中：', '在岗职工', '本年', '累计'];

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const bullets = rng.chance(0.4);
  const b = new TableBuilder(bullets ? 3 : rng.int(4, 7));
  const nNum = b.nCols - 1;
  if (bullets) {
    // A ruled table of measures: a label, 2–4 bullet items in one cell, a date.
    b.row('header', ['项目', '主要措施', '完成时限'], { align: 'center' });
    for (const label of rng.sample(ROW_LABELS, rng.int(3, 6))) {
      const items = rng.sample(BULLETS, rng.int(2, 4)).map((t) => `${rng.pick(['•', '●', '-'])} ${t}`);
      b.row('body', [label, { text: items.join('\n'), valign: 'top' }, `${rng.int(2024, 2026)}年${rng.int(1, 12)}月`]);
    }
  } else {
    const heads = Array.from({ length: nNum }, () => rng.sample(HEAD_PARTS, rng.int(1, 5)).join('\n'));
    b.row('header', [{ text: rng.pick(['项目', '地区']), valign: 'bottom' }, ...heads.map((text) => ({ text, align: 'right' as const, valign: 'bottom' as const }))]);
    const fmt = randomNumberFormat(rng);
    const labels = [...rng.sample(LONG_LABELS, rng.int(1, 3)), ...rng.sample(ROW_LABELS, rng.int(3, 8))];
    for (const label of rng.shuffle(labels)) b.row('body', [{ text: label, valign: 'top' }, ...Array.from({ length: nNum }, () => ({ text: numberCell(rng, fmt, 10000), align: 'right' as const, valign: 'top' as const }))]);
  }
  const style = denseStyle(rng, { ruling: bullets ? 'grid' : rng.pick(['three-line', 'none', 'grid'] as const) });
  const table = b.build({ id: 't1', colWidths: bullets ? [1.2, 4, 1.1] : [1.8, ...Array.from({ length: nNum }, () => 1)], style, widthShare: bullets ? 0.9 : 0.75 });
  return genericSpec(rng, ctx, 'generic-multiline', { blocks: [{ kind: 'line', text: bullets ? '重点工作推进表' : '主要指标', size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling: style.ruling, variant: bullets ? 'bullet-cells' : 'stacked-header' } });
}

const family: Family = {
  name: 'generic-multiline',
  kind: 'generic',
  description: 'ICDAR loss case 5: 1–5-line bottom-aligned header cells, wrapped labels, ruled cells with 2–4 bullet items',
  producers: ['pdf-noto', 'pdf-stsong', 'lo-docx', 'docx'],
  make,
};
export default family;
