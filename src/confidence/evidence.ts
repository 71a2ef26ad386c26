// Evidence for the confidence scorer, computed from a Grid and the structurer's DraftTable.
// Each check returns stable flag codes (listed with penalty and Chinese message in score.ts);
// nothing here changes a value — it only says why a value may be wrong.
//
//   text quality   replacement / private-use / mojibake characters in the row's cells
//   grid           text in a column without header, a body cell spanning columns, a name cell spanning rows
//   fill           a cell empty where the rest of its column is filled (text lost)
//   shape          level3 that is no name, unit that is no unit, value that is no value
//   columns        whole columns whose content contradicts their header (swapped, shifted, lost)
//   table          rows the structurer could not place, grid warnings from the PDF assembly
//   document       a grid left out for lack of a header that still holds indicator rows
import type { Grid, GridCell } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import type { ColumnRole } from '../model/schema.ts';
import type { DraftIndicator, DraftTable } from '../structure/table.ts';
import { canonicalLevel1, canonicalLevel2 } from '../normalize/vocabulary.ts';
import { operatorFromCell } from '../normalize/values.ts';

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
const DESCRIPTION_LIKE = /^(反映|是指|指|用于|通过|衡量|考核|主要|根据)/u;
const HAS_CJK_OR_LETTER = /[\p{Script=Han}A-Za-z]/u;

/** A level3 text that cannot be an indicator name: an operator, a number, a date, a level name. */
export function level3Implausible(text: string, headingLayout: boolean): boolean {
  const t = text.trim();
  if (!HAS_CJK_OR_LETTER.test(t)) return true;
  if (operatorFromCell(t) !== null) return true;
  if (/^[\d.,%]+\s*\S{0,2}$/u.test(t)) return true;
  // Text of a neighbouring cell run into the name: an operator, a trailing number, a date.
  if (OPERATOR_SYMBOL.test(t)) return true;
  if (/\p{Script=Han}[\d.]{2,}%?$/u.test(t)) return true;
  if (/^\d{4}年|^\d{1,2}月|底前$/u.test(t)) return true;
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
  if (/\d/u.test(unit) || OPERATOR_SYMBOL.test(unit) || [...unit].length > 8 || /反映|情况|指标|完成/u.test(unit)) return true;
  return /^(.+)\1$/u.test(unit);
}

