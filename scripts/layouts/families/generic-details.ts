// Issue 10 loss case 7, one variant per case: the header parted from the body by a blank line
// or a typed `-----` line; row labels outside a grid that encloses only the numbers; dot
// leaders between label and numbers; a table drawn only as cell fills; a note inside the frame
// (not part of the table).
import type { Family } from '../family.ts';
import { numberCell, randomNumberFormat } from '../kit/numbers.ts';
import { genericSpec } from '../kit/doc.ts';
import { columnHeads, denseStyle } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import type { DocSpec, RulingStyle } from '../spec.ts';
import { NOTES, ROW_LABELS } from '../vocab/stats.ts';

const VARIANTS = ['blank-after-header', 'dashes-after-header', 'labels-outside', 'dot-leaders', 'fills-only', 'note-in-frame'] as const;

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const variant = rng.pick(VARIANTS);
  const nNum = rng.int(2, 6);
  const b = new TableBuilder(nNum + 1);
  b.row('header', [{ text: rng.pick(['项目', '地区']), valign: 'bottom' }, ...columnHeads(rng, nNum).map((h) => ({ text: h, align: 'right' as const, valign: 'bottom' as const }))]);
  if (variant === 'blank-after-header') b.blank();
  if (variant === 'dashes-after-header') b.row('decor', Array.from({ length: nNum + 1 }, (_, i) => ({ text: '-'.repeat(i === 0 ? 12 : 8), align: i === 0 ? 'left' as const : 'right' as const })));
  const fmt = randomNumberFormat(rng);
  for (const label of rng.sample(ROW_LABELS, rng.int(4, 12))) {
    b.row('body', [{ text: label, leader: variant === 'dot-leaders' }, ...Array.from({ length: nNum }, () => ({ text: numberCell(rng, fmt, 1000), align: 'right' as const }))]);
  }
  if (variant === 'note-in-frame') b.row('note', [{ text: rng.pick(NOTES), colSpan: nNum + 1 }]);
  const ruling: RulingStyle = variant === 'labels-outside' ? 'grid' : variant === 'fills-only' ? 'fills' : variant === 'note-in-frame' ? rng.pick(['outer', 'grid'] as const) : rng.pick(['none', 'three-line'] as const);
  const style = denseStyle(rng, { ruling });
  const table = b.build({ id: 't1', colWidths: [variant === 'dot-leaders' ? 3.5 : 2, ...Array.from({ length: nNum }, () => 1)], style, labelsOutside: variant === 'labels-outside', widthShare: rng.real(0.6, 0.9) });
  return genericSpec(rng, ctx, 'generic-details', { blocks: [{ kind: 'line', text: '基本情况表', size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling, variant } });
}

const family: Family = {
  name: 'generic-details',
  kind: 'generic',
  description: 'ICDAR loss case 7: header parted by a blank or ----- line, labels outside the grid, dot leaders, fills only, notes in the frame',
  producers: ['pdf-noto', 'pdf-stsong'],
  make,
};
export default family;
