// Issue 10 loss case 1 (54% of the lost ICDAR relations): a borderless table under three
// rules, a text label column and 4–10 right-aligned number columns at 8–9.5 pt; the body is
// 2–6 row groups, each opened by a label-only row and preceded by a blank line. Variants: a
// lone total row between blank lines under the header, group headings centred across the
// number columns, a last group of one row, a tall stacked header ending 2–3 em above the body.
import type { Family } from '../family.ts';
import { formatNumber, numberCell, randomNumberFormat } from '../kit/numbers.ts';
import { genericSpec } from '../kit/doc.ts';
import { randomStyle, TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { DocSpec } from '../spec.ts';
import { COLUMN_HEADS, GROUP_HEADINGS, ROW_LABELS, TOTAL_LABELS } from '../vocab/stats.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const g = GENERATOR.generic;
  const nNum = rng.range(g.numberCols);
  const nCols = nNum + 1;
  const fmt = randomNumberFormat(rng);
  const scale = rng.pick([100, 1000, 10000, 100000]);
  const stackedHeader = rng.chance(0.35);
  const centredHeadings = rng.chance(0.35);
  const loneTotal = rng.chance(0.4);
  const lastGroupOfOne = rng.chance(0.3);
  const b = new TableBuilder(nCols);
  const years = rng.chance(0.5);
  const firstYear = rng.int(2005, 2018);
  const heads = years ? Array.from({ length: nNum }, (_, i) => String(firstYear + i)) : rng.sample(COLUMN_HEADS, nNum);
  while (heads.length < nNum) heads.push(`指标${heads.length + 1}`);
  // A stacked header: each head over 1–4 lines (a unit line, a qualifier), bottom-aligned.
  const headCells = heads.map((h) => ({
    text: stackedHeader ? [h, ...rng.sample(['（万元）', '（%）', '本年', '比上年', '±%'], rng.int(0, 3))].join('\n') : h,
    align: 'right' as const, valign: 'bottom' as const,
  }));
  b.row('header', [{ text: rng.pick(['项目', '指标', '地区', '行业']), valign: 'bottom' }, ...headCells]);
  const gapRows: number[] = [];
  if (stackedHeader) gapRows.push(b.blank());
  const numbers = () => Array.from({ length: nNum }, () => ({ text: numberCell(rng, fmt, scale), align: 'right' as const }));
  if (loneTotal) {
    if (!stackedHeader) b.blank();
    b.row('total', [{ text: rng.pick(TOTAL_LABELS), bold: rng.chance(0.5) }, ...Array.from({ length: nNum }, () => ({ text: formatNumber(rng.real(2, 6) * scale, fmt), align: 'right' as const }))]);
  }
  const nGroups = rng.range(g.groups);
  const labels = rng.shuffle(ROW_LABELS);
  const headings = rng.shuffle(GROUP_HEADINGS);
  let li = 0;
  for (let k = 0; k < nGroups; k++) {
    b.blank();
    const heading = headings[k % headings.length];
    if (centredHeadings) b.row('group', ['', { text: heading, colSpan: nNum, align: 'center' }]);
    else b.row('group', [{ text: heading, bold: rng.chance(0.5) }]);
    const rows = k === nGroups - 1 && lastGroupOfOne ? 1 : rng.range(g.groupRows);
    for (let r = 0; r < rows; r++) b.row('body', [{ text: labels[li++ % labels.length], indent: rng.chance(0.5) ? 1 : 0 }, ...numbers()]);
  }
  const style = randomStyle(rng, { ruling: 'three-line', fontSize: rng.realIn(g.denseFont, 0.5), blankLines: rng.realIn(GENERATOR.table.blankLines, 0.25) });
  style.headerFontSize = style.fontSize;
  style.padY = Math.min(style.padY, 2);
  const table = b.build({ id: 't1', colWidths: [rng.real(2.2, 4), ...Array.from({ length: nNum }, () => rng.real(0.9, 1.3))], style, widthShare: rng.realIn(GENERATOR.table.widthShare, 0.05) });
  void gapRows;
  return genericSpec(rng, ctx, 'generic-row-groups', { blocks: [
      { kind: 'line', text: `表${rng.int(1, 30)}  ${rng.pick(['主要经济指标', '分行业从业人员', '各地区财政收支', '城乡居民收支'])}`, size: style.fontSize + 2, align: 'center', bold: true },
      { kind: 'line', text: rng.pick(['单位：万元', '单位：人', '单位：%', '单位：亿元']), size: style.fontSize, align: 'right' },
      { kind: 'table', table },
    ], tables: [table], tags: { ruling: style.ruling, header: stackedHeader ? 'stacked' : '1-row' } });
}

const family: Family = {
  name: 'generic-row-groups',
  kind: 'generic',
  description: 'ICDAR loss case 1: borderless three-rule table, row groups parted by blank lines with label-only rows',
  producers: ['pdf-noto', 'pdf-stsong', 'lo-docx', 'docx'],
  make,
};
export default family;
