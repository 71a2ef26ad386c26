// Quality review (src/quality/): findings on the indicators as published, apart from confidence.
// The self-evaluation sample is edited cell by cell so that each rule has a case that breaks it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult, Table } from '../src/model/schema.ts';
import { extractDocument } from '../pipelines/extract-document.ts';
import { QUALITY_RULES } from '../src/quality/rules.ts';
import { buildReport, reportMarkdown } from '../src/confidence/report.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');

async function extract(file: string, edit?: (sheet: XLSX.WorkSheet) => void): Promise<DocumentResult> {
  let bytes: Uint8Array = readFileSync(join(SAMPLES, file));
  if (edit) {
    const book = XLSX.read(bytes, { type: 'buffer' });
    edit(book.Sheets[book.SheetNames[0]]);
    bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  }
  return extractDocument(bytes, file);
}

const set = (sheet: XLSX.WorkSheet, ref: string, value: string | number) => {
  sheet[ref] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
};

function codesOf(table: Table, level3: string): string[] {
  return table.indicators.find((row) => row.level3 === level3)!.quality.map((q) => q.code);
}

describe('quality rules', () => {
  it('name the published rule, a Chinese message and a scope for every code', () => {
    for (const [code, rule] of Object.entries(QUALITY_RULES)) {
      expect(code).toMatch(/^[a-z0-9-]+$/u);
      expect(rule.message).toMatch(/\p{Script=Han}/u);
      expect(rule.rule, code).toMatch(/财预〔20\d\d〕\d+号|财政部|比率/u);
    }
  });
});

describe('a self-evaluation that breaks the rules', () => {
  let clean: DocumentResult;
  let broken: DocumentResult;
  beforeAll(async () => {
    clean = await extract('self-evaluation.xlsx');
    broken = await extract('self-evaluation.xlsx', (sheet) => {
      set(sheet, 'G11', 12); // 日常养护农村公路里程: 得分 12 > 分值 10
      set(sheet, 'E12', '7000平方米'); // 路面坑槽修补面积: ≥8000 not met, no 偏差原因
      set(sheet, 'G13', 8); // 养护路段优良路率: 82% meets ≥80%, yet 8 of 10 and no reason
      set(sheet, 'F14', 15); // 分值 15: the sum is 105, the 总分 row says 100
      set(sheet, 'D17', '≤101%'); // a 率 above 100%
      set(sheet, 'D19', '≥75%'); // 满意度 below the floor
      set(sheet, 'G5', '90%'); // 执行率 written 90%, 336 / 350 = 96%
      set(sheet, 'G20', 97); // 总分 97, the 得分 add up to 95.6
    });
  });

  it('finds nothing in the sample as generated', () => {
    const table = clean.tables[0];
    expect(table.quality).toEqual([]);
    expect(table.indicators.flatMap((row) => row.quality)).toEqual([]);
  });

  it('finds each broken rule on its row, with the numbers in the detail', () => {
    const table = broken.tables[0];
    expect(codesOf(table, '日常养护农村公路里程')).toEqual(['score-over-weight']);
    expect(codesOf(table, '路面坑槽修补面积')).toEqual(['deviation-reason-missing']);
    expect(codesOf(table, '养护路段优良路率')).toEqual(['met-but-score-below-weight']);
    expect(codesOf(table, '养护路段交通事故发生率')).toEqual(['rate-over-100']);
    expect(codesOf(table, '沿线群众满意度')).toEqual(['satisfaction-below-floor']);
    expect(codesOf(table, '群众出行条件')).toEqual([]); // 8 of 10 with its reason written
    const first = table.indicators.find((row) => row.level3 === '日常养护农村公路里程')!.quality[0];
    expect(first).toMatchObject({ detail: '得分 12 > 分值 10', message: '得分高于该指标的分值' });
    expect(first.rule).toContain('财预〔2020〕10号');
  });

  it('checks the table: 总分 against the sums, 执行率 against 执行数 / 预算数', () => {
    const table = broken.tables[0];
    const byCode = Object.fromEntries(table.quality.map((q) => [q.code, q.detail]));
    expect(byCode).toEqual({
      'total-score-mismatch': '总分 97，得分合计 95.6',
      'total-weight-mismatch': '总分 100，分值合计 105',
      'weight-sum-not-100': '分值合计 105',
      'execution-rate-mismatch': '执行率 90%，336 / 350 = 96%',
    });
  });

  it('never lowers confidence: every row and the table score as in the unbroken sample', () => {
    const before = clean.tables[0];
    const after = broken.tables[0];
    expect(after.confidence).toBe(before.confidence);
    expect(after.indicators.map((row) => [row.level3, row.confidence, row.flags])).toEqual(before.indicators.map((row) => [row.level3, row.confidence, row.flags]));
  });

  it('lists the findings in report.md (审核发现) apart from the review list, ranked by frequency', () => {
    const report = buildReport([{ path: 'self-evaluation.xlsx', status: 'ok', result: broken, output: null }]);
    expect(report.totals.filesToReview).toBe(0);
    expect(report.totals.qualityFindings).toBe(9);
    expect(report.quality.map((q) => q.count)).toEqual(report.quality.map(() => 1));
    const md = reportMarkdown(report);
    expect(md).toContain('## 审核发现');
    expect(md).toContain('| 得分高于该指标的分值 | score-over-weight |');
    expect(md).toContain('工作表「自评表」A11:H11');
    expect(md).toContain('没有需要复核的内容。');
  });
});

describe('table-level categories and values as published', () => {
  it('the seed notice: 政策研究类 has no 满意度 and, in 2024, no 成本 indicator', async () => {
    const seed = await extract('xiangfuban-2024-40.docx');
    const table = seed.tables.find((t) => t.title === '政策研究类')!;
    expect(table.quality.map((q) => q.code)).toEqual(['satisfaction-missing', 'cost-missing']);
    expect(seed.tables.find((t) => t.title === '设备购置类')!.quality.map((q) => q.code)).toEqual(['cost-missing']);
    expect(seed.tables.find((t) => t.title === '政府公报类')!.quality).toEqual([]);
  });

  it('a 满意度 target that is not a percentage; a template without values is not asked for numbers', async () => {
    const result = await extract('carry-forward.xlsx');
    const table = result.tables[1];
    expect(codesOf(table, '用水户满意度')).toEqual(['satisfaction-not-percent']);
    expect(table.indicators.find((row) => row.level3 === '用水户满意度')!.quality[0].detail).toBe('指标值「满意」');
  });
});
