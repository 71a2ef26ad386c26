// The batch confidence report: report.json for machines, report.md (Chinese) for reviewers.
//
// What is listed for review (REVIEW_THRESHOLD = report.reviewThreshold):
//   - every indicator row whose confidence is below the threshold, with its location
//     (page + bbox, sheet + cell range, or Word table + row) and the reasons (flag code + message);
//   - every table whose confidence is below the threshold, as a whole ("整表复核"): all its
//     rows are to be checked, and its table-level findings (rows that could not be placed,
//     text outside cells, an empty column, …) say where to look;
//   - every document-level finding (a grid that looked like indicator rows but had no
//     header and was skipped), with the grid's location.
// Reasons are ranked by how many listed rows/tables/documents they explain.
//
// Apart from that, the quality findings (src/quality/: the indicators as published, which never
// lower confidence) are listed per file with their location and ranked by frequency (审核发现).
import type { DocumentResult, Indicator, IndicatorSource, Table } from '../model/schema.ts';
import { REVIEW_THRESHOLD, flagMessage, isProvenanceFlag, pointsAt, warningCode } from './score.ts';
import { QUALITY_RULES } from '../quality/rules.ts';

export type FileOutcome =
  | { path: string; status: 'ok'; result: DocumentResult; output: string | null }
  | { path: string; status: 'failed'; code: string; reason: string }
  | { path: string; status: 'skipped'; reason: string; result?: DocumentResult };

export interface Reason {
  code: string;
  message: string;
}

export interface FlaggedRow {
  table: number;
  tableTitle: string | null;
  level1: string | null;
  level2: string | null;
  level3: string;
  confidence: number;
  location: IndicatorSource;
  /** The location in words, precise enough to find the spot in the source file. */
  where: string;
  reasons: Reason[];
}

export interface FlaggedTable {
  table: number;
  tableTitle: string | null;
  confidence: number;
  indicators: number;
  location: Table['location'];
  where: string;
  reasons: (Reason & { detail: string | null })[];
}

export interface DocumentFinding extends Reason {
  detail: string;
}

/** One quality finding of a file, where it is. */
export interface QualityItem {
  code: string;
  table: number;
  tableTitle: string | null;
  /** The indicator's 三级 name; null for a table-level finding. */
  level3: string | null;
  where: string;
  detail: string | null;
}

export interface ReportFile {
  path: string;
  status: 'ok' | 'failed' | 'skipped';
  code?: string;
  reason?: string;
  tables?: number;
  indicators?: number;
  confidence?: number;
  /** Files with a result: whether anything in it is listed for review. */
  needsReview?: boolean;
  flagged?: FlaggedRow[];
  flaggedTables?: FlaggedTable[];
  documentFindings?: DocumentFinding[];
  /** Quality findings (审核发现); they play no part in `needsReview`. */
  quality?: QualityItem[];
}

export interface Report {
  /** A row (table, document) is listed for review when its confidence is below this number. */
  reviewThreshold: number;
  totals: {
    files: number; ok: number; failed: number; skipped: number; tables: number; indicators: number;
    /** Rows whose own confidence is below the threshold. */
    flagged: number;
    /** Tables below the threshold (listed whole) and the rows they hold. */
    flaggedTables: number;
    rowsInFlaggedTables: number;
    /** Files (ok, or skipped as unchanged with their earlier result) with anything listed for review. */
    filesToReview: number;
    /** Quality findings over all files (indicator- and table-level). */
    qualityFindings: number;
  };
  files: ReportFile[];
  /** Why rows, tables, documents are listed for review (confidence), by frequency. */
  reasons: { code: string; message: string; count: number }[];
  /** Quality findings by code, by frequency: the rule each comes from, how often, in how many files. */
  quality: { code: string; message: string; rule: string; count: number; files: number }[];
}

/** Flags that explain a low score; provenance flags (merged cell, heading row, carried forward) are left out. */
function reasonsOf(flags: string[]): Reason[] {
  return flags.filter((flag) => !isProvenanceFlag(flag)).map((code) => ({ code, message: flagMessage(code) }));
}

function columnLetters(range: string): [string, string] | null {
  const match = /^([A-Z]+)\d+:([A-Z]+)\d+$/u.exec(range);
  return match ? [match[1], match[2]] : null;
}

