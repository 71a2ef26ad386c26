// Extraction confidence: was the row READ faithfully? Every flag is evidence that zhibiao may
// have misread the document (a cut merge, text outside cells, a column it could not map
// although its cells look like data, garbled text, a value that does not fit its column).
// What the source itself lacks (no operator, no target, a nonstandard level name, a rate over
// 100 %) is not doubt: it is a quality finding (src/quality/), which never lowers confidence.
//
// Every flag has a stable English code, a penalty and a Chinese message (FLAGS below). A
// row's confidence is the product of (1 - penalty) over its flags; a table's is the product
// over its table-level flags (its header, columns, grid and unplaced rows: the table as a
// whole); a document's is the lower of its rows' mean and the product over its document-level
// flags. Evidence is gathered by the structurer (how each level was obtained, operator notes)
// and by evidence.ts (text quality, grid regularity, cell shapes, columns, rows that could not
// be placed, grids left out).
//
// Three strengths: provenance flags (how a level was obtained) cost at most 0.05; corroborating
// flags (`weak`: a cell empty where the rest of its column is filled, a unit outside the usual
// list — a source may well be like that) cost 0.1, so alone they never send a row to review,
// with any other evidence they do; every other flag costs ≥ 0.25, so one alone does.
//
// REVIEW_THRESHOLD: a row is flagged for review when its confidence is below it; a table or
// document below it is listed as a whole. A clean row with every benign flag stays at ≥ 0.90
// (two carried-across-page flags), one weak flag leaves 0.90, two weak 0.81; the weakest
// strong evidence gives 0.75. Any threshold in (0.75, 0.81] separates them; 0.8 is kept.
// `npm run bench:confidence` shows the trade-off (README "Confidence").
import type { Grid } from '../model/layout.ts';
import type { Indicator, Table } from '../model/schema.ts';
import type { DraftIndicator, DraftTable } from '../structure/table.ts';
import { isConsistentPair } from '../normalize/vocabulary.ts';
import { tableEvidence, textQualityFlags } from './evidence.ts';
import { roleOfHeader } from '../structure/header.ts';

export const REVIEW_THRESHOLD = 0.8;

export type FlagScope = 'row' | 'table' | 'document';

export interface FlagInfo {
  penalty: number;
  message: string;
  scope: FlagScope;
  /** Provenance flags describe how a value was obtained; they are not reasons for review. */
  provenance?: boolean;
  /** Corroborating evidence: alone it keeps the row above the threshold. */
  weak?: boolean;
  /** A table finding the report lists with its location even when the table is above the threshold. */
  pointsAt?: boolean;
}

