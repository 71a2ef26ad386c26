// Generated cases (scripts/layouts, tuning seeds 3–7) printed by LibreOffice (lo-docx, lo-xlsx)
// that failed before a fix in table reading, page assembly or the structurer, and read exactly
// since: each names the case and what went wrong. Skipped where soffice is missing (CI installs it).
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { renderMany, type ProducerName } from '../scripts/layouts/producers/index.ts';
import { libreOfficeMissing } from '../scripts/layouts/producers/libreoffice.ts';

interface Case { family: string; seed: number; index: number; producer: ProducerName; was: string }

const CASES: Case[] = [
  // A project name wider than its merged cell's first column: LibreOffice ends one glyph run at
  // the unruled column line (`…环节改` | `善补助资金`), so no run crossed it and the cell was cut there.
  { family: 'form-workbook', seed: 3, index: 6, producer: 'lo-xlsx', was: 'table 18 title "2024年义务教育薄弱环节改" ≠ "2024年义务教育薄弱环节改善补助资金"' },
  { family: 'form-projects-one-grid', seed: 3, index: 2, producer: 'lo-xlsx', was: 'table 1 title "2025年社区养老服务经" ≠ "2025年社区养老服务经费"' },
  // A merged title row (a second form's 申报表 title in one sheet grid) 9 pt high between rows
  // whose column rules end on its top and bottom lines: the 3 pt tolerance at both ends of those
  // rules covered more than half its side, so it was cut into columns and `表` became a row.
  { family: 'form-projects-one-grid', seed: 3, index: 1, producer: 'lo-xlsx', was: 'extra row "表" (twice)' },
  { family: 'form-projects-one-grid', seed: 3, index: 3, producer: 'lo-xlsx', was: 'extra row "表" (twice)' },
  // A merged 二级 cell cut by the page break into `社会公众或服务对象满意度` / `指标`: the upper piece
  // is a level name itself, so the two were not joined and the rows below the break got `指标`.
  { family: 'indicator-merged-tree', seed: 3, index: 6, producer: 'lo-docx', was: 'level2 "指标" ≠ "社会公众或服务对象满意度指标" (2 rows)' },
];

describe('generated LibreOffice prints read exactly', async () => {
  const families = new Map((await loadFamilies()).map((family) => [family.name, family]));
  const noOffice = libreOfficeMissing();
  it.each(CASES)('$family:$seed:$index through $producer (was: $was)', async ({ family: name, seed, index, producer }) => {
    if (noOffice) return;
    const spec = caseSpec(families.get(name)!, seed, index);
    const [rendered] = await renderMany([{ spec, producer }]);
    expect(rendered.rendered, 'why' in rendered ? rendered.why : '').not.toBeNull();
    const result = await scoreCase({ family: name, seed, index, producer }, spec, rendered.rendered!);
    expect(result.score.diffs).toEqual([]);
    expect(result.score.exact).toBe(true);
  }, 120_000);
});
