// One statistics table drawn in every ruling style the issue lists (full grid, outer only,
// horizontal only, three-line, none, verticals only, filled-rect borders, cell fills only), so
// the bench can say how each style reads. Header of one row or a spanning two-row header.
import type { Family } from '../family.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle, statsBody } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import { RULING_STYLES, type DocSpec } from '../spec.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const ruling = rng.pick(RULING_STYLES.filter((r) => r !== 'partial'));
  const nNum = rng.int(2, 8);
  const b = new TableBuilder(nNum + 1);
  statsBody(rng, b, { nNum, groups: rng.int(1, 3), rowsPerGroup: [2, 7], longLabels: rng.pick([0, 0.1]), spanningHeader: rng.chance(0.3), groupRows: rng.chance(0.4), blankBetweenGroups: false });
  const style = denseStyle(rng, { ruling, fontSize: rng.realIn(GENERATOR.table.fontSize, 0.5), underlineSpans: ruling !== 'grid' && rng.chance(0.5) });
  const table = b.build({ id: 't1', colWidths: [rng.real(1.6, 3), ...Array.from({ length: nNum }, () => rng.real(0.9, 1.4))], style, widthShare: rng.realIn(GENERATOR.table.widthShare, 0.05) });
  return genericSpec(rng, ctx, 'generic-ruling-styles', { blocks: [{ kind: 'line', text: `表${rng.int(1, 40)}  ${rng.pick(['主要指标完成情况', '分组统计', '基本情况'])}`, size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling } });
}

const family: Family = {
  name: 'generic-ruling-styles',
  kind: 'generic',
  description: 'one statistics table in each ruling style: grid, outer, horizontal, three-line, none, verticals, filled rects, fills',
  producers: ['pdf-noto', 'pdf-stsong', 'lo-docx', 'docx'],
  make,
};
export default family;