/** Where a row is, in Chinese: page + bbox, sheet + cell range, or Word table + row. */
export function describeLocation(location: IndicatorSource, tableLocation?: Table['location']): string {
  if ('page' in location) return `第${location.page}页 [${location.bbox.map((v) => Math.round(v)).join(', ')}]`;
  if ('sheet' in location) {
    const cols = tableLocation && 'range' in tableLocation ? columnLetters(tableLocation.range) : null;
    return cols ? `工作表「${location.sheet}」${cols[0]}${location.row}:${cols[1]}${location.row}` : `工作表「${location.sheet}」第${location.row}行`;
  }
  return `第${location.table + 1}个表格 第${location.row + 1}行`;
}

export function describeTableLocation(location: Table['location']): string {
  if ('pages' in location) return `第${location.pages.join('、')}页`;
  if ('sheet' in location) return `工作表「${location.sheet}」${location.range}`;
  return `第${location.table + 1}个表格`;
}

/** A row a reviewer accepted or corrected has been looked at: it is not listed again. */
export const isReviewed = (row: Indicator): boolean => Boolean(row.accepted || row.corrected);

function flaggedRows(result: DocumentResult, threshold: number): FlaggedRow[] {
  return result.tables.flatMap((table) => table.indicators
    .filter((row) => row.confidence < threshold && !isReviewed(row))
    .map((row) => ({
      table: table.index, tableTitle: table.title, level1: row.level1, level2: row.level2, level3: row.level3,
      confidence: row.confidence, location: row.source, where: describeLocation(row.source, table.location), reasons: reasonsOf(row.flags),
    })));
}

/** Coded table warnings (`[code] detail`) as reasons; a table low only because its rows are low gets that reason. */
function tableReasons(table: Table): FlaggedTable['reasons'] {
  const reasons: FlaggedTable['reasons'] = [];
  for (const warning of table.warnings) {
    const code = warningCode(warning);
    if (code) reasons.push({ code, message: flagMessage(code), detail: warning.slice(code.length + 3) });
  }
  if (table.indicators.length === 0) reasons.push({ code: 'table-empty', message: '表中没有得到任何指标', detail: null });
  if (reasons.length === 0) reasons.push({ code: 'rows-low-confidence', message: '表中多数指标置信度低', detail: null });
  return reasons;
}

function flaggedTables(result: DocumentResult, threshold: number): FlaggedTable[] {
  return result.tables.filter((table) => table.confidence < threshold).map((table) => ({
    table: table.index, tableTitle: table.title, confidence: table.confidence, indicators: table.indicators.length,
    location: table.location, where: describeTableLocation(table.location), reasons: tableReasons(table),
  }));
}

/**
 * Document-level findings, and the findings of tables above the threshold that point at a spot
 * (text that could not be placed): those are not listed with their table, so they are listed here.
 */
function documentFindings(result: DocumentResult, threshold: number): DocumentFinding[] {
  const own = result.warnings.flatMap((warning) => {
    const code = warningCode(warning);
    return code ? [{ code, message: flagMessage(code), detail: warning.slice(code.length + 3) }] : [];
  });
  const pointed = result.tables.filter((table) => table.confidence >= threshold).flatMap((table) => table.warnings.flatMap((warning) => {
    const code = warningCode(warning);
    return code && pointsAt(code) ? [{ code, message: flagMessage(code), detail: `${table.title ?? `第${table.index + 1}张表`}：${warning.slice(code.length + 3)}` }] : [];
  }));
  return [...own, ...pointed];
}

function qualityItems(result: DocumentResult): QualityItem[] {
  return result.tables.flatMap((table) => [
    ...table.quality.map((q) => ({
      code: q.code, table: table.index, tableTitle: table.title, level3: null,
      where: q.rows.length ? q.rows.map((i) => describeLocation(table.indicators[i].source, table.location)).join('；') : describeTableLocation(table.location),
      detail: q.detail,
    })),
    ...table.indicators.flatMap((row) => row.quality.map((q) => ({
      code: q.code, table: table.index, tableTitle: table.title, level3: row.level3, where: describeLocation(row.source, table.location), detail: q.detail,
    }))),
  ]);
}

/**
 * What the report keeps of one file: status, counts, confidence and its review items, not the
 * whole result (a batch keeps one of these per file, so its memory does not grow with documents).
 */
