// Blank carry-forward (SPEC §1): the 一级/二级 value stands in the first row of its run and the
// cells below are empty (an Excel export without merges); several tables, each under its own
// caption, separated by blank rows, as a spreadsheet prints them (gridlines).
import type { Family } from '../family.ts';
import { randomPage } from '../kit/page.ts';
import { treeTable } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { Block, DocSpec, TruthTable } from '../spec.ts';
import { CATEGORY_TITLES, PROJECT_TOPICS } from '../vocab/notice.ts';

function make(rng: Rng, ctx: { id: string }): DocSpec {
  const size = rng.realIn([10, 14], 0.5);
  const title = `${rng.int(2020, 2025)}年${rng.pick(PROJECT_TOPICS)}绩效指标体系`;
  const blocks: Block[] = [{ kind: 'line', text: title, size: size + 4, align: 'center', bold: true }];
  const tables: TruthTable[] = [];
  const captions = rng.sample(CATEGORY_TITLES, rng.range(GENERATOR.indicators.tablesPerNotice));
  let ruling = '';
  captions.forEach((caption, i) => {
    const t = treeTable(rng.fork(`t${i}`), { id: `t${i + 1}`, levels: 'blank', twoRowHeader: false, description: rng.chance(0.5), style: { ruling: rng.weighted([['grid', 4], ['horizontal', 1], ['none', 1]] as const) } });
    ruling ||= t.table.style.ruling;
    blocks.push({ kind: 'line', text: caption, size, align: 'left', bold: true }, { kind: 'table', table: t.table }, { kind: 'gap', lines: 1 });
    tables.push({ title: caption, ...t.truth });
  });
  return {
    id: ctx.id, family: 'indicator-carry-forward', page: randomPage(rng), face: rng.pick(['sans', 'serif']), blocks,
    truth: { kind: 'indicators', notice: { title, docNumber: null, issuer: null, date: null }, tables, nonIndicators: [] },
    tags: { ruling },
  };
}

const family: Family = {
  name: 'indicator-carry-forward',
  kind: 'indicators',
  description: 'blank carry-forward: levels only in the first row of their run, several captioned tables',
  producers: ['xlsx', 'lo-xlsx', 'pdf-noto', 'pdf-stsong', 'docx'],
  make,
};
export default family;
