// One generated case through an in-process producer (pdfkit + Noto, hand-written STSong: no
// LibreOffice), scored against the generator's truth: what the layout case lists run.
import { caseSpec, scoreCase, type CaseKey, type CaseScore } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { renderDirect } from '../scripts/layouts/producers/index.ts';

export async function scoreDirect(key: CaseKey): Promise<CaseScore> {
  const family = (await loadFamilies()).find((f) => f.name === key.family);
  if (!family) throw new Error(`no family ${key.family}`);
  const spec = caseSpec(family, key.seed, key.index);
  const rendered = await renderDirect(spec, key.producer as 'pdf-noto' | 'pdf-stsong');
  return (await scoreCase(key, spec, rendered)).score;
}
