// The output contract of SPEC §3.1 / §3.1a. This file is the single source of the JSON shape:
// types are inferred from it and `zhibiao schema` publishes it as JSON Schema. Every named part
// carries a `meta({ id })`, so the JSON Schema holds them as `$defs` and an OpenAPI document can
// reuse them as components.
//
// Schema v2 (forms as data) adds, beside every v1 field (unchanged):
//   indicator: target, actual, weight, score, deviation, direction, history, basis, origin,
//              remark — each with `from`, the headers of the columns it was read from — and
//              `quality` (findings on the indicator as published, src/quality/);
//   table:     project (the header block as typed facts), total (the 总分/合计 row), quality.
import { z } from 'zod';
import { IndicatorSource, bbox } from './source.ts';
import { AppliedCorrection, CorrectableField, CorrectionsSummary } from './corrections.ts';

export const SCHEMA_VERSION = 2;

export const Operator = z.enum(['≥', '≤', '=', '>', '<', '定性']).meta({ id: 'Operator' });

export { IndicatorSource };

// ---------------------------------------------------------------------------------------
// Typed fields (v2). The original cells stay in `fields`; `from` names the columns used.

const From = z.array(z.string())
  .describe('headers of the columns this field was read from (keys of `fields`), main column first');

/** The target (年度指标值/指标值 with 计算符号 and 计量单位): the v1 top-level fields, with their columns. */
export const Target = z.object({
  operator: Operator.nullable(),
  value: z.string().nullable(),
  number: z.number().nullable(),
  unit: z.string().nullable(),
  from: From,
}).meta({ id: 'Target', description: 'the target as in v1 (operator, value, number, unit), with the columns it came from' });

/** A measured value: 实际完成值, a 前年/上年 value. */
export const Measure = z.object({
  value: z.string().describe('as written, minus a unit split off'),
  number: z.number().nullable().describe('when the value is a plain number'),
  unit: z.string().nullable().describe('from the value itself, else from the row\'s unit column'),
  from: From,
}).meta({ id: 'Measure' });

/** Points: 分值/权重 or 得分. */
export const Points = z.object({
  value: z.string(),
  number: z.number().nullable(),
  from: From,
}).meta({ id: 'Points' });

export const TypedText = z.object({ text: z.string(), from: From }).meta({ id: 'TypedText' });

export const Direction = z.object({
  value: z.enum(['正向', '反向', '中性']).nullable().describe('null when the cell says something else'),
  text: z.string(),
  from: From,
}).meta({ id: 'Direction' });

export const HistoryValue = Measure.extend({
  label: z.string().describe('the column header, e.g. 前年指标值'),
  year: z.number().int().nullable().describe('the calendar year, when the table\'s year is known'),
}).meta({ id: 'HistoryValue' });

// ---------------------------------------------------------------------------------------
// Quality findings (v2): the indicator or table as published, not how it was read.

export const QualityFinding = z.object({
  code: z.string().describe('stable English code'),
  message: z.string().describe('Chinese message'),
  rule: z.string().describe('the published rule the finding comes from'),
  detail: z.string().nullable(),
}).meta({ id: 'QualityFinding' });

export const TableQualityFinding = QualityFinding.extend({
  rows: z.array(z.number().int().nonnegative()).describe('indexes into `indicators` the finding concerns (empty: the table)'),
}).meta({ id: 'TableQualityFinding' });

