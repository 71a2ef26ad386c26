// Facts around an indicator table: caption lines above it (title, 项目名称, 起始 2023) and the
// header block inside it (项目名称, 主管部门, funding rows, 年度绩效目标) become `context`.
import type { GridCell } from '../model/layout.ts';
import type { SlotIndex } from '../model/grid.ts';

/** Labels that head a key/value pair in a header block or caption line. */
const CONTEXT_KEYS = /^(项目名称|主管部门|实施单位|主管单位|预算单位|项目单位|项目负责人|联系电话|负责人|项目类别|项目属性|项目期限|项目周期|资金用途|起始|起始年度|年度|绩效目标|年度绩效目标|年度目标|总体目标|年度总体目标|实施期目标|项目资金|资金总额|年度资金总额|其中:财政拨款|财政拨款|其中:财政资金|财政资金|其他资金|上年结转|中央资金|省级资金|部门|单位|单位名称|部门名称|预算年度|填报单位|实施期)$/u;

/** Column heads of a funding matrix (项目资金 rows × 年初预算数 | 全年预算数 | …). */
const FUNDING_HEADS = /年初预算数|全年预算数|全年执行数|预算数|执行数|执行率|分值|得分|金额|预期目标|实际完成情况|实际完成/u;

interface Matrix {
  /** Column heads by grid column. */
  heads: (string | null)[];
  /** The label standing left of the heads (项目资金, 年度总体目标), used when a row has none. */
  label: string | null;
  /** First grid column of the matrix: a row with its own text there ends the matrix. */
  firstCol: number;
}

const GENERIC_TITLE = /^(附件\d*[:：]?.*|绩效指标表|年度绩效指标|总体绩效指标|绩效目标表|.*(申报表|自评表)(\(.*\))?|单位[:：].*|金额单位.*|\(?\d{4}年度?\)?|起始\s*\d{4})$/u;

function keyOf(text: string): string {
  return text.replace(/[\s（(]*万元[)）]?|[（(][^)）]*[)）]|[:：]$/gu, '').replace(/：/gu, ':');
}

export function isContextKey(text: string): boolean {
  return CONTEXT_KEYS.test(keyOf(text));
}

/** `项目名称:XX平台` / `起始 2023` → [key, value]. */
export function splitCaptionFact(line: string): [string, string] | null {
  const colon = /^([^:：]{2,12})[:：]\s*(.+)$/u.exec(line);
  if (colon && isContextKey(colon[1])) return [keyOf(colon[1]), colon[2].trim()];
  const year = /^(起始|起始年度|年度)\s*(\d{4})年?$/u.exec(line);
  if (year) return [year[1], year[2]];
  return null;
}

export interface CaptionFacts {
  title: string | null;
  context: Record<string, string>;
}

/** The table title and context from the caption lines above it (nearest last). */
export function readCaptions(captions: string[]): CaptionFacts {
  const context: Record<string, string> = {};
  let title: string | null = null;
  for (const line of captions) {
    const fact = splitCaptionFact(line);
    if (fact) context[fact[0]] = fact[1];
  }
  for (let i = captions.length - 1; i >= 0 && title === null; i--) {
    const line = captions[i];
    if (!splitCaptionFact(line) && !GENERIC_TITLE.test(line) && line.length <= 60) title = line;
  }
  if (context['项目名称']) title = context['项目名称'];
  if (title === null) {
    const generic = [...captions].reverse().find((line) => !splitCaptionFact(line) && !/^附件/u.test(line));
    title = generic ?? null;
  }
  return { title, context };
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
    if (matrix && own.some((cell) => cell.col <= matrix!.firstCol)) matrix = null;
    const headsHere = own.filter((cell) => FUNDING_HEADS.test(cell.text)).length;
    if (headsHere >= 2) {
      matrix = matrixHeads(index, own);
      continue;
    }
    if (matrix) readMatrixRow(cells, r, matrix, context);
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

/** Pairs label cells with the value cell to their right. */
function readPairs(own: GridCell[], context: Record<string, string>): void {
  for (let i = 0; i < own.length - 1; i++) {
    const label = own[i];
    if (!isContextKey(label.text) && !(label.text.length <= 12 && /[:：]$/u.test(label.text))) continue;
    const value = own[i + 1];
    if (isContextKey(value.text)) continue;
    context[keyOf(label.text)] = value.text;
    i++;
  }
}
