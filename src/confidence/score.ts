// Confidence from evidence. Every flag has a stable English code, a penalty and a Chinese
// message (FLAGS below). A row's confidence is the product of (1 - penalty) over its flags;
// a table's is the lower of its rows' mean and the product over its table-level flags; a
// document's likewise with its document-level flags. Evidence is gathered by the structurer
// (how each level was obtained, operator notes) and by evidence.ts (text quality, grid
// regularity, cell shapes, columns, rows that could not be placed, grids left out).
//
// REVIEW_THRESHOLD: a row is flagged for review when its confidence is below it; a table or
// document below it is listed as a whole. It was chosen with `npm run bench:confidence`
// (fault injection over the samples, README "Confidence"): provenance flags cost at most
// 0.05 each, so a clean row with every benign flag (level1 and level2 carried across a page)
// stays at 0.90, while the weakest single piece of evidence of an error costs 0.25 (→ 0.75).
// Any threshold in (0.75, 0.90] separates the two; 0.8 sits in the middle of that gap, where
// the bench's trade-off curve is flat (0.75: 99.7 % of wrong rows / 1.6 % of right rows
// flagged; 0.8: 99.8 % / 1.8 %; 0.9: 99.8 % / 3.3 %; no row of the clean samples at any of them).
import type { Grid } from '../model/layout.ts';
import type { Indicator, Table } from '../model/schema.ts';
import type { DraftIndicator, DraftTable } from '../structure/table.ts';
import { isConsistentPair } from '../normalize/vocabulary.ts';
import { tableEvidence, textQualityFlags } from './evidence.ts';

export const REVIEW_THRESHOLD = 0.8;

export type FlagScope = 'row' | 'table' | 'document';

export interface FlagInfo {
  penalty: number;
  message: string;
  scope: FlagScope;
  /** Provenance flags describe how a value was obtained; they are not reasons for review. */
  provenance?: boolean;
}

