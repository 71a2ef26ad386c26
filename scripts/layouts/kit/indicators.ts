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
  /** A row standing where an indicator would (不适用, 无, /, or an empty 三级): not an indicator. */
  filler?: string;
}

const ALL_KINDS: Level2Kind[] = ['数量', '质量', '时效', '成本', '经济效益', '社会效益', '生态效益', '可持续影响', '满意度'];

/** A vocabulary for one table (all rows of a table name their levels the same way). */
export function pickVocabulary(rng: Rng): LevelVocabulary {
  return rng.weighted(VOCABULARIES.map((v, i) => [v, i === 0 ? 3 : 1] as const));
}

/** Indicator rows grouped by 一级 then 二级, in the national order; names unique in the table. */
export function planIndicators(rng: Rng, vocab: LevelVocabulary, opts: { rowsPerLevel2?: readonly [number, number]; kinds?: Level2Kind[]; fillers?: readonly string[] } = {}): PlannedRow[] {
  const per = opts.rowsPerLevel2 ?? GENERATOR.indicators.rowsPerLevel2;
  const chosen = opts.kinds ?? ALL_KINDS.filter((k) => k === '数量' || k === '满意度' || rng.chance(0.6));
  // With fillers every second level is present, the unused ones holding one filler row (松岗-style templates).
  const kinds = opts.fillers ? ALL_KINDS : chosen;
  const objects = rng.shuffle(OBJECTS);
  const rows: PlannedRow[] = [];
  const names = new Set<string>();
  let o = 0;
  for (const kind of kinds) {
    if (!chosen.includes(kind)) {
      const filler = rng.pick(opts.fillers!);
      rows.push({ kind, level1: vocab.level1[LEVEL1_OF[kind]], level2: vocab.level2[kind], idea: { name: filler, op: null, value: filler, unit: null, numeric: false }, description: filler, filler });
      continue;
    }
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
  /** Which of the word forms (不低于/不少于/大于等于/大于或等于; 以上 or 以内 …) this table uses. */
  words: number;
  /** Numbers written with two decimals (`13459.00`, `100.00`). */
  fixed2: boolean;
  /** XLSX: a `100%` value stored as the number 1 with a % format. */
  percentNumbers: boolean;
}

export function randomValueLayout(rng: Rng, over: Partial<ValueLayout> = {}): ValueLayout {
  return {
    opColumn: rng.chance(0.5),
    unitColumn: rng.chance(0.5),
    inlineOp: rng.weighted([['symbol', 4], ['fullwidth', 1], ['word', 2], ['suffix', 1]] as const),
    inlineUnit: rng.weighted([['plain', 4], ['paren', 1]] as const),
    noOp: rng.chance(0.3) ? '无' : '',
    words: rng.int(0, 3),
    fixed2: rng.chance(0.2),
    percentNumbers: rng.chance(0.5),
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
/** Word operators the real README maps (不低于/不少于/大于等于/大于或等于 → ≥, …). */
const WORDS: Partial<Record<Op, string[]>> = { '≥': ['不低于', '不少于', '大于等于', '大于或等于'], '≤': ['不超过', '不高于', '小于等于', '小于或等于'] };
/** Trailing words the truth leaves in the value (operator null), with the reading that is right too. */
const SUFFIXES: Partial<Record<Op, string[]>> = { '≥': ['以上'], '≤': ['以下', '以内'] };
const pickWord = (table: Partial<Record<Op, string[]>>, op: Op, k: number) => {
  const list = table[op];
  return list ? list[k % list.length] : undefined;
};

/** The op / value / unit cells of one row under a layout, and their truth. */
export function valueCells(raw: IndicatorIdea, layout: ValueLayout): ValueCells {
  const idea = layout.fixed2 && raw.numeric ? { ...raw, value: Number(raw.value).toFixed(2) } : raw;
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
  const word = pickWord(WORDS, op, layout.words);
  const suffix = pickWord(SUFFIXES, op, layout.words);
  const style = layout.inlineOp === 'word' && !word ? 'symbol'
    : layout.inlineOp === 'fullwidth' && !FULLWIDTH[op] ? 'symbol'
      : (layout.inlineOp === 'suffix' && !suffix) || (layout.inlineOp === 'suffix' && !idea.numeric) ? 'symbol' : layout.inlineOp;
  if (style === 'suffix') {
    // `90%以上`: the truth keeps the word in the value with no operator; ≥ 90% is right too.
    // (`90(%)以上` is not written: the unit stays plain before the word.)
    const written = `${idea.value}${layout.unitColumn ? '' : unitText}${suffix}`;
    const truthValue = layout.unitColumn ? `${idea.value}${suffix}` : `${idea.value}${unitText}${suffix}`;
    return {
      op: '', value: written, unit: unitCell,
      truth: {
        operator: null, value: truthValue, unit: layout.unitColumn ? idea.unit : null,
        alternatives: [{ operator: op, value: layout.unitColumn ? idea.value : `${idea.value}${unitText}` }],
      },
    };
  }
  const prefix = style === 'word' ? word! : style === 'fullwidth' ? FULLWIDTH[op]! : op;
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
