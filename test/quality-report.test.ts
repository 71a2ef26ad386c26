// `zhibiao extract` on samples: report.md has both sections — the extraction review (复核原因,
// 需复核的内容: was the document read faithfully?) and 审核发现 (the indicators as published) —
// and indicators.jsonl gives target, actual and score as typed fields (schema v2), so a consumer
// never has to read `fields` under each document's own headers.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/confidence/report.ts';
import { ROOT, runCli } from './batch-fixture.ts';

const SAMPLES = ['self-evaluation.xlsx', 'xiangfuban-2024-40.docx', 'pdf/borders/xiangfuban-2024-40-three-line.pdf'];

describe('report.md and indicators.jsonl of a batch over samples', () => {
  let md: string;
  let report: Report;
  let lines: Record<string, any>[];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-report-'));
    const input = join(dir, 'input');
    mkdirSync(input);
    for (const file of SAMPLES) copyFileSync(join(ROOT, 'samples', file), join(input, file.split('/').pop()!));
    const out = join(dir, 'out');
    const run = await runCli(['extract', input, '--out', out, '--concurrency', '1']);
    expect(run.code, run.stderr).toBe(0);
    md = readFileSync(join(out, 'report.md'), 'utf8');
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    lines = readFileSync(join(out, 'indicators.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  }, 120_000);

  it('lists what to review (the three-line PDF misread) and, apart, the findings on the tables as published', () => {
    const review = md.indexOf('## 复核原因');
    const findings = md.indexOf('## 审核发现');
    expect(review).toBeGreaterThan(0);
    expect(findings).toBeGreaterThan(review);
    // The three-line print of the seed notice is the only file sent to review.
    expect(report.files.filter((f) => f.needsReview).map((f) => f.path.split('/').pop())).toEqual(['xiangfuban-2024-40-three-line.pdf']);
    expect(md.slice(review, findings)).toContain('xiangfuban-2024-40-three-line.pdf');
    // The seed notice's tables lack 成本 indicators (a 2024 notice, 101号): a finding, not doubt.
    expect(md.slice(findings)).toMatch(/\| 表中没有成本指标 \| cost-missing \| [^|]*财预〔2021〕101号[^|]* \| \d+ \| \d+ \|/u);
    expect(md.slice(findings)).toContain('| 政策研究类 | （整表） | 第1个表格 | 表中没有成本指标 | 2024年 |');
    const docx = report.files.find((f) => f.path.endsWith('xiangfuban-2024-40.docx'))!;
    expect(docx.needsReview).toBe(false);
  });

  it('writes v2 lines: target, actual, weight and score typed, the original cells still in fields', () => {
    expect(lines.every((line) => line.target && 'actual' in line && 'score' in line && Array.isArray(line.quality))).toBe(true);
    const row = lines.find((line) => line.level3 === '日常养护农村公路里程')!;
    expect(row).toMatchObject({
      projectName: '乡村道路日常养护项目',
      target: { operator: '≥', value: '120', number: 120, unit: '公里' },
      actual: { value: '126', number: 126, unit: '公里' },
      weight: { number: 10 },
      score: { number: 10 },
    });
    expect(row.fields).toMatchObject({ 年度指标值: expect.stringContaining('120'), 实际完成值: expect.stringContaining('126') });
    // v1 consumers keep reading the top-level target fields.
    expect([row.operator, row.value, row.number, row.unit]).toEqual(['≥', '120', 120, '公里']);
  });
});