/** Every flag code with its penalty and the Chinese message the report shows. */
export const FLAGS: Record<string, FlagInfo> = {
  // How each level was obtained.
  'level1-from-merged-cell': { penalty: 0, message: '一级指标取自合并单元格', scope: 'row', provenance: true },
  'level2-from-merged-cell': { penalty: 0, message: '二级指标取自合并单元格', scope: 'row', provenance: true },
  'level1-from-heading-row': { penalty: 0, message: '一级指标取自标题行', scope: 'row', provenance: true },
  'level2-from-heading-row': { penalty: 0, message: '二级指标取自标题行', scope: 'row', provenance: true },
  'level1-carried-forward': { penalty: 0.02, message: '一级指标沿用上一行（空白延续）', scope: 'row', provenance: true },
  'level2-carried-forward': { penalty: 0.02, message: '二级指标沿用上一行（空白延续）', scope: 'row', provenance: true },
  'level1-carried-across-page': { penalty: 0.05, message: '一级指标跨页延续', scope: 'row', provenance: true },
  'level2-carried-across-page': { penalty: 0.05, message: '二级指标跨页延续', scope: 'row', provenance: true },
  'level1-carried-in-merged-table': { penalty: 0.25, message: '一级指标沿用上一组（本表其余为合并单元格，疑似合并单元格被切断）', scope: 'row' },
  'level2-carried-in-merged-table': { penalty: 0.25, message: '二级指标沿用上一组（本表其余为合并单元格，疑似合并单元格被切断）', scope: 'row' },
  'level1-missing': { penalty: 0.4, message: '缺少一级指标', scope: 'row' },
  'level2-missing': { penalty: 0.3, message: '缺少二级指标', scope: 'row' },
  // Vocabulary.
  'level1-unknown': { penalty: 0.25, message: '一级指标不在国家指标体系词表中', scope: 'row' },
  'level2-unknown': { penalty: 0.25, message: '二级指标不在国家指标体系词表中', scope: 'row' },
  'level-pair-inconsistent': { penalty: 0.3, message: '一级与二级指标的隶属关系与国家体系不符', scope: 'row' },
  // Text quality.
  'replacement-character': { penalty: 0.5, message: '文本含替换字符�（解码失败）', scope: 'row' },
  'private-use-character': { penalty: 0.5, message: '文本含私用区字符（字体缺少ToUnicode映射）', scope: 'row' },
  mojibake: { penalty: 0.5, message: '文本疑似乱码（编码错误）', scope: 'row' },
  // Scanned pages: a cell of the row holds text the OCR recogniser was unsure of (src/readers/ocr).
  'ocr-low-confidence': { penalty: 0.3, message: '扫描件文字识别置信度低，请核对原件', scope: 'row' },
  // Cell shapes and value sanity.
  'level3-implausible': { penalty: 0.4, message: '三级指标名称不像指标名（符号、数字或层级名称）', scope: 'row' },
  'unit-implausible': { penalty: 0.35, message: '计量单位不像单位（含数字、符号或整句）', scope: 'row' },
  'value-implausible': { penalty: 0.35, message: '指标值与运算符号不符或像说明文字', scope: 'row' },
  'unit-unknown': { penalty: 0.25, message: '计量单位不在常用单位表中', scope: 'row' },
  'operator-in-wrong-column': { penalty: 0.35, message: '实际完成值/分值列中出现运算符号（列可能错位）', scope: 'row' },
  'description-implausible': { penalty: 0.3, message: '指标说明只有符号或数字', scope: 'row' },
  'operator-unrecognized': { penalty: 0.3, message: '无法识别的运算符号', scope: 'row' },
  'operator-conflict': { penalty: 0.35, message: '运算符号列与指标值中的符号矛盾', scope: 'row' },
  'operator-without-value': { penalty: 0.3, message: '有运算符号但无指标值', scope: 'row' },
  'percent-over-100': { penalty: 0.3, message: '比率类指标的百分比超过100', scope: 'row' },
  // Text lost: a cell empty where the rest of its column is filled.
  'operator-missing': { penalty: 0.3, message: '运算符号为空（同列其他行均有）', scope: 'row' },
  'unit-missing': { penalty: 0.3, message: '计量单位为空（同列其他数值行均有）', scope: 'row' },
  'value-missing': { penalty: 0.3, message: '指标值为空（同列其他行均有）', scope: 'row' },
  'description-missing': { penalty: 0.3, message: '指标说明为空（同列其他行均有）', scope: 'row' },
  'target-missing': { penalty: 0.4, message: '运算符号、指标值和单位全为空（同表其他行均有）', scope: 'row' },
  'cell-missing': { penalty: 0.3, message: '单元格为空（同列其他行均有）', scope: 'row' },
  // Grid regularity.
  'text-outside-columns': { penalty: 0.4, message: '有文字落在无表头的列中（列错位）', scope: 'row' },
  'cell-spans-columns': { penalty: 0.35, message: '表体单元格横跨多列（表格线缺失或列错位）', scope: 'row' },
  'cell-spans-rows': { penalty: 0.35, message: '指标名称单元格纵跨多行（表格线缺失）', scope: 'row' },
  // Duplicates.
  'duplicate-row': { penalty: 0.3, message: '同一表中指标重复', scope: 'row' },
  // Table level (columns affect every row: those are also put on each row).
  'columns-swapped': { penalty: 0.5, message: '三级指标列内容像指标说明（列可能错位或互换）', scope: 'table' },
  'column-empty': { penalty: 0.4, message: '表头有此列但所有行为空（文字可能丢失）', scope: 'table' },
  'header-garbled': { penalty: 0.5, message: '表头含乱码字符，有列未能识别', scope: 'table' },
  'header-garbled-recognised': { penalty: 0.05, message: '表头含乱码字符（各列仍已识别）', scope: 'table' },
  'columns-unmapped': { penalty: 0.15, message: '有未识别的表头列', scope: 'table' },
  'row-without-name': { penalty: 0.5, message: '表中有无法归入指标的行（缺少指标名称）', scope: 'table' },
  'heading-unknown': { penalty: 0.3, message: '表中有无法识别层级的标题行', scope: 'table' },
  'text-outside-cells': { penalty: 0.4, message: '表格框内有文字不在任何单元格中', scope: 'table' },
  'grid-irregular': { penalty: 0.3, message: '表格线不完整（合并区域不规则）', scope: 'table' },
  // Document level.
  'table-skipped': { penalty: 0.5, message: '有表格像指标表但未识别表头，已跳过', scope: 'document' },
};

/** Table flags that put every row of the table in doubt: also added to each row. */
const TABLE_FLAGS_ON_ROWS = new Set(['columns-swapped', 'header-garbled', 'columns-unmapped']);

