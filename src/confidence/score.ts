// Confidence from evidence: each flag carries a penalty; a row's confidence is the product
// of (1 - penalty) over its flags. Rows below REVIEW_THRESHOLD are the ones a reviewer checks.
import type { Indicator, Table } from '../model/schema.ts';
import type { DraftIndicator, DraftTable } from '../structure/table.ts';
import { isConsistentPair } from '../normalize/vocabulary.ts';

export const REVIEW_THRESHOLD = 0.8;

interface FlagInfo {
  penalty: number;
  message: string;
}

/** Every flag code with its penalty and the Chinese message the report shows. */
export const FLAGS: Record<string, FlagInfo> = {
  'level1-from-merged-cell': { penalty: 0, message: '一级指标取自合并单元格' },
  'level2-from-merged-cell': { penalty: 0, message: '二级指标取自合并单元格' },
  'level1-carried-forward': { penalty: 0.02, message: '一级指标沿用上一行（空白延续）' },
  'level2-carried-forward': { penalty: 0.02, message: '二级指标沿用上一行（空白延续）' },
  'level1-carried-across-page': { penalty: 0.05, message: '一级指标跨页延续' },
  'level2-carried-across-page': { penalty: 0.05, message: '二级指标跨页延续' },
  'level1-from-heading-row': { penalty: 0, message: '一级指标取自标题行' },
  'level2-from-heading-row': { penalty: 0, message: '二级指标取自标题行' },
  'level1-missing': { penalty: 0.4, message: '缺少一级指标' },
  'level2-missing': { penalty: 0.3, message: '缺少二级指标' },
  'level1-unknown': { penalty: 0.25, message: '一级指标不在国家指标体系词表中' },
  'level2-unknown': { penalty: 0.25, message: '二级指标不在国家指标体系词表中' },
  'level-pair-inconsistent': { penalty: 0.3, message: '一级与二级指标的隶属关系与国家体系不符' },
  'operator-unrecognized': { penalty: 0.3, message: '无法识别的运算符号' },
  'operator-conflict': { penalty: 0.35, message: '运算符号列与指标值中的符号矛盾' },
  'operator-without-value': { penalty: 0.3, message: '有运算符号但无指标值' },
  'percent-over-100': { penalty: 0.3, message: '百分比超过100' },
  'replacement-character': { penalty: 0.5, message: '文本含无法识别的字符（乱码）' },
  'duplicate-row': { penalty: 0.3, message: '同一表中指标重复' },
};

function addVocabularyFlags(indicator: DraftIndicator, flags: Set<string>): void {
  if (indicator.level1 && !indicator.level1Canonical) flags.add('level1-unknown');
  if (indicator.level2 && !indicator.level2Canonical) flags.add('level2-unknown');
  if (indicator.level1Canonical && indicator.level2Canonical && !isConsistentPair(indicator.level1Canonical, indicator.level2Canonical)) {
    flags.add('level-pair-inconsistent');
  }
}

function addValueFlags(indicator: DraftIndicator, hasValueColumn: boolean, flags: Set<string>): void {
  const numericOperator = indicator.operator && indicator.operator !== '定性';
  if (hasValueColumn && numericOperator && !indicator.value) flags.add('operator-without-value');
  if (indicator.unit === '%' && indicator.number !== null && indicator.number > 100 && /率/u.test(indicator.level3)) flags.add('percent-over-100');
  const texts = [indicator.level1, indicator.level2, indicator.level3, indicator.value, indicator.unit, indicator.description];
  if (texts.some((text) => text && /\uFFFD/u.test(text))) flags.add('replacement-character');
}

export function scoreIndicator(indicator: DraftIndicator, hasValueColumn: boolean, duplicate: boolean): Indicator {
  const flags = new Set(indicator.flags);
  addVocabularyFlags(indicator, flags);
  addValueFlags(indicator, hasValueColumn, flags);
  if (duplicate) flags.add('duplicate-row');
  let confidence = 1;
  for (const flag of flags) confidence *= 1 - (FLAGS[flag]?.penalty ?? 0.2);
  return { ...indicator, flags: [...flags], confidence: round(confidence) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function scoreTable(table: DraftTable): Table {
  const hasValueColumn = table.columns.some((column) => column.role === 'value');
  const seen = new Set<string>();
  const indicators = table.indicators.map((indicator) => {
    const key = `${indicator.level1}|${indicator.level2}|${indicator.level3}`;
    const duplicate = seen.has(key);
    seen.add(key);
    return scoreIndicator(indicator, hasValueColumn, duplicate);
  });
  const mean = indicators.length ? indicators.reduce((sum, i) => sum + i.confidence, 0) / indicators.length : 0;
  const unmappedPenalty = table.warnings.some((w) => w.startsWith('columns not recognised')) ? 0.9 : 1;
  return { ...table, indicators, confidence: round(mean * unmappedPenalty) };
}

export function documentConfidence(tables: Table[]): number {
  const rows = tables.flatMap((table) => table.indicators);
  if (rows.length === 0) return 0;
  return round(rows.reduce((sum, row) => sum + row.confidence, 0) / rows.length);
}

export function flagMessage(flag: string): string {
  return FLAGS[flag]?.message ?? flag;
}
