// Reviewers' corrections (issue 14), in zod like the document schema: what is stored (in the
// SQLite corpus and in PostgreSQL), what the API takes, and what a corrected result carries.
//
// A correction belongs to the document's BYTES (sha256), not to one extraction of them: a newer
// extractor reads the same bytes under a new document id and the correction follows (identity
// and placement: src/corrections/identity.ts).
import { z } from 'zod';
import { IndicatorSource } from './source.ts';

/** Fields a reviewer can edit: the levels, the target and the v2 typed fields. */
export const CORRECTABLE_FIELDS = [
  'level1', 'level2', 'level3', 'operator', 'value', 'unit', 'description',
  'actual', 'weight', 'score', 'deviation', 'direction', 'basis', 'origin', 'remark',
] as const;
export const CorrectableField = z.enum(CORRECTABLE_FIELDS).meta({ id: 'CorrectableField' });

/**
 * edit: one field from `before` to `after`; accept: the row is right as read; not-indicator: the
 * row is no indicator (heading, note, placeholder) and leaves the indicators; restore: undoes
 * not-indicator.
 */
export const CorrectionAction = z.enum(['edit', 'accept', 'not-indicator', 'restore']).meta({ id: 'CorrectionAction' });

/** What identifies a row across extractions: its table, its level path and where it sits in the source. */
export const RowAnchor = z.object({
  tableIndex: z.number().int().nonnegative(),
  tableTitle: z.string().nullable(),
  tableLocation: z.string().describe('the table\'s location as JSON (pages / sheet + range / Word table)'),
  ord: z.number().int().nonnegative().describe('position of the row in its table'),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  level3: z.string(),
  source: IndicatorSource,
  reading: z.string().describe('operator, value and unit as read, joined: an accepted row is accepted for this reading only'),
}).meta({ id: 'RowAnchor' });

export const Correction = z.object({
  id: z.string(),
  sha256: z.string().describe('the document\'s bytes'),
  documentId: z.string().describe('the extraction the reviewer looked at (bytes + extractor version)'),
  extractorVersion: z.string(),
  anchor: RowAnchor,
  action: CorrectionAction,
  field: CorrectableField.nullable(),
  before: z.string().nullable().describe('the field as it read before (edit)'),
  after: z.string().nullable().describe('the field as the reviewer set it (edit); null clears it'),
  by: z.string().describe('the name of the reviewer\'s token'),
  at: z.string().describe('ISO time'),
}).meta({ id: 'Correction' });

/** What the page posts: the row as `tableIndex:ord` of the extraction it shows. */
export const CorrectionRequest = z.object({
  row: z.string().regex(/^\d{1,6}:\d{1,7}$/u),
  action: CorrectionAction,
  field: CorrectableField.optional(),
  after: z.string().max(4000).nullable().optional(),
}).meta({ id: 'CorrectionRequest' });

/** A correction as it appears on a row of a corrected result. */
export const AppliedCorrection = z.object({
  id: z.string(),
  action: CorrectionAction,
  field: CorrectableField.nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  by: z.string(),
  at: z.string(),
}).meta({ id: 'AppliedCorrection' });

export const UnplacedCorrection = AppliedCorrection.extend({
  anchor: RowAnchor,
  reason: z.string().describe('why it no longer applies (Chinese)'),
}).meta({ id: 'UnplacedCorrection' });

/** Top-level block of a corrected result. */
export const CorrectionsSummary = z.object({
  applied: z.number().int().nonnegative().describe('corrections that changed or confirmed a row of this extraction'),
  unplaced: z.array(UnplacedCorrection).describe('corrections made on an earlier extraction that no row of this one matches'),
}).meta({ id: 'CorrectionsSummary' });

export type CorrectableField = z.infer<typeof CorrectableField>;
export type CorrectionAction = z.infer<typeof CorrectionAction>;
export type RowAnchor = z.infer<typeof RowAnchor>;
export type Correction = z.infer<typeof Correction>;
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;
export type AppliedCorrection = z.infer<typeof AppliedCorrection>;
export type UnplacedCorrection = z.infer<typeof UnplacedCorrection>;
export type CorrectionsSummary = z.infer<typeof CorrectionsSummary>;
