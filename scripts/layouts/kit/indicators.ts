// Indicator content for the indicator families: a random 一级/二级/三级 plan, and each row's
// value cells as a given column layout writes them, with the truth the rules of
// ../shared/real/README.md give for them.
import { clean } from '../../samples/common.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { Op, TruthIndicator } from '../spec.ts';
import { BASIS, DESCRIPTIONS, DEVIATIONS, LEVEL1_OF, MAKERS, OBJECTS, ORIGINS, VOCABULARIES, type IndicatorIdea, type Level2Kind, type LevelVocabulary } from '../vocab/indicators.ts';

export interface PlannedRow {
  kind: Level2Kind;
  level1: string;
  level2: string;
  idea: IndicatorIdea;
  description: string;
}

const ALL_KINDS: Level2Kind[] = ['数量', '质量', '时效', '成本', '经济效益', '社会效益', '生态效益', '可持续影响', '满意度'];

/** A vocabulary for one table (all rows of a table name their levels the same way). */
export function pickVocabulary(rng: Rng): LevelVocabulary {
  return rng.weighted(VOCABULARIES.map((v, i) => [v, i === 0 ? 3 : 1] as const));
}

/** Indicator rows grouped by 一级 then 二级, in the national order; names unique in the table. */
export function planIndicators(rng: Rng, vocab: LevelVocabulary, opts: { rowsPerLevel2?: readonly [number, number]; kinds?: Level2Kind[] } = {}): PlannedRow[] {
  const per = opts.rowsPerLevel2 ?? GENERATOR.indicators.rowsPerLevel2;
  const kinds = opts.kinds ?? ALL_KINDS.filter((k) => k === '数量' || k === '满意度' || rng.chance(0.6));
  const objects = rng.shuffle(OBJECTS);
  const rows: PlannedRow[] = [];
  const names = new Set<string>();
  let o = 0;
  for (const kind of kinds) {
    const count = rng.range(per);
    for (let i = 0; i < count; i++) {
      let idea: IndicatorIdea;
      let tries = 0;
      do {
        idea = rng.pick(MAKERS[kind])(objects[o++ % objects.length], (xs) => rng.pick(xs), (lo, hi) => rng.int(lo, hi));
      } while (names.has(idea.name) && ++tries < 20);
      if (names.has(idea.name)) continue;
      names.add(idea.name);
      rows.push({ kind, level1: vocab.level1[LEVEL1_OF[kind]], level2: vocab.level2[kind], idea, description: rng.pick(DESCRIPTIONS)(idea.name) });
    }
  }
  return rows;
}

export interface ValueLayout {
  /** The table has an operator column (计算符号/性质/指标性质). */
  opColumn: boolean;
  /** The table has a unit column (计量单位/单位/度量单位). */
  unitColumn: boolean;
  /** How an operator is written inside the value when there is no operator column. */
  inlineOp: 'symbol' | 'fullwidth' | 'word' | 'suffix';
  /** How a unit is written inside the value when there is no unit column. */
  inlineUnit: 'plain' | 'paren';
  /** What an operator column holds for a row without operator. */
  noOp: '' | '无';
}

export function randomValueLayout(rng: Rng, over: Partial<ValueLayout> = {}): ValueLayout {
  return {
    opColumn: rng.chance(0.5),
    unitColumn: rng.chance(0.5),
    inlineOp: rng.weighted([['symbol', 4], ['fullwidth', 1], ['word', 2], ['suffix', 1]] as const),
    inlineUnit: rng.weighted([['plain', 4], ['paren', 1]] as const),
    noOp: rng.chance(0.3) ? '无' : '',
    ...over,
  };
}

export interface ValueCells {
  op: string;
  value: string;
  unit: string;
  truth: Pick<TruthIndicator, 'operator' | 'value' | 'unit' | 'alternatives'>;
}

const FULLWIDTH: Partial<Record<Op, string>> = { '≥': '≧', '≤': '≦', '=': '＝' };
const WORD: Partial<Record<Op, string>> = { '≥': '不低于', '≤': '不超过' };
const SUFFIX: Partial<Record<Op, string>> = { '≥': '以上', '≤': '以下' };

