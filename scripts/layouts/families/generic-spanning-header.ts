// Issue 10 loss case 6 (2%): group headings centred over 2–8 columns, each underlined by a short
// rule spanning exactly its columns, and a stub header cell bottom-aligned beside the two rows.
import type { Family } from '../family.ts';
import { numberCell, randomNumberFormat } from '../kit/numbers.ts';
import { genericSpec } from '../kit/doc.ts';
import { columnHeads, denseStyle } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import { gridTruth, type DocSpec } from '../spec.ts';
import { ROW_LABELS } from '../vocab/stats.ts';

function make(rng: Rng, ctx: { id: string }, oneLargerHeading = false): DocSpec {
  // 2–3 groups of 2–8 columns (the range), at most 14 number columns in all.
  const spans: number[] = [];
  for (let n = rng.int(2, 3), left = 14; n > 0 && left >= 2; n--) {
    const s = rng.int(2, Math.min(8, left - 2 * (n - 1)));
    spans.push(s);
    left -= s;
  }
  const nNum = spans.reduce((a, b) => a + b, 0);
  const b = new TableBuilder(nNum + 1);
  const groups = rng.sample(['城镇', '乡村', '男', '女', '本年', '上年', '国有', '非国有', '第一季度', '第二季度'], spans.length);
  b.row('header', [{ text: rng.pick(['地区', '项目', '行业']), rowSpan: 2, valign: 'bottom' }, ...spans.map((s, i) => ({ text: groups[i], colSpan: s, align: 'center' as const }))]);
  b.row('header', spans.flatMap((s) => columnHeads(rng, s)).map((h) => ({ text: h, align: 'right' as const, valign: 'bottom' as const })));
  const fmt = randomNumberFormat(rng);
  for (const label of rng.sample(ROW_LABELS, rng.int(4, 12))) b.row('body', [label, ...Array.from({ length: nNum }, () => ({ text: numberCell(rng, fmt, 1000), align: 'right' as const }))]);
  const style = denseStyle(rng, { ruling: rng.pick(['three-line', 'none', 'horizontal'] as const), underlineSpans: true });
  const table = b.build({ id: 't1', colWidths: [2, ...Array.from({ length: nNum }, () => 1)], style });
  const spec = genericSpec(rng, ctx, 'generic-spanning-header', { blocks: [{ kind: 'line', text: '分组主要指标', size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling: style.ruling, header: 'spanning' }, page: { orientation: nNum > 8 ? 'landscape' : 'portrait' } });
  if (oneLargerHeading) {
    // One heading over all the number columns, set bold two sizes up, as large as the title
    // (ICDAR eu-001's `THRESHOLD FOR RELEASES`, 10 pt over 8 pt heads).
    const heading = { row: 0, col: 1, rowSpan: 1, colSpan: nNum, text: rng.pick(['排放量限值（千克/年）', '各地区主要经济指标', '按登记注册类型分组']), align: 'center' as const, size: style.headerFontSize + 2, bold: true };
    table.cells = [...table.cells.filter((c) => c.row !== 0 || c.col === 0), heading];
    spec.tags = { ...spec.tags, header: 'spanning-larger' };
    spec.truth = { kind: 'generic', tables: [{ id: table.id, cells: gridTruth(table) }] };
  }
  return spec;
}

const family: Family = {
  name: 'generic-spanning-header',
  kind: 'generic',
  description: 'ICDAR loss case 6: spanning group headings with short underline rules, bottom-aligned stub cell',
  producers: ['pdf-noto', 'pdf-stsong'],
  make: (rng, ctx) => make(rng, ctx),
};

const larger: Family = {
  name: 'generic-spanning-larger',
  kind: 'generic',
  description: 'one group heading over all the number columns, set two sizes up like the title above',
  producers: ['pdf-noto', 'pdf-stsong'],
  make: (rng, ctx) => ({ ...make(rng, ctx, true), family: 'generic-spanning-larger' }),
};
export const families = [family, larger];
