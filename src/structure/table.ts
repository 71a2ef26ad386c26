// Grid → indicator table: header and roles, hierarchy, values, context, kind and title.
import type { Grid, GridCell, RowSource } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import type { ColumnRole, IndicatorSource, TableKind } from '../model/schema.ts';
import { canonicalLevel1, canonicalLevel2 } from '../normalize/vocabulary.ts';
import { normalizeValue } from '../normalize/values.ts';
import { type Column, type HeaderInfo, findHeader, isRepeatedHeaderRow } from './header.ts';
import { EMPTY_LEVELS, type LevelState, type LevelValue, headingKind, nextLevels } from './levels.ts';
import { readCaptions, readHeaderBlock, tableTitle } from './context.ts';
import { healCutCells } from './cut-cells.ts';
import { type ReadIndicator, type TypedIndicator, type TypedTable, withTypedFields } from './typed-fields.ts';

const TOTAL_ROW = /^(总分|合计|总计|小计|得分合计)$/u;
const PLACEHOLDER = /^[.。…·\-—_\s]+$/u;

/**
 * An indicator before scoring: confidence is filled in by the scorer, quality by src/quality.
 * `gridRow` is evidence for the scorer (src/confidence/evidence.ts): the grid row the indicator came from. Not output.
 */
export type DraftIndicator = TypedIndicator;
export type DraftTable = TypedTable;

function columnOf(columns: Column[], role: ColumnRole): number {
  return columns.findIndex((column) => column.role === role);
}

function toSource(source: RowSource, bboxOfRow: () => GridCell['bbox']): IndicatorSource {
  if ('page' in source) return { page: source.page, bbox: bboxOfRow() ?? source.bbox };
  return source;
}

function levelFlags(name: 'level1' | 'level2', value: LevelValue): string[] {
  switch (value.origin) {
    case 'merged-cell': return [`${name}-from-merged-cell`];
    case 'carried-forward': return [`${name}-carried-forward`];
    case 'carried-across-page': return [`${name}-carried-across-page`];
    case 'heading-row': return [`${name}-from-heading-row`];
    case 'missing': return [`${name}-missing`];
    default: return [];
  }
}

