// Applying reviewers' corrections to an extraction: pure, the one place that knows how. The API
// (GET /v1/documents/{id}), the SQLite corpus writer (search, export, templates), the batch
// (per-file JSON, indicators.jsonl), the review pages and the coming PostgreSQL corpus all call
// `applyCorrections` on the result as extracted with the corrections of its bytes.
//
// Corrections are applied oldest first, each on the row its anchor names (identity.ts). An edit
// applies while the field still reads what the reviewer saw (`before`); a row a newer extractor
// already reads as corrected counts as applied; a row that now reads something else keeps its new
// reading and the correction is listed as unplaced. An accept vouches for one reading only.
import type { AppliedCorrection, CorrectableField, Correction, UnplacedCorrection } from '../model/corrections.ts';
import { type DocumentResult, type Indicator, Operator, type Table } from '../model/schema.ts';
import { parseNumber } from '../normalize/values.ts';
import { canonicalLevel1, canonicalLevel2 } from '../normalize/vocabulary.ts';
import { placeAnchor, readingOf } from './identity.ts';

/** A field as the page shows and edits it: one text (null when empty). */
export function fieldText(row: Indicator, field: CorrectableField): string | null {
  switch (field) {
    case 'level1': case 'level2': case 'level3': case 'operator': case 'value': case 'unit': case 'description':
      return row[field];
    case 'actual': case 'weight': case 'score':
      return row[field]?.value ?? null;
    case 'deviation': case 'direction': case 'basis': case 'origin': case 'remark':
      return row[field]?.text ?? null;
  }
}

/** Why a value cannot be set on FIELD, or null when it can. */
export function invalidValue(field: CorrectableField, after: string | null): string | null {
  if (field === 'level3' && !after) return '三级指标名称不能为空';
  if (field === 'operator' && after !== null && !Operator.safeParse(after).success) return `计算符号须为 ${Operator.options.join(' ')} 之一或留空`;
  return null;
}

const DIRECTIONS = new Set(['正向', '反向', '中性']);

/** Sets FIELD of ROW (a copy the caller owns), keeping the fields derived from it in step. */
function setField(row: Indicator, field: CorrectableField, after: string | null): void {
  switch (field) {
    case 'level1': row.level1 = after; row.level1Canonical = canonicalLevel1(after); return;
    case 'level2': row.level2 = after; row.level2Canonical = canonicalLevel2(after); return;
    case 'level3': row.level3 = after ?? ''; return;
    case 'description': row.description = after; return;
    case 'operator': row.operator = after as Operator | null; row.target = { ...row.target, operator: row.operator }; return;
    case 'value': row.value = after; row.number = parseNumber(after); row.target = { ...row.target, value: after, number: row.number }; return;
    case 'unit': row.unit = after; row.target = { ...row.target, unit: after }; return;
    case 'actual':
      row.actual = after === null ? null : { value: after, number: parseNumber(after), unit: row.actual?.unit ?? null, from: row.actual?.from ?? [] };
      return;
    case 'weight': case 'score':
      row[field] = after === null ? null : { value: after, number: parseNumber(after), from: row[field]?.from ?? [] };
      return;
    case 'direction':
      row.direction = after === null ? null : { value: DIRECTIONS.has(after) ? after as '正向' : null, text: after, from: row.direction?.from ?? [] };
      return;
    case 'deviation': case 'basis': case 'origin': case 'remark':
      row[field] = after === null ? null : { text: after, from: row[field]?.from ?? [] };
  }
}

/** One row of the extraction with what reviewers did to it. */
export interface RowReview {
  /** The row with the corrections applied (the extracted row itself when none was). */
  row: Indicator;
  /** A reviewer marked it as no indicator. */
  excluded: boolean;
}

export interface ReviewedTables {
  /** Per table of the result, per row: the reviewed row (same positions as the extraction). */
  tables: RowReview[][];
  applied: number;
  unplaced: UnplacedCorrection[];
}

const applied = (c: Correction): AppliedCorrection => ({ id: c.id, action: c.action, field: c.field, before: c.before, after: c.after, by: c.by, at: c.at });

const byTime = (a: Correction, b: Correction) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every row of RESULT (as extracted) with CORRECTIONS applied, in place. DOCUMENT_ID: the id of
 * this extraction, so that corrections made on it are placed by position.
 */
