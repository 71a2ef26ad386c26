// The batch confidence report: report.json for machines, report.md (Chinese) for reviewers.
import type { DocumentResult, IndicatorSource } from '../model/schema.ts';
import { REVIEW_THRESHOLD, flagMessage } from './score.ts';

export type FileOutcome =
  | { path: string; status: 'ok'; result: DocumentResult; output: string | null }
  | { path: string; status: 'failed'; code: string; reason: string }
  | { path: string; status: 'skipped'; reason: string; result?: DocumentResult };

export interface FlaggedRow {
  table: number;
  tableTitle: string | null;
  level1: string | null;
  level2: string | null;
  level3: string;
  confidence: number;
  location: IndicatorSource;
  reasons: { code: string; message: string }[];
}

export interface Report {
  reviewThreshold: number;
  totals: { files: number; ok: number; failed: number; skipped: number; tables: number; indicators: number; flagged: number };
  files: ({ path: string; status: string; reason?: string; code?: string; tables?: number; indicators?: number; confidence?: number; flagged?: FlaggedRow[] })[];
  reasons: { code: string; message: string; count: number }[];
}

/** Flags that explain a low score; benign provenance flags (merged cell, heading row) are left out. */
function reasonsOf(flags: string[]): { code: string; message: string }[] {
  return flags.filter((flag) => !/from-merged-cell|from-heading-row/u.test(flag)).map((code) => ({ code, message: flagMessage(code) }));
}

function flaggedRows(result: DocumentResult, threshold: number): FlaggedRow[] {
  return result.tables.flatMap((table) => table.indicators
    .filter((row) => row.confidence < threshold)
    .map((row) => ({
      table: table.index, tableTitle: table.title, level1: row.level1, level2: row.level2, level3: row.level3,
      confidence: row.confidence, location: row.source, reasons: reasonsOf(row.flags),
    })));
}

export function buildReport(outcomes: FileOutcome[], threshold = REVIEW_THRESHOLD): Report {
  const reasonCounts = new Map<string, number>();
  const totals = { files: outcomes.length, ok: 0, failed: 0, skipped: 0, tables: 0, indicators: 0, flagged: 0 };
  const files: Report['files'] = outcomes.map((outcome) => {
    if (outcome.status === 'failed') {
      totals.failed++;
      return { path: outcome.path, status: 'failed', code: outcome.code, reason: outcome.reason };
    }
    if (outcome.status === 'skipped') {
      totals.skipped++;
      return { path: outcome.path, status: 'skipped', reason: outcome.reason };
    }
    totals.ok++;
    const { result } = outcome;
    const flagged = flaggedRows(result, threshold);
    const indicators = result.tables.reduce((n, table) => n + table.indicators.length, 0);
    totals.tables += result.tables.length;
    totals.indicators += indicators;
    totals.flagged += flagged.length;
    for (const row of flagged) for (const reason of row.reasons) reasonCounts.set(reason.code, (reasonCounts.get(reason.code) ?? 0) + 1);
    return { path: outcome.path, status: 'ok', tables: result.tables.length, indicators, confidence: result.confidence, flagged };
  });
  const reasons = [...reasonCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, count]) => ({ code, message: flagMessage(code), count }));
  return { reviewThreshold: threshold, totals, files, reasons };
}

export function describeLocation(location: IndicatorSource): string {
  if ('page' in location) return `第${location.page}页 [${location.bbox.map((v) => Math.round(v)).join(', ')}]`;
  if ('sheet' in location) return `工作表「${location.sheet}」第${location.row}行`;
  return `第${location.table + 1}个表格 第${location.row + 1}行`;
}

const STATUS_TEXT: Record<string, string> = { ok: '成功', failed: '失败', skipped: '跳过' };

export function reportMarkdown(report: Report): string {
  const t = report.totals;
  const lines = [
    '# 绩效指标抽取报告',
    '',
    `- 文件：${t.files} 个（成功 ${t.ok}，失败 ${t.failed}，跳过 ${t.skipped}）`,
    `- 指标表：${t.tables} 张；指标：${t.indicators} 条`,
    `- 需复核的指标：${t.flagged} 条（置信度低于 ${report.reviewThreshold}）`,
    '',
    '## 文件状态',
    '',
    '| 文件 | 状态 | 表 | 指标 | 置信度 | 说明 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.files.map((file) => `| ${file.path} | ${STATUS_TEXT[file.status] ?? file.status} | ${file.tables ?? ''} | ${file.indicators ?? ''} | ${file.confidence ?? ''} | ${file.reason ? `${file.code ? `${file.code}: ` : ''}${file.reason}` : ''} |`),
  ];
  if (report.reasons.length) {
    lines.push('', '## 复核原因（按出现次数）', '', '| 原因 | 代码 | 次数 |', '| --- | --- | --- |');
    for (const reason of report.reasons) lines.push(`| ${reason.message} | ${reason.code} | ${reason.count} |`);
  }
  const withFlags = report.files.filter((file) => file.flagged?.length);
  if (withFlags.length) {
    lines.push('', '## 需复核的指标');
    for (const file of withFlags) {
      lines.push('', `### ${file.path}`, '', '| 表 | 指标（一级 / 二级 / 三级） | 位置 | 置信度 | 原因 |', '| --- | --- | --- | --- | --- |');
      for (const row of file.flagged ?? []) {
        const path = [row.level1 ?? '—', row.level2 ?? '—', row.level3].join(' / ');
        lines.push(`| ${row.tableTitle ?? row.table + 1} | ${path} | ${describeLocation(row.location)} | ${row.confidence} | ${row.reasons.map((r) => r.message).join('；')} |`);
      }
    }
  } else {
    lines.push('', '没有需要复核的指标。');
  }
  return `${lines.join('\n')}\n`;
}
