// The DocSpec of a generic family: page, typeface, blocks, and the truth made from the real tables.
import type { FamilyContext } from '../family.ts';
import type { Rng } from '../random.ts';
import { gridTruth, type Block, type DocSpec, type PageSetup, type TableSpec } from '../spec.ts';
import { randomPage } from './page.ts';

export function genericSpec(rng: Rng, ctx: FamilyContext, family: string, p: { blocks: Block[]; tables: TableSpec[]; tags: Record<string, string>; page?: Partial<PageSetup> }): DocSpec {
  return {
    id: ctx.id, family, page: randomPage(rng, p.page), face: rng.pick(['sans', 'serif']),
    blocks: p.blocks,
    truth: { kind: 'generic', tables: p.tables.map((t) => ({ id: t.id, cells: gridTruth(t) })) },
    tags: p.tags,
  };
}