export const Indicator = z.object({
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  level3: z.string(),
  level1Canonical: z.string().nullable(),
  level2Canonical: z.string().nullable(),
  operator: Operator.nullable(),
  value: z.string().nullable(),
  number: z.number().nullable(),
  unit: z.string().nullable(),
  description: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  source: IndicatorSource,
  confidence: z.number().min(0).max(1).describe('extraction confidence: was the row read faithfully'),
  flags: z.array(z.string()),
  target: Target,
  actual: Measure.nullable().describe('实际完成值/全年完成值'),
  weight: Points.nullable().describe('分值/权重'),
  score: Points.nullable().describe('得分'),
  deviation: TypedText.nullable().describe('偏差原因分析及改进措施'),
  direction: Direction.nullable().describe('正向/反向'),
  history: z.array(HistoryValue).describe('前年/上年指标值'),
  basis: TypedText.nullable().describe('指标值确定依据'),
  origin: TypedText.nullable().describe('绩效指标来源'),
  remark: TypedText.nullable().describe('备注'),
  quality: z.array(QualityFinding).describe('findings on the indicator as published; they never lower confidence'),
  // Reviewers' corrections (src/corrections/apply.ts); absent on a row nobody reviewed.
  corrected: z.literal(true).optional().describe('a reviewer changed a field of this row'),
  original: z.partialRecord(CorrectableField, z.string().nullable()).optional().describe('the changed fields as extracted'),
  accepted: z.object({ by: z.string(), at: z.string() }).optional().describe('a reviewer confirmed the row as read'),
  corrections: z.array(AppliedCorrection).optional().describe('the corrections applied to this row, oldest first'),
}).meta({ id: 'Indicator' });

export const ColumnRole = z.enum([
  'seq', 'level1', 'level2', 'level3', 'operator', 'value', 'unit', 'description',
  'weight', 'direction', 'prevValue', 'lastValue', 'actual', 'score', 'points',
  'basis', 'origin', 'deviation', 'other',
]);

export const TableKind = z.enum(['indicator-system', 'performance-targets', 'self-evaluation', 'other']).meta({ id: 'TableKind' });

// ---------------------------------------------------------------------------------------
// Project block (v2): the header block of a form as typed facts. `from` holds `context` keys.

export const ProjectText = z.object({ text: z.string(), from: z.string().describe('the `context` key') }).meta({ id: 'ProjectText' });

/** One funding line: 年度资金总额, or an 其中 line (财政拨款, 其他资金, 上年结转 …). Amounts in `unit`. */
export const FundLine = z.object({
  label: z.string().describe('the row label as cleaned, e.g. 年度资金总额, 其中:财政拨款'),
  amount: z.number().nullable().describe('a single amount column (申报表: 年度资金总额 | 850)'),
  initialBudget: z.number().nullable().describe('年初预算数'),
  budget: z.number().nullable().describe('全年预算数'),
  executed: z.number().nullable().describe('全年执行数'),
  executionRate: z.number().nullable().describe('执行率, in percent'),
  weight: z.number().nullable().describe('分值'),
  score: z.number().nullable().describe('得分'),
  from: z.record(z.string(), z.string()).describe('field → the `context` key it was read from'),
}).meta({ id: 'FundLine' });

export const Funds = FundLine.extend({
  label: z.string().nullable().describe('the total line\'s label; null when the form gives only 其中 lines'),
  unit: z.string().nullable().describe('as stated by the form (项目资金（万元）, 金额单位：万元); null when not stated'),
  parts: z.array(FundLine).describe('其中 lines'),
}).meta({ id: 'Funds', description: 'the total line (年度资金总额) with its 其中 lines' });

export const Project = z.object({
  scope: z.enum(['project', 'department']).describe('department: a 部门整体 table, whose facts are the department\'s'),
  name: ProjectText.nullable().describe('项目名称, or 部门名称 for a department'),
  department: ProjectText.nullable().describe('主管部门 (部门名称 for a department)'),
  implementer: ProjectText.nullable().describe('实施单位/申请单位'),
  year: z.object({ value: z.number().int(), from: z.string() }).nullable().describe('the budget year'),
  period: ProjectText.nullable().describe('实施期限/项目周期 as written'),
  funds: Funds.nullable(),
  tasks: z.array(z.object({
    name: z.string().describe('任务名称'),
    description: z.string().nullable().describe('主要内容'),
    amount: z.number().nullable().describe('预算金额, in the funds\' unit'),
    from: z.array(z.string()).describe('the `context` keys read'),
  })).describe('年度主要任务 / 重点工作任务 rows (mostly a 部门整体 table\'s)'),
  goals: z.object({
    overall: ProjectText.nullable().describe('总体目标/实施期目标'),
    annual: ProjectText.nullable().describe('年度目标/年度绩效目标/预期目标'),
    achieved: ProjectText.nullable().describe('实际完成情况'),
  }),
}).meta({ id: 'Project' });

