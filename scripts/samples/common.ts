// Shared pieces of the sample generator: the expected-JSON shape, an independent text
// cleaner (deliberately NOT src/normalize/text.ts, so the golden files do not inherit
// the pipeline's bugs) and the national indicator vocabulary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Op = '≥' | '≤' | '=' | '>' | '<' | '定性';
export type Kind = 'indicator-system' | 'performance-targets' | 'self-evaluation' | 'other';

export interface ExpectedMeasure { value: string; number: number | null; unit: string | null; from: string[] }
export interface ExpectedPoints { value: string; number: number | null; from: string[] }
export interface ExpectedText { text: string; from: string[] }

/** The schema v2 typed fields of a row, as the generator wrote its cells (`from`: the column headers). */
export interface ExpectedTyped {
  actual: ExpectedMeasure | null;
  weight: ExpectedPoints | null;
  score: ExpectedPoints | null;
  deviation: ExpectedText | null;
  direction: { value: '正向' | '反向' | '中性' | null; text: string; from: string[] } | null;
  history: (ExpectedMeasure & { label: string; year: number | null })[];
  basis: ExpectedText | null;
  origin: ExpectedText | null;
  remark: ExpectedText | null;
}

export const NO_TYPED: ExpectedTyped = {
  actual: null, weight: null, score: null, deviation: null, direction: null, history: [], basis: null, origin: null, remark: null,
};

export interface ExpectedIndicator extends ExpectedTyped {
  /** The v1 target fields again, with `from` (the target's columns) where the generator states it. */
  target: { operator: Op | null; value: string | null; number: number | null; unit: string | null; from?: string[] };
  level1: string | null;
  level2: string | null;
  level3: string;
  level1Canonical: string | null;
  level2Canonical: string | null;
  operator: Op | null;
  value: string | null;
  number: number | null;
  unit: string | null;
  description: string | null;
}

export interface ExpectedFundLine {
  label: string | null;
  amount: number | null; initialBudget: number | null; budget: number | null; executed: number | null;
  executionRate: number | null; weight: number | null; score: number | null;
  from: Record<string, string>;
}

export interface ExpectedProject {
  scope: 'project' | 'department';
  name: { text: string; from: string } | null;
  department: { text: string; from: string } | null;
  implementer: { text: string; from: string } | null;
  year: { value: number; from: string } | null;
  period: { text: string; from: string } | null;
  funds: (ExpectedFundLine & { unit: string | null; parts: ExpectedFundLine[] }) | null;
  tasks: { name: string; description: string | null; amount: number | null; from: string[] }[];
  goals: { overall: { text: string; from: string } | null; annual: { text: string; from: string } | null; achieved: { text: string; from: string } | null };
}

export interface ExpectedTable {
  title: string | null;
  kind: Kind;
  context: Record<string, string>;
  indicators: ExpectedIndicator[];
  /** Schema v2: the header block as typed facts (null: none), and the 总分 row. Absent: not checked. */
  project?: ExpectedProject | null;
  total?: { label: string; weight: ExpectedPoints | null; score: ExpectedPoints | null } | null;
}

/** A funding line with every amount null but those given. */
export function fundLine(label: string | null, amounts: Partial<Omit<ExpectedFundLine, 'label' | 'from'>>, from: Record<string, string>): ExpectedFundLine {
  return { label, amount: null, initialBudget: null, budget: null, executed: null, executionRate: null, weight: null, score: null, ...amounts, from };
}

export interface ExpectedNotice {
  docNumber: string | null;
  issuer: string | null;
  title: string | null;
  date: string | null;
  recipients: string | null;
  attachments: string[];
}

export interface Expected {
  file: string;
  format: 'docx' | 'xlsx' | 'pdf';
  notice: ExpectedNotice | null;
  tables: ExpectedTable[];
}

/** CJK ideographs, CJK symbols/punctuation, full-width forms. */
const CJK = /[\u2E80-\u2FFF\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;
/** Punctuation that hugs its neighbours (after NFKC full-width forms are ASCII). */
const HUG = /[,.;:!?()%、。《》〔〕“”]/u;

/**
 * The true text of a cell: NFKC (the samples contain nothing NFKC would spoil), whitespace
 * collapsed, and no whitespace where both neighbours are CJK or hugging punctuation
 * (`可持续影响指 标` → `可持续影响指标`, `优、 良` → `优、良`, `活动 , 一年` → `活动,一年`).
 */
export function clean(text: string): string {
  const s = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === ' ') {
      const a = out[out.length - 1] ?? '';
      const b = s[i + 1] ?? '';
      const side = (c: string) => CJK.test(c) || HUG.test(c);
      if (side(a) && side(b) && (CJK.test(a) || CJK.test(b) || (HUG.test(a) && HUG.test(b)))) continue;
    }
    out += ch;
  }
  return out;
}

const LEVEL1: Record<string, string> = {
  产出指标: '产出指标', 效益指标: '效益指标', 满意度指标: '满意度指标', 成本指标: '成本指标',
  效果指标: '效益指标',
};
const LEVEL2: Record<string, string> = {
  数量指标: '数量指标', 质量指标: '质量指标', 时效指标: '时效指标', 成本指标: '成本指标',
  经济效益指标: '经济效益指标', 社会效益指标: '社会效益指标', 生态效益指标: '生态效益指标',
  可持续影响指标: '可持续影响指标', 服务对象满意度指标: '服务对象满意度指标',
  经济成本指标: '经济成本指标', 社会成本指标: '社会成本指标', 生态环境成本指标: '生态环境成本指标',
  产出数量: '数量指标', 产出质量: '质量指标', 产出时效: '时效指标', 进度指标: '时效指标',
  环境效益指标: '生态效益指标', 可持续效益: '可持续影响指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
};

export function canonical1(name: string | null): string | null {
  return name === null ? null : LEVEL1[name] ?? null;
}
export function canonical2(name: string | null): string | null {
  return name === null ? null : LEVEL2[name] ?? null;
}

/**
 * Builds one expected indicator; texts are cleaned, canonicals looked up. `typed`: the v2 fields
 * the row's extra columns give (the rest null); `targetFrom`: the headers of the target's
 * non-empty cells (omitted: not checked).
 */
export function indicator(p: {
  level1: string | null; level2: string | null; level3: string;
  operator: Op | null; value: string | null; unit: string | null; description?: string | null;
  typed?: Partial<ExpectedTyped>; targetFrom?: string[];
}): ExpectedIndicator {
  const l1 = p.level1 === null ? null : clean(p.level1);
  const l2 = p.level2 === null ? null : clean(p.level2);
  const value = p.value === null ? null : clean(p.value);
  const number = value !== null && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : null;
  const unit = p.unit === null || p.unit === '' ? null : clean(p.unit);
  return {
    level1: l1,
    level2: l2,
    level3: clean(p.level3),
    level1Canonical: canonical1(l1),
    level2Canonical: canonical2(l2),
    operator: p.operator,
    value,
    number,
    unit,
    description: p.description === undefined || p.description === null || p.description === ''
      ? null : clean(p.description),
    target: { operator: p.operator, value, number, unit, ...(p.targetFrom ? { from: p.targetFrom } : {}) },
    ...NO_TYPED,
    ...p.typed,
  };
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
}

/** `samples/<file>.expected.json` — the extension stays in the name (the seed has .docx and .xlsx twins). */
export function expectedPath(samplePath: string): string {
  return `${samplePath}.expected.json`;
}
