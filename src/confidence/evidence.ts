// Evidence for the confidence scorer, computed from a Grid and the structurer's DraftTable.
// Each check returns stable flag codes (listed with penalty and Chinese message in score.ts);
// nothing here changes a value — it only says why a value may be wrong.
//
//   text quality   replacement / private-use / mojibake characters in the row's cells
//   grid           text in a column without header, a body cell spanning columns, a name cell spanning rows
//   fill           a cell empty where the rest of its column is filled (corroborating only: a
//                  source leaves cells empty too; a whole column lost is strong evidence)
//   shape          level that is no category, level3 that is no name, unit that is no unit,
//                  value that is no value, an operator column holding data
//   columns        whole columns whose content contradicts their header (swapped, shifted, lost),
//                  a column left unmapped although its cells look like data
//   table          rows the structurer could not place, grid warnings from the PDF assembly
//   document       a grid left out for lack of a header that still holds indicator rows
import type { Grid, GridCell } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import type { ColumnRole } from '../model/schema.ts';
import type { DraftIndicator, DraftTable } from '../structure/table.ts';
import { canonicalLevel1, canonicalLevel2 } from '../normalize/vocabulary.ts';
import { operatorFromCell, parseNumber } from '../normalize/values.ts';
import { fieldKeys, typedRoleOf } from '../structure/typed-fields.ts';
import { CUT_AT_PAGE_FOOT } from './page-foot.ts';

// ---------------------------------------------------------------------------------------
// Text quality

const REPLACEMENT = /\uFFFD/u;
/** Private-use code points: what a font without ToUnicode (or an unmapped symbol font) yields. */
const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{10FFFF}]/u;
/** Latin-1 letters and C1 controls: GBK/GB18030 bytes decoded as Latin-1 or Windows-1252. */
const LATIN1_GARBAGE = /[\u0080-\u009F\u00A1-\u00AF\u00B4-\u00B6\u00B8\u00BA-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0300-\u036F]/gu;
/** C0 controls other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;

/** Text-quality flag codes for one string. */
export function textQualityFlags(text: string): string[] {
  const flags: string[] = [];
  if (REPLACEMENT.test(text)) flags.push('replacement-character');
  if (PRIVATE_USE.test(text)) flags.push('private-use-character');
  if ((text.match(LATIN1_GARBAGE)?.length ?? 0) >= 2 || CONTROL.test(text)) flags.push('mojibake');
  return flags;
}

// ---------------------------------------------------------------------------------------
// Cell shapes

const OPERATOR_SYMBOL = /[≥≤≧≦<>＜＞=＝﹦≡]/u;
const DESCRIPTION_LIKE = /^(反映|是指|指的是|用于|通过|衡量|考核|主要|根据)/u;
const HAS_CJK_OR_LETTER = /[\p{Script=Han}A-Za-z]/u;
/**
 * A target given as a level to compare with rather than a number (`≥ 上年度水平`, `不低于去年同期`,
 * `≥ 全省平均`, `达到国家标准`): the source's phrasing, common in 申报表, not a cell run in.
 */
const REFERENCE_VALUE = /^(不低于|不高于|达到|高于|低于)?(上年度?|去年|往年|前三年|同期|全国|全省|全市|省级|市级|国家|行业|历年)?[\p{Script=Han}]{0,4}(水平|平均值?|同期|标准|基准|要求)$/u;