export function reviewRows(result: DocumentResult, corrections: readonly Correction[], documentId?: string): ReviewedTables {
  const tables: RowReview[][] = result.tables.map((table) => table.indicators.map((row) => ({ row, excluded: false })));
  const unplaced: UnplacedCorrection[] = [];
  let count = 0;
  const own = new Set<RowReview>();
  const unplace = (c: Correction, reason: string) => unplaced.push({ ...applied(c), anchor: c.anchor, reason });
  for (const correction of [...corrections].sort(byTime)) {
    const place = placeAnchor(result, correction.anchor, correction.documentId === documentId);
    if (!place) {
      unplace(correction, '新的提取结果中找不到这一行（同一位置、同一指标名称的行都没有）');
      continue;
    }
    const review = tables[place.table][place.ord];
    const extracted = result.tables[place.table].indicators[place.ord];
    if (!own.has(review)) {
      // Copy on first write: the extracted result is never changed.
      review.row = structuredClone(extracted);
      own.add(review);
    }
    const row = review.row;
    switch (correction.action) {
      case 'edit': {
        const field = correction.field!;
        const current = fieldText(row, field);
        if (current === correction.after) break; // already so (a newer extractor reads it as corrected)
        if (current !== correction.before) {
          unplace(correction, `这一行的「${field}」现在读作「${current ?? '（空）'}」，更正是针对「${correction.before ?? '（空）'}」做的`);
          continue;
        }
        const original = fieldText(extracted, field);
        setField(row, field, correction.after);
        const changed = { ...row.original };
        if (!(field in changed)) changed[field] = original;
        if (fieldText(row, field) === original) delete changed[field];
        row.original = changed;
        break;
      }
      case 'accept':
        if (readingOf(extracted) !== correction.anchor.reading) {
          unplace(correction, '这一行的读数已与确认时不同，需重新确认');
          continue;
        }
        row.accepted = { by: correction.by, at: correction.at };
        break;
      case 'not-indicator': review.excluded = true; break;
      case 'restore': review.excluded = false; break;
    }
    row.corrections = [...(row.corrections ?? []), applied(correction)];
    count++;
  }
  for (const review of own) {
    const { row } = review;
    if (row.original && Object.keys(row.original).length) row.corrected = true;
    else {
      delete row.original;
      delete row.corrected;
    }
  }
  return { tables, applied: count, unplaced };
}

/** Quality findings of a table whose rows EXCLUDED left it: indexes renumbered, findings on them alone dropped. */
function renumberQuality(table: Table, kept: number[]): Table['quality'] {
  const newIndex = new Map(kept.map((old, i) => [old, i]));
  return table.quality.flatMap((finding) => {
    if (finding.rows.length === 0) return [finding];
    const rows = finding.rows.filter((r) => newIndex.has(r)).map((r) => newIndex.get(r)!);
    return rows.length ? [{ ...finding, rows }] : [];
  });
}

/**
 * RESULT with CORRECTIONS applied: corrected rows carry `corrected: true`, `original` (the
 * changed fields as extracted) and `corrections`; accepted rows `accepted`; rows marked as no
 * indicator move to their table's `excluded`; `corrections` on the document says how many applied
 * and lists those no row matches. No corrections: RESULT itself.
 */
export function applyCorrections(result: DocumentResult, corrections: readonly Correction[], documentId?: string): DocumentResult {
  if (corrections.length === 0) return result;
  const reviewed = reviewRows(result, corrections, documentId);
  const tables = result.tables.map((table, t): Table => {
    const rows = reviewed.tables[t];
    if (!rows.some((review, i) => review.excluded || review.row !== table.indicators[i])) return table;
    const kept = rows.flatMap((review, i) => (review.excluded ? [] : [i]));
    const excluded = rows.filter((review) => review.excluded).map((review) => review.row);
    return {
      ...table,
      indicators: kept.map((i) => rows[i].row),
      quality: excluded.length ? renumberQuality(table, kept) : table.quality,
      ...(excluded.length ? { excluded } : {}),
    };
  });
  return { ...result, tables, corrections: { applied: reviewed.applied, unplaced: reviewed.unplaced } };
}
