// Schema v2 typed fields on real forms from ../shared/real (values checked by hand against the
// cells): a 自评表 (重庆渝中区 就业补助资金 2021) and a 申报表 (深圳宝安 松岗街道 2023). The samples'
// 自评表, 申报表, 序号 layout with 前年/上年 and 部门整体 table are checked in golden.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult, Table } from '../src/model/schema.ts';
import { extractDocument } from '../pipelines/extract-document.ts';

const DOCS = join(import.meta.dirname, '..', '..', 'shared', 'real', 'docs');

async function extract(name: string): Promise<DocumentResult> {
  return extractDocument(readFileSync(join(DOCS, name)), name);
}

function row(table: Table, level3: string) {
  const found = table.indicators.find((r) => r.level3 === level3);
  expect(found, level3).toBeDefined();
  return found!;
}

describe('real 自评表 (st-raptor-yuzhong-2021-selfeval.xlsx)', () => {
  let table: Table;
  beforeAll(async () => {
    table = (await extract('st-raptor-yuzhong-2021-selfeval.xlsx')).tables[0];
  });

  it('gives target, 全年完成值 and 指标权重 as typed fields with their columns', () => {
    const first = row(table, '新增区级创业孵化基地数量');
    expect(first.target).toEqual({ operator: '≥', value: '1', number: 1, unit: '个', from: ['指标性质', '指标值', '计量单位'] });
    expect(first.actual).toEqual({ value: '3', number: 3, unit: '个', from: ['全年完成值', '计量单位'] });
    expect(first.weight).toEqual({ value: '15', number: 15, from: ['指标权重'] });
    expect([first.score, first.deviation, first.direction, first.history]).toEqual([null, null, null, []]);
    expect(row(table, '预算执行率').actual).toEqual({ value: '88', number: 88, unit: '%', from: ['全年完成值'] });
    expect(row(table, '公共就业服务满意度')).toMatchObject({ actual: { value: '90', number: 90, unit: '%' }, weight: { number: 15 } });
    expect(row(table, '财务监控有效性')).toMatchObject({ target: { operator: null, value: '有效' }, actual: { value: '较有效', number: null, unit: null }, weight: { number: 2 } });
    // The weights of the 16 indicators add up to 100 (no weight-sum finding).
    expect(table.indicators.reduce((sum, r) => sum + (r.weight?.number ?? 0), 0)).toBe(100);
    expect(table.quality.map((q) => q.code)).not.toContain('weight-sum-not-100');
  });

  it('gives the project block: name, 主管部门, 实施单位, year, funds in 万元 and the goals', () => {
    expect(table.project).toMatchObject({
      scope: 'project',
      name: { text: '就业补助资金', from: '项目名称' },
      department: { text: '渝中区人力资源和社会保障局' },
      implementer: { text: '渝中区就业和人才中心' },
      year: { value: 2021 },
      funds: { budget: 7574, executed: 6643, executionRate: null, unit: '万元', parts: [] },
      goals: { annual: { text: '城镇新增就业人数39500人,零就业家庭帮扶率100%' }, achieved: { text: '城镇新增就业人数49358人,零就业家庭帮扶率100%' } },
    });
    expect(table.total).toEqual({ label: '合计', weight: null, score: null });
  });
});

describe('real 申报表 (songgang-2023-01.xlsx, one project per sheet)', () => {
  let result: DocumentResult;
  beforeAll(async () => {
    result = await extract('songgang-2023-01.xlsx');
  });

  it('gives each project its typed facts from the header block', () => {
    expect(result.tables).toHaveLength(20);
    const first = result.tables[0];
    expect(first.project).toEqual({
      scope: 'project',
      name: { text: '政府购买服务(专业技术服务类社区工作站管理经费)花果山社区工作站', from: '项目名称' },
      department: { text: '深圳市宝安区松岗街道办事处(本级)', from: '一级预算单位' },
      implementer: { text: '深圳市宝安区松岗街道办事处(本级)', from: '申请单位' },
      year: null, period: { text: '3', from: '实施期限' }, funds: null, tasks: [],
      goals: { overall: null, annual: { text: '通过日常服务居民,使得居民问题得到及时解决。', from: '年度目标' }, achieved: null },
    });
    expect(result.tables.every((t) => t.project?.name?.text === t.title)).toBe(true);
  });

  it('gives the target (目标值, no unit column) and the v1 fields equal to it; no typed column is invented', () => {
    const first = row(result.tables[0], '需出具物业评估报告的物业数量');
    expect(first.target).toEqual({ operator: null, value: '1', number: 1, unit: '处', from: ['目标值'] });
    expect([first.operator, first.value, first.number, first.unit]).toEqual([null, '1', 1, '处']);
    expect([first.actual, first.weight, first.score, first.basis, first.origin, first.remark]).toEqual([null, null, null, null, null, null]);
  });

  it('reviews the forms as published: the template leaves 满意度 as 不适用, so the table has no 满意度 indicator', () => {
    expect(result.tables[0].quality.map((q) => q.code)).toEqual(['satisfaction-missing']);
    expect(result.tables[0].indicators.every((r) => r.confidence >= 0.8)).toBe(true);
  });
});
