// Golden tests on ../shared/real: every indicator row of every real workbook against its
// hand-made truth (scored as ../shared/real/README.md says, see test/real-truth.ts), the
// document meta, and the real files that must give no indicator rows at all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../src/model/schema.ts';
import { ExtractError } from '../src/model/errors.ts';
import { extractDocument } from '../pipelines/extract-document.ts';
import { REAL, loadTruth, norm, rowDifferences, rowsOf, scoreDocument, truthNames } from './real-truth.ts';

/**
 * Rows where we hold the truth to be wrong, after looking at the cells. Each says what the
 * cell holds and what we output instead; the test checks that we do output exactly that.
 */
const TRUTH_DISAGREEMENTS: Record<string, { level3: string; cell: string; ours: { operator: string | null; value: string | null; unit: string | null }; why: string }[]> = {
  'songgang-2023-05.xlsx': [{
    level3: '所需成本',
    cell: '不大于1799000元',
    ours: { operator: '≤', value: '1799000', unit: '元' },
    why: '不大于 means ≤ like 不超过/不高于, which the truth maps; the truth leaves this one in the value',
  }],
};

const names = truthNames();

describe.skipIf(names.length === 0)('real documents against their truth', () => {
  for (const name of names) {
    describe(name, () => {
      const truth = loadTruth(name);
      let result: DocumentResult;
      beforeAll(async () => {
        result = await extractDocument(readFileSync(join(REAL, 'docs', name)), name);
      });

      it('has the meta of the truth: title, 文号, issuer, date, table and indicator counts', () => {
        expect(scoreDocument(result, truth).metaErrors).toEqual([]);
      });

      it('gives every indicator row with table, levels, operator, value and unit as the truth', () => {
        const disagreements = TRUTH_DISAGREEMENTS[name] ?? [];
        const errors = scoreDocument(result, truth).rowErrors;
        expect(errors.filter((line) => !disagreements.some((d) => line.includes(` / ${d.level3}:`)))).toEqual([]);
        expect(errors).toHaveLength(disagreements.length);
        for (const disagreement of disagreements) {
          const row = rowsOf(result).find((r) => r.level3 === disagreement.level3);
          expect(row, disagreement.level3).toMatchObject(disagreement.ours);
          expect(Object.values(result.tables.flatMap((t) => t.indicators).find((r) => r.level3 === disagreement.level3)?.fields ?? {})).toContain(disagreement.cell);
        }
      });

      it('titles every table by its project and keeps 项目名称 in context', () => {
        const titles = [...new Set(truth.rows.map((row) => norm(row.table)))];
        const ours = result.tables.map((table) => norm(table.title));
        for (const title of titles) expect(ours).toContain(title);
        for (const table of result.tables) expect(table.context['项目名称']).toBe(table.title);
      });
    });
  }
});

describe.skipIf(!names.includes('st-raptor-yuzhong-2021-selfeval.xlsx'))('the 自评表 header block', () => {
  it('reads 项目 facts, the funding pair and both goal texts into context', async () => {
    const result = await extractDocument(readFileSync(join(REAL, 'docs', 'st-raptor-yuzhong-2021-selfeval.xlsx')), 'x');
    expect(result.tables[0].context).toMatchObject({
      项目名称: '就业补助资金', 项目实施单位: '渝中区就业和人才中心', 项目主管部门: '渝中区人力资源和社会保障局', 年度: '2021',
      '项目预算执行情况/全年执行数(B)': '6643',
      '当年绩效目标/全年绩效目标': '城镇新增就业人数39500人,零就业家庭帮扶率100%',
      '当年绩效目标/全年目标实际完成情况': '城镇新增就业人数49358人,零就业家庭帮扶率100%',
    });
  });
});

describe('the scorer', () => {
  const truthRow = { table: 'T', level1: '产出', level2: '质量', level3: '达标率', operator: null, value: '达到95%以上', unit: null } as const;
  it('accepts a trailing 以上 read as ≥, and value + unit together where there is no unit column', () => {
    expect(rowDifferences({ ...truthRow, operator: '≥', value: '达到95', unit: '%' }, truthRow, false)).toEqual([]);
    expect(rowDifferences({ ...truthRow, operator: '≥', value: '达到95%', unit: null }, truthRow, false)).toEqual([]);
  });
  it('finds a wrong operator, a wrong level and a unit apart from its value where there is a unit column', () => {
    expect(rowDifferences({ ...truthRow, operator: '≤', value: '达到95%', unit: null }, truthRow, false)).toHaveLength(1);
    expect(rowDifferences({ ...truthRow, level2: '数量' }, truthRow, false)).toEqual(['level2: "数量" ≠ "质量"']);
    const withUnit = { ...truthRow, operator: '≥' as const, value: '95', unit: '%' };
    expect(rowDifferences({ ...withUnit, value: '95%', unit: null }, withUnit, true)).toHaveLength(2);
  });
});

const MUST_GIVE_NO_ROWS = [
  { file: 'negative/putuo-commerce-2025-budget.pdf', codes: ['no-indicator-table'] },
  { file: 'other/resume-merged-labels.docx', codes: ['no-indicator-table'] },
  { file: 'other/resume-merged-labels.pdf', codes: ['no-indicator-table'] },
  // Until DOC is read (issue 12) it is refused as a legacy format.
  { file: 'other/resume-merged-labels.doc', codes: ['no-indicator-table', 'unsupported-format'] },
];

describe.skipIf(!existsSync(REAL))('real documents that hold no indicator table', () => {
  it.each(MUST_GIVE_NO_ROWS)('$file gives no indicator rows', async ({ file, codes }) => {
    const error = await extractDocument(readFileSync(join(REAL, file)), file).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect(codes).toContain((error as ExtractError).code);
  });
});
