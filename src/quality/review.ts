// Quality review of a scored table: findings on each indicator and on the table as published
// (rules and their sources in rules.ts). The review reads only the output fields; it never
// touches `confidence` or `flags`.
import type { Indicator, QualityFinding, Table, TableQualityFinding } from '../model/schema.ts';
import { QUALITY_SETTINGS, qualityRule } from './rules.ts';

/** A table as the scorer leaves it: everything but the quality findings. */
export type UnreviewedTable = Omit<Table, 'indicators' | 'quality'> & { indicators: Omit<Indicator, 'quality'>[] };
type Row = Omit<Indicator, 'quality'>;

function finding(code: string, detail: string | null = null): QualityFinding {
  const rule = qualityRule(code);
  return { code, message: rule.message, rule: rule.rule, detail };
}

function tableFinding(code: string, rows: number[], detail: string | null = null): TableQualityFinding {
  return { ...finding(code, detail), rows };
}

const NUMERIC_OPERATORS = new Set(['≥', '≤', '=', '>', '<']);

function isQuantitative(row: Row): boolean {
  if (row.operator && NUMERIC_OPERATORS.has(row.operator)) return true;
  return Object.values(row.fields).some((text) => text.trim() === '定量');
}

function isSatisfaction(row: Row): boolean {
  return row.level1Canonical === '满意度指标' || row.level2Canonical === '服务对象满意度指标' || /满意度|满意率/u.test(row.level3);
}

function isPercent(value: string | null, unit: string | null): boolean {
  return unit === '%' || unit === '％' || /[%％]$/u.test(value ?? '');
}

/** A date, a time limit or a rate: what a 时效指标 target states. */
const DATE_OR_PERIOD = /\d{4}年|\d{1,2}月|[年月]底|季度|上半年|下半年|\d+\s*(个)?(日|天|周|小时|工作日|分钟|月|年)|前|以内|之内|内完成|[%％]/u;
const PERIOD_UNITS = /^(日|天|周|小时|工作日|分钟|月|个月|年|季度|%|％)$/u;

/** Rates that may pass 100 (growth, change); the others are shares of a whole. */
const RATE_MAY_EXCEED = /增长|增幅|增速|提高|提升|上升|下降|降低|减少|变化|变动|节约|节支|超/u;

function rateOver100(level3: string, value: string | null, unit: string | null, number: number | null): boolean {
  return /率/u.test(level3) && !RATE_MAY_EXCEED.test(level3) && isPercent(value, unit) && number !== null && number > 100;
}

/** Whether the actual value meets the target: true / false, or null when it cannot be told. */
export function targetMet(row: Row): boolean | null {
  const actual = row.actual;
  if (!actual) return null;
  const t = row.target;
  if (t.number !== null && actual.number !== null) {
    if (t.unit && actual.unit && t.unit !== actual.unit) return null;
    const a = actual.number;
    const n = t.number;
    const operator = t.operator ?? (row.direction?.value === '反向' ? '≤' : row.direction?.value === '正向' ? '≥' : null);
    switch (operator) {
      case '≥': return a >= n;
      case '>': return a > n;
      case '≤': return a <= n;
      case '<': return a < n;
      case '=': return a === n;
      default: return null;
    }
  }
  if (t.value !== null && t.number === null && actual.number === null) return actual.value === t.value ? true : null;
  return null;
}