const NO_INDICATOR = /^(不适用|不适应|无|不涉及|暂无|\/|—+|-+)$/u;
const HEADER_LABEL = /^(性质|指标性质|单位|计量单位|度量单位|指标值|目标值|年度指标值|指标名称|三级指标|二级指标|一级指标|指标解释|指标说明|权重|分值|得分|序号|计算符号)$/u;
/** Canonical level names that end in 指标 (满意度 ones excluded: 满意度指标 is also a name word). */
const LEVEL_NAMES = ['产出指标', '效益指标', '成本指标', '数量指标', '质量指标', '时效指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '经济成本指标', '社会成本指标', '生态环境成本指标'];

/** A text holding a national level name together with three or more other characters. */
function holdsLevelName(text: string): boolean {
  return LEVEL_NAMES.some((name) => text.includes(name) && [...text].length >= [...name].length + 3);
}

/** A level3 text that cannot be an indicator name: an operator, a number, a date, a level name. */
export function level3Implausible(text: string, headingLayout: boolean): boolean {
  const t = text.trim();
  if (!HAS_CJK_OR_LETTER.test(t)) return true;
  if (operatorFromCell(t) !== null) return true;
  // A placeholder the source writes where there is no indicator, or a header word (a header row
  // read as a body row): the row is no indicator.
  if (NO_INDICATOR.test(t) || HEADER_LABEL.test(t)) return true;
  // A level name run into the name (`效益指标经济效益指标带动…收入`): cells joined.
  if (holdsLevelName(t)) return true;
  if (/^[\d.,%]+\s*\S{0,2}$/u.test(t)) return true;
  // Text of a neighbouring cell run into the name: an operator, a trailing number, a date.
  if (OPERATOR_SYMBOL.test(t)) return true;
  if (/\p{Script=Han}[\d.]{2,}%?$/u.test(t)) return true;
  // A date or deadline alone (a value in the name column); a name may start with a year (2021年及2022年度的档案).
  if (/^(\d{4}年)?(\d{1,2}月)?(\d{1,2}日)?(底|前|底前|以前|之前)?$/u.test(t) || (/底前$/u.test(t) && [...t].length <= 12)) return true;
  // A target or 性质 cell run into the start of the name (`2024年12月底前养护…`, `定性工程运行`).
  if (/^\d{4}年\d{1,2}月(底|前|底前)/u.test(t) || /^(定性|定量)\p{Script=Han}/u.test(t)) return true;
  // A level name proper (数量指标, 产出指标) in the name column; 满意度 or 经济成本 are real names.
  if (!headingLayout && /指标$/u.test(t) && (canonicalLevel1(t) !== null || canonicalLevel2(t) !== null)) return true;
  return false;
}

/** Units met in indicator tables; a unit is one of these, or several joined by / 、 or in brackets. */
const UNIT_WORDS = [
  '%', '‰', '个', '人', '人次', '万人', '万人次', '次', '篇', '本', '份', '件', '项', '条', '户', '万户', '处', '所', '间', '座', '台', '套',
  '辆', '架', '艘', '部', '块', '张', '册', '期', '场', '届', '批', '家', '场次', '课时', '学时', '门', '节', '棵', '株', '头', '只', '匹',
  '元', '万元', '亿元', '千元', '元/人', '年', '月', '日', '天', '周', '小时', '分钟', '秒', '工作日', '个月',
  '米', '公里', '千米', '平方米', '平方公里', '立方米', '万立方米', '亩', '万亩', '公顷', '吨', '万吨', '千克', '公斤', '克', '升', '毫升',
  '千瓦', '千瓦时', '万千瓦时', '度', '兆瓦', '分', '级', '星', '起', '宗', '例', '床', '床位', '岗位', '个百分点', '百分点', '倍', '点',
];
const UNIT_SET = new Set(UNIT_WORDS);

/** Whether a unit is made of known unit words (`台(套)`, `平方米、米`, `万元/天`). */
export function knownUnit(unit: string): boolean {
  const parts = unit.replace(/[()（）]/gu, '/').split(/[/、,，]/u).map((p) => p.trim()).filter(Boolean);
  return parts.length > 0 && parts.every((p) => UNIT_SET.has(p));
}

/** A unit that is no unit: digits, an operator, a sentence, the same unit twice. */
export function unitImplausible(unit: string): boolean {
  if (/\d/u.test(unit) || OPERATOR_SYMBOL.test(unit) || [...unit].length > 8 || /反映|情况|指标|完成|[的性]/u.test(unit)) return true;
  // A direction or nature word: the 指标方向 / 指标性质 cell shifted into the unit column.
  if (DIRECTION_WORD.test(unit)) return true;
  return /^(.+)\1$/u.test(unit);
}

/** A unit cell holding a sentence (a description or a name shifted into it): longer than any unit, or with a description's words. */
function sentenceInUnit(unit: string): boolean {
  return [...unit].length > 8 || /反映|情况|完成|是否|核定|确定/u.test(unit);
}

/** A direction or nature word (指标方向 / 指标性质 content) outside its column. */
const DIRECTION_WORD = /^(正向|反向|中性|定性|定量)(指标)?$/u;

/** A unit run into the start of a text (`万元反映…`, `%反映…`): the unit cell's text shifted into its neighbour. */
function startsWithUnit(text: string): boolean {
  const match = /^(%|‰|[^\s\d]{1,3}?)(?=反映|是指|指|用于|通过|衡量|考核|主要|根据)/u.exec(text.trim());
  return match !== null && match[1] !== '' && knownUnit(match[1]);
}

/** A value that reads like a sentence describing the indicator rather than a target. */
export function valueImplausible(value: string, operator: DraftIndicator['operator']): boolean {
  // An operator left inside the value after the leading one was split off: at the end or between
  // numbers it ran in from a neighbour; after words (`维修检查次数≥12次`) it is the source's phrasing.
  const symbol = OPERATOR_SYMBOL.exec(value);
  if (symbol && (/[≥≤≧≦<>＜＞=＝﹦≡]\s*$/u.test(value) || !/\p{Script=Han}{2,}/u.test(value.slice(0, symbol.index)))) return true;
  if (/定性|定量/u.test(value)) return true;
  if (DESCRIPTION_LIKE.test(value) && [...value].length > 6) return true;
  if (/[\d.]+%?\s+[\d.]+/u.test(value)) return true;
  // A deadline followed by another year (`2025年8月底前2025年11月底前`): two rows' values run together
  // (a period is written with 至/到/—: `2024年1月至2025年12月`).
  if (/(底|前|止)\s*\d{4}年/u.test(value)) return true;
  // A date cut between two rows: `2024年10` above, `月底前` below (a wrapped cell parted by a row line).
  if (/^\d{4}年\d{1,2}$/u.test(value) || /^[月日号]/u.test(value)) return true;
  // A unit run in before the number (`处12`, `万人3.2`): value and unit cells swapped or shifted.
  // A word before it is the source's (`达到95%`, `约3.2`).
  const prefix = /^([^\d\s]{1,4})[\d.]+%?$/u.exec(value);
  if (prefix && knownUnit(prefix[1])) return true;
  // A unit alone in the value column.
  if (knownUnit(value)) return true;
  // A number followed by a description's words: the description cell run in (`150反映纳入管护范`).
  if (/^[\d.]+%?\s*(反映|是指|用于|通过|根据|考察|衡量)/u.test(value)) return true;
  if (operator && operator !== '定性' && !/\d|[一二三四五六七八九十两半]/u.test(value) && !REFERENCE_VALUE.test(value)) return true;
  return false;
}

/** Words a category name (一级/二级) is made of, in the national scheme and its local variants. */
const CATEGORY_WORD = /指标|产出|效益|效果|满意|成本|数量|质量|时效|进度|社会|经济|生态|环境|可持续|影响|服务|类|管理|履职|决策|过程|绩效|项目|资金|业务|财务|其他|其它|公众|对象|职能|运行|发展|效率|能力|安全|公共/u;

/**
 * A level text that is no category name: a value, a unit, an operator, or a long text without
 * any category word (an indicator name or a description run into the level column).
 */
export function levelImplausible(text: string): boolean {
  const t = text.trim();
  if (!t || canonicalLevel1(t) || canonicalLevel2(t)) return false;
  if (!HAS_CJK_OR_LETTER.test(t) || OPERATOR_SYMBOL.test(t) || /\d/u.test(t) || knownUnit(t) || operatorFromCell(t) !== null) return true;
  if ([...t].length > 16 || holdsLevelName(t)) return true;
  // A name cut by a page break or a lost ruling (产出指 | 标…), or text read twice (满意度满意度指指标标).
  if (/指$|^标|指指|标标/u.test(t) || /(.{2,})\1/u.test(t)) return true;
  return !CATEGORY_WORD.test(t);
}

/** Cells that say "none" in a points column. */
const NO_POINTS = /^(—+|-+|\/|无|不适用)$/u;

function typedCellImplausible(row: DraftIndicator): boolean {
  if (row.direction && row.direction.value === null) return true;
  return [row.weight, row.score].some((points) => points !== null && points.number === null && !NO_POINTS.test(points.value.trim()));
}

/** Names that are both a first and a second level in the national scheme (成本指标, 满意度指标). */
const BOTH_LEVELS = new Set(['成本指标', '满意度指标']);

/**
 * A second-level name in the 一级 column or a first-level name in the 二级 column (columns
 * swapped or shifted). 成本 and 满意度 are both levels and prove nothing.
 */
function levelsSwapped(level1: string | null, level2: string | null): boolean {
  const l1AsL2 = level1 && !canonicalLevel1(level1) ? canonicalLevel2(level1) : null;
  const l2AsL1 = level2 && !canonicalLevel2(level2) ? canonicalLevel1(level2) : null;
  return (l1AsL2 !== null && !BOTH_LEVELS.has(l1AsL2)) || (l2AsL1 !== null && !BOTH_LEVELS.has(l2AsL1));
}

/** An unrecognised operator cell that holds data (a number, a symbol, a sentence) rather than a word like 无 or 正向. */
function operatorCellIsData(text: string): boolean {
  const t = text.trim();
  return /\d/u.test(t) || OPERATOR_SYMBOL.test(t) || [...t].length > 4;
}

/** A cell that reads like data (a number, a percentage, an operator, a short term), not prose. */
function looksLikeData(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (parseNumber(t.replace(/[%％]$/u, '')) !== null || OPERATOR_SYMBOL.test(t)) return true;
  return [...t].length <= 8 && !/[，。；：,;:]/u.test(t);
}

// ---------------------------------------------------------------------------------------
// Rows

export interface TableEvidence {
  /** Flags per indicator (index-aligned with draft.indicators). */
  rowFlags: string[][];
  /** Structurer flags the evidence finds are no sign of a misreading, per indicator. */
  dismissed: string[][];
  /** Table-level findings: code + detail (the detail names the spot). */
  tableFlags: { code: string; detail: string }[];
}

function roleColumn(draft: DraftTable, role: ColumnRole): number {
  return draft.columns.findIndex((column) => column.role === role);
}

/** Share of rows where `test` holds. */
function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.length ? items.filter(test).length / items.length : 0;
}

