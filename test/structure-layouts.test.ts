// Generated form layouts the structurer reads (scripts/layouts/families/form-*.ts): a fixed round
// of each form family through the producers zhibiao reads directly or writes itself (XLSX, DOCX,
// the hand-written STSong PDF), every case read exactly. Each family stands for a behaviour of
// the structurer that read it wrong before (see the commit that added it).
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { renderDirect, type ProducerName } from '../scripts/layouts/producers/index.ts';

const SEED = 11;
const CASES = 2;
const PRODUCERS: Exclude<ProducerName, 'lo-docx' | 'lo-xlsx'>[] = ['xlsx', 'docx', 'pdf-stsong'];
const FAMILIES = [
  'form-declaration', 'form-department', 'form-workbook', 'form-self-evaluation-category', // gen's
  'form-projects-one-grid', 'form-parted-block', 'form-template-rows', 'form-category-column', 'form-value-writing', // form-structurer-cases.ts
];

describe('generated forms read exactly', async () => {
  const families = (await loadFamilies()).filter((family) => FAMILIES.includes(family.name));
  it('has every form family', () => expect(families.map((family) => family.name).sort()).toEqual([...FAMILIES].sort()));
  for (const family of families) {
    const producers = PRODUCERS.filter((producer) => family.producers.includes(producer));
    it.each(producers)(`${family.name} through %s`, async (producer) => {
      const wrong: string[] = [];
      for (let index = 0; index < CASES; index++) {
        const spec = caseSpec(family, SEED, index);
        const result = await scoreCase({ family: family.name, seed: SEED, index, producer }, spec, await renderDirect(spec, producer));
        if (!result.score.exact) wrong.push(`${spec.id}: ${result.score.kind === 'indicators' ? result.score.diffs.slice(0, 3).join('; ') : ''}`);
      }
      expect(wrong).toEqual([]);
    }, 60_000);
  }
});
