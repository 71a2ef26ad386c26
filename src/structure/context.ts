// Facts around an indicator table: caption lines above it (title, 项目名称, 起始 2023) and the
// header block inside it (项目名称, 主管部门, funding rows, 年度绩效目标) become `context`.
import type { GridCell } from '../model/layout.ts';
import type { SlotIndex } from '../model/grid.ts';

/** Labels that head a key/value pair in a header block or caption line. */
const KEY_WORDS = '项目名称|项目编码|项目编号|主管部门|项目主管部门|实施单位|项目实施单位|主管单位|预算单位|项目单位|申报单位|申请单位|项目负责人|项目联系人|联系人|联系电话|负责人|项目类别|项目属性|项目期限|项目周期|资金用途|起始|起始年度|年度|绩效目标|年度绩效目标|年度目标|总体目标|年度总体目标|实施期目标|项目资金|资金总额|年度资金总额|其中:财政拨款|财政拨款|其中:财政资金|财政资金|其他资金|上年结转|中央资金|省级资金|部门|单位|单位名称|部门名称|预算年度|填报单位|填报日期|填报时间|填报人|金额单位|实施期';
const CONTEXT_KEYS = new RegExp(`^(${KEY_WORDS})$`, 'u');
/**
 * A known key and its colon where a fact starts inside a line. Cleaning removes the space between
 * two Chinese facts (`填报单位:XX局 填报日期:…` → `…XX局填报日期:…`), so a key may follow any text.
 */
const FACT_START = new RegExp(`(${KEY_WORDS})\\s*[:：]`, 'gu');

/** Column heads of a funding matrix (项目资金 rows × 年初预算数 | 全年预算数 | …). */
const FUNDING_HEADS = /年初预算数|全年预算数|全年执行数|预算数|执行数|执行率|分值|得分|金额|预期目标|实际完成情况|实际完成/u;

interface Matrix {
  /** Column heads by grid column. */
  heads: (string | null)[];
  /** The label standing left of the heads (项目资金, 年度总体目标), used when a row has none. */
  label: string | null;
  /** First grid column of the matrix: a row with its own text there ends the matrix. */
  firstCol: number;
  /**
   * A list (年度重点工作任务 | 任务名称 | 主要内容 | 预算金额): the column whose cell names each row;
   * its facts are `label/row name/head`. Absent for a funding matrix (`row label/head`).
   */
  keyCol?: number;
  /** A list's heads may take a second row of sub-heads (预算金额 over 总额 | 财政拨款). */
  openForSubHeads?: boolean;
}

const GENERIC_TITLE = /^(附件\d*[:：]?.*|绩效指标表|年度绩效指标|总体绩效指标|绩效目标表|.*(申报表|自评表)(\(.*\))?|单位[:：].*|金额单位.*|\(?\d{4}年度?\)?|起始\s*\d{4})$/u;

/**
 * A form's or table document's own heading line, named by what it is: `…申报表`,
 * `2024年市级部门整体预算绩效目标表`, `…自评表(2024年度)`, `2025年公共文化服务绩效指标体系`.
 */
const FORM_TITLE = /^[^:：]{2,60}(表|体系|清单)([(（][^)）]{1,12}[)）])?$/u;
/** The year a heading or caption line states: `2025年度…`, `(2024年度)`. */
const FORM_YEAR = /(?<!\d)((?:19|20)\d{2})\s*年度/u;

export function isFormTitleLine(line: string): boolean {
  return lineFacts(line).length === 0 && !/^附件/u.test(line) && FORM_TITLE.test(line);
}

/** Lines that head a form without naming it: a bare year (`(2025年度)`), a unit line, an 附件 label. */
const NEVER_A_TITLE = /^([(（]?\d{4}年度?[)）]?|附件.*|(金额)?单位[:：].*)$/u;

/** Context keys that name a form's subject, most specific first. */
const TITLE_KEYS = ['项目名称', '部门名称', '单位名称'];

function keyOf(text: string): string {
  return text.replace(/[\s（(]*万元[)）]?|[（(][^)）]*[)）]|[:：]$/gu, '').replace(/：/gu, ':');
}

export function isContextKey(text: string): boolean {
  return CONTEXT_KEYS.test(keyOf(text));
}

/** A cell that names a form's subject: the label `项目名称`/`部门名称` or a fact `项目名称:X`. */
export function isSubjectFact(text: string): boolean {
  return TITLE_KEYS.includes(keyOf(text)) || TITLE_KEYS.includes(lineFacts(text)[0]?.[0] ?? '');
}