/**
 * A row that states a quantity: a numeric value, or — in a table without a value column (the
 * 指标名称 | 性质 | 单位 layout) — a numeric operator or a known unit of measure.
 */
function isQuantity(row: DraftIndicator, hasValueColumn: boolean): boolean {
  if (row.number !== null) return true;
  if (hasValueColumn) return false;
  return (row.operator !== null && row.operator !== '定性') || (row.operator === null && row.unit !== null && knownUnit(row.unit));
}

/** `城镇新增就业人数(人)`: the unit written in brackets at the end of the name. */
function unitInName(name: string): boolean {
  const match = /[(（]([^()（）]{1,5})[)）]$/u.exec(name.trim());
  return match !== null && knownUnit(match[1]);
}

const FILL_FLAGS = new Set(['operator-missing', 'unit-missing', 'value-missing', 'description-missing', 'target-missing', 'cell-missing']);
const FILL_MIN_ROWS = 4;
/** A column filled in at least this share of rows: an empty cell in it is text lost. */
const FILL_SHARE = 0.7;
/** A column filled in at most this share of rows that should hold something: the column was lost. */
const EMPTY_SHARE = 0.2;

/** Roles whose cells any indicator row may leave empty without meaning anything. */
const OPTIONAL_ROLES = new Set<ColumnRole>(['other', 'seq', 'level1', 'level2', 'level3', 'deviation', 'basis', 'origin', 'prevValue', 'lastValue', 'direction']);

