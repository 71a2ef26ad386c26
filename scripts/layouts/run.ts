// Runs a list of cases in chunks: generate the specs, render them (LibreOffice cases of a chunk
// converted together), extract and score each, optionally dump each case to files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseSpec, scoreCase, type CaseKey, type CaseResult } from './cases.ts';
import { loadFamilies } from './families/index.ts';
import { renderMany } from './producers/index.ts';

export interface RunOutcome {
  results: CaseResult[];
  skipped: string[];
  /** Milliseconds spent generating and rendering (LibreOffice included). */
  generationMs: number;
}

const CHUNK = 50;

export async function runCases(keys: CaseKey[], opts: { dump?: string; onProgress?: (done: number) => void } = {}): Promise<RunOutcome> {
  const byName = new Map((await loadFamilies()).map((f) => [f.name, f]));
  const results: CaseResult[] = [];
  const skipped: string[] = [];
  let generationMs = 0;
  for (let c = 0; c < keys.length; c += CHUNK) {
    const chunk = keys.slice(c, c + CHUNK);
    const t0 = performance.now();
    const specs = chunk.map((k) => caseSpec(byName.get(k.family)!, k.seed, k.index));
    const rendered = await renderMany(chunk.map((k, i) => ({ spec: specs[i], producer: k.producer })));
    generationMs += performance.now() - t0;
    for (let i = 0; i < chunk.length; i++) {
      const r = rendered[i];
      const key = chunk[i];
      if (!r.rendered) {
        skipped.push(`${key.family}:${key.index} (${key.producer}): ${r.why}`);
        continue;
      }
      const result = await scoreCase(key, specs[i], r.rendered, opts.dump !== undefined);
      if (opts.dump) {
        mkdirSync(opts.dump, { recursive: true });
        const base = join(opts.dump, `${key.family}-${key.seed}-${key.index}-${key.producer}`);
        writeFileSync(`${base}.${r.rendered.ext}`, r.rendered.bytes);
        writeFileSync(`${base}.spec.json`, `${JSON.stringify(specs[i], null, 1)}\n`);
        writeFileSync(`${base}.result.json`, `${JSON.stringify({ score: result.score, output: result.output }, null, 1)}\n`);
        delete result.output;
      }
      results.push(result);
    }
    opts.onProgress?.(Math.min(c + CHUNK, keys.length));
  }
  return { results, skipped, generationMs };
}
