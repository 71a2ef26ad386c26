// Confidence: evidence checks, the report, and the fault-injection harness per damage kind.
import { describe, expect, it } from 'vitest';
import type { Grid } from '../src/model/layout.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { knownUnit, level3Implausible, skippedGridWarning, textQualityFlags, unitImplausible, valueImplausible } from '../src/confidence/evidence.ts';
import { FLAGS, REVIEW_THRESHOLD, confidenceOf, documentConfidence } from '../src/confidence/score.ts';
import { buildReport, describeLocation, reportMarkdown } from '../src/confidence/report.ts';
import { DAMAGE_KINDS, runBench, tally } from '../scripts/bench-confidence.ts';
import { upgradeV1Document } from '../src/corpus/upgrade-v1.ts';

describe('evidence', () => {
  it('recognises garbled text of three kinds', () => {
    expect(textQualityFlags('完成\uFFFD研报告')).toEqual(['replacement-character']);
    expect(textQualityFlags('\uE123\uE456')).toEqual(['private-use-character']);
    expect(textQualityFlags(Buffer.from('完成调研', 'utf8').toString('latin1'))).toEqual(['mojibake']);
    expect(textQualityFlags('≥95%（含）× 2 ℃')).toEqual([]);
  });
  it('tells names, units and values from text that ran in from a neighbour', () => {
    expect(level3Implausible('完成调研报告数量', false)).toBe(false);
    expect(level3Implausible('满意度', false)).toBe(false);
    expect(level3Implausible('≥', false)).toBe(true);
    expect(level3Implausible('数量指标', false)).toBe(true);
    expect(level3Implausible('改造供水管网长度≥98', false)).toBe(true);
    expect(knownUnit('台(套)')).toBe(true);
    expect(knownUnit('平方米、米')).toBe(true);
    expect(knownUnit('万元/天')).toBe(true);
    expect(knownUnit('水普及率')).toBe(false);
    expect(unitImplausible('%%')).toBe(true);
    expect(unitImplausible('反映报告数量完成情况')).toBe(true);
    expect(unitImplausible('人次')).toBe(false);
    // A target given as a level to compare with is the source's phrasing; a word alone after ≥ is not.
    expect(valueImplausible('上年度水平', '≥')).toBe(false);
    expect(valueImplausible('不低于去年同期', '≥')).toBe(false);
    expect(valueImplausible('国家标准', '≥')).toBe(false);
    expect(valueImplausible('反映项目完成情况', '≥')).toBe(true);
    expect(valueImplausible('个', '≥')).toBe(true);
    expect(valueImplausible('良好', '≥')).toBe(true);
  });
  it('marks a skipped grid that holds indicator rows, and only that', () => {
    const grid = (texts: string[][]): Grid => ({
      nRows: texts.length, nCols: texts[0].length,
      cells: texts.flatMap((row, r) => row.map((text, c) => ({ row: r, col: c, rowSpan: 1, colSpan: 1, text }))),
      rowSources: texts.map((_, row) => ({ table: 1, row })), location: { table: 1 }, captions: [], pageBreakRows: [], warnings: [],
    });
    expect(skippedGridWarning(grid([['满意度指标', '服务对象满意度指标', '群众满意度', '≥', '%', '反映…']]), 1, null)).toMatch(/^\[table-skipped\]/u);
    expect(skippedGridWarning(grid([['', '', '设施正常运行率', '≥', '%', '反映…']]), 1, grid([['a', 'b', 'c', 'd', 'e', 'f']]))).toMatch(/^\[table-skipped\]/u);
    expect(skippedGridWarning(grid([['签发人', '张三'], ['日期', '2024年9月26日']]), 1, null)).toMatch(/^table 2 .* skipped$/u);
  });
});

describe('scoring', () => {
  it('lists every flag with a penalty, a scope and a Chinese message', () => {
    for (const [code, info] of Object.entries(FLAGS)) {
      expect(code).toMatch(/^[a-z0-9-]+$/u);
      expect(info.penalty).toBeGreaterThanOrEqual(0);
      expect(info.message).toMatch(/\p{Script=Han}/u);
      if (!info.provenance && !info.weak && info.scope === 'row') expect(confidenceOf([code]), code).toBeLessThan(REVIEW_THRESHOLD);
    }
  });
  it('keeps a row with one or two corroborating flags above the threshold, and sends it below with any strong one', () => {
    const weak = Object.keys(FLAGS).filter((code) => FLAGS[code].weak);
    const strong = Object.keys(FLAGS).filter((code) => !FLAGS[code].weak && !FLAGS[code].provenance && FLAGS[code].scope === 'row');
    expect(weak).toEqual(expect.arrayContaining(['operator-missing', 'target-missing', 'unit-unknown']));
    for (const a of weak) for (const b of weak) expect(confidenceOf(new Set([a, b])), `${a}+${b}`).toBeGreaterThan(REVIEW_THRESHOLD);
    for (const a of weak) for (const b of strong) expect(confidenceOf([a, b]), `${a}+${b}`).toBeLessThan(REVIEW_THRESHOLD);
  });
  it('keeps every benign provenance combination above the threshold', () => {
    const provenance = Object.keys(FLAGS).filter((code) => FLAGS[code].provenance);
    expect(confidenceOf(['level1-carried-across-page', 'level2-carried-across-page'])).toBeGreaterThanOrEqual(0.9);
    for (const a of provenance) for (const b of provenance) expect(confidenceOf(new Set([a, b]))).toBeGreaterThan(REVIEW_THRESHOLD);
  });
  it('lowers a document with a skipped indicator-like grid below the threshold', () => {
    const table = { indicators: [{ confidence: 1 }] };
    expect(documentConfidence([table], ['table 2 ({"table":1}) has no indicator header; skipped'])).toBe(1);
    expect(documentConfidence([table], ['[table-skipped] table 2 ({"table":1}) has no indicator header but holds indicator-like rows; skipped'])).toBeLessThan(REVIEW_THRESHOLD);
    expect(documentConfidence([], [])).toBe(0);
  });
});

