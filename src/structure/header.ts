// Header recognition: which rows of a Grid are the indicator header, and what each column means.
import type { Grid } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import type { ColumnRole } from '../model/schema.ts';
import { canonicalLevel1, canonicalLevel2 } from '../normalize/vocabulary.ts';
import { isContextKey } from './context.ts';

export interface Column {
  header: string;
  role: ColumnRole;
}

export interface HeaderInfo {
  /** First and last grid rows of the header (inclusive). */
  start: number;
  end: number;
  columns: Column[];
  /** Texts of the header rows, to recognise a header repeated inside the body. */
  rowSignatures: string[];
  /**
   * Columns of outer group labels: a cell that starts in the header and runs on down the body
   * (`绩效指标` merged over every indicator row). It says what the block is, not what a row is.
   */
  labelColumns: number[];
}

/** Header words, tested in order (the first that matches decides). */
const ROLE_RULES: [RegExp, ColumnRole][] = [
  [/^(序号|编号|序)$/u, 'seq'],
  [/前年.*(指标)?值|前年实际/u, 'prevValue'],
  [/上年.*(指标)?值|上年实际/u, 'lastValue'],
  [/指标值说明|指标说明|指标描述|指标解释|指标内涵|评分标准|指标值设定依据及说明|说明|备注/u, 'description'],
  [/指标值确定依据|确定依据|设定依据/u, 'basis'],
  [/指标来源|绩效指标来源/u, 'origin'],
  [/偏差原因|改进措施/u, 'deviation'],
  [/一级(绩效)?指标|一级/u, 'level1'],
  // One category column instead of 一级/二级 (自评表: 指标类型 holding 产出类指标, 数量指标 …).
  [/^(绩效)?指标(类型|类别|分类)$/u, 'level1'],
  [/二级(绩效)?指标|二级/u, 'level2'],
  [/三级(绩效)?指标|指标名称|三级|绩效指标名称/u, 'level3'],
  [/实际完成值|实际完成|完成值|实际值/u, 'actual'],
  [/计算符号|运算符号|符号|^性质$|指标性质|值类型/u, 'operator'],
  [/计量单位|度量单位|指标单位|^单位$/u, 'unit'],
  [/方向/u, 'direction'],
  [/权重/u, 'weight'],
  [/^分值$|分值/u, 'points'],
  [/^得分$|得分/u, 'score'],
  [/指标值|目标值|年度指标值|预期值|标准值|^目标$/u, 'value'],
];

/** Header words that name the whole indicator block rather than one column of it. */
const GROUP_LABEL = /^(年度|项目|部门|整体)?绩效(指标|目标)(体系|内容)?$/u;

const INDICATOR_NAME_WORDS = /一级(绩效)?指标|二级(绩效)?指标|三级(绩效)?指标|指标名称|^[一二三]级$/u;
const HEADER_WORD = /指标|性质|单位|序号|符号|描述|解释|说明|依据|来源|权重|分值|得分|完成值|方向|^目标值?$|^[一二三]级$/u;

function headerKey(text: string): string {
  return text.replace(/[\s:：]/gu, '').replace(/[(（][^)）]*[)）]$/u, '');
}

export function roleOfHeader(text: string): ColumnRole {
  const key = headerKey(text);
  for (const [pattern, role] of ROLE_RULES) if (pattern.test(key)) return role;
  return 'other';
}

export function isHeaderWord(text: string): boolean {
  const key = headerKey(text);
  return key.length > 0 && key.length <= 16 && HEADER_WORD.test(key);
}

/** A row that opens the indicator header: ≥ 2 header words, one of them naming indicators. */
export function isIndicatorHeaderRow(index: SlotIndex, row: number): boolean {
  return isIndicatorHeaderTexts(index.rowCells(row).map((cell) => cell.text).filter(Boolean));
}

/**
 * Two rows that open the header together: each head wrapped over both (`序 / 号`, `前年指标 / 值`,
 * `计量 / 单位`), so that neither row alone names enough columns, but the heads read through both do.
 */
function isWrappedIndicatorHeader(index: SlotIndex, above: number, below: number): boolean {
  if (!wrapsInto(index, above, below)) return false;
  const texts: string[] = [];
  for (const cell of index.rowCells(below)) {
    const over = cell.row === below ? index.at(above, cell.col) : undefined;
    const text = (over && over.row === above && over.col === cell.col ? over.text : '') + cell.text;
    if (text) texts.push(text);
  }
  return isIndicatorHeaderTexts(texts);
}

function isIndicatorHeaderTexts(texts: string[]): boolean {
  const headerWords = texts.filter(isHeaderWord);
  const names = headerWords.some((t) => INDICATOR_NAME_WORDS.test(headerKey(t)));
  const seqAndName = headerWords.some((t) => /^序号$/u.test(headerKey(t))) && headerWords.some((t) => /指标/u.test(t));
  return headerWords.length >= 2 && headerWords.length >= texts.length / 2 && (names || seqAndName);
}

function rowSignature(index: SlotIndex, row: number): string {
  return index.rowCells(row).map((cell) => cell.text).join('|');
}

/** Column header paths: the distinct header texts down each column, minus wide group labels. */
function columnHeaders(grid: Grid, index: SlotIndex, start: number, end: number): string[] {
  const headers: string[] = [];
  for (let c = 0; c < grid.nCols; c++) {
    const parts: string[] = [];
    for (let r = start; r <= end; r++) {
      const cell = index.at(r, c);
      if (!cell || !cell.text || parts[parts.length - 1] === cell.text) continue;
      const isGroupLabel = cell.colSpan > grid.nCols / 2 && cell.row + cell.rowSpan - 1 < end;
      if (!isGroupLabel) parts.push(cell.text);
    }
    headers.push(parts.join('/'));
  }
  return headers;
}

