// A generic statistics table's content: a label column and number columns, row groups with
// label-only opening rows, optional indented labels and wrapped long labels.
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { TableStyle } from '../spec.ts';
import { COLUMN_HEADS, GROUP_HEADINGS, LONG_LABELS, ROW_LABELS } from '../vocab/stats.ts';
import { numberCell, randomNumberFormat } from './numbers.ts';
import { randomStyle, TableBuilder, type CellInput } from './table-builder.ts';

export interface StatsOptions {
  nNum: number;
  groups: number;
  rowsPerGroup: readonly [number, number];
  /** Share of body labels that are long (wrap over 2–4 lines in a narrow label column). */
  longLabels: number;
  /** Two header rows: spanning group headings over the number columns. */
  spanningHeader: boolean;
  /** Open each group with a label-only row. */
  groupRows: boolean;
  /** A blank row before each group. */
  blankBetweenGroups: boolean;
}

export function columnHeads(rng: Rng, n: number): string[] {
  if (rng.chance(0.5)) {
    const first = rng.int(2005, 2018);
    return Array.from({ length: n }, (_, i) => String(first + i));
  }
  const heads = rng.sample(COLUMN_HEADS, n);
  while (heads.length < n) heads.push(`指标${heads.length + 1}`);
  return heads;
}

/** Fills `b` (nNum + 1 columns) with header rows and grouped body rows; returns the rows each group starts at. */
export function statsBody(rng: Rng, b: TableBuilder, o: StatsOptions): { groupStarts: number[]; headerRows: number } {
  const fmt = randomNumberFormat(rng);
  const scale = rng.pick([100, 1000, 10000]);
  const heads = columnHeads(rng, o.nNum);
  const stub: CellInput = { text: rng.pick(['项目', '指标', '地区', '行业']), valign: 'bottom' };
  if (o.spanningHeader) {
    // Group headings over 2–4 columns each, the stub cell spanning both header rows.
    const spans: number[] = [];
    for (let left = o.nNum; left > 0;) {
      const s = Math.min(left, rng.int(2, 4));
      spans.push(s);
      left -= s;
    }
    const names = rng.sample(['城镇', '乡村', '本年', '上年', '合计', '其中', '按季度', '累计'], spans.length);
    b.row('header', [{ ...stub, rowSpan: 2 }, ...spans.map((s, i) => ({ text: names[i] ?? `组${i + 1}`, colSpan: s, align: 'center' as const }))]);
    b.row('header', heads.map((h) => ({ text: h, align: 'right' as const, valign: 'bottom' as const })));
  } else {
    b.row('header', [stub, ...heads.map((h) => ({ text: h, align: 'right' as const, valign: 'bottom' as const }))]);
  }
  const headerRows = b.rowCount;
  const labels = rng.shuffle(ROW_LABELS);
  const longs = rng.shuffle(LONG_LABELS);
  const headings = rng.shuffle(GROUP_HEADINGS);
  let li = 0;
  let lo = 0;
  const groupStarts: number[] = [];
  for (let g = 0; g < o.groups; g++) {
    if (o.blankBetweenGroups && g > 0) b.blank();
    groupStarts.push(b.rowCount);
    if (o.groupRows) b.row('group', [headings[g % headings.length]]);
    const n = rng.range(o.rowsPerGroup);
    for (let r = 0; r < n; r++) {
      const long = rng.chance(o.longLabels);
      const label = long ? longs[lo++ % longs.length] : labels[li++ % labels.length];
      b.row('body', [{ text: label, indent: o.groupRows && !long && rng.chance(0.6) ? 1 : 0 },
        ...Array.from({ length: o.nNum }, () => ({ text: numberCell(rng, fmt, scale), align: 'right' as const }))]);
    }
  }
  return { groupStarts, headerRows };
}

export function denseStyle(rng: Rng, over: Partial<TableStyle> = {}): TableStyle {
  const style = randomStyle(rng, { fontSize: rng.realIn(GENERATOR.generic.denseFont, 0.5), ...over });
  style.headerFontSize = style.fontSize;
  style.padY = Math.min(style.padY, 2.5);
  return style;
}
