// Schema v2 typed fields, read from the columns a structured table already has: per row the
// target, 实际完成值, 分值/权重, 得分, 偏差原因, 方向, 前年/上年值, 依据, 来源, 备注 (each with the
// headers it came from; the original cells stay in `fields`); per table the project block
// (project.ts) and the 总分/合计 row. Nothing here changes a v1 field.
import type { Grid } from '../model/layout.ts';
import { SlotIndex } from '../model/grid.ts';
import type {
  ColumnRole, Direction, HistoryValue, Indicator, Measure, Points, Table, TableTotal, Target, TypedIndicatorKey, TypedText,
} from '../model/schema.ts';
import { looksLikeUnit, parseNumber } from '../normalize/values.ts';
import { readProject } from './project.ts';

interface Column {
  header: string;
  role: ColumnRole;
}

/** What a column means to the v2 output. `null`: not typed (its cells live in `fields` only). */
export type TypedRole =
  | 'structure' | 'target' | 'description' | 'actual' | 'weight' | 'score' | 'deviation' | 'direction'
  | 'history' | 'basis' | 'origin' | 'remark';

const REMARK_HEADER = /备注/u;

/**
 * Headers of typed columns the structurer's roles leave as 'other' (header.ts names the roles;
 * these only add v2 meanings): 未完成原因分析 is a 偏差原因 column under another name.
 */
const OTHER_HEADERS: [RegExp, TypedRole][] = [
  [/备注/u, 'remark'],
  [/未完成原因|原因分析|偏差说明|整改措施/u, 'deviation'],
  [/指标来源/u, 'origin'],
  [/取值依据|确定依据/u, 'basis'],
];

/** The v2 meaning of a column from its structurer role and, where the role is too coarse, its header. */
export function typedRoleOf(column: Column): TypedRole | null {
  switch (column.role) {
    case 'seq': case 'level1': case 'level2': case 'level3': return 'structure';
    case 'operator': case 'value': case 'unit': return 'target';
    case 'description': return REMARK_HEADER.test(column.header) ? 'remark' : 'description';
    case 'weight': case 'points': return 'weight';
    case 'prevValue': case 'lastValue': return 'history';
    case 'actual': case 'score': case 'deviation': case 'direction': case 'basis': case 'origin': return column.role;
    default: return OTHER_HEADERS.find(([pattern]) => pattern.test(column.header))?.[1] ?? null;
  }
}

/**
 * The key each column's cell has in `fields`: the header (or `列N` without one), `header#N`
 * for a header met before — the naming of the structurer's rowFields.
 */
export function fieldKeys(columns: Column[]): string[] {
  const seen = new Set<string>();
  return columns.map((column, col) => {
    const key = column.header || `列${col + 1}`;
    const named = seen.has(key) ? `${key}#${col + 1}` : key;
    seen.add(key);
    return named;
  });
}

const NUMBER_THEN_REST = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(.*)$/u;

/** `126公里` → 126 + 公里; `82%` → 82 + %; `3` with a unit column 个 → 3 + 个; `有所改善` stays text. */
export function readMeasure(text: string, unitCell: { text: string; header: string } | null, header: string): Measure | null {
  const t = text.trim();
  if (!t) return null;
  const match = NUMBER_THEN_REST.exec(t);
  if (match && (match[2] === '' || looksLikeUnit(match[2]))) {
    const ownUnit = match[2] || null;
    const unitFromColumn = !ownUnit && unitCell && unitCell.text ? unitCell : null;
    return {
      value: match[1], number: parseNumber(match[1]), unit: ownUnit ?? unitFromColumn?.text ?? null,
      from: unitFromColumn ? [header, unitFromColumn.header] : [header],
    };
  }
  return { value: t, number: null, unit: null, from: [header] };
}

const POINTS_NUMBER = /^([-+]?\d+(?:\.\d+)?)\s*分?$/u;

function readPoints(text: string, header: string): Points | null {
  const t = text.trim();
  if (!t) return null;
  const match = POINTS_NUMBER.exec(t);
  return { value: t, number: match ? Number(match[1]) : null, from: [header] };
}

function readText(text: string, header: string): TypedText | null {
  const t = text.trim();
  return t ? { text: t, from: [header] } : null;
}

const DIRECTIONS: [RegExp, NonNullable<Direction['value']>][] = [[/^正向(指标)?$/u, '正向'], [/^反向(指标)?$/u, '反向'], [/^中性(指标)?$/u, '中性']];

function readDirection(text: string, header: string): Direction | null {
  const t = text.trim();
  if (!t) return null;
  const value = DIRECTIONS.find(([pattern]) => pattern.test(t))?.[1] ?? null;
  return { value, text: t, from: [header] };
}

/** A row as the structurer reads it, before the typed fields are added. */
export type ReadIndicator = Omit<Indicator, 'confidence' | 'quality' | TypedIndicatorKey> & { confidence?: number; gridRow?: number };
export type TypedIndicator = ReadIndicator & Pick<Indicator, TypedIndicatorKey>;

interface ColumnPlan {
  keys: string[];
  byRole: Map<ColumnRole, number>;
  typed: (TypedRole | null)[];
}

