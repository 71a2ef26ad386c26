// Several projects' 申报表 one after another: on one sheet (the forms stacked, with or without a
// blank row between), or — the WPS-made PDF of the issue — one 填报表 per page, each with its
// header block and the same title line. Every form is its own table, titled by its project.
import type { Family } from '../family.ts';
import { formGrid } from '../kit/form.ts';
import { randomPage } from '../kit/page.ts';
import { declarationHeader, projectFacts, randomProject } from '../kit/project.ts';
import { treeRows } from '../kit/tree-table.ts';
import type { Rng } from '../random.ts';
import type { Block, DocSpec, TruthTable } from '../spec.ts';

function makeWith(perPage: boolean, family: string) {
  return (rng: Rng, ctx: { id: string }): DocSpec => {
    const title = perPage ? '财政项目支出绩效目标填报表' : rng.pick(['项目支出绩效目标申报表', '项目绩效目标表']);
    const year = rng.int(2021, 2025);
    const n = rng.int(2, perPage ? 6 : 4);
    const blank = rng.chance(0.5);
    const blocks: Block[] = [];
    const tables: TruthTable[] = [];
    for (let k = 0; k < n; k++) {
      const r = rng.fork(`form${k}`);
      const project = randomProject(r, year);
      const tree = treeRows(r, { levels: 'merged', twoRowHeader: false, layout: perPage ? { opColumn: false, unitColumn: false, inlineUnit: 'paren', fixed2: true } : {} });
      const grid = formGrid(r, { id: `t${k + 1}`, header: declarationHeader(r, project), tree, outer: perPage ? ['绩效指标'] : [], style: { ruling: 'grid', fontSize: r.realIn([8, 10.5], 0.5) } });
      if (perPage && k > 0) blocks.push({ kind: 'pageBreak' });
      if (perPage || k === 0) blocks.push({ kind: 'line', text: title, size: 15, align: 'center', bold: true });
      if (perPage) blocks.push({ kind: 'line', text: `（${year}年度）`, size: 10.5, align: 'center' });
      blocks.push({ kind: 'table', table: grid.table });
      if (!perPage && blank) blocks.push({ kind: 'gap', lines: 1 });
      tables.push({ title: project.name, ...tree.truth, project: projectFacts(project) });
    }
    return {
      id: ctx.id, family, page: randomPage(rng, { orientation: 'portrait' }), face: rng.pick(['sans', 'serif']), blocks,
      truth: { kind: 'indicators', notice: { title, docNumber: null, issuer: null, date: null }, tables, nonIndicators: [] },
      tags: { ruling: 'grid', forms: String(n) },
    };
  };
}

export const families: Family[] = [
  {
    name: 'form-several-projects',
    kind: 'indicators',
    description: 'several projects\' 申报表 stacked on one sheet (with or without a blank row between)',
    producers: ['xlsx', 'lo-xlsx', 'pdf-noto', 'docx'],
    make: makeWith(false, 'form-several-projects'),
  },
  {
    name: 'form-per-page-pdf',
    kind: 'indicators',
    description: 'a PDF of several 填报表, one per page, each with its header block and title line; values like ≥13459.00(平方米)',
    producers: ['pdf-noto', 'pdf-stsong', 'lo-docx'],
    make: makeWith(true, 'form-per-page-pdf'),
  },
];