/** Bounding box of the cells that start in a row (PDF only). */
function rowBBox(cells: GridCell[]): GridCell['bbox'] {
  const boxes = cells.map((cell) => cell.bbox).filter((b): b is NonNullable<typeof b> => Boolean(b));
  if (boxes.length === 0) return undefined;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

function decideKind(columns: Column[], context: Record<string, string>): TableKind {
  const roles = new Set(columns.map((column) => column.role));
  if (!roles.has('level3')) return 'other';
  if (roles.has('actual') || roles.has('score')) return 'self-evaluation';
  if (roles.has('value') || roles.has('weight') || '项目名称' in context || Object.keys(context).some((key) => /目标/u.test(key))) return 'performance-targets';
  return 'indicator-system';
}

interface RowContext {
  grid: Grid;
  index: SlotIndex;
  columns: Column[];
  header: HeaderInfo;
}

function textAt(ctx: RowContext, row: number, col: number): string {
  if (col < 0) return '';
  const cell = ctx.index.at(row, col);
  return cell ? cell.text : '';
}

/** Texts of the row by column header; a merged cell is reported in every column it covers once. */
function rowFields(ctx: RowContext, row: number): Record<string, string> {
  const fields: Record<string, string> = {};
  ctx.columns.forEach((column, col) => {
    const cell = ctx.index.at(row, col);
    if (cell && cell.col !== col) return;
    const key = column.header || `列${col + 1}`;
    fields[key in fields ? `${key}#${col + 1}` : key] = cell ? cell.text : '';
  });
  return fields;
}

/**
 * What a 三级指标 cell holds when a form's template row has no indicator (不适用, its typo 不适应,
 * 无, /, —, 不涉及, 暂无): the row is not an indicator, and a warning says so.
 */
const NO_INDICATOR = /^(不适用|不适应|无|暂无|不涉及|[/\\／—\-–_~]+)$/u;
/** A row opened by a note label (`备注:…`, `说明 | …`) is a note under the table, not an indicator. */
const NOTE_LABEL = /^(备注|说明|注|附注|填表说明|填报说明)(?:[:：].*)?$/su;

type BodyRow =
  | { kind: 'skip' }
  | { kind: 'note'; text: string }
  | { kind: 'candidate'; ownTexts: string[] };

/** Rows that are plainly not indicators, before levels are read: headers, totals, placeholders, notes. */
function classifyRow(ctx: RowContext, row: number): BodyRow {
  const { index, header } = ctx;
  if (isRepeatedHeaderRow(index, row, header)) return { kind: 'skip' };
  const own = index.cellsStartingIn(row).filter((cell) => cell.text);
  const ownTexts = own.map((cell) => cell.text);
  if (ownTexts.length === 0) return { kind: 'skip' };
  const texts = index.rowCells(row).filter((cell) => cell.row === row || cell.rowSpan === 1).map((cell) => cell.text).filter(Boolean);
  if (texts.some((text) => TOTAL_ROW.test(text.replace(/\s/gu, '')))) return { kind: 'skip' };
  if (ownTexts.every((text) => PLACEHOLDER.test(text))) return { kind: 'skip' };
  if (NOTE_LABEL.test(ownTexts[0].replace(/\s/gu, ''))) return { kind: 'note', text: ownTexts.join(' | ') };
  return { kind: 'candidate', ownTexts };
}

export function structureGrid(cutGrid: Grid, tableIndex: number): DraftTable | null {
  const grid = healCutCells(cutGrid);
  const index = new SlotIndex(grid);
  const header = findHeader(grid, index);
  if (!header) return null;
  const columns = header.columns;
  const ctx: RowContext = { grid, index, columns, header };
  const block = readHeaderBlock(index, 0, header.start);
  const captions = readCaptions([...grid.captions, ...block.titles]);
  const context = { ...captions.context, ...block.context };
  const warnings = [...grid.warnings];

  const col = {
    seq: columnOf(columns, 'seq'), level1: columnOf(columns, 'level1'), level2: columnOf(columns, 'level2'),
    level3: columnOf(columns, 'level3'), operator: columnOf(columns, 'operator'), value: columnOf(columns, 'value'),
    unit: columnOf(columns, 'unit'), description: columnOf(columns, 'description'),
  };
  if (col.level3 < 0) return null;
  const headingLayout = col.level1 < 0 && col.level2 < 0;
  // A header cell spanning several columns heads one column (评价标准 over three sheet columns).
  const spannedOn = (c: number) => c > 0 && index.at(header.end, c) === index.at(header.end, c - 1);
  const unmapped = columns.filter((column, c) => column.role === 'other' && column.header && !header.labelColumns.includes(c) && !spannedOn(c)).map((column) => column.header);
  if (unmapped.length) warnings.push(`columns not recognised: ${unmapped.join(', ')}`);

  const indicators: ReadIndicator[] = [];
  let levels: LevelState = EMPTY_LEVELS;
  const pageBreaks = new Set(grid.pageBreakRows);
  let crossedPage = false;
  for (let row = header.end + 1; row < grid.nRows; row++) {
    if (pageBreaks.has(row)) crossedPage = true;
    const body = classifyRow(ctx, row);
    if (body.kind === 'skip') continue;
    if (body.kind === 'note') {
      warnings.push(`row ${row + 1} is a note, not an indicator: ${body.text}`);
      continue;
    }
    const ownTexts = body.ownTexts;

    const name = textAt(ctx, row, col.level3);
    const valueTexts = [col.operator, col.value, col.unit, col.description].map((c) => (c >= 0 && index.at(row, c)?.row === row ? textAt(ctx, row, c) : ''));
    if (headingLayout && name && valueTexts.every((text) => !text)) {
      const kind = headingKind(name, textAt(ctx, row, col.seq), levels.level1.text);
      if (kind === 'level1') levels = { level1: { text: name, origin: 'heading-row' }, level2: EMPTY_LEVELS.level2 };
      else if (kind === 'level2') levels = { level1: levels.level1, level2: { text: name, origin: 'heading-row' } };
      else warnings.push(`row ${row + 1}: a name-only row "${name}" that opens no known level`);
      crossedPage = false;
      continue;
    }
    if (!headingLayout) {
      levels = nextLevels(levels, index.at(row, col.level1), col.level2 >= 0 ? index.at(row, col.level2) : undefined, row, crossedPage);
    }
    crossedPage = false;
    const nameCell = index.at(row, col.level3);
    const nameIsLevel = nameCell !== undefined && nameCell.row !== row && nameCell.rowSpan > 1 && name === levels.level2.text;
    if (!name || nameIsLevel) {
      // Level labels alone (an empty 二级 group such as a 成本指标 row with nothing under it) are
      // no loss; text in the target columns without a name is.
      if (valueTexts.some((text) => text && !NO_INDICATOR.test(text))) warnings.push(`row ${row + 1} has no indicator name: ${ownTexts.join(' | ')}`);
      else warnings.push(`row ${row + 1}: a group with no indicator, not an indicator: ${ownTexts.join(' | ')}`);
      continue;
    }
    if (NO_INDICATOR.test(name.replace(/\s/gu, ''))) {
      warnings.push(`row ${row + 1}: 三级指标 "${name}" names no indicator, not an indicator: ${ownTexts.join(' | ')}`);
      continue;
    }
    indicators.push(buildIndicator(ctx, row, name, levels, col, { level2Column: headingLayout || col.level2 >= 0 }));
  }
  return withTypedFields({
    index: tableIndex,
    title: tableTitle(captions.title, context),
    kind: decideKind(columns, context),
    location: grid.location,
    columns,
    context,
    indicators,
    warnings,
  }, grid);
}

interface TableShape {
  /** Whether the table has a place for 二级 at all (a column or heading rows): without one, none is missing. */
  level2Column: boolean;
}

function buildIndicator(ctx: RowContext, row: number, name: string, levels: LevelState, col: Record<'operator' | 'value' | 'unit' | 'description', number>, shape: TableShape): ReadIndicator {
  const normalized = normalizeValue(textAt(ctx, row, col.operator), textAt(ctx, row, col.value), textAt(ctx, row, col.unit), col.value >= 0);
  const flags = [...levelFlags('level1', levels.level1), ...(shape.level2Column ? levelFlags('level2', levels.level2) : []), ...normalized.notes];
  const level1 = levels.level1.text;
  const level2 = levels.level2.text;
  const source = toSource(ctx.grid.rowSources[row], () => rowBBox(ctx.index.cellsStartingIn(row)));
  return {
    level1,
    level2,
    level3: name,
    level1Canonical: canonicalLevel1(level1),
    level2Canonical: canonicalLevel2(level2),
    operator: normalized.operator,
    value: normalized.value,
    number: normalized.number,
    unit: normalized.unit,
    description: textAt(ctx, row, col.description) || null,
    fields: rowFields(ctx, row),
    source,
    flags,
    gridRow: row,
  };
}
