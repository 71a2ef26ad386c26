// Issue 10 loss case 7, the other half: things that are NOT tables — a bar chart with labels
// and values, multi-column justified prose, bullet lists — sometimes beside one real table.
// Exact = nothing invented (and the real table, when there is one, read whole).
import type { Family } from '../family.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle, statsBody } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { Block, DocSpec, TableSpec } from '../spec.ts';
import { BULLETS, PROSE, ROW_LABELS } from '../vocab/stats.ts';

const KINDS = ['chart', 'prose', 'bullets'] as const;

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const size = rng.realIn([9, 12], 0.5);
  const kinds = rng.sample(KINDS, rng.int(1, 3));
  const blocks: Block[] = [{ kind: 'line', text: rng.pick(['统计公报', '工作报告摘要', '年度工作总结']), size: size + 4, align: 'center', bold: true }];
  for (const kind of kinds) {
    if (kind === 'chart') blocks.push({ kind: 'chart', size, bars: rng.sample(ROW_LABELS, rng.int(3, 8)).map((label) => ({ label, value: rng.int(10, 999) })) });
    if (kind === 'prose') blocks.push({ kind: 'columns', paragraphs: rng.sample(PROSE, rng.int(2, 5)), size, gutter: rng.realIn(GENERATOR.text.gutter, 1) });
    if (kind === 'bullets') blocks.push({ kind: 'bullets', items: rng.sample(BULLETS, rng.int(3, 6)), size, symbol: rng.pick(['●', '■', '◆', '•', '1.']) });
  }
  const tables: TableSpec[] = [];
  if (rng.chance(0.4)) {
    const nNum = rng.int(2, 4);
    const b = new TableBuilder(nNum + 1);
    statsBody(rng, b, { nNum, groups: 1, rowsPerGroup: [3, 6], longLabels: 0, spanningHeader: false, groupRows: false, blankBetweenGroups: false });
    const table = b.build({ id: 't1', colWidths: [2, ...Array.from({ length: nNum }, () => 1)], style: denseStyle(rng, { ruling: 'grid' }), widthShare: 0.7 });
    blocks.splice(rng.int(1, blocks.length), 0, { kind: 'table', table });
    tables.push(table);
  }
  return genericSpec(rng, ctx, 'generic-not-tables', { blocks, tables, tags: { ruling: tables.length ? 'grid' : 'none', variant: kinds.join('+') }, page: { orientation: 'portrait' } });
}

const family: Family = {
  name: 'generic-not-tables',
  kind: 'generic',
  description: 'ICDAR loss case 7: charts, multi-column prose and bullet lists that are not tables (sometimes beside a real one)',
  producers: ['pdf-noto', 'pdf-stsong'],
  make,
};
export default family;