function plan(columns: Column[]): ColumnPlan {
  const byRole = new Map<ColumnRole, number>();
  columns.forEach((column, col) => { if (!byRole.has(column.role)) byRole.set(column.role, col); });
  return { keys: fieldKeys(columns), byRole, typed: columns.map(typedRoleOf) };
}

/** The typed fields of one row. `year` is the table's year (for 前年/上年). */
export function typedFieldsOf(row: Pick<ReadIndicator, 'operator' | 'value' | 'number' | 'unit' | 'fields'>, columns: Column[], year: number | null, p = plan(columns)): Pick<Indicator, TypedIndicatorKey> {
  const cell = (col: number | undefined) => (col === undefined ? '' : (row.fields[p.keys[col]] ?? ''));
  const header = (col: number) => p.keys[col];
  const unitCol = p.byRole.get('unit');
  const unitCell = unitCol !== undefined && cell(unitCol) ? { text: cell(unitCol).trim(), header: header(unitCol) } : null;

  const targetFrom = (['operator', 'value', 'unit'] as const)
    .map((role) => p.byRole.get(role))
    .filter((col): col is number => col !== undefined && cell(col).trim() !== '')
    .map(header);
  const target: Target = { operator: row.operator, value: row.value, number: row.number, unit: row.unit, from: targetFrom };

  const first = (role: TypedRole) => p.typed.findIndex((typed) => typed === role);
  const at = (role: TypedRole) => first(role);
  const textOf = (role: TypedRole) => (at(role) >= 0 ? readText(cell(at(role)), header(at(role))) : null);
  const actualCol = at('actual');
  const weightCol = at('weight');
  const scoreCol = at('score');
  const directionCol = at('direction');
  const operatorCol = p.byRole.get('operator');
  // 正向/反向 written in the 指标性质 column (not an operator) is the direction.
  const directionInOperator = operatorCol !== undefined && DIRECTIONS.some(([pattern]) => pattern.test(cell(operatorCol).trim()))
    ? readDirection(cell(operatorCol), header(operatorCol)) : null;

  const history: HistoryValue[] = [];
  columns.forEach((column, col) => {
    if (p.typed[col] !== 'history') return;
    const measure = readMeasure(cell(col), unitCell, header(col));
    if (!measure) return;
    const back = column.role === 'prevValue' ? 2 : 1;
    history.push({ ...measure, label: column.header, year: year === null ? null : year - back });
  });

  return {
    target,
    actual: actualCol >= 0 ? readMeasure(cell(actualCol), unitCell, header(actualCol)) : null,
    weight: weightCol >= 0 ? readPoints(cell(weightCol), header(weightCol)) : null,
    score: scoreCol >= 0 ? readPoints(cell(scoreCol), header(scoreCol)) : null,
    deviation: textOf('deviation'),
    direction: directionCol >= 0 ? readDirection(cell(directionCol), header(directionCol)) : directionInOperator,
    history,
    basis: textOf('basis'),
    origin: textOf('origin'),
    remark: textOf('remark'),
  };
}

const TOTAL_LABEL = /^(总分|合计|总计|得分合计|总得分)$/u;

/** The last 总分/合计 row of the grid, with what it gives under the 分值/权重 and 得分 columns. */
export function readTotal(grid: Grid, columns: Column[]): TableTotal | null {
  const labels = grid.cells.filter((cell) => cell.text && cell.text.length <= 12 && TOTAL_LABEL.test(cell.text.replace(/\s/gu, '')));
  if (labels.length === 0) return null;
  const p = plan(columns);
  const weightCol = p.typed.indexOf('weight');
  const scoreCol = p.typed.indexOf('score');
  const index = new SlotIndex(grid);
  let total: TableTotal | null = null;
  for (const label of labels) {
    const row = label.row;
    const at = (col: number) => {
      const cell = col >= 0 ? index.at(row, col) : undefined;
      return cell && cell.row === row && cell !== label && col >= 0 ? readPoints(cell.text, p.keys[col]) : null;
    };
    total = { label: label.text.replace(/\s/gu, ''), weight: at(weightCol), score: at(scoreCol) };
  }
  return total;
}

export type ReadTable = Omit<Table, 'confidence' | 'indicators' | 'project' | 'total' | 'quality'> & { indicators: ReadIndicator[]; confidence?: number };
export type TypedTable = Omit<ReadTable, 'indicators'> & Pick<Table, 'project' | 'total'> & { indicators: TypedIndicator[] };

/** Adds the v2 typed fields to a structured table (the structurer's one call into this module). */
export function withTypedFields(table: ReadTable, grid: Grid): TypedTable {
  const project = readProject(table.context, table.title, () => [...grid.captions, ...grid.cells.map((cell) => cell.text)]);
  const p = plan(table.columns);
  const year = project?.year?.value ?? null;
  return {
    ...table,
    project,
    total: readTotal(grid, table.columns),
    indicators: table.indicators.map((row) => ({ ...row, ...typedFieldsOf(row, table.columns, year, p) })),
  };
}
