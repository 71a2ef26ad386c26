// Documents the confidence was not tuned on, with their truth: the layout generator's indicator
// families (scripts/layouts, truth from the generator's data) and ../shared/real (truth by hand).
// Each document becomes one Run of row verdicts, as the fault-injection bench gives.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentResult } from '../../src/model/schema.ts';
import { extractDocument } from '../../pipelines/extract-document.ts';
import { loadFamilies } from '../layouts/families/index.ts';
import { caseSpec, producerFor } from '../layouts/cases.ts';
import { renderMany } from '../layouts/producers/index.ts';
import type { IndicatorTruth } from '../layouts/spec.ts';
import { type TruthRow, truthVerdicts } from './truth.ts';
import type { Run } from '../bench-confidence.ts';

const REAL = join(import.meta.dirname, '..', '..', '..', 'shared', 'real');

async function extractOrNull(bytes: Uint8Array, name: string): Promise<DocumentResult | null> {
  try {
    return await extractDocument(bytes, name);
  } catch {
    return null;
  }
}

export function generatorRows(truth: IndicatorTruth): TruthRow[] {
  return truth.tables.flatMap((table) => table.rows.map((row) => ({
    level1: row.level1, level2: row.level2, level3: row.level3, operator: row.operator, value: row.value, unit: row.unit,
    description: row.description, alternatives: row.alternatives, unitColumn: table.unitColumn, table: table.title,
  })));
}

export interface GeneratedOptions { count: number; seed: number; family?: string; log?: (line: string) => void }

/** COUNT indicator documents of the layout generator at SEED, round robin over its indicator families. */
export async function generatedRuns(options: GeneratedOptions): Promise<Run[]> {
  const families = (await loadFamilies()).filter((f) => f.kind === 'indicators' && (!options.family || f.name.includes(options.family)));
  const cases = Array.from({ length: options.count }, (_, i) => {
    const family = families[i % families.length];
    const index = Math.floor(i / families.length);
    const producer = producerFor(family, index);
    return { family, index, producer, spec: caseSpec(family, options.seed, index) };
  });
  const runs: Run[] = [];
  const CHUNK = 50;
  for (let start = 0; start < cases.length; start += CHUNK) {
    const chunk = cases.slice(start, start + CHUNK);
    const rendered = await renderMany(chunk.map((c) => ({ spec: c.spec, producer: c.producer })));
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      const r = rendered[i];
      if (!r.rendered || c.spec.truth.kind !== 'indicators') continue;
      const result = await extractOrNull(r.rendered.bytes, `${c.spec.id}.${r.rendered.ext}`);
      runs.push({
        sample: `${c.family.name}:${options.seed}:${c.index}`, kind: c.producer, description: c.family.name,
        verdicts: truthVerdicts(result, generatorRows(c.spec.truth)),
      });
    }
    options.log?.(`generated: ${Math.min(start + CHUNK, cases.length)}/${cases.length}`);
  }
  return runs;
}

interface RealTruthLine { table: string; level1: string | null; level2: string | null; level3: string; operator: TruthRow['operator']; value: string | null; unit: string | null }

/** Every document of ../shared/real with a truth file (truth/NAME.jsonl + NAME.meta.json). */
export async function realRuns(): Promise<Run[]> {
  const truthDir = join(REAL, 'truth');
  if (!existsSync(truthDir)) return [];
  const runs: Run[] = [];
  for (const file of readdirSync(truthDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const name = file.replace(/\.jsonl$/u, '');
    const meta = JSON.parse(readFileSync(join(truthDir, `${name}.meta.json`), 'utf8')) as { unitColumn: boolean };
    const truth = readFileSync(join(truthDir, file), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RealTruthLine)
      .map((t): TruthRow => ({ level1: t.level1, level2: t.level2, level3: t.level3, operator: t.operator, value: t.value, unit: t.unit, unitColumn: meta.unitColumn, table: t.table }));
    const result = await extractOrNull(readFileSync(join(REAL, 'docs', name)), name);
    runs.push({ sample: name, kind: 'real', description: name, verdicts: truthVerdicts(result, truth) });
  }
  return runs;
}