/**
 * Text lost, from how full each column is. Row flags: a cell empty where ≥ 70 % of the rows
 * fill it. Table flag `column-empty`: an operator/unit/value/description column that rows
 * should fill (the numeric ones, for operator and unit) is filled in ≤ 20 % of them; its
 * empty rows are flagged too. A unit or operator may legitimately be empty when the value is
 * not a number (dates, 良); a cell the normalizer moved elsewhere (`%` in 指标性质) is not empty.
 */
function fillFlags(draft: DraftTable, indicators: DraftIndicator[], hasValueColumn: boolean, tableFlags: TableEvidence['tableFlags']): string[][] {
  const out = indicators.map(() => [] as string[]);
  const fromPdf = 'pages' in draft.location;
  if (indicators.length < FILL_MIN_ROWS) return out;
  const raw = (row: DraftIndicator, col: number) => (col < 0 ? '' : (row.fields[draft.columns[col].header] ?? ''));
  const numeric = (row: DraftIndicator) => isQuantity(row, hasValueColumn);
  const checks: { code: string; col: number; filled: (row: DraftIndicator) => boolean; applies: (row: DraftIndicator) => boolean; columnWide: boolean; fillShare?: number }[] = [];
  const op = roleColumn(draft, 'operator');
  const unit = roleColumn(draft, 'unit');
  const value = roleColumn(draft, 'value');
  const description = roleColumn(draft, 'description');
  // Without a value column the 性质 cell is where every row states its nature (≥, ≤, 定性).
  const needsOperator = hasValueColumn ? numeric : () => true;
  if (op >= 0) checks.push({ code: 'operator-missing', col: op, filled: (row) => row.operator !== null || raw(row, op) !== '', applies: needsOperator, columnWide: true });
  // A name that ends with its unit (`受益群众人数(户)`) leaves the unit cell empty in the source.
  if (unit >= 0) checks.push({ code: 'unit-missing', col: unit, filled: (row) => row.unit !== null || raw(row, unit) !== '' || unitInName(row.level3), applies: numeric, columnWide: true });
  if (value >= 0) checks.push({ code: 'value-missing', col: value, filled: (row) => row.value !== null || raw(row, value) !== '', applies: () => true, columnWide: true });
  if (description >= 0) checks.push({ code: 'description-missing', col: description, filled: (row) => row.description !== null, applies: () => true, columnWide: true });
  // A row with no operator, value or unit at all, where at least half the rows have one.
  const targetCols = [op, unit, value].filter((c) => c >= 0);
  if (targetCols.length >= 2) {
    const target = (row: DraftIndicator) => row.operator !== null || row.value !== null || row.unit !== null || targetCols.some((c) => raw(row, c) !== '');
    checks.push({ code: 'target-missing', col: targetCols[0], filled: target, applies: () => true, columnWide: false, fillShare: 0.5 });
  }
  draft.columns.forEach((column, col) => {
    if (OPTIONAL_ROLES.has(column.role) || [op, unit, value, description].includes(col) || !column.header) return;
    checks.push({ code: 'cell-missing', col, filled: (row) => raw(row, col) !== '', applies: () => true, columnWide: false });
  });
  for (const check of checks) {
    const candidates = indicators.filter(check.applies);
    if (candidates.length < FILL_MIN_ROWS - 1) continue;
    const filledShare = share(candidates, check.filled);
    const lost = filledShare >= (check.fillShare ?? FILL_SHARE) && candidates.length >= FILL_MIN_ROWS;
    // A whole column empty: its text was lost (a font, a shifted column, a reader that missed it) —
    // except a description column outside PDFs: forms often leave 指标解释 empty, and DOCX/XLSX
    // cells come from the file's own structure.
    const columnLost = check.columnWide && filledShare <= EMPTY_SHARE && (fromPdf || check.code !== 'description-missing');
    if (!lost && !columnLost) continue;
    if (columnLost) tableFlags.push({ code: 'column-empty', detail: `列「${draft.columns[check.col].header}」在应填的 ${candidates.length} 行中有 ${candidates.length - candidates.filter(check.filled).length} 行为空` });
    indicators.forEach((row, i) => {
      if (check.applies(row) && !check.filled(row)) out[i].push(check.code);
    });
  }
  return out;
}