describe('report', () => {
  const result = upgradeV1Document({
    schemaVersion: 1,
    source: { path: 'a.xlsx', sha256: '0'.repeat(64), format: 'xlsx', sheets: ['指标'] },
    notice: { docNumber: null, issuer: null, title: null, date: null, recipients: null, attachments: [] },
    tables: [{
      index: 0, title: '项目绩效指标表', kind: 'performance-targets', location: { sheet: '指标', range: 'A2:G15' },
      columns: [], context: {},
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: '受益人口', level1Canonical: '产出指标', level2Canonical: '数量指标', operator: '≥', value: '3.2', number: 3.2, unit: '万人', description: null, fields: {}, source: { sheet: '指标', row: 5 }, confidence: 1, flags: [] },
        { level1: '产出指标', level2: '数量指标', level3: '改造\uFFFD网', level1Canonical: '产出指标', level2Canonical: '数量指标', operator: null, value: '98', number: 98, unit: '公里', description: null, fields: {}, source: { sheet: '指标', row: 6 }, confidence: 0.35, flags: ['level1-carried-forward', 'replacement-character', 'operator-missing'] },
      ],
      confidence: 0.675, warnings: ['[row-without-name] 工作表「指标」第9行: ≥ | 12 | 处'],
    }],
    confidence: 0.5,
    warnings: ['[table-skipped] table 2 ({"sheet":"指标","range":"A18:G23"}) has no indicator header but holds indicator-like rows (3 cell(s) with indicator level names); skipped'],
  });
  const report = buildReport([
    { path: 'a.xlsx', status: 'ok', result, output: null },
    { path: 'b.pdf', status: 'failed', code: 'corrupt-pdf', reason: 'bad xref' },
  ]);

  it('states the threshold and totals, and lists rows, tables and document findings with locations', () => {
    expect(report.reviewThreshold).toBe(REVIEW_THRESHOLD);
    expect(report.totals).toMatchObject({ files: 2, ok: 1, failed: 1, indicators: 2, flagged: 1, flaggedTables: 1, rowsInFlaggedTables: 2, filesToReview: 1 });
    const file = report.files[0];
    expect(file.flagged?.[0].where).toBe('工作表「指标」A6:G6');
    expect(file.flagged?.[0].reasons.map((r) => r.code)).toEqual(['replacement-character', 'operator-missing']);
    expect(file.flaggedTables?.[0].reasons[0]).toMatchObject({ code: 'row-without-name', detail: '工作表「指标」第9行: ≥ | 12 | 处' });
    expect(file.documentFindings?.[0].code).toBe('table-skipped');
    expect(report.reasons.map((r) => r.count)).toEqual([...report.reasons.map((r) => r.count)].sort((a, b) => b - a));
  });
  it('writes the Markdown report in Chinese with the spot to look at', () => {
    const md = reportMarkdown(report);
    expect(md).toContain('# 绩效指标抽取报告');
    expect(md).toContain('复核阈值：置信度低于 0.8');
    expect(md).toContain('工作表「指标」A6:G6');
    expect(md).toContain('文本含替换字符');
    expect(md).toContain('整表复核');
    expect(md).toContain('b.pdf | 失败');
  });
  it('describes PDF and Word locations', () => {
    expect(describeLocation({ page: 3, bbox: [10.2, 20.7, 300, 40] })).toBe('第3页 [10, 21, 300, 40]');
    expect(describeLocation({ table: 2, row: 7 })).toBe('第3个表格 第8行');
  });
});

describe('fault injection (bench:confidence) per damage kind', () => {
  const samples = ['declaration.docx', 'carry-forward.xlsx', 'cid-stsong.pdf'];
  for (const kind of DAMAGE_KINDS) {
    it(`${kind}: wrong rows are flagged, right rows mostly not`, async () => {
      const runs = (await Promise.all(samples.map((sample) => runBench({ variants: 3, only: kind, sample, verbose: false })))).flat();
      const damaged = runs.filter((run) => run.kind === kind);
      expect(damaged.length, 'the damage applies to some sample').toBeGreaterThan(0);
      const t = tally(damaged, REVIEW_THRESHOLD);
      if (t.wrong > 0) expect(t.wrongFlagged / t.wrong, `${kind}: ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(0.9);
      // Small tables: a lost ruling merges a right row with a wrong one and both are flagged;
      // the ≤ 5 % aim is for the whole bench (npm run bench:confidence), not three small samples.
      expect(t.rightFlagged / Math.max(1, t.right), `${kind}: ${JSON.stringify(t)}`).toBeLessThanOrEqual(0.4);
      const clean = tally(runs.filter((run) => run.kind === 'clean'), REVIEW_THRESHOLD);
      expect(clean.wrong + clean.rightFlagged, 'clean samples: all right, none flagged').toBe(0);
    });
  }
});
