// Issue 10 loss case 4 (6%): neighbouring number columns whose widest entries leave ≤ 0.55 em
// between them; monospace numbers one space apart, sometimes with a vertical rule between
// them; a bold total row.
import type { Family } from '../family.ts';
import { formatNumber, randomNumberFormat } from '../kit/numbers.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle, columnHeads } from '../kit/stats-table.ts';
import { TableBuilder, type CellInput } from '../kit/table-builder.ts';
import { GENERATOR } from '../settings.ts';
import type { Rng } from '../random.ts';
import type { DocSpec } from '../spec.ts';
import { ROW_LABELS, TOTAL_LABELS } from '../vocab/stats.ts';

/**
 * Widest a digit, comma or point of the producers' fonts is (Noto Sans/Mono and STSong figures are
 * 0.5–0.6 em): an upper bound, so a table judged to fit does fit.
 */
const FIGURE_EM = 0.6;
/** The narrowest margins the generator draws (GENERATOR.page.margin's lower end), for a wide table. */
const TIGHT_MARGIN = GENERATOR.page.margin[0];

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const nNum = rng.int(5, 12);
  const mono = rng.chance(0.4);
  const fmt = { ...randomNumberFormat(rng), missing: 0, thousands: rng.pick(['', ','] as const) };
  const scale = rng.pick([1000, 100000, 1000000]);
  const rows: { kind: 'header' | 'body' | 'total'; cells: CellInput[] }[] = [];
  rows.push({ kind: 'header', cells: [{ text: rng.pick(['地区', '项目']), valign: 'bottom' }, ...columnHeads(rng, nNum).map((h) => ({ text: h, align: 'right' as const, valign: 'bottom' as const }))] });
  const labels = rng.sample(ROW_LABELS, rng.int(5, 14));
  const sums = new Array<number>(nNum).fill(0);
  for (const label of labels) {
    rows.push({ kind: 'body', cells: [label, ...Array.from({ length: nNum }, (_, i) => {
      const v = rng.real(0.5, 1) * scale;
      sums[i] += v;
      return { text: formatNumber(v, fmt), align: 'right' as const, mono };
    })] });
  }
  if (rng.chance(0.6)) rows.push({ kind: 'total', cells: [{ text: rng.pick(TOTAL_LABELS), bold: true }, ...sums.map((v) => ({ text: formatNumber(v, fmt), align: 'right' as const, bold: true, mono }))] });
  const ruling = mono && rng.chance(0.5) ? 'verticals' : rng.pick(['none', 'three-line'] as const);
  // Padding so the widest entries of neighbouring columns are 0.2–0.55 em apart (+1 pt, see fitColumns).
  const style = denseStyle(rng, { ruling });
  const gapEm = rng.real(0.2, 0.55);
  style.padX = Math.max(0, (gapEm * style.fontSize - 1) / 2);
  const labelEm = rng.int(6, 9);
  // Numbers are never wrapped, so up to 12 columns of `4,830,122.86` are wider than a portrait
  // page: such a table is printed landscape with tight margins, and the columns that would still
  // run off the paper are left out (a table printed past the page's edge is no document's).
  const widthOf = (col: number) => Math.max(...rows.map((r) => textOf(r.cells[col]).length)) * FIGURE_EM * style.fontSize + 2 * style.padX + 1;
  const landscapeText = GENERATOR.page.a4.height - 2 * TIGHT_MARGIN;
  let kept = nNum;
  let needed = labelEm * style.fontSize + Array.from({ length: nNum }, (_, i) => widthOf(i + 1)).reduce((a, b) => a + b, 0);
  while (kept > 1 && needed > landscapeText) needed -= widthOf(kept--);
  const b = new TableBuilder(kept + 1);
  for (const r of rows) b.row(r.kind, r.cells.slice(0, kept + 1));
  const table = b.build({ id: 't1', colWidths: [3, ...Array.from({ length: kept }, () => 0.01)], style, widthShare: 0.2, minColEm: [labelEm] });
  const spec = genericSpec(rng, ctx, 'generic-narrow-gaps', { blocks: [{ kind: 'line', text: rng.pick(['主要经济指标', '各地区财政收支情况']), size: style.fontSize + 2, align: 'center', bold: true }, { kind: 'table', table }], tables: [table], tags: { ruling, variant: mono ? 'monospace' : 'proportional' } });
  const { width, height } = GENERATOR.page.a4;
  const textWidth = (spec.page.orientation === 'portrait' ? width : height) - spec.page.margins.left - spec.page.margins.right;
  if (needed > textWidth) spec.page = { ...spec.page, orientation: 'landscape', margins: { ...spec.page.margins, left: TIGHT_MARGIN, right: TIGHT_MARGIN } };
  return spec;
}

const textOf = (cell: CellInput | undefined) => (cell === undefined ? '' : typeof cell === 'string' ? cell : (cell.text ?? ''));

const family: Family = {
  name: 'generic-narrow-gaps',
  kind: 'generic',
  description: 'ICDAR loss case 4: number columns 0.2–0.55 em apart, monospace numbers (with column rules), bold totals',
  producers: ['pdf-noto', 'pdf-stsong'],
  make,
};
export default family;