export function summarizeOutcome(outcome: FileOutcome, threshold = REVIEW_THRESHOLD): ReportFile {
  if (outcome.status === 'failed') return { path: outcome.path, status: 'failed', code: outcome.code, reason: outcome.reason };
  // An unchanged file that was skipped still has its earlier result: its review items stand.
  const { result } = outcome;
  if (!result) return { path: outcome.path, status: 'skipped', reason: outcome.status === 'skipped' ? outcome.reason : '' };
  const flagged = flaggedRows(result, threshold);
  const tables = flaggedTables(result, threshold);
  const findings = documentFindings(result, threshold);
  const indicators = result.tables.reduce((n, table) => n + table.indicators.length, 0);
  const needsReview = flagged.length + tables.length + findings.length > 0;
  return {
    path: outcome.path, status: outcome.status, ...(outcome.status === 'skipped' ? { reason: outcome.reason } : {}), tables: result.tables.length, indicators, confidence: result.confidence, needsReview,
    flagged, flaggedTables: tables, documentFindings: findings, quality: qualityItems(result),
  };
}

/** The report from per-file summaries (`summarizeOutcome`), in the order given. */
export function reportFromFiles(files: ReportFile[], threshold = REVIEW_THRESHOLD): Report {
  const reasonCounts = new Map<string, number>();
  const count = (code: string) => reasonCounts.set(code, (reasonCounts.get(code) ?? 0) + 1);
  const totals: Report['totals'] = { files: files.length, ok: 0, failed: 0, skipped: 0, tables: 0, indicators: 0, flagged: 0, flaggedTables: 0, rowsInFlaggedTables: 0, filesToReview: 0, qualityFindings: 0 };
  const qualityCounts = new Map<string, { count: number; files: number }>();
  for (const file of files) {
    if (file.status === 'failed') totals.failed++;
    else if (file.status === 'skipped') totals.skipped++;
    else totals.ok++;
    totals.tables += file.tables ?? 0;
    totals.indicators += file.indicators ?? 0;
    totals.flagged += file.flagged?.length ?? 0;
    totals.flaggedTables += file.flaggedTables?.length ?? 0;
    totals.rowsInFlaggedTables += (file.flaggedTables ?? []).reduce((n, t) => n + t.indicators, 0);
    if (file.needsReview) totals.filesToReview++;
    for (const row of file.flagged ?? []) for (const reason of row.reasons) count(reason.code);
    for (const table of file.flaggedTables ?? []) for (const code of new Set(table.reasons.map((r) => r.code))) count(code);
    for (const finding of file.documentFindings ?? []) count(finding.code);
    totals.qualityFindings += file.quality?.length ?? 0;
    const inFile = new Set<string>();
    for (const item of file.quality ?? []) {
      const entry = qualityCounts.get(item.code) ?? { count: 0, files: 0 };
      entry.count++;
      if (!inFile.has(item.code)) entry.files++;
      inFile.add(item.code);
      qualityCounts.set(item.code, entry);
    }
  }
  const reasons = [...reasonCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({ code, message: reasonMessage(code), count: n }));
  const quality = [...qualityCounts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({ code, message: QUALITY_RULES[code]?.message ?? code, rule: QUALITY_RULES[code]?.rule ?? '', count: n.count, files: n.files }));
  return { reviewThreshold: threshold, totals, files, reasons, quality };
}

export function buildReport(outcomes: FileOutcome[], threshold = REVIEW_THRESHOLD): Report {
  return reportFromFiles(outcomes.map((outcome) => summarizeOutcome(outcome, threshold)), threshold);
}

function reasonMessage(code: string): string {
  if (code === 'table-empty') return '表中没有得到任何指标';
  if (code === 'rows-low-confidence') return '表中多数指标置信度低';
  return flagMessage(code);
}

const STATUS_TEXT: Record<string, string> = { ok: '成功', failed: '失败', skipped: '跳过（未变化）' };

function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
}