/**
 * Every `key:value` fact of a line that consists of facts only, in order:
 * `填报单位:XX局 填报日期:2025年3月10日` → two facts; `起始 2023` → one; other lines → [].
 */
export function lineFacts(line: string): [string, string][] {
  const year = /^(起始|起始年度|年度)\s*(\d{4})年?$/u.exec(line);
  if (year) return [[year[1], year[2]]];
  const starts = [...line.matchAll(FACT_START)];
  if (starts.length === 0 || starts[0].index !== 0) return [];
  const facts: [string, string][] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : line.length;
    const value = line.slice(start.index + start[0].length, end).trim();
    if (value) facts.push([keyOf(start[1]), value]);
  });
  return facts;
}

/** `项目名称:XX平台` / `起始 2023` → [key, value] (the first fact of the line). */
export function splitCaptionFact(line: string): [string, string] | null {
  return lineFacts(line)[0] ?? null;
}

export interface CaptionFacts {
  title: string | null;
  context: Record<string, string>;
}

/** The table title and context from the caption lines above it (nearest last). */
export function readCaptions(captions: string[]): CaptionFacts {
  const context: Record<string, string> = {};
  let title: string | null = null;
  for (const line of captions) for (const [key, value] of lineFacts(line)) context[key] = value;
  // The form's own heading (`2025年度项目支出绩效目标申报表`) and the year it states, if any.
  const formName = [...captions].reverse().find(isFormTitleLine);
  if (formName) context['表名'] = formName;
  const year = captions.map((line) => FORM_YEAR.exec(line)).find((match) => match !== null);
  if (year && !context['年度']) context['年度'] = year[1];
  for (let i = captions.length - 1; i >= 0 && title === null; i--) {
    const line = captions[i];
    if (!splitCaptionFact(line) && !GENERIC_TITLE.test(line) && line.length <= 60) title = line;
  }
  if (context['项目名称']) title = context['项目名称'];
  if (title === null) {
    const generic = [...captions].reverse().find((line) => !splitCaptionFact(line) && !NEVER_A_TITLE.test(line));
    title = generic ?? null;
  }
  return { title, context };
}

/**
 * A table's title: its project (项目名称) where the form names one, else the department of a
 * 部门整体 form, else the caption nearest above.
 */
export function tableTitle(captionTitle: string | null, context: Record<string, string>): string | null {
  for (const key of TITLE_KEYS) if (context[key]) return context[key];
  return captionTitle;
}

/** Header-block rows above the indicator header: key/value pairs and funding matrices. */
export function readHeaderBlock(index: SlotIndex, firstRow: number, endRow: number): { context: Record<string, string>; titles: string[] } {
  const context: Record<string, string> = {};
  const titles: string[] = [];
  let matrix: Matrix | null = null;
  for (let r = firstRow; r < endRow; r++) {
    const cells = index.rowCells(r);
    const own = cells.filter((cell) => cell.row === r && cell.text);
    if (own.length === 0) continue;
    const distinctTexts = [...new Set(cells.map((cell) => cell.text).filter(Boolean))];
    if (distinctTexts.length === 1 && !isContextKey(distinctTexts[0])) {
      titles.push(distinctTexts[0]);
      matrix = null;
      continue;
    }
    if (matrix?.openForSubHeads && own.every((cell) => isShortLabel(cell.text) && cell.col !== matrix!.keyCol)) {
      for (const cell of own) for (let c = cell.col; c < cell.col + cell.colSpan; c++) if (matrix.heads[c]) matrix.heads[c] += `/${cell.text}`;
      matrix.openForSubHeads = false;
      continue;
    }
    if (matrix) matrix.openForSubHeads = false;
    if (matrix && own.some((cell) => cell.col <= matrix!.firstCol)) {
      // A total under a list (`金额合计 | | 800 | 750`) reads with the list's heads; anything else ends it.
      const total = matrix.keyCol !== undefined && own.length > 1 && own.slice(1).every((cell) => /\d/u.test(cell.text) && matrix!.heads[cell.col] && cell.col !== matrix!.keyCol);
      if (total) readMatrixRow(cells, r, matrix, context);
      matrix = null;
      if (total) continue;
    }
    const headsHere = own.filter((cell) => FUNDING_HEADS.test(cell.text)).length;
    if (headsHere >= 2) {
      matrix = matrixHeads(index, own);
      continue;
    }
    const list = listHeads(index, own);
    if (list) {
      matrix = list;
      continue;
    }
    if (matrix?.keyCol !== undefined) readListRow(cells, r, matrix, context);
    else if (matrix) readMatrixRow(cells, r, matrix, context);
    else readPairs(own, context);
  }
  return { context, titles };
}

