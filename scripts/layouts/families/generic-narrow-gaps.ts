// Issue 10 loss case 4 (6%): neighbouring number columns whose widest entries leave ≤ 0.55 em
// between them; monospace numbers one space apart, sometimes with a vertical rule between
// them; a bold total row.
import type { Family } from '../family.ts';
import { formatNumber, randomNumberFormat } from '../kit/numbers.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle, columnHeads } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import type { DocSpec } from '../spec.ts';
import { ROW_LABELS, TOTAL_LABELS } from '../vocab/stats.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const nNum = rng.int(5, 12);
  const mono = rng.chance(0.4);
  const fmt = { ...randomNumberFormat(rng), missing: 0, thousands: rng.pick(['', ','] as const) };
  const scale = rng.pick([1000, 100000, 1000000]);
  const b = new TableBuilder(nNum + 1);
  b.row('header', [{ text: rng.pick(['地区', '项目']), valign: 'bottom' }, ...columnHeads(rng, nNum).map((h) => ({ text: h, align: 'right' as const, valign: 'bottom' as const }))]);
  const labels = rng.sample(ROW_LABELS, rng.int(5, 14));
  const sums = new Array<number>(nNum).fill(0);
  for (const label of labels) {
    b.row('body', [label, ...Array.from({ length: nNum }, (_, i) => {
      const v = rng.real(0.5, 1) * scale;
      sums[i] += v;
      return { text: formatNumber(v, fmt), align: 'right' as const, mono };
    })]);
  }
  if (rng.chance(0.6)) b.row('total', [{ text: rng.pick(TOTAL_LABELS), bold: true }, ...sums.map((v) => ({ text: formatNumber(v, fmt), align: 'right' as const, bold: true, mono }))]);
  const ruling = mono && rng.chance(0.5) ? 'verticals' : rng.pick(['none', 'three-line'] as const);
  // Padding so the widest entries of neighbouring columns are 0.2–0.55 em apart (+1 pt, see fitColumns).
  const style = denseStyle(rng, { ruling });
  const gapEm = rng.real(0.2, 0.55);
  style.padX = Math.max(0, (gapEm * style.fontSize - 1) / 2);
  const table = b.build({ id: 't1', colWidths: [3, ...Array.from({ length: nNum }, () => 0.01)], style, widthShare: 0.2, minColEm: [rng.int(6, 9)] });
  return genericSpec(rng, ctx, 'generic-narrow-gaps', { blocks: [{ kind: 'line', text: rng.pick(['主要经济指标', '各地区财政收支情况']), size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling, variant: mono ? 'monospace' : 'proportional' } });
}

const family: Family = {
  name: 'generic-narrow-gaps',
  kind: 'generic',
  description: 'ICDAR loss case 4: number columns 0.2–0.55 em apart, monospace numbers (with column rules), bold totals',
  producers: ['pdf-noto', 'pdf-stsong'],
  make,
};
export default family;
