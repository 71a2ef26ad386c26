// The merged-cell tree of SPEC §1 inside a notice: 一级/二级 vertically merged over their rows,
// a one- or two-row header (三级指标 over 指标名称 | 性质 | 指标值 | 单位), one table per category
// caption; long tables cross page breaks (a break forced inside a merged run in the PDF writers).
import type { Family } from '../family.ts';
import { noticeHead } from '../kit/notice.ts';
import { randomPage } from '../kit/page.ts';
import { treeTable } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { Block, DocSpec, TruthTable } from '../spec.ts';
import { CATEGORY_TITLES, PROJECT_TOPICS } from '../vocab/notice.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const subject = `${rng.pick(PROJECT_TOPICS)}项目`;
  const attachment = `${subject}绩效指标表`;
  const size = rng.realIn([10.5, 14], 0.5);
  const head = noticeHead(rng, subject, [attachment], size);
  const n = rng.range(GENERATOR.indicators.tablesPerNotice);
  const captions = rng.sample(CATEGORY_TITLES, n);
  const blocks: Block[] = [...head.blocks, { kind: 'pageBreak' }, { kind: 'line', text: '附件', size, align: 'left' }, { kind: 'line', text: attachment, size: size + 4, align: 'center', bold: true }];
  const tables: TruthTable[] = [];
  const tags: Record<string, string> = {};
  captions.forEach((caption, i) => {
    const t = treeTable(rng.fork(`t${i}`), { id: `t${i + 1}`, levels: 'merged', description: rng.chance(0.6), style: { ruling: rng.weighted([['grid', 6], ['filled-rects', 1], ['horizontal', 1]] as const) } });
    blocks.push({ kind: 'line', text: caption, size, align: 'left', bold: true }, { kind: 'table', table: t.table });
    tables.push({ title: caption, ...t.truth });
    tags.ruling ??= t.table.style.ruling;
    tags.header ??= t.table.rowKinds.filter((k) => k === 'header').length === 2 ? '2-row' : '1-row';
  });
  return {
    id: ctx.id, family: 'indicator-merged-tree', page: randomPage(rng), face: rng.pick(['sans', 'serif']), blocks,
    truth: { kind: 'indicators', notice: head.truth, tables, nonIndicators: [] },
    tags,
  };
}

const family: Family = {
  name: 'indicator-merged-tree',
  kind: 'indicators',
  description: 'notice + attachment: 一级/二级 merged over their rows, 1–2-row header, category captions, page breaks through merges',
  producers: ['pdf-noto', 'pdf-stsong', 'docx', 'xlsx', 'lo-docx', 'lo-xlsx'],
  make,
};
export default family;