function roleOfPath(path: string): ColumnRole {
  const parts = path.split('/');
  const last = roleOfHeader(parts[parts.length - 1] ?? '');
  if (last !== 'other' || parts.length < 2) return last;
  // One header cell wrapped over two lines that a PDF reading gave as two header rows
  // (`指标值说` over `明`, `前年指标` over `值`): the parts read together name the column.
  const joined = roleOfHeader(parts.join(''));
  return joined !== 'other' ? joined : roleOfHeader(parts[0]);
}

/** Ensures at most one column per level role; extra ones become 'other'. */
function dedupeRoles(columns: Column[]): Column[] {
  const seen = new Set<ColumnRole>();
  return columns.map((column) => {
    if (column.role === 'other' || !seen.has(column.role)) {
      seen.add(column.role);
      return column;
    }
    return { ...column, role: 'other' };
  });
}

/** A header word that is not also a level name: `产出指标` in a body row is data, not a header. */
function isHeaderOnlyWord(text: string): boolean {
  return isHeaderWord(text) && canonicalLevel1(text) === null && canonicalLevel2(text) === null;
}

/** Whether a row continues the header: most of the cells that start in it are header words. */
function continuesHeader(index: SlotIndex, row: number, forced: boolean): boolean {
  const own = index.cellsStartingIn(row).filter((cell) => cell.text);
  if (own.length === 0) return forced;
  const words = own.filter((cell) => isHeaderOnlyWord(cell.text)).length;
  // A row a header cell spans into needs only a majority (`指标名称 | 属性 | 单位` under 三级指标);
  // one nothing spans into must be header words throughout.
  return forced ? words * 2 >= own.length : words === own.length;
}

/**
 * Whether row `above` holds the first lines of header cells wrapped into row `below` (a PDF
 * reading gives each line of `序 / 号`, `计算 / 符号`, `指标值说 / 明` a row): every cell of it
 * makes a header word together with the cell under it, and two or more complete a piece that is
 * no header word alone (`号`, `值`, `明`). A header-block row above the header (`主管部门 | XX局`
 * over `一级指标 | 二级指标`) completes nothing.
 */
function wrapsInto(index: SlotIndex, above: number, below: number): boolean {
  const own = index.cellsStartingIn(above).filter((cell) => cell.text);
  let completed = 0;
  for (const cell of own) {
    const under = index.at(below, cell.col);
    if (!under || under.row !== below || !under.text || isContextKey(cell.text) || !isHeaderWord(cell.text + under.text)) return false;
    if (!isHeaderWord(under.text)) completed++;
  }
  return completed >= 2;
}

/**
 * The first indicator header at or below `from`. Its rows are the row that opens it plus the rows
 * below that continue it (header words, or rows its cells span into that hold header words). A
 * cell that starts in the header and runs on into rows that do not continue it is an outer group
 * label (`绩效指标` merged down the whole body), not part of the header.
 */
export function findHeader(grid: Grid, index = new SlotIndex(grid), from = 0): HeaderInfo | null {
  let first = -1;
  for (let r = from; r < grid.nRows && first < 0; r++) {
    if (isIndicatorHeaderRow(index, r)) first = r;
    else if (r + 1 < grid.nRows && isWrappedIndicatorHeader(index, r, r + 1)) first = r + 1;
  }
  if (first < 0) return null;
  let start = first;
  // A header cell above (e.g. 指标描述 spanning three header rows) pulls its row in.
  while (start > from && index.rowCells(start - 1).some((cell) => cell.row + cell.rowSpan - 1 >= first && cell.text && isHeaderWord(cell.text)) && continuesHeader(index, start - 1, true)) start--;
  while (start > from && wrapsInto(index, start - 1, start)) start--;
  let end = first;
  while (end + 1 < grid.nRows) {
    const following = end + 1;
    const forced = index.rowCells(following).some((cell) => cell.row >= start && cell.row < following && cell.text);
    if (!continuesHeader(index, following, forced)) break;
    end = following;
  }
  const labelColumns: number[] = [];
  for (let r = start; r <= end; r++) {
    for (const cell of index.cellsStartingIn(r)) {
      if (cell.text && cell.row + cell.rowSpan - 1 > end) for (let c = cell.col; c < cell.col + cell.colSpan; c++) labelColumns.push(c);
    }
  }
  const headers = columnHeaders(grid, index, start, end);
  // Without a merge (blank below, or the label repeated in every row) the column says the same.
  headers.forEach((header, c) => { if (GROUP_LABEL.test(headerKey(header)) && !labelColumns.includes(c)) labelColumns.push(c); });
  const columns = dedupeRoles(headers.map((header, c) => ({ header, role: labelColumns.includes(c) ? 'other' : roleOfPath(header) })));
  const rowSignatures = [];
  for (let r = start; r <= end; r++) rowSignatures.push(rowSignature(index, r));
  return { start, end, columns, rowSignatures, labelColumns };
}

export function isRepeatedHeaderRow(index: SlotIndex, row: number, header: HeaderInfo): boolean {
  return header.rowSignatures.includes(rowSignature(index, row)) || isIndicatorHeaderRow(index, row);
}