/** The op / value / unit cells of one row under a layout, and their truth. */
export function valueCells(idea: IndicatorIdea, layout: ValueLayout): ValueCells {
  const comparison = idea.op !== null && idea.op !== '定性';
  const unitText = idea.unit ?? '';
  if (layout.opColumn) {
    const op = idea.op ?? layout.noOp;
    const inline = !layout.unitColumn && unitText ? (layout.inlineUnit === 'paren' ? `(${unitText})` : unitText) : '';
    return {
      op, value: idea.value + inline, unit: layout.unitColumn ? (unitText || layout.noOp) : '',
      truth: { operator: idea.op, value: idea.value, unit: idea.unit },
    };
  }
  const unitPart = !layout.unitColumn && unitText ? (layout.inlineUnit === 'paren' ? `(${unitText})` : unitText) : '';
  const unitCell = layout.unitColumn ? unitText : '';
  if (!comparison) {
    return { op: '', value: idea.value + unitPart, unit: unitCell, truth: { operator: null, value: idea.value, unit: idea.unit } };
  }
  const op = idea.op as Op;
  const style = layout.inlineOp === 'word' && !WORD[op] ? 'symbol'
    : layout.inlineOp === 'fullwidth' && !FULLWIDTH[op] ? 'symbol'
      : layout.inlineOp === 'suffix' && !SUFFIX[op] ? 'symbol' : layout.inlineOp;
  if (style === 'suffix') {
    // `90%以上`: the truth keeps the word in the value with no operator; ≥ 90% is right too.
    // (`90(%)以上` is not written: the unit stays plain before the word.)
    const written = `${idea.value}${layout.unitColumn ? '' : unitText}${SUFFIX[op]}`;
    const truthValue = layout.unitColumn ? `${idea.value}${SUFFIX[op]}` : `${idea.value}${unitText}${SUFFIX[op]}`;
    return {
      op: '', value: written, unit: unitCell,
      truth: {
        operator: null, value: truthValue, unit: layout.unitColumn ? idea.unit : null,
        alternatives: [{ operator: op, value: layout.unitColumn ? idea.value : `${idea.value}${unitText}` }],
      },
    };
  }
  const prefix = style === 'word' ? WORD[op]! : style === 'fullwidth' ? FULLWIDTH[op]! : op;
  return { op: '', value: `${prefix}${idea.value}${unitPart}`, unit: unitCell, truth: { operator: op, value: idea.value, unit: idea.unit } };
}

/** A truth row from a plan row and its value cells (texts cleaned as the pipeline's output is). */
export function truthRow(row: { level1: string | null; level2: string | null; level3: string; description: string | null }, cells: ValueCells, extra: Partial<TruthIndicator> = {}): TruthIndicator {
  const c = (s: string | null) => (s === null || s === '' ? null : clean(s));
  return {
    level1: c(row.level1), level2: c(row.level2), level3: clean(row.level3),
    operator: cells.truth.operator, value: c(cells.truth.value), unit: c(cells.truth.unit), description: c(row.description),
    ...(cells.truth.alternatives ? { alternatives: cells.truth.alternatives.map((a) => ({ operator: a.operator, value: c(a.value) })) } : {}),
    ...extra,
  };
}

/** Self-evaluation extras for one row. */
export function selfEvaluation(rng: Rng, idea: IndicatorIdea): { actual: string; weight: string; score: string; deviation: string } {
  const weight = rng.pick([5, 10, 10, 15, 20]);
  const actual = idea.numeric ? String(Number(idea.value) + (rng.chance(0.3) ? rng.int(-3, 3) : 0)) : idea.value;
  const score = rng.chance(0.8) ? weight : Math.max(0, weight - rng.int(1, 3));
  return { actual, weight: String(weight), score: String(score), deviation: score === weight ? '' : rng.pick(DEVIATIONS) };
}

export const pickBasis = (rng: Rng) => rng.pick(BASIS);
export const pickOrigin = (rng: Rng) => rng.pick(ORIGINS);