/** A value that reads like a sentence describing the indicator rather than a target. */
function valueImplausible(value: string, operator: DraftIndicator['operator']): boolean {
  if (OPERATOR_SYMBOL.test(value)) return true;
  if (/定性|定量/u.test(value)) return true;
  if (DESCRIPTION_LIKE.test(value) && [...value].length > 6) return true;
  if (/[\d.]+%?\s+[\d.]+/u.test(value)) return true;
  // A unit run in before the number (`处12`, `万人3.2`): value and unit cells swapped or shifted.
  if (/^[^\d\s≥≤<>=约近超逾第]{1,4}[\d.]+%?$/u.test(value)) return true;
  if (/[年月日]/u.test(value) && !/\d|[一二三四五六七八九十两]/u.test(value)) return true;
  if (operator && operator !== '定性' && !/\d|[一二三四五六七八九十两半]/u.test(value)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------
// Rows

export interface TableEvidence {
  /** Flags per indicator (index-aligned with draft.indicators). */
  rowFlags: string[][];
  /** Table-level findings: code + detail (the detail names the spot). */
  tableFlags: { code: string; detail: string }[];
}

function roleColumn(draft: DraftTable, role: ColumnRole): number {
  return draft.columns.findIndex((column) => column.role === role);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function len(text: string | null): number {
  return text ? [...text].length : 0;
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
  if (unit >= 0) checks.push({ code: 'unit-missing', col: unit, filled: (row) => row.unit !== null || raw(row, unit) !== '', applies: numeric, columnWide: true });
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
    const columnLost = check.columnWide && filledShare <= EMPTY_SHARE;
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
  const tableFlags: TableEvidence['tableFlags'] = [];
  const headingLayout = roleColumn(draft, 'level1') < 0 && roleColumn(draft, 'level2') < 0;
  const hasValueColumn = roleColumn(draft, 'value') >= 0;

  // Shapes of the normalized fields.
  indicators.forEach((row, i) => {
    const flags = rowFlags[i];
    if (level3Implausible(row.level3, headingLayout)) flags.push('level3-implausible');
    if (row.unit && unitImplausible(row.unit) && !(row.operator === '定性')) flags.push('unit-implausible');
    if (row.value && valueImplausible(row.value, row.operator)) flags.push('value-implausible');
    if (row.description && (operatorFromCell(row.description) !== null || /^[\d.,%]+$/u.test(row.description))) flags.push('description-implausible');
    const texts = [row.level1, row.level2, row.level3, row.value, row.unit, row.description, ...Object.values(row.fields)];
    for (const text of texts) if (text) for (const flag of textQualityFlags(text)) if (!flags.includes(flag)) flags.push(flag);
  });
  fillFlags(draft, indicators, hasValueColumn, tableFlags).forEach((flags, i) => rowFlags[i].push(...flags));
  indicators.forEach((row, i) => {
    const flags = rowFlags[i];
    // A quantity with no operator: the operator cell (or the operator inside the value) was lost.
    const opCol = roleColumn(draft, 'operator');
    const opRaw = opCol >= 0 ? (row.fields[draft.columns[opCol].header] ?? '') : '';
    if (isQuantity(row, hasValueColumn) && row.operator === null && !opRaw && !flags.includes('operator-missing')) flags.push('operator-missing');
    // No value column: an operator with neither unit nor value measures nothing.
    if (!hasValueColumn && row.operator && row.operator !== '定性' && !row.unit && !row.value && !flags.includes('unit-missing')) flags.push('unit-missing');
    if (row.unit && !row.flags.includes('unit-implausible') && !flags.includes('unit-implausible') && !knownUnit(row.unit) && !(row.operator === '定性')) flags.push('unit-unknown');
    // An operator in the actual/score columns of a self-evaluation: columns swapped or shifted.
    draft.columns.forEach((column) => {
      if (['actual', 'score', 'points', 'weight'].includes(column.role) && OPERATOR_SYMBOL.test(row.fields[column.header] ?? '') && !flags.includes('operator-in-wrong-column')) flags.push('operator-in-wrong-column');
    });
  });
  carryInMergedTable(draft, rowFlags);

  // Whole columns against their headers.
  const level3Lengths = indicators.map((row) => len(row.level3));
  const descriptions = indicators.filter((row) => row.description);
  if (indicators.length >= 3 && descriptions.length >= indicators.length / 2) {
    const descriptionLike = share(indicators, (row) => DESCRIPTION_LIKE.test(row.level3));
    if (descriptionLike >= 0.3 || median(level3Lengths) > median(descriptions.map((row) => len(row.description))) + 2) {
      tableFlags.push({ code: 'columns-swapped', detail: '三级指标列的内容像指标说明' });
    }
  }
  if (grid) gridFlags(draft, grid, rowFlags, tableFlags);
  structurerWarnings(draft, grid, tableFlags);
  return { rowFlags, tableFlags };
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
    const spanning = cells.some((cell) => cell.row === r && cell.colSpan > 1 && cell.text && !levelCols.has(cell.col));
    if (spanning) flags.push('cell-spans-columns');
    const tall = cells.some((cell) => cell.rowSpan > 1 && !levelCols.has(cell.col) && (cell.col === level3Col || BODY_SPAN_ROLES.has(draft.columns[cell.col]?.role)) && cell.text);
    if (tall) flags.push('cell-spans-rows');
    if (cells.some((cell) => cell.ocrConfidence !== undefined && cell.ocrConfidence < OCR_REVIEW_CONFIDENCE)) flags.push('ocr-low-confidence');
  });
  const body = grid.warnings;
  for (const warning of body) {
    if (/in no cell/u.test(warning)) tableFlags.push({ code: 'text-outside-cells', detail: warning });
    else if (/non-rectangular|split at unruled/u.test(warning)) tableFlags.push({ code: 'grid-irregular', detail: warning });
  }
}

/** Rows the structurer saw but could not place. */
function structurerWarnings(draft: DraftTable, grid: Grid | undefined, tableFlags: TableEvidence['tableFlags']): void {
  for (const warning of draft.warnings) {
    const noName = /^row (\d+) has no indicator name: (.*)$/u.exec(warning);
    if (noName) {
      tableFlags.push({ code: 'row-without-name', detail: `${where(grid, Number(noName[1]) - 1)}: ${noName[2]}` });
      continue;
    }
    const noLevel = /^row (\d+): a name-only row "(.*)" that opens no known level$/u.exec(warning);
    if (noLevel) tableFlags.push({ code: 'heading-unknown', detail: `${where(grid, Number(noLevel[1]) - 1)}: ${noLevel[2]}` });
    if (warning.startsWith('columns not recognised')) tableFlags.push({ code: 'columns-unmapped', detail: warning });
  }
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