/** The 总分/合计 row of a table (not an indicator). */
export const TableTotal = z.object({
  label: z.string(),
  weight: Points.nullable(),
  score: Points.nullable(),
}).meta({ id: 'TableTotal' });

export const Table = z.object({
  index: z.number().int().nonnegative(),
  title: z.string().nullable(),
  kind: TableKind,
  location: z.union([
    z.object({ pages: z.array(z.number().int().positive()) }),
    z.object({ sheet: z.string(), range: z.string() }),
    z.object({ table: z.number().int().nonnegative() }),
  ]),
  columns: z.array(z.object({ header: z.string(), role: ColumnRole })),
  context: z.record(z.string(), z.string()),
  indicators: z.array(Indicator),
  confidence: z.number().min(0).max(1),
  warnings: z.array(z.string()),
  project: Project.nullable().describe('the header block as typed facts; null when the table has none'),
  total: TableTotal.nullable(),
  quality: z.array(TableQualityFinding).describe('table-level findings on the table as published'),
  excluded: z.array(Indicator).optional().describe('rows a reviewer marked as no indicator (kept, not in `indicators`)'),
}).meta({ id: 'Table' });

export const Notice = z.object({
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  recipients: z.string().nullable(),
  attachments: z.array(z.string()),
}).meta({ id: 'Notice' });

export const Format = z.enum(['pdf', 'docx', 'xlsx', 'ofd', 'doc', 'wps', 'xls', 'et']);

export const DocumentResult = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: z.object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: Format,
    pages: z.number().int().nonnegative().optional(),
    sheets: z.array(z.string()).optional(),
  }),
  notice: Notice,
  tables: z.array(Table),
  confidence: z.number().min(0).max(1),
  warnings: z.array(z.string()),
  corrections: CorrectionsSummary.optional().describe('present when reviewers corrected this document'),
}).meta({ id: 'DocumentResult' });

export type Operator = z.infer<typeof Operator>;
export type Indicator = z.infer<typeof Indicator>;
export type IndicatorSource = z.infer<typeof IndicatorSource>;
export type ColumnRole = z.infer<typeof ColumnRole>;
export type TableKind = z.infer<typeof TableKind>;
export type Table = z.infer<typeof Table>;
export type Notice = z.infer<typeof Notice>;
export type DocumentResult = z.infer<typeof DocumentResult>;
export type Target = z.infer<typeof Target>;
export type Measure = z.infer<typeof Measure>;
export type Points = z.infer<typeof Points>;
export type TypedText = z.infer<typeof TypedText>;
export type Direction = z.infer<typeof Direction>;
export type HistoryValue = z.infer<typeof HistoryValue>;
export type QualityFinding = z.infer<typeof QualityFinding>;
export type TableQualityFinding = z.infer<typeof TableQualityFinding>;
export type ProjectText = z.infer<typeof ProjectText>;
export type FundLine = z.infer<typeof FundLine>;
export type Funds = z.infer<typeof Funds>;
export type Project = z.infer<typeof Project>;
export type TableTotal = z.infer<typeof TableTotal>;

/** The v2 per-indicator fields (beside the v1 ones). */
export const TYPED_INDICATOR_KEYS = ['target', 'actual', 'weight', 'score', 'deviation', 'direction', 'history', 'basis', 'origin', 'remark'] as const;
export type TypedIndicatorKey = (typeof TYPED_INDICATOR_KEYS)[number];

/** JSON Schema of one document's output, for `zhibiao schema`. */
export function documentJsonSchema(): unknown {
  return z.toJSONSchema(DocumentResult);
}

/** The generic-table output of SPEC §3.2. */
export const GenericTables = z.object({
  tables: z.array(z.object({
    page: z.number().int(),
    bbox: bbox.nullable(),
    cells: z.array(z.object({
      row: z.number().int(), col: z.number().int(),
      rowSpan: z.number().int(), colSpan: z.number().int(), text: z.string(),
    })),
  })),
});
export type GenericTables = z.infer<typeof GenericTables>;