function matrixHeads(index: SlotIndex, own: GridCell[]): Matrix {
  const heads: (string | null)[] = new Array(index.grid.nCols).fill(null);
  const headCells = own.filter((cell) => FUNDING_HEADS.test(cell.text));
  for (const cell of headCells) for (let c = cell.col; c < cell.col + cell.colSpan; c++) heads[c] = cell.text;
  const label = own.find((cell) => !FUNDING_HEADS.test(cell.text) && cell.col < headCells[0].col);
  return { heads, label: label ? keyOf(label.text) : null, firstCol: label ? label.col : headCells[0].col };
}

/** A short label that heads a column of a list in a header block (任务名称, 主要内容, 预算金额(万元)). */
function isHeadLike(text: string): boolean {
  return isShortLabel(text) && !isContextKey(text);
}

function isShortLabel(text: string): boolean {
  return text.length <= 12 && !/\d/u.test(text);
}

/** Heads of a list: a label cell spanning down beside ≥ 2 short column heads (年度重点工作任务 | 任务名称 | 主要内容 …). */
function listHeads(index: SlotIndex, own: GridCell[]): Matrix | null {
  const [label, ...heads] = own;
  if (!label || label.rowSpan < 2 || heads.length < 2 || !heads.every((cell) => isHeadLike(cell.text))) return null;
  const byColumn: (string | null)[] = new Array(index.grid.nCols).fill(null);
  for (const cell of heads) for (let c = cell.col; c < cell.col + cell.colSpan; c++) byColumn[c] = cell.text;
  return { heads: byColumn, label: keyOf(label.text), firstCol: label.col, keyCol: heads[0].col, openForSubHeads: true };
}

/** One row of a list: `公共文化服务 | 开展惠民演出 | 500` → `年度主要任务/公共文化服务/主要内容: 开展惠民演出`, …. */
function readListRow(cells: GridCell[], row: number, matrix: Matrix, context: Record<string, string>): void {
  const own = cells.filter((cell) => cell.row === row && cell.text);
  const name = own.find((cell) => cell.col === matrix.keyCol)?.text;
  if (!name || !matrix.label) return;
  // A sentence under the first head is no row name: the heads are texts of their own
  // (当年绩效目标 | 全年绩效目标 | 全年目标实际完成情况) → `label/head`.
  const named = !SENTENCE.test(name);
  for (const cell of own) {
    const head = matrix.heads[cell.col];
    if (!head) continue;
    if (!named) context[`${matrix.label}/${head}`] = cell.text;
    else if (cell.col !== matrix.keyCol) context[`${matrix.label}/${name}/${head}`] = cell.text;
  }
}

/** Punctuation of a sentence, never of a name. */
const SENTENCE = /[，。；;,]|[.。]$/u;

/** One row of a matrix: `年度资金总额 | 320 | 350 …` → `年度资金总额/年初预算数: 320`, …. */
function readMatrixRow(cells: GridCell[], row: number, matrix: Matrix, context: Record<string, string>): void {
  const own = cells.filter((cell) => cell.row === row && cell.text);
  const labelCell = own.find((cell) => matrix.heads[cell.col] === null);
  const label = labelCell ? keyOf(labelCell.text) : matrix.label;
  if (!label) return;
  for (const cell of own) {
    const head = matrix.heads[cell.col];
    if (cell !== labelCell && head) context[`${label}/${head}`] = cell.text;
  }
}

/** Pairs label cells with the value cell to their right; a cell that states its own facts gives them. */
function readPairs(own: GridCell[], context: Record<string, string>): void {
  for (let i = 0; i < own.length; i++) {
    const label = own[i];
    const facts = lineFacts(label.text);
    if (facts.length > 0) {
      // A cell holding its own facts (`项目名称:XX`, `填报单位:X 填报日期:Y`).
      for (const [key, value] of facts) context[key] = value;
      continue;
    }
    if (i === own.length - 1) break;
    if (!isContextKey(label.text) && !(label.text.length <= 12 && /[:：]$/u.test(label.text))) continue;
    const value = own[i + 1];
    if (isContextKey(value.text)) continue;
    context[keyOf(label.text)] = value.text;
    i++;
  }
}
