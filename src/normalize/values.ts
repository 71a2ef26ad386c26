// Operator / value / unit normalization (SPEC §1 "Values are messy", §3.1 rules).
import type { Operator } from '../model/schema.ts';

const SYMBOLS: Record<string, Operator> = {
  '≥': '≥', '≧': '≥', '>=': '≥', '⩾': '≥',
  '≤': '≤', '≦': '≤', '<=': '≤', '⩽': '≤',
  '=': '=', '＝': '=', '﹦': '=', '≡': '=', '==': '=',
  '>': '>', '＞': '>',
  '<': '<', '＜': '<',
};

const LEADING_WORDS: [string, Operator][] = [
  ['不低于', '≥'], ['不少于', '≥'], ['不小于', '≥'], ['大于等于', '≥'], ['大于或等于', '≥'], ['大于或者等于', '≥'], ['至少', '≥'],
  ['不超过', '≤'], ['不高于', '≤'], ['不多于', '≤'], ['不大于', '≤'], ['小于等于', '≤'], ['小于或等于', '≤'], ['小于或者等于', '≤'], ['最多', '≤'],
  ['大于', '>'], ['高于', '>'], ['超过', '>'],
  ['小于', '<'], ['低于', '<'],
  ['等于', '='],
];

const TRAILING_WORDS: [string, Operator][] = [
  ['及以上', '≥'], ['以上', '≥'], ['及以下', '≤'], ['以下', '≤'], ['以内', '≤'],
];

const SYMBOL_PATTERN = /^(>=|<=|==|[≥≧⩾≤≦⩽=＝﹦≡>＞<＜])\s*/u;
const PLAIN_NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/u;
const NUMBER_WITH_SUFFIX = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([^\d\s].*)$/u;

/** What an operator column may hold that is no operator: the nature of the indicator. */
const NOT_OPERATORS = /^(定量|正向|反向|正向指标|反向指标|中性|其他|无|—|-|\/)$/u;

/** What a unit column holds when the indicator has no unit. */
const NO_UNIT = /^(无|—|-|\/)$/u;

/** Words that describe a qualitative value rather than a unit of measure. */
const QUALITATIVE = /[优良中差好满意合格达标是否高低有效显著明显提升改善]/u;

export function operatorFromCell(text: string): Operator | null {
  const t = text.trim();
  if (!t) return null;
  if (t in SYMBOLS) return SYMBOLS[t];
  if (t === '定性') return '定性';
  for (const [word, op] of LEADING_WORDS) if (t === word) return op;
  for (const [word, op] of TRAILING_WORDS) if (t === word) return op;
  return null;
}

/** Splits a leading or trailing operator off a value: `≥98` → ≥ + `98`, `95%以上` → ≥ + `95%`. */
export function splitOperator(value: string): { operator: Operator | null; rest: string } {
  let rest = value.trim();
  const symbol = SYMBOL_PATTERN.exec(rest);
  if (symbol) return { operator: SYMBOLS[symbol[1]], rest: rest.slice(symbol[0].length).trim() };
  for (const [word, op] of LEADING_WORDS) {
    if (rest.startsWith(word) && rest.length > word.length) return { operator: op, rest: rest.slice(word.length).trim() };
  }
  for (const [word, op] of TRAILING_WORDS) {
    if (rest.endsWith(word) && rest.length > word.length && /\d/u.test(rest)) {
      rest = rest.slice(0, -word.length).trim();
      return { operator: op, rest };
    }
  }
  return { operator: null, rest };
}

export function parseNumber(value: string | null): number | null {
  if (!value || !PLAIN_NUMBER.test(value)) return null;
  const n = Number(value.replace(/,/gu, ''));
  return Number.isFinite(n) ? n : null;
}

/** A short suffix that reads like a unit of measure (`%`, `万元`, `人次`, `台(套)`, `万元/天`). */
export function looksLikeUnit(text: string): boolean {
  return text.length > 0 && text.length <= 8 && !QUALITATIVE.test(text) && !/\d/u.test(text) && !/[年月日]底|前$/u.test(text);
}

export interface NormalizedValue {
  operator: Operator | null;
  value: string | null;
  number: number | null;
  unit: string | null;
  /** Why the result may need a look: e.g. operator given twice and disagreeing. */
  notes: string[];
}

/**
 * Combines the operator, value and unit cells of one row. `hasValueColumn` tells whether the
 * table has a value column at all: without one, a 定性 row's "unit" cell holds the value.
 */
export function normalizeValue(operatorCell: string, valueCell: string, unitCell: string, hasValueColumn: boolean): NormalizedValue {
  const notes: string[] = [];
  let unit: string | null = NO_UNIT.test(unitCell.trim()) ? null : unitCell.trim() || null;
  let operator = operatorFromCell(operatorCell);
  if (!operator && operatorCell.trim() && !NOT_OPERATORS.test(operatorCell.trim())) {
    if (looksLikeUnit(operatorCell.trim()) && !unit) unit = operatorCell.trim();
    else notes.push('operator-unrecognized');
  }
  let value: string | null = valueCell.trim() || null;
  if (!hasValueColumn && operator === '定性' && unit && !looksLikeUnit(unit)) {
    value = unit;
    unit = null;
  }
  if (value) {
    const split = splitOperator(value);
    if (split.operator) {
      if (operator && operator !== split.operator && operator !== '定性') notes.push('operator-conflict');
      if (!operator || operator === '定性') operator = operator ?? split.operator;
      value = split.rest || null;
    }
  }
  if (value) {
    const suffix = NUMBER_WITH_SUFFIX.exec(value);
    // A unit may be written in brackets after the number: `13459.00(平方米)`, `100.00(%)`.
    const written = suffix ? unbracketed(suffix[2].trim()) : '';
    if (suffix && looksLikeUnit(written)) {
      if (!unit) {
        unit = written;
        value = suffix[1];
      } else if (written === unit) {
        value = suffix[1];
      }
    }
  }
  return { operator, value, number: parseNumber(value), unit, notes };
}

function unbracketed(text: string): string {
  const inner = /^[(（[［]([^()（）]+)[)）\]］]$/u.exec(text);
  return inner ? inner[1].trim() : text;
}

