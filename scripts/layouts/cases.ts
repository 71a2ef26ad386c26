// One case: (family, run seed, index) → DocSpec → producer → bytes → extraction → score.
import { documentGrids, extractDocument } from '../../pipelines/extract-document.ts';
import type { DocumentResult } from '../../src/model/schema.ts';
import type { Family } from './family.ts';
import type { ProducerName, Rendered } from './producers/index.ts';
import { Rng } from './random.ts';
import { scoreGeneric, gridCells, type GenericScore } from './score/generic.ts';
import { scoreIndicators, type IndicatorScore } from './score/indicators.ts';
import type { DocSpec } from './spec.ts';

export interface CaseKey {
  family: string;
  seed: number;
  index: number;
  producer: ProducerName;
}

export function caseSpec(family: Family, seed: number, index: number): DocSpec {
  return family.make(Rng.forCase(seed, family.name, index), { id: `${family.name}:${seed}:${index}` });
}

/** Cases of a family rotate over its producers. */
export function producerFor(family: Family, index: number): ProducerName {
  return family.producers[index % family.producers.length];
}

export type CaseScore = ({ kind: 'indicators' } & IndicatorScore) | ({ kind: 'generic' } & GenericScore);

export interface CaseResult {
  key: CaseKey;
  tags: Record<string, string>;
  score: CaseScore;
  /** Milliseconds spent extracting (generation not counted). */
  ms: number;
  output?: unknown;
}

export async function scoreCase(key: CaseKey, spec: DocSpec, rendered: Rendered, keepOutput = false): Promise<CaseResult> {
  const started = performance.now();
  const name = `${spec.id}.${rendered.ext}`;
  let score: CaseScore;
  let output: unknown;
  if (spec.truth.kind === 'indicators') {
    let result: DocumentResult | null = null;
    let failure: string | undefined;
    try {
      result = await extractDocument(rendered.bytes, name);
    } catch (err) {
      failure = (err as { code?: string }).code ?? (err as Error).message;
    }
    output = result;
    score = { kind: 'indicators', ...scoreIndicators(result, spec.truth, failure) };
  } else {
    let tables: ReturnType<typeof gridCells>[] = [];
    let failure: string | undefined;
    try {
      const grids = await documentGrids(rendered.bytes);
      tables = grids.tables.map(gridCells);
    } catch (err) {
      failure = (err as { code?: string }).code ?? (err as Error).message;
    }
    output = { tables };
    score = { kind: 'generic', ...scoreGeneric(tables, spec.truth, failure) };
  }
  return { key, tags: spec.tags, score, ms: performance.now() - started, ...(keepOutput ? { output } : {}) };
}

export function caseCommand(key: CaseKey, dump = 'layout-case'): string {
  return `npm run bench:layouts -- --family ${key.family} --seed ${key.seed} --index ${key.index} --producer ${key.producer} --dump ${dump}`;
}
