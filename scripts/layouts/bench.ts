// npm run bench:layouts -- --count N --seed S [--family F[,F2]] [--producer P[,P2]] [--index I]
//                          [--json] [--dump DIR] [--worst K] [--list]
//
// Generates N documents (round robin over the families, each family's cases rotating over its
// producers), extracts each in-process, scores it against the generator's truth, and prints
// the share read exactly per family, producer and ruling style, with the worst cases and the
// command that regenerates each. See scripts/layouts/README.md for what "exact" means.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseCommand, caseSpec, producerFor, scoreCase, type CaseKey, type CaseResult } from './cases.ts';
import { loadFamilies } from './families/index.ts';
import type { Family } from './family.ts';
import { libreOfficeMissing } from './producers/libreoffice.ts';
import { isLibreOffice, PRODUCERS, renderMany, type ProducerName } from './producers/index.ts';
import { bucketTable, quality, summarize, summaryJson, worst } from './report.ts';
import type { DocSpec } from './spec.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name: string) => args.includes(name);

async function main(): Promise<void> {
  const all = await loadFamilies();
  if (flag('--list')) {
    for (const f of all) console.log(`${f.name.padEnd(28)} ${f.kind.padEnd(10)} ${f.producers.join(',')}\n  ${f.description}`);
    return;
  }
  const count = Number(option('--count') ?? 200);
  const seed = Number(option('--seed') ?? 1);
  const onlyIndex = option('--index') !== undefined ? Number(option('--index')) : null;
  const familyNames = option('--family')?.split(',');
  const producerNames = option('--producer')?.split(',') as ProducerName[] | undefined;
  const json = flag('--json');
  const dump = option('--dump');
  const worstN = Number(option('--worst') ?? 10);
  for (const p of producerNames ?? []) if (!PRODUCERS.includes(p)) throw new Error(`unknown producer ${p} (${PRODUCERS.join(', ')})`);
  const families = all.filter((f) => !familyNames || familyNames.includes(f.name));
  if (familyNames) for (const n of familyNames) if (!all.some((f) => f.name === n)) throw new Error(`unknown family ${n} (npm run bench:layouts -- --list)`);
  const loMissing = libreOfficeMissing();

  // The case list: round robin over families; a family's k-th case is index k.
  const keys: CaseKey[] = [];
  const skipped: string[] = [];
  const perFamily = new Map<string, number>();
  const eligible = (f: Family) => (producerNames ? f.producers.filter((p) => producerNames.includes(p)) : [...f.producers]);
  const live = families.filter((f) => eligible(f).length > 0);
  if (onlyIndex !== null) {
    for (const f of live) for (const p of producerNames ? eligible(f) : [producerFor(f, onlyIndex)]) keys.push({ family: f.name, seed, index: onlyIndex, producer: p });
  } else {
    for (let i = 0; keys.length < count && live.length; i++) {
      const f = live[i % live.length];
      const k = perFamily.get(f.name) ?? 0;
      perFamily.set(f.name, k + 1);
      const ps = eligible(f);
      keys.push({ family: f.name, seed, index: k, producer: producerNames ? ps[k % ps.length] : producerFor(f, k) });
    }
  }
  const byName = new Map(all.map((f) => [f.name, f]));
  const started = performance.now();
  let genMs = 0;
  const results: CaseResult[] = [];
  const CHUNK = 100;
  for (let c = 0; c < keys.length; c += CHUNK) {
    const chunk = keys.slice(c, c + CHUNK);
    const t0 = performance.now();
    const specs: DocSpec[] = chunk.map((k) => caseSpec(byName.get(k.family)!, k.seed, k.index));
    const rendered = await renderMany(chunk.map((k, i) => ({ spec: specs[i], producer: k.producer })));
    genMs += performance.now() - t0;
    for (let i = 0; i < chunk.length; i++) {
      const r = rendered[i];
      if (!r.rendered) {
        skipped.push(`${chunk[i].family}:${chunk[i].index} (${chunk[i].producer}): ${r.why}`);
        continue;
      }
      const result = await scoreCase(chunk[i], specs[i], r.rendered, dump !== undefined);
      results.push(result);
      if (dump) {
        mkdirSync(dump, { recursive: true });
        const base = join(dump, `${chunk[i].family}-${chunk[i].seed}-${chunk[i].index}-${chunk[i].producer}`);
        writeFileSync(`${base}.${r.rendered.ext}`, r.rendered.bytes);
        writeFileSync(`${base}.spec.json`, `${JSON.stringify(specs[i], null, 1)}\n`);
        writeFileSync(`${base}.result.json`, `${JSON.stringify({ score: result.score, output: result.output }, null, 1)}\n`);
      }
    }
    if (!json && process.stderr.isTTY) process.stderr.write(`\r${Math.min(c + CHUNK, keys.length)}/${keys.length} documents`);
  }
  if (!json && process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(results);
  if (json) {
    process.stdout.write(`${JSON.stringify({ seed, count: results.length, seconds, generationSeconds: genMs / 1000, skipped: skipped.length, libreOffice: loMissing ?? 'ok', summary: summaryJson(s), worst: worst(results, worstN).map((r) => ({ ...r.key, quality: quality(r), diffs: r.score.diffs, command: caseCommand(r.key) })) }, null, 1)}\n`);
    return;
  }
  console.log(`bench:layouts — seed ${seed}, ${results.length} documents in ${seconds.toFixed(1)} s (generation ${(genMs / 1000).toFixed(1)} s)`);
  if (loMissing) console.log(loMissing);
  if (skipped.length) console.log(`${skipped.length} case(s) skipped, e.g. ${skipped[0]}`);
  console.log(`\nexact: ${s.total.exact}/${s.total.docs} = ${((100 * s.total.exact) / Math.max(1, s.total.docs)).toFixed(1)}%   (quality% = mean F1 for generic, rows right/(truth+extra) for indicators)\n`);
  for (const [title, map] of [['family', s.byFamily], ['producer', s.byProducer], ['ruling', s.byRuling]] as const) {
    console.log(bucketTable(title, map).join('\n'));
    console.log('');
  }
  if (s.generic.docs) {
    const m = s.generic.micro;
    console.log(`generic: ${s.generic.docs} docs, mean F1 ${(100 * s.generic.meanF1).toFixed(1)}, micro P ${(100 * m.correct / Math.max(1, m.predicted)).toFixed(1)} R ${(100 * m.correct / Math.max(1, m.truth)).toFixed(1)} (relations ${m.truth})`);
  }
  if (s.indicators.docs) {
    const r = s.indicators.rows;
    console.log(`indicators: ${s.indicators.docs} docs, rows ${r.right}/${r.truth} right (${r.wrong} wrong, ${r.missing} missing, ${r.extra} extra); table titles ${s.indicators.titles.right}/${s.indicators.titles.truth}; notice fields ${s.indicators.meta.right}/${s.indicators.meta.truth}`);
    if (s.indicators.unscored.length) console.log(`  not scored yet (the output has no such field): ${s.indicators.unscored.join(', ')}`);
  }
  const bad = worst(results, worstN);
  if (bad.length) {
    console.log(`\nworst ${bad.length}:`);
    for (const r of bad) {
      console.log(`  ${r.key.family}:${r.key.seed}:${r.key.index} ${r.key.producer} [${Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).join(' ')}] quality ${(100 * quality(r)).toFixed(0)}%`);
      for (const d of r.score.diffs.slice(0, 4)) console.log(`      ${d}`);
      console.log(`      regenerate: ${caseCommand(r.key)}`);
    }
  }
  void isLibreOffice;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
