// Issue 10 loss case 2 (16%): an outer frame and vertical rules between the columns, horizontal
// rules only at the top, under a two-level header and between 2–3 row groups; 8–25 body rows
// parted only by their baselines, with label-only rows, indented labels and 2–4-line labels.
import type { Family } from '../family.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle, statsBody } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { DocSpec } from '../spec.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const g = GENERATOR.generic;
  const nNum = rng.int(3, 7);
  const groups = rng.range(g.partlyGroups);
  const perGroup = Math.max(2, Math.round(rng.range(g.partlyRows) / groups));
  const b = new TableBuilder(nNum + 1);
  const { groupStarts } = statsBody(rng, b, {
    nNum, groups, rowsPerGroup: [Math.max(2, perGroup - 2), perGroup + 2], longLabels: rng.pick([0, 0.15, 0.3]),
    spanningHeader: rng.chance(0.7), groupRows: rng.chance(0.6), blankBetweenGroups: false,
  });
  const style = denseStyle(rng, { ruling: 'partial', groupRules: groupStarts.slice(1) });
  const table = b.build({ id: 't1', colWidths: [rng.real(1.6, 2.6), ...Array.from({ length: nNum }, () => rng.real(0.9, 1.3))], style, widthShare: rng.realIn(GENERATOR.table.widthShare, 0.05) });
  return genericSpec(rng, ctx, 'generic-partly-ruled', { blocks: [{ kind: 'line', text: `表${rng.int(1, 40)}  ${rng.pick(['分地区主要指标', '分行业主要指标', '就业人员情况'])}`, size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling: style.ruling, header: b.rowCount && table.rowKinds.filter((k) => k === 'header').length === 2 ? 'spanning' : '1-row' } });
}

const family: Family = {
  name: 'generic-partly-ruled',
  kind: 'generic',
  description: 'ICDAR loss case 2: frame + column rules, horizontals only at the top, under the header and between row groups',
  producers: ['pdf-noto', 'pdf-stsong', 'lo-docx', 'docx'],
  make,
};
export default family;