/** Evidence for every indicator of a table and for the table itself. */
export function tableEvidence(draft: DraftTable, grid: Grid | undefined): TableEvidence {
  const indicators = draft.indicators;
  const rowFlags = indicators.map(() => [] as string[]);
  const dismissed = indicators.map(() => [] as string[]);
  const tableFlags: TableEvidence['tableFlags'] = [];
  const headingLayout = roleColumn(draft, 'level1') < 0 && roleColumn(draft, 'level2') < 0;
  const hasBothLevelColumns = roleColumn(draft, 'level1') >= 0 && roleColumn(draft, 'level2') >= 0;
  const hasValueColumn = roleColumn(draft, 'value') >= 0;

  // Shapes of the normalized fields.
  indicators.forEach((row, i) => {
    const flags = rowFlags[i];
    if (level3Implausible(row.level3, headingLayout)) flags.push('level3-implausible');
    if ([row.level1, row.level2].some((level) => level && levelImplausible(level))) flags.push('level-implausible');
    if (hasBothLevelColumns && levelsSwapped(row.level1, row.level2)) flags.push('level-implausible');
    // A 定性 row's unit cell may hold a grade word or 定性 itself; a sentence there is still no unit.
    if (row.unit && (row.operator === '定性' ? sentenceInUnit(row.unit) : unitImplausible(row.unit))) flags.push('unit-implausible');
    if (row.value && valueImplausible(row.value, row.operator)) flags.push('value-implausible');
    if (row.description && (operatorFromCell(row.description) !== null || /^[\d.,%]+$/u.test(row.description) || startsWithUnit(row.description) || DIRECTION_WORD.test(row.description))) flags.push('description-implausible');
    const texts = [row.level1, row.level2, row.level3, row.value, row.unit, row.description, ...Object.values(row.fields)];
    for (const text of texts) if (text) for (const flag of textQualityFlags(text)) if (!flags.includes(flag)) flags.push(flag);
  });
  fillFlags(draft, indicators, hasValueColumn, tableFlags).forEach((flags, i) => rowFlags[i].push(...flags));
  const opCol = roleColumn(draft, 'operator');
  const unitCol = roleColumn(draft, 'unit');
  indicators.forEach((row, i) => {
    const flags = rowFlags[i];
    const opRaw = opCol >= 0 ? (row.fields[draft.columns[opCol].header] ?? '') : '';
    if (row.flags.includes('operator-unrecognized') && !operatorCellIsData(opRaw)) dismissed[i].push('operator-unrecognized');
    // No value column: an operator with neither unit nor value measures nothing.
    if (!hasValueColumn && row.operator && row.operator !== '定性' && !row.unit && !row.value && !flags.includes('unit-missing')) flags.push('unit-missing');
    // A unit column holding a word outside the usual units (a unit split off a value is the source's own).
    const unitRaw = unitCol >= 0 ? (row.fields[draft.columns[unitCol].header] ?? '').trim() : '';
    if (row.unit && unitRaw && !flags.includes('unit-implausible') && !knownUnit(row.unit) && !(row.operator === '定性')) flags.push('unit-unknown');
    // A typed column's cell that does not fit it: a 指标方向 cell that is no direction, a 分值/得分 that is no number.
    if (typedCellImplausible(row) && !flags.includes('typed-cell-implausible')) flags.push('typed-cell-implausible');
    // An operator in the actual/score columns of a self-evaluation: columns swapped or shifted.
    draft.columns.forEach((column) => {
      if (['actual', 'score', 'points', 'weight', 'prevValue', 'lastValue'].includes(column.role) && OPERATOR_SYMBOL.test(row.fields[column.header] ?? '') && !flags.includes('operator-in-wrong-column')) flags.push('operator-in-wrong-column');
    });
  });
  carryInMergedTable(draft, rowFlags);
  levelTextSplit(draft, rowFlags);
  headingRunIn(draft, rowFlags);
  // In a PDF, text is placed by position: a lone empty cell is where a font's glyphs or a shifted
  // run went missing. DOCX/XLSX cells come from the file's own structure (a source leaves cells empty).
  if ('pages' in draft.location) {
    for (const flags of rowFlags) if (flags.some((flag) => FILL_FLAGS.has(flag))) flags.push('pdf-cell-empty');
  }

  // Whole columns against their headers.
  const descriptions = indicators.filter((row) => row.description);
  if (indicators.length >= 3 && descriptions.length >= indicators.length / 2) {
    const descriptionLike = share(indicators, (row) => DESCRIPTION_LIKE.test(row.level3));
    // Names read like descriptions (反映…, 是指…). Long names alone prove nothing: real forms
    // write 20–40 character names beside short 指标解释.
    if (descriptionLike >= 0.3) {
      tableFlags.push({ code: 'columns-swapped', detail: '三级指标列的内容像指标说明' });
    }
  }
  unmappedDataColumns(draft, rowFlags, tableFlags);
  // A caption line holding a target (`≥ 210`): a row of the table above the page's first row read as caption text.
  const captionRow = grid?.captions.filter((line) => TARGET_IN_LINE.test(line.replace(/\s/gu, ''))) ?? [];
  if (captionRow.length) tableFlags.push({ code: 'row-in-captions', detail: `表上方的文字含指标值：${grid!.captions.slice(-4).join(' | ')}` });
  if (grid) gridFlags(draft, grid, rowFlags, tableFlags);
  structurerWarnings(draft, grid, rowFlags, tableFlags);
  return { rowFlags, dismissed, tableFlags };
}

/**
 * Columns the structurer could not map (and v2 gives no typed field) whose body cells mostly
 * look like data: a column of values or categories not understood means the layout may be
 * misread. A prose column (评价标准, 备注-like text) is kept in `fields` and is no doubt.
 */