export function penaltyOf(flag: string): number {
  return FLAGS[flag]?.penalty ?? 0.2;
}

export function flagMessage(flag: string): string {
  return FLAGS[flag]?.message ?? flag;
}

export function isProvenanceFlag(flag: string): boolean {
  return FLAGS[flag]?.provenance === true;
}

/** Confidence from a set of flags: the product of (1 - penalty). */
export function confidenceOf(flags: Iterable<string>): number {
  let confidence = 1;
  for (const flag of flags) confidence *= 1 - penaltyOf(flag);
  return round(confidence);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

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
}

/** Scores one indicator from its own flags plus the extra evidence given. */
export function scoreIndicator(indicator: DraftIndicator, hasValueColumn: boolean, duplicate: boolean, evidence: string[] = []): Indicator {
  const flags = new Set(indicator.flags);
  addVocabularyFlags(indicator, flags);
  addValueFlags(indicator, hasValueColumn, flags);
  for (const flag of evidence) flags.add(flag);
  if (evidence.length === 0) {
    for (const text of [indicator.level1, indicator.level2, indicator.level3, indicator.value, indicator.unit, indicator.description]) {
      if (text) for (const flag of textQualityFlags(text)) flags.add(flag);
    }
  }
  if (duplicate) flags.add('duplicate-row');
  const { gridRow: _gridRow, confidence: _draft, ...rest } = indicator;
  return { ...rest, flags: [...flags], confidence: confidenceOf(flags) };
}

/**
 * Scores a structured table. `grid` (the table's Grid) lets the evidence look at the cells
 * themselves; without it only the normalized fields are checked. Table-level findings are
 * added to `warnings` as `[code] detail`.
 */
export function scoreTable(table: DraftTable, grid?: Grid): Table {
  const hasValueColumn = table.columns.some((column) => column.role === 'value');
  const evidence = tableEvidence(table, grid);
  // A garbled header matters when it cost a column its meaning; a garbled header word that was
  // still recognised is only noted.
  const garbled = table.columns.filter((column) => textQualityFlags(column.header).length > 0);
  const headerFlags = garbled.length === 0 ? []
    : [{ code: garbled.some((column) => column.role === 'other') ? 'header-garbled' : 'header-garbled-recognised', detail: `headers: ${garbled.map((c) => c.header).join(' | ')}` }];
  const tableFlags = [...evidence.tableFlags, ...headerFlags];
  const onRows = [...new Set(tableFlags.map((f) => f.code).filter((code) => TABLE_FLAGS_ON_ROWS.has(code)))];
  const seen = new Set<string>();
  const indicators = table.indicators.map((indicator, i) => {
    const key = `${indicator.level1}|${indicator.level2}|${indicator.level3}`;
    const duplicate = seen.has(key);
    seen.add(key);
    return scoreIndicator(indicator, hasValueColumn, duplicate, [...evidence.rowFlags[i], ...onRows]);
  });
  const mean = indicators.length ? indicators.reduce((sum, i) => sum + i.confidence, 0) / indicators.length : 0;
  const tableFactor = confidenceOf(new Set(tableFlags.map((f) => f.code)));
  const codedWarnings = tableFlags
    .filter((flag) => !(flag.code === 'columns-unmapped'))
    .map((flag) => `[${flag.code}] ${flag.detail}`);
  const warnings = [...table.warnings.map((w) => (w.startsWith('columns not recognised') ? `[columns-unmapped] ${w}` : w)), ...codedWarnings];
  return { ...table, indicators, confidence: round(Math.min(mean, tableFactor)), warnings };
}

/** The `[code]` a coded warning starts with, or null. */
export function warningCode(warning: string): string | null {
  const match = /^\[([a-z0-9-]+)\] /u.exec(warning);
  return match ? match[1] : null;
}

/** Document confidence: the lower of the rows' mean and the product over document-level flags. */
export function documentConfidence(tables: Table[], warnings: string[] = []): number {
  const rows = tables.flatMap((table) => table.indicators);
  if (rows.length === 0) return 0;
  const mean = rows.reduce((sum, row) => sum + row.confidence, 0) / rows.length;
  const documentFlags = warnings.map(warningCode).filter((code): code is string => code !== null && FLAGS[code]?.scope === 'document');
  return round(Math.min(mean, confidenceOf(documentFlags)));
}