/** What a corroborating flag costs (see the head of this file). */
export const WEAK_PENALTY = 0.1;

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
  // Level texts: a level cell holding what is no category name (a name, a value, a unit run in).
  'level-implausible': { penalty: 0.3, message: '一级或二级指标不像类别名称（像指标名、数值或单位，可能错列）', scope: 'row' },
  'level-text-split': { penalty: 0.3, message: '相邻两组的层级名称合起来才是一个名称（合并单元格被切断，文字分在两段）', scope: 'row' },
  'level-heading-run-in': { penalty: 0.3, message: '上方某行的名称吞入了层级标题，本行的层级可能沿用了错误的上一组', scope: 'row' },
  'level-pair-inconsistent': { penalty: 0.3, message: '一级与二级指标的隶属关系与国家体系不符（层级可能错位）', scope: 'row' },
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
  'unit-unknown': { penalty: WEAK_PENALTY, weak: true, message: '单位列的内容不在常用单位表中', scope: 'row' },
  'typed-cell-implausible': { penalty: 0.3, message: '指标方向、分值或得分列的内容不符（列可能错位）', scope: 'row' },
  'operator-in-wrong-column': { penalty: 0.35, message: '实际完成值/分值列中出现运算符号（列可能错位）', scope: 'row' },
  'description-implausible': { penalty: 0.3, message: '指标说明只有符号或数字', scope: 'row' },
  'operator-unrecognized': { penalty: 0.3, message: '运算符号列中有像数值或整句的文字（列可能错位）', scope: 'row' },
  'operator-conflict': { penalty: 0.35, message: '运算符号列与指标值中的符号矛盾', scope: 'row' },
  'operator-without-value': { penalty: 0.3, message: '有运算符号但无指标值', scope: 'row' },
  // A cell empty where the rest of its column is filled: text may be lost, or the source left it
  // empty — corroborating only (a whole column lost is `column-empty`).
  'operator-missing': { penalty: WEAK_PENALTY, weak: true, message: '运算符号为空（同列其他行均有）', scope: 'row' },
  'unit-missing': { penalty: WEAK_PENALTY, weak: true, message: '计量单位为空（同列其他数值行均有）', scope: 'row' },
  'value-missing': { penalty: WEAK_PENALTY, weak: true, message: '指标值为空（同列其他行均有）', scope: 'row' },
  'description-missing': { penalty: WEAK_PENALTY, weak: true, message: '指标说明为空（同列其他行均有）', scope: 'row' },
  'target-missing': { penalty: WEAK_PENALTY, weak: true, message: '运算符号、指标值和单位全为空（同表其他行均有）', scope: 'row' },
  'cell-missing': { penalty: WEAK_PENALTY, weak: true, message: '单元格为空（同列其他行均有）', scope: 'row' },
  'pdf-cell-empty': { penalty: 0.25, message: 'PDF中此单元格为空而同列其他行均有（字体或文字位置可能丢失）', scope: 'row' },
  // Grid regularity.
  // A label column (绩效指标 down every row) whose cell in this row says something else: text ran in.
  'text-in-label-column': { penalty: 0.3, message: '标签列中此行文字与其他行不同（可能有标题或说明误读入行）', scope: 'row' },
  'text-outside-columns': { penalty: 0.4, message: '有文字落在无表头的列中（列错位）', scope: 'row' },
  'cell-spans-columns': { penalty: 0.35, message: '表体单元格横跨多列（表格线缺失或列错位）', scope: 'row' },
  'cell-spans-rows': { penalty: 0.35, message: '指标名称单元格纵跨多行（表格线缺失）', scope: 'row' },
  // src/confidence/page-foot.ts: the table fills its page and text in its columns opens the next page unread with it.
  'row-cut-at-page-foot': { penalty: 0.3, message: '本行位于页末，下一页顶部有落在本表各列中的文字未并入本表（单元格可能在分页处被截断）', scope: 'row' },
  'next-to-unplaced-text': { penalty: 0.3, message: '紧邻一行无法归入指标的文字（名称可能被截断或错行）', scope: 'row' },
  // Read twice: the same row, every cell equal, twice in one table (a repeated page fragment).
  'duplicate-row': { penalty: 0.3, message: '同一表中整行重复（可能重复读取）', scope: 'row' },
  // Table level (columns affect every row: those are also put on each row).
  'columns-swapped': { penalty: 0.5, message: '三级指标列内容像指标说明（列可能错位或互换）', scope: 'table' },
  'column-empty': { penalty: 0.4, message: '表头有此列但所有行为空（文字可能丢失）', scope: 'table' },
  'header-garbled': { penalty: 0.5, message: '表头含乱码字符，有列未能识别', scope: 'table' },
  'header-garbled-recognised': { penalty: 0.05, message: '表头含乱码字符（各列仍已识别）', scope: 'table' },
  'header-run-together': { penalty: 0.3, message: '一个表头单元格含两列的表头词（列可能合并读取）', scope: 'table' },
  'columns-unmapped': { penalty: 0.25, message: '有未识别的表头列，其内容像数据（可能漏读或错列）', scope: 'table' },
  // Listed with its location whatever the table's confidence (report.ts); its neighbours carry the doubt.
  'row-without-name': { penalty: 0.15, message: '表中有无法归入指标的行（缺少指标名称）', scope: 'table', pointsAt: true },
  // Listed with its location like row-without-name: a row lost into the table's caption lines.
  'row-in-captions': { penalty: 0.15, message: '表格上方的标题文字中含指标值（可能有一行被读成了标题）', scope: 'table', pointsAt: true },
  'heading-unknown': { penalty: 0.3, message: '表中有无法识别层级的标题行', scope: 'table' },
  'text-outside-cells': { penalty: 0.4, message: '表格框内有文字不在任何单元格中', scope: 'table' },
  // A repair the grid assembly made (a merged region split at unruled lines): corroborating for the
  // table, not a verdict on all its rows.
  'grid-irregular': { penalty: 0.15, message: '表格线不完整（合并区域不规则，已按文字对齐拆分）', scope: 'table' },
  // Document level.
  'table-skipped': { penalty: 0.5, message: '有表格像指标表但未识别表头，已跳过', scope: 'document' },
  'indicator-text-outside-tables': { penalty: 0.5, message: '表格外的正文中有指标表的文字（层级名称、表头），可能有表未识别、指标缺失', scope: 'document' },
};

/** Table flags that put every row of the table in doubt: also added to each row. */
const TABLE_FLAGS_ON_ROWS = new Set(['columns-swapped', 'header-garbled', 'columns-unmapped', 'header-run-together']);

/**
 * `一级指标二级绩效指标`: one header cell (its last path part) that is two header words of
 * different columns written together, each of at least four characters (`指标值说明` is one word).
 */
function headerRunTogether(header: string): boolean {
  const chars = [...(header.split('/').pop() ?? '').replace(/\s/gu, '')];
  for (let cut = 4; cut <= chars.length - 4; cut++) {
    const left = roleOfHeader(chars.slice(0, cut).join(''));
    const right = roleOfHeader(chars.slice(cut).join(''));
    if (left !== 'other' && right !== 'other' && left !== right) return true;
  }
  return false;
}

