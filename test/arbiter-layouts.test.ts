// Generated cases (scripts/layouts) that the PDF page reading failed before a capability of the
// finders and the arbiter was built and reads exactly since: each names the case and what it
// needs. In-process producers only (pdfkit + Noto, hand-written STSong): no LibreOffice.
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase, type CaseKey } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { renderDirect } from '../scripts/layouts/producers/index.ts';

async function score(key: CaseKey) {
  const family = (await loadFamilies()).find((f) => f.name === key.family);
  if (!family) throw new Error(`no family ${key.family}`);
  const spec = caseSpec(family, key.seed, key.index);
  const rendered = await renderDirect(spec, key.producer as 'pdf-noto' | 'pdf-stsong');
  return (await scoreCase(key, spec, rendered)).score;
}

const CASES: { key: CaseKey; needs: string }[] = [
  // Case 1 (row groups parted by blank lines): one table between the three rules, not one per group.
  { key: { family: 'generic-row-groups', seed: 1, index: 5, producer: 'pdf-stsong' }, needs: 'groups kept together inside the frame of rules' },
  { key: { family: 'generic-row-groups', seed: 1, index: 9, producer: 'pdf-stsong' }, needs: 'groups kept together, headings centred over the number columns span them' },
  // Case 5 (stacked header lines): a header of 1–4 lines per column bottom-aligned is one header row.
  { key: { family: 'generic-row-groups', seed: 1, index: 12, producer: 'pdf-noto' }, needs: 'stacked header cells merged per column above the header rule' },
  // Case 5 (wrapped row labels): a two-line label with its numbers centred beside it is one row.
  { key: { family: 'generic-row-groups', seed: 1, index: 89, producer: 'pdf-stsong' }, needs: 'a two-line label beside centred numbers read as one cell' },
];

describe('generated layouts the page reading reads exactly', () => {
  for (const { key, needs } of CASES) {
    it(`${key.family}:${key.seed}:${key.index} ${key.producer} — ${needs}`, async () => {
      const s = await score(key);
      expect(s.diffs ?? [], JSON.stringify(s)).toEqual([]);
      expect(s.exact).toBe(true);
    }, 60_000);
  }
});