/** Findings on one indicator. `hasValueColumn`: templates without values (指标名称 | 性质 | 单位) are not asked for numbers. */
export function indicatorFindings(row: Row, hasValueColumn: boolean, hasDeviationColumn: boolean): QualityFinding[] {
  const out: QualityFinding[] = [];
  const t = row.target;
  if (t.operator === null && t.value === null && t.unit === null) out.push(finding('target-missing'));
  if (hasValueColumn && isQuantitative(row)) {
    if (t.value !== null && !/\d/u.test(t.value)) out.push(finding('quantitative-without-number', `指标值「${t.value}」`));
    else if (t.number !== null && t.unit === null) out.push(finding('quantitative-without-unit', `指标值 ${t.value}`));
  }
  if (row.level2Canonical === '时效指标' && (t.value !== null || t.unit !== null)) {
    const stated = DATE_OR_PERIOD.test(t.value ?? '') || PERIOD_UNITS.test(t.unit ?? '');
    if (!stated) out.push(finding('timeliness-without-date', `指标值「${[t.operator === '定性' ? '' : t.operator, t.value, t.unit].filter(Boolean).join('')}」`));
  }
  if (isSatisfaction(row) && (t.value !== null || t.unit !== null)) {
    if (!isPercent(t.value, t.unit)) out.push(finding('satisfaction-not-percent', `指标值「${[t.value, t.unit].filter(Boolean).join('')}」`));
    else if (t.number !== null && t.number < QUALITY_SETTINGS.satisfactionFloorPercent && t.operator !== '≤' && t.operator !== '<') {
      out.push(finding('satisfaction-below-floor', `指标值 ${t.number}%`));
    }
  }
  if (rateOver100(row.level3, t.value, t.unit, t.number)) out.push(finding('rate-over-100', `指标值 ${t.number}%`));
  if (row.actual && rateOver100(row.level3, row.actual.value, row.actual.unit, row.actual.number)) out.push(finding('rate-over-100', `实际完成值 ${row.actual.number}%`));
  const nonstandard = [row.level1 && !row.level1Canonical ? `一级「${row.level1}」` : '', row.level2 && !row.level2Canonical ? `二级「${row.level2}」` : ''].filter(Boolean);
  if (nonstandard.length) out.push(finding('level-nonstandard', nonstandard.join('，')));

  const weight = row.weight?.number ?? null;
  const score = row.score?.number ?? null;
  if (weight !== null && score !== null) {
    if (score > weight + 1e-9) out.push(finding('score-over-weight', `得分 ${score} > 分值 ${weight}`));
    const met = targetMet(row);
    if (met === true && score < weight - 1e-9 && !row.deviation) out.push(finding('met-but-score-below-weight', `得分 ${score} < 分值 ${weight}`));
    if (met === false && hasDeviationColumn && !row.deviation) out.push(finding('deviation-reason-missing', `实际完成值 ${row.actual?.value}${row.actual?.unit ?? ''}`));
  }
  return out;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Findings on the table: categories present, duplicates, the 总分 row and the funding line. */
export function tableFindings(table: UnreviewedTable, documentYear: number | null): TableQualityFinding[] {
  const out: TableQualityFinding[] = [];
  const rows = table.indicators;
  if (rows.length === 0 || table.kind === 'other') return out;
  const leveled = rows.some((row) => row.level1Canonical !== null);
  if (leveled) {
    if (!rows.some(isSatisfaction)) out.push(tableFinding('satisfaction-missing', []));
    const categories = new Set(rows.map((row) => row.level1Canonical));
    const missing = ['产出指标', '效益指标'].filter((name) => !categories.has(name));
    if (missing.length) out.push(tableFinding('category-missing', [], missing.join('、')));
    const year = table.project?.year?.value ?? documentYear;
    const hasCost = rows.some((row) => row.level1Canonical === '成本指标' || row.level2Canonical === '成本指标' || /成本/u.test(row.level2 ?? ''));
    if (year !== null && year >= QUALITY_SETTINGS.costCategoryFromYear && !hasCost) out.push(tableFinding('cost-missing', [], `${year}年`));
  }
  const byName = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = row.level3.replace(/\s/gu, '');
    byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  for (const [name, at] of byName) if (at.length > 1) out.push(tableFinding('duplicate-name', at, `「${name}」${at.length} 次`));

  const funds = table.project?.funds ?? null;
  const weights = rows.map((row) => row.weight?.number ?? null);
  const scores = rows.map((row) => row.score?.number ?? null);
  const allWeighted = weights.every((w) => w !== null);
  const weightSum = round2(sum(weights.filter((w): w is number => w !== null)) + (funds?.weight ?? 0));
  const scoreSum = round2(sum(scores.filter((s): s is number => s !== null)) + (funds?.score ?? 0));
  const tolerance = QUALITY_SETTINGS.pointsTolerance;
  const total = table.total;
  if (total?.score?.number != null && scores.some((s) => s !== null) && Math.abs(total.score.number - scoreSum) > tolerance) {
    out.push(tableFinding('total-score-mismatch', [], `${total.label} ${total.score.number}，得分合计 ${scoreSum}`));
  }
  if (total?.weight?.number != null && allWeighted && Math.abs(total.weight.number - weightSum) > tolerance) {
    out.push(tableFinding('total-weight-mismatch', [], `${total.label} ${total.weight.number}，分值合计 ${weightSum}`));
  }
  if (allWeighted && Math.abs(weightSum - 100) > tolerance) out.push(tableFinding('weight-sum-not-100', [], `分值合计 ${weightSum}`));
  if (funds && funds.budget !== null && funds.executed !== null && funds.executionRate !== null && funds.budget > 0) {
    const computed = (100 * funds.executed) / funds.budget;
    const written = funds.executionRate;
    const asFraction = written <= 1.5 && Math.abs(100 * written - computed) <= QUALITY_SETTINGS.rateTolerancePercent;
    if (!asFraction && Math.abs(written - computed) > QUALITY_SETTINGS.rateTolerancePercent) {
      out.push(tableFinding('execution-rate-mismatch', [], `执行率 ${written}%，${funds.executed} / ${funds.budget} = ${round2(computed)}%`));
    }
  }
  if (funds && funds.score !== null && funds.weight !== null && funds.score > funds.weight + 1e-9) {
    out.push(tableFinding('funds-score-over-weight', [], `得分 ${funds.score} > 分值 ${funds.weight}`));
  }
  return out;
}

/** The table with its quality findings. `documentYear`: the notice's year, for year-bound rules. */
export function reviewTable(table: UnreviewedTable, documentYear: number | null = null): Table {
  const hasValueColumn = table.columns.some((column) => column.role === 'value');
  const hasDeviationColumn = table.columns.some((column) => column.role === 'deviation');
  return {
    ...table,
    indicators: table.indicators.map((row) => ({ ...row, quality: indicatorFindings(row, hasValueColumn, hasDeviationColumn) })),
    quality: tableFindings(table, documentYear),
  };
}
