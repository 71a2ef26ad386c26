// The output contract of SPEC §3.1. This file is the single source of the JSON shape:
// types are inferred from it and `zhibiao schema` publishes it as JSON Schema.
import { z } from 'zod';

export const SCHEMA_VERSION = 1;

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()])
  .describe('[x0, top, x1, bottom] in PDF points from the top-left corner of the page');

export const Operator = z.enum(['≥', '≤', '=', '>', '<', '定性']);

export const IndicatorSource = z.union([
  z.object({ page: z.number().int().positive(), bbox }),
  z.object({ sheet: z.string(), row: z.number().int().positive().describe('1-based sheet row') }),
  z.object({ table: z.number().int().nonnegative(), row: z.number().int().nonnegative() }),
]);

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
  confidence: z.number().min(0).max(1),
  flags: z.array(z.string()),
});

export const ColumnRole = z.enum([
  'seq', 'level1', 'level2', 'level3', 'operator', 'value', 'unit', 'description',
  'weight', 'direction', 'prevValue', 'lastValue', 'actual', 'score', 'points',
  'basis', 'origin', 'deviation', 'other',
]);

export const TableKind = z.enum(['indicator-system', 'performance-targets', 'self-evaluation', 'other']);

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
});

export const Notice = z.object({
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  recipients: z.string().nullable(),
  attachments: z.array(z.string()),
});

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
});

export type Operator = z.infer<typeof Operator>;
export type Indicator = z.infer<typeof Indicator>;
export type IndicatorSource = z.infer<typeof IndicatorSource>;
export type ColumnRole = z.infer<typeof ColumnRole>;
export type TableKind = z.infer<typeof TableKind>;
export type Table = z.infer<typeof Table>;
export type Notice = z.infer<typeof Notice>;
export type DocumentResult = z.infer<typeof DocumentResult>;

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