function unmappedDataColumns(draft: DraftTable, rowFlags: string[][], tableFlags: TableEvidence['tableFlags']): void {
  const keys = fieldKeys(draft.columns);
  const dataLike = draft.columns.filter((column, col) => {
    if (!column.header || typedRoleOf(column) !== null) return false;
    const cells = draft.indicators.map((row) => row.fields[keys[col]] ?? '').filter((text) => text.trim());
    // One text down the whole column (`绩效指标` merged beside every row) is a group label, not data;
    // a row whose label cell says something else holds text that ran in (a title under the table).
    const label = dominantText(cells);
    if (label !== null && (cells.length > 1 || label.trim() === column.header)) {
      draft.indicators.forEach((row, i) => {
        const text = row.fields[keys[col]] ?? '';
        if (text.trim() && text !== label) rowFlags[i].push('text-in-label-column');
      });
      return false;
    }
    return cells.length > 0 && share(cells, looksLikeData) >= 0.5;
  });
  if (dataLike.length) tableFlags.push({ code: 'columns-unmapped', detail: `列「${dataLike.map((c) => c.header).join('」「')}」未识别，内容像数据` });
}

/** A label column's text: one text in all cells but at most one in ten (LABEL_SHARE). */
const LABEL_SHARE = 0.9;
function dominantText(cells: string[]): string | null {
  if (cells.length === 0) return null;
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  const [text, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return count === cells.length || (cells.length >= 5 && count >= LABEL_SHARE * cells.length) ? text : null;
}

/**
 * A scanned cell whose least sure character the recogniser gave less than this is doubtful
 * (src/readers/ocr/runs.ts: a run's confidence is its lowest character probability). Chosen
 * with `npm run bench:ocr` on the scan twins: see README "Scans".
 */
export const OCR_REVIEW_CONFIDENCE = 0.8;

const BODY_SPAN_ROLES = new Set<ColumnRole | undefined>(['level3', 'operator', 'value', 'unit', 'description', 'actual', 'score', 'points', 'weight']);

/**
 * A level carried forward from a blank cell in a table whose levels otherwise come from
 * merged cells: a merged cell was cut (a lost ruling) and the rows under the cut took the
 * level of the group above. Blank rows that continue a run carried across a page break are
 * the normal effect of a page break and are left alone.
 */
function carryInMergedTable(draft: DraftTable, rowFlags: string[][]): void {
  for (const level of ['level1', 'level2'] as const) {
    const merged = draft.indicators.some((row) => row.flags.includes(`${level}-from-merged-cell`));
    if (!merged) continue;
    let afterPage = false;
    draft.indicators.forEach((row, i) => {
      if (row.flags.includes(`${level}-carried-across-page`)) afterPage = true;
      else if (row.flags.includes(`${level}-carried-forward`)) {
        if (!afterPage) rowFlags[i].push(`${level}-carried-in-merged-table`);
      } else afterPage = false;
    });
  }
}

/**
 * One level name cut in two (`社会公众或服务对` | `象满意度指标`): two successive runs of a level
 * column whose texts, not both a known level name, join into one. A merged cell cut by a page
 * break (or a lost ruling) with its text parted between the pieces: both groups' rows took half
 * a name, and the group boundary itself may be wrong.
 */
function levelTextSplit(draft: DraftTable, rowFlags: string[][]): void {
  for (const level of ['level1', 'level2'] as const) {
    const canonical = level === 'level1' ? canonicalLevel1 : canonicalLevel2;
    const runs: { text: string; rows: number[] }[] = [];
    draft.indicators.forEach((row, i) => {
      const text = row[level]?.replace(/\s/gu, '') ?? '';
      const last = runs[runs.length - 1];
      if (last && last.text === text) last.rows.push(i);
      else runs.push({ text, rows: [i] });
    });
    for (let k = 1; k < runs.length; k++) {
      const [a, b] = [runs[k - 1], runs[k]];
      if (!a.text || !b.text || (canonical(a.text) && canonical(b.text)) || !canonical(a.text + b.text)) continue;
      for (const i of [...a.rows, ...b.rows]) if (!rowFlags[i].includes('level-text-split')) rowFlags[i].push('level-text-split');
    }
  }
}

/**
 * A row whose name swallowed a level name (`…启动时间成本指标`): a heading row run into the row above
 * it, so the heading never opened its group and the rows after it, to the next change of level,
 * took the group above (成本 names under 时效指标).
 */
function headingRunIn(draft: DraftTable, rowFlags: string[][]): void {
  draft.indicators.forEach((row, i) => {
    if (!holdsLevelName(row.level3)) return;
    for (let k = i + 1; k < draft.indicators.length; k++) {
      const next = draft.indicators[k];
      if (next.level1 !== row.level1 || next.level2 !== row.level2) break;
      if (!rowFlags[k].includes('level-heading-run-in')) rowFlags[k].push('level-heading-run-in');
    }
  });
}

/** Grid regularity: text in columns without header, body cells spanning columns, names spanning rows. */
function gridFlags(draft: DraftTable, grid: Grid, rowFlags: string[][], tableFlags: TableEvidence['tableFlags']): void {
  const index = new SlotIndex(grid);
  const unheaded = draft.columns.map((column, c) => (!column.header ? c : -1)).filter((c) => c >= 0);
  const levelCols = new Set([roleColumn(draft, 'level1'), roleColumn(draft, 'level2'), roleColumn(draft, 'seq')]);
  const level3Col = roleColumn(draft, 'level3');
  draft.indicators.forEach((row, i) => {
    const r = row.gridRow;
    if (r === undefined) return;
    const flags = rowFlags[i];
    const cells: GridCell[] = index.rowCells(r);
    if (unheaded.some((c) => index.at(r, c)?.text)) flags.push('text-outside-columns');
    // A body cell spanning columns that share one header cell (评价标准 over seven columns) is the form's own merge.
    const underOneHeader = (cell: GridCell) => {
      const headers = draft.columns.slice(cell.col, cell.col + cell.colSpan).map((column) => column.header);
      return headers.every((header) => header && header === headers[0]);
    };
    const spanning = cells.some((cell) => cell.row === r && cell.colSpan > 1 && cell.text && !levelCols.has(cell.col) && !underOneHeader(cell));
    if (spanning) flags.push('cell-spans-columns');
    const tall = cells.some((cell) => cell.rowSpan > 1 && !levelCols.has(cell.col) && (cell.col === level3Col || BODY_SPAN_ROLES.has(draft.columns[cell.col]?.role)) && cell.text);
    if (tall) flags.push('cell-spans-rows');
    if (cells.some((cell) => cell.ocrConfidence !== undefined && cell.ocrConfidence < OCR_REVIEW_CONFIDENCE)) flags.push('ocr-low-confidence');
  });
  // A row opening a page with cells empty that its columns fill elsewhere (`意度` alone, `善情况 | 改善`):
  // the rest of the row above, cut by the page break and read as a row of its own.
  const breaks = new Set(grid.pageBreakRows);
  draft.indicators.forEach((row, i) => {
    if (row.gridRow === undefined || !breaks.has(row.gridRow) || !rowFlags[i].some((flag) => FILL_FLAGS.has(flag))) return;
    const above = draft.indicators.findIndex((other) => other.gridRow === row.gridRow! - 1);
    if (above >= 0 && !rowFlags[above].includes('row-cut-at-page-foot')) rowFlags[above].push('row-cut-at-page-foot');
  });
  // …or opening the page with text but no indicator name (`差错率的完成情况` alone in the
  // description column): no indicator row of its own, the rest of the row above all the same.
  for (const b of breaks) {
    if (draft.indicators.some((row) => row.gridRow === b) || !index.rowCells(b).some((cell) => cell.text.trim())) continue;
    const above = draft.indicators.findIndex((other) => other.gridRow === b - 1);
    if (above >= 0 && !rowFlags[above].includes('row-cut-at-page-foot')) rowFlags[above].push('row-cut-at-page-foot');
  }
  const body = grid.warnings;
  for (const warning of body) {
    const cut = CUT_AT_PAGE_FOOT.exec(warning);
    if (cut) {
      // The table's last indicator row on that page: the one whose cells went on over the break.
      const page = Number(cut[1]);
      const onPage = (i: number) => {
        const source = draft.indicators[i].gridRow === undefined ? undefined : grid.rowSources[draft.indicators[i].gridRow!];
        return source !== undefined && 'page' in source && source.page === page;
      };
      const last = draft.indicators.reduce((best, row, i) => (onPage(i) && (best < 0 || row.gridRow! > draft.indicators[best].gridRow!) ? i : best), -1);
      if (last >= 0 && !rowFlags[last].includes('row-cut-at-page-foot')) rowFlags[last].push('row-cut-at-page-foot');
    } else if (/in no cell/u.test(warning)) tableFlags.push({ code: 'text-outside-cells', detail: warning });
    else if (/non-rectangular|split at unruled/u.test(warning)) tableFlags.push({ code: 'grid-irregular', detail: warning });
  }
}

/** Rows the structurer saw but could not place. */
function structurerWarnings(draft: DraftTable, grid: Grid | undefined, rowFlags: string[][], tableFlags: TableEvidence['tableFlags']): void {
  const levels = new Set(draft.indicators.flatMap((row) => [row.level1, row.level2]).filter((text): text is string => text !== null));
  for (const warning of draft.warnings) {
    const noName = /^row (\d+) has no indicator name: (.*)$/u.exec(warning);
    if (noName) {
      // A row holding only category names or 不适用-like words is an empty group of the source;
      // one long text alone (备注：…, 填表说明) is a note under the table.
      const texts = noName[2].split(' | ');
      const note = texts.length === 1 && ([...texts[0]].length > 20 || /^(备注|注|说明|填表说明|注释)\s*[:：\d]/u.test(texts[0]));
      if (note || texts.every((text) => isEmptyGroupText(text, levels))) continue;
      const row = Number(noName[1]) - 1;
      tableFlags.push({ code: 'row-without-name', detail: `${where(grid, row)}: ${noName[2]}` });
      // The text belongs to a neighbour (a name cut at a page break, a cell split off its row) or is
      // an indicator that lost its name: the rows on either side are in doubt, not the whole table.
      const above = draft.indicators.reduce((best, r, i) => (r.gridRow !== undefined && r.gridRow < row && (best < 0 || r.gridRow > draft.indicators[best].gridRow!) ? i : best), -1);
      const below = draft.indicators.reduce((best, r, i) => (r.gridRow !== undefined && r.gridRow > row && (best < 0 || r.gridRow < draft.indicators[best].gridRow!) ? i : best), -1);
      for (const i of [above, below]) if (i >= 0 && !rowFlags[i].includes('next-to-unplaced-text')) rowFlags[i].push('next-to-unplaced-text');
      continue;
    }
    const noLevel = /^row (\d+): a name-only row "(.*)" that opens no known level$/u.exec(warning);
    if (noLevel) tableFlags.push({ code: 'heading-unknown', detail: `${where(grid, Number(noLevel[1]) - 1)}: ${noLevel[2]}` });
  }
}

/** What an empty group row of the source holds: category names (national, or the table's own), 不适用, 无, /, —. */
function isEmptyGroupText(text: string, levels: Set<string>): boolean {
  const t = text.trim();
  return /^(不适用|不适应|无|\/|—+|-+|不涉及|\.+|…+)$/u.test(t) || canonicalLevel1(t) !== null || canonicalLevel2(t) !== null || levels.has(t);
}

/** A grid row's place in its source file, in Chinese words (for table-level details in the report). */
export function where(grid: Grid | undefined, row: number): string {
  const source = grid?.rowSources[row];
  if (!source) return `第${row + 1}行`;
  if ('page' in source) return `第${source.page}页 [${source.bbox.map((v) => Math.round(v)).join(', ')}]`;
  if ('sheet' in source) return `工作表「${source.sheet}」第${source.row}行`;
  return `第${source.table + 1}个表格 第${source.row + 1}行`;
}

// ---------------------------------------------------------------------------------------
// Grids left out

/** Lines that, standing alone, belong in an indicator table: a level name or an indicator header word. */
const TABLE_WORD_LINE = /^(一级|二级|三级)(绩效)?指标(名称)?$|^指标名称$|^绩效指标$/u;
/** An indicator header word inside a line (a header row the finders did not see, read as text). */
const HEADER_IN_LINE = /(一级|二级|三级)(绩效)?指标|指标名称|指标性质|计算符号|度量单位|计量单位/u;
/** A target as a table cell writes it: an operator symbol before a number (`= 10场`, `≥95%`). */
const TARGET_IN_LINE = /[≥≤≧≦＞＜>=<＝]\s*\d/u;

/**
 * The warning for body text (outside every table) that holds indicator-table text — two or more
 * lines that are a national level name or a header word alone, or a header word line with two or
 * more targets (`≥95%`) in the text: a table the finders did not see, whose rows are missing from
 * the output. Null when there is none.
 */
export function textOutsideTablesWarning(lines: string[]): string | null {
  const compact = lines.map((line) => line.replace(/\s/gu, ''));
  const alone = compact.filter((line) => TABLE_WORD_LINE.test(line) || canonicalLevel1(line) !== null || canonicalLevel2(line) !== null);
  const headers = compact.filter((line) => HEADER_IN_LINE.test(line));
  const targets = compact.filter((line) => TARGET_IN_LINE.test(line));
  if (alone.length < 2 && !(headers.length >= 1 && targets.length >= 2)) return null;
  const shown = [...new Set([...alone, ...headers])].slice(0, 4).map((line) => line.slice(0, 20));
  return `[indicator-text-outside-tables] body text outside every table reads like an indicator table (${shown.join('、')}; ${targets.length} target(s) like ≥95%); rows may be missing`;
}

function gridRowTexts(grid: Grid, row: number): string[] {
  return grid.cells.filter((cell) => cell.row === row && cell.text).map((cell) => cell.text);
}

/**
 * The warning for a grid the structurer skipped (no indicator header). A grid that still holds
 * indicator-like rows — level names of the national vocabulary, or rows as wide as the indicator
 * table just before it (a continuation cut off at a page break) — gets the `[table-skipped]`
 * code: the document is then below the review threshold and the report points at the grid.
 * Returns null for a one-row grid with nothing indicator-like (a layout box, a signature).
 */
export function skippedGridWarning(grid: Grid, i: number, previousIndicatorGrid: Grid | null): string | null {
  const location = JSON.stringify(grid.location);
  const vocabularyCells = grid.cells.filter((cell) => cell.text && (canonicalLevel1(cell.text) || canonicalLevel2(cell.text))).length;
  let wideRows = 0;
  for (let r = 0; r < grid.nRows; r++) if (gridRowTexts(grid, r).length >= Math.max(3, grid.nCols / 2)) wideRows++;
  // A tail can be narrower than its table (a sheet drops leading empty columns), never wider.
  const continuation = previousIndicatorGrid !== null && grid.nCols <= previousIndicatorGrid.nCols + 1 && wideRows >= 1;
  if (vocabularyCells >= 1 || continuation) {
    const why = [vocabularyCells ? `${vocabularyCells} cell(s) with indicator level names` : '', continuation ? `rows as wide as the indicator table before it` : '']
      .filter(Boolean).join(', ');
    return `[table-skipped] table ${i + 1} (${location}) has no indicator header but holds indicator-like rows (${why}); skipped`;
  }
  if (grid.nRows > 1) return `table ${i + 1} (${location}) has no indicator header; skipped`;
  return null;
}
