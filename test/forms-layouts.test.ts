// Generated form and indicator cases the structurer read wrong before a fix (scripts/layouts/,
// seed 1 = the tuning seed): each names the family, case and producer, and what went wrong. The
// LibreOffice cases are skipped where soffice is missing (CI installs it).
import { describe, expect, it } from 'vitest';
import { caseSpec, scoreCase } from '../scripts/layouts/cases.ts';
import { loadFamilies } from '../scripts/layouts/families/index.ts';
import { isLibreOffice, renderMany, type ProducerName } from '../scripts/layouts/producers/index.ts';
import { libreOfficeMissing } from '../scripts/layouts/producers/libreoffice.ts';

interface Case { family: string; index: number; producer: ProducerName; was: string }

const CASES: Case[] = [
  // The next form's title line printed as the last row of the grid on the page before it.
  { family: 'form-projects-one-grid', index: 3, producer: 'pdf-stsong', was: 'extra row "项目支出绩效目标申报表"' },
  { family: 'form-projects-one-grid', index: 9, producer: 'lo-docx', was: 'extra row "项目支出绩效目标表"' },
  // The next form's 项目名称 … 年度资金总额 rows at the foot of a page, the rest of its block and its indicators on the next.
  { family: 'form-several-projects', index: 17, producer: 'lo-xlsx', was: 'extra rows "主管部门", "2116.00"; title "项目资金(万元)"' },
  // A notice printed from a sheet with its gridlines: 文号, title (cut over two cells), issuer and date in grid rows.
  { family: 'indicator-merged-tree', index: 17, producer: 'lo-xlsx', was: 'notice.title, docNumber, issuer, date null' },
  // A table continued on the next page with its header printed again, read as a second table whose first rows lost their 一级.
  { family: 'indicator-carry-forward', index: 12, producer: 'pdf-noto', was: '4 indicator tables ≠ 3; level1/level2 null on the rows after the page break' },
];

describe('generated form cases read exactly', async () => {
  const families = new Map((await loadFamilies()).map((family) => [family.name, family]));
  const noOffice = libreOfficeMissing();
  it.each(CASES)('$family #$index through $producer (was: $was)', async ({ family: name, index, producer }) => {
    if (isLibreOffice(producer) && noOffice) return;
    const family = families.get(name)!;
    const spec = caseSpec(family, 1, index);
    const [rendered] = await renderMany([{ spec, producer }]);
    expect(rendered.rendered, 'why' in rendered ? rendered.why : '').not.toBeNull();
    const result = await scoreCase({ family: name, seed: 1, index, producer }, spec, rendered.rendered!);
    expect(result.score.kind === 'indicators' ? result.score.diffs : []).toEqual([]);
    expect(result.score.exact).toBe(true);
  }, 120_000);
});

// A borderless 序号 table whose header cells wrap (`序 / 号`, `计算 / 符号`, `计量 / 单位`, `指标值说 / 明`):
// read as two header rows, the first of which opened nothing, so operator, unit and description
// went unread. The rows whose cells do not wrap now read right (the wrapped body cells are the
// page reader's: not asserted here).
describe('header cells wrapped over two rows', async () => {
  const family = (await loadFamilies()).find((f) => f.name === 'indicator-row-heading')!;
  it('indicator-row-heading #12 through pdf-noto: the columns under wrapped heads are read', async () => {
    const spec = caseSpec(family, 1, 12);
    const [rendered] = await renderMany([{ spec, producer: 'pdf-noto' }]);
    if (!rendered.rendered) return; // fonts-noto-cjk missing
    const result = await scoreCase({ family: family.name, seed: 1, index: 12, producer: 'pdf-noto' }, spec, rendered.rendered);
    const diffs = result.score.kind === 'indicators' ? result.score.diffs : ['not an indicator case'];
    expect(diffs.filter((d) => /文化下乡质量|体育器材验收合格率|农田灌溉质量|路灯改造质量/u.test(d))).toEqual([]);
    expect(result.score.kind === 'indicators' && result.score.rows.right).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
