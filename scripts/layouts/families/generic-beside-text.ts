// Issue 10 loss case 3 (12%): a dense table followed by two-column justified body text whose
// lines share baselines across the gutter; or a table in the left (right) column of a
// two-column page with prose at the same height in the other column. Truth: the table only.
import type { Family } from '../family.ts';
import { genericSpec } from '../kit/doc.ts';
import { denseStyle, statsBody } from '../kit/stats-table.ts';
import { TableBuilder } from '../kit/table-builder.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { Block, DocSpec } from '../spec.ts';
import { PROSE } from '../vocab/stats.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const beside = rng.chance(0.5);
  const nNum = beside ? rng.int(2, 3) : rng.int(3, 8);
  const b = new TableBuilder(nNum + 1);
  statsBody(rng, b, { nNum, groups: 1, rowsPerGroup: beside ? [4, 9] : [5, 14], longLabels: 0, spanningHeader: false, groupRows: false, blankBetweenGroups: false });
  const ruling = rng.pick(['three-line', 'none', 'horizontal'] as const);
  const style = denseStyle(rng, { ruling });
  const table = b.build({ id: 't1', colWidths: [rng.real(1.4, 2.2), ...Array.from({ length: nNum }, () => 1)], style });
  const size = rng.realIn([8, 10.5], 0.5);
  const paragraphs = rng.sample(PROSE, rng.int(2, 5));
  const gutter = rng.realIn(GENERATOR.text.gutter, 1);
  const blocks: Block[] = beside
    ? [{ kind: 'beside', table, paragraphs, side: rng.pick(['left', 'right'] as const), size, gutter }]
    : [{ kind: 'table', table }, { kind: 'columns', paragraphs, size, gutter }];
  return genericSpec(rng, ctx, 'generic-beside-text', { blocks: blocks, tables: [table], tags: { ruling, variant: beside ? 'beside' : 'text-below' }, page: { orientation: 'portrait' } });
}

const family: Family = {
  name: 'generic-beside-text',
  kind: 'generic',
  description: 'ICDAR loss case 3: table followed by two-column justified prose, or a table beside prose in a two-column page',
  producers: ['pdf-noto', 'pdf-stsong'],
  make,
};
export default family;