export function penaltyOf(flag: string): number {
  return FLAGS[flag]?.penalty ?? 0.2;
}

export function flagMessage(flag: string): string {
  return FLAGS[flag]?.message ?? flag;
}

export function isProvenanceFlag(flag: string): boolean {
  return FLAGS[flag]?.provenance === true;
}

export function pointsAt(flag: string): boolean {
  return FLAGS[flag]?.pointsAt === true;
}

export function isWeakFlag(flag: string): boolean {
  return FLAGS[flag]?.weak === true;
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

function addLevelFlags(indicator: DraftIndicator, flags: Set<string>): void {
  if (indicator.level1Canonical && indicator.level2Canonical && !isConsistentPair(indicator.level1Canonical, indicator.level2Canonical)) {
    flags.add('level-pair-inconsistent');
  }
}

function addValueFlags(indicator: DraftIndicator, hasValueColumn: boolean, flags: Set<string>): void {
  const numericOperator = indicator.operator && indicator.operator !== '定性';
  if (hasValueColumn && numericOperator && !indicator.value) flags.add('operator-without-value');
}

/** An indicator as the scorer leaves it: quality findings come after (src/quality/review.ts). */
export type ScoredIndicator = Omit<Indicator, 'quality'>;
export type ScoredTable = Omit<Table, 'indicators' | 'quality'> & { indicators: ScoredIndicator[] };

/** Scores one indicator from its own flags plus the extra evidence given. */
export function scoreIndicator(indicator: DraftIndicator, hasValueColumn: boolean, duplicate: boolean, evidence: string[] = [], dismissed: string[] = []): ScoredIndicator {
  const flags = new Set(indicator.flags.filter((flag) => !dismissed.includes(flag)));
  addLevelFlags(indicator, flags);
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
export function scoreTable(table: DraftTable, grid?: Grid): ScoredTable {
  const hasValueColumn = table.columns.some((column) => column.role === 'value');
  const evidence = tableEvidence(table, grid);
  // A garbled header matters when it cost a column its meaning; a garbled header word that was
  // still recognised is only noted.
  const garbled = table.columns.filter((column) => textQualityFlags(column.header).length > 0);
  const headerFlags: { code: string; detail: string }[] = garbled.length === 0 ? []
    : [{ code: garbled.some((column) => column.role === 'other') ? 'header-garbled' : 'header-garbled-recognised', detail: `headers: ${garbled.map((c) => c.header).join(' | ')}` }];
  const joined = table.columns.filter((column) => headerRunTogether(column.header));
  if (joined.length) headerFlags.push({ code: 'header-run-together', detail: `headers: ${joined.map((c) => c.header).join(' | ')}` });
  const tableFlags = [...evidence.tableFlags, ...headerFlags];
  const onRows = [...new Set(tableFlags.map((f) => f.code).filter((code) => TABLE_FLAGS_ON_ROWS.has(code)))];
  const seen = new Set<string>();
  const indicators = table.indicators.map((indicator, i) => {
    const key = JSON.stringify([indicator.level1, indicator.level2, indicator.fields]);
    const duplicate = seen.has(key);
    seen.add(key);
    return scoreIndicator(indicator, hasValueColumn, duplicate, [...evidence.rowFlags[i], ...onRows], evidence.dismissed[i]);
  });
  const tableFactor = confidenceOf(new Set(tableFlags.map((f) => f.code)));
  // The structurer's `columns not recognised` stays a plain warning (kept in `fields`); the
  // evidence adds `[columns-unmapped]` only for such columns whose cells look like data.
  const codedWarnings = tableFlags.map((flag) => `[${flag.code}] ${flag.detail}`);
  const warnings = [...table.warnings, ...codedWarnings];
  // The table's own confidence is its table-level evidence (header, columns, grid, rows it could not
  // place): a table listed whole is one whose structure is in doubt. Its rows carry their own; a
  // table of doubtful rows has them listed one by one (and lowers the document's mean).
  return { ...table, indicators, confidence: indicators.length ? round(tableFactor) : 0, warnings };
}

/** The `[code]` a coded warning starts with, or null. */
export function warningCode(warning: string): string | null {
  const match = /^\[([a-z0-9-]+)\] /u.exec(warning);
  return match ? match[1] : null;
}

/** Document confidence: the lower of the rows' mean and the product over document-level flags. */
export function documentConfidence(tables: { indicators: { confidence: number }[] }[], warnings: string[] = []): number {
  const rows = tables.flatMap((table) => table.indicators);
  if (rows.length === 0) return 0;
  const mean = rows.reduce((sum, row) => sum + row.confidence, 0) / rows.length;
  const documentFlags = warnings.map(warningCode).filter((code): code is string => code !== null && FLAGS[code]?.scope === 'document');
  return round(Math.min(mean, confidenceOf(documentFlags)));
}