export function reportMarkdown(report: Report): string {
  const t = report.totals;
  const lines = [
    '# 绩效指标抽取报告',
    '',
    `- 文件：${t.files} 个（成功 ${t.ok}，失败 ${t.failed}，跳过 ${t.skipped}）；需复核的文件 ${t.filesToReview} 个`,
    `- 指标表：${t.tables} 张；指标：${t.indicators} 条`,
    `- 需复核的指标：${t.flagged} 条；需整表复核的表：${t.flaggedTables} 张（含指标 ${t.rowsInFlaggedTables} 条）`,
    `- 复核阈值：置信度低于 ${report.reviewThreshold} 的指标、表格和文件列入复核`,
    '',
    '## 文件状态',
    '',
    '| 文件 | 状态 | 表 | 指标 | 置信度 | 需复核 | 说明 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.files.map((file) => {
      const review = file.needsReview !== undefined ? (file.needsReview ? `${file.flagged?.length ?? 0} 条指标${file.flaggedTables?.length ? `，${file.flaggedTables.length} 张表` : ''}${file.documentFindings?.length ? `，${file.documentFindings.length} 处文档问题` : ''}` : '—') : '';
      const note = file.reason ? `${file.code ? `${file.code}: ` : ''}${file.reason}` : '';
      return `| ${cell(file.path)} | ${STATUS_TEXT[file.status] ?? file.status} | ${file.tables ?? ''} | ${file.indicators ?? ''} | ${file.confidence ?? ''} | ${review} | ${cell(note)} |`;
    }),
  ];
  if (report.reasons.length) {
    lines.push('', '## 复核原因（按出现次数）', '', '| 原因 | 代码 | 次数 |', '| --- | --- | --- |');
    for (const reason of report.reasons) lines.push(`| ${reason.message} | ${reason.code} | ${reason.count} |`);
  }
  const toReview = report.files.filter((file) => file.needsReview);
  if (toReview.length) {
    lines.push('', '## 需复核的内容');
    for (const file of toReview) {
      lines.push('', `### ${file.path}`);
      for (const finding of file.documentFindings ?? []) lines.push('', `- 文档：${finding.message}（${finding.code}）— ${cell(finding.detail)}`);
      if (file.flaggedTables?.length) {
        lines.push('', '整表复核：', '', '| 表 | 位置 | 置信度 | 指标数 | 原因 |', '| --- | --- | --- | --- | --- |');
        for (const table of file.flaggedTables) {
          const reasons = table.reasons.map((r) => (r.detail ? `${r.message}（${cell(r.detail)}）` : r.message)).join('；');
          lines.push(`| ${cell(table.tableTitle ?? `第${table.table + 1}张表`)} | ${table.where} | ${table.confidence} | ${table.indicators} | ${reasons} |`);
        }
      }
      if (file.flagged?.length) {
        lines.push('', '| 表 | 指标（一级 / 二级 / 三级） | 位置 | 置信度 | 原因 |', '| --- | --- | --- | --- | --- |');
        for (const row of file.flagged) {
          const path = [row.level1 ?? '—', row.level2 ?? '—', row.level3].join(' / ');
          lines.push(`| ${cell(row.tableTitle ?? `第${row.table + 1}张表`)} | ${cell(path)} | ${row.where} | ${row.confidence} | ${row.reasons.map((r) => r.message).join('；')} |`);
        }
      }
    }
  } else {
    lines.push('', '没有需要复核的内容。');
  }
  lines.push(...qualityMarkdown(report));
  return `${lines.join('\n')}\n`;
}

/** At most this many findings are listed per file in report.md (report.json has them all). */
const QUALITY_ITEMS_PER_FILE = 30;

/** 审核发现: the indicators as published, apart from the extraction review above. */
function qualityMarkdown(report: Report): string[] {
  const lines = ['', '## 审核发现（指标设置与取值，按出现次数）', '',
    '以下是对指标表本身（按发布内容）的审核发现，依据相关文件的指标设置与取值要求；它们不影响抽取置信度，也不列入上面的复核。'];
  if (report.quality.length === 0) return [...lines, '', '没有审核发现。'];
  lines.push('', `共 ${report.totals.qualityFindings} 条。`, '', '| 发现 | 代码 | 依据 | 次数 | 文件数 |', '| --- | --- | --- | --- | --- |');
  for (const q of report.quality) lines.push(`| ${q.message} | ${q.code} | ${cell(q.rule)} | ${q.count} | ${q.files} |`);
  for (const file of report.files) {
    const items = file.quality ?? [];
    if (items.length === 0) continue;
    lines.push('', `### ${file.path}`, '', '| 表 | 指标 | 位置 | 发现 | 说明 |', '| --- | --- | --- | --- | --- |');
    for (const item of items.slice(0, QUALITY_ITEMS_PER_FILE)) {
      lines.push(`| ${cell(item.tableTitle ?? `第${item.table + 1}张表`)} | ${cell(item.level3 ?? '（整表）')} | ${item.where} | ${QUALITY_RULES[item.code]?.message ?? item.code} | ${cell(item.detail ?? '')} |`);
    }
    if (items.length > QUALITY_ITEMS_PER_FILE) lines.push('', `另有 ${items.length - QUALITY_ITEMS_PER_FILE} 条，见 report.json。`);
  }
  return lines;
}
