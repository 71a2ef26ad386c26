// npm run bench:layouts -- --count N --seed S [--family F[,F2]] [--producer P[,P2]] [--index I]
//                          [--json] [--dump DIR] [--worst K] [--workers W] [--list]
//
// Generates N documents (round robin over the families, each family's cases rotating over its
// producers), extracts each in-process, scores it against the generator's truth, and prints
// the share read exactly per family, producer and ruling style, with the worst cases and the
// command that regenerates each. See scripts/layouts/README.md for what "exact" means.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { caseCommand, producerFor, type CaseKey } from './cases.ts';
import { loadFamilies } from './families/index.ts';
import type { Family } from './family.ts';
import { libreOfficeMissing } from './producers/libreoffice.ts';
import { PRODUCERS, producerMissing, type ProducerName } from './producers/index.ts';
import { bucketTable, quality, summarize, summaryJson, worst } from './report.ts';
import { runCases, type RunOutcome } from './run.ts';

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
  const workers = Math.max(1, Math.min(Number(option('--workers') ?? availableParallelism()), Math.ceil(keys.length / 20)));
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const progress = (done: number) => {
    if (!json && process.stderr.isTTY) process.stderr.write(`\r${done}/${keys.length} documents`);
  };
  const { results, skipped, generationMs: genMs } = workers === 1 ? await runCases(keys, { dump, onProgress: progress }) : await runSharded(keys, workers, dump, progress);
  if (!json && process.stderr.isTTY) process.stderr.write('\n');
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(results);
  if (json) {
    process.stdout.write(`${JSON.stringify({ seed, count: results.length, seconds, generationSeconds: genMs / 1000, skipped: skipped.length, libreOffice: loMissing ?? 'ok', summary: summaryJson(s), worst: worst(results, worstN).map((r) => ({ ...r.key, quality: quality(r), diffs: r.score.diffs, command: caseCommand(r.key) })) }, null, 1)}\n`);
    return;
  }
  console.log(`bench:layouts — seed ${seed}, ${results.length} documents in ${seconds.toFixed(1)} s on ${workers} worker(s), ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU in this process (generation incl. LibreOffice ${(genMs / 1000).toFixed(1)} s summed over workers)`);
  if (loMissing) console.log(loMissing);
  const notoMissing = producerMissing('pdf-noto');
  if (notoMissing) console.log(notoMissing);
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
}

/** Splits the cases over worker threads (interleaved, so every worker gets every family) and merges what they return in case order. */
async function runSharded(keys: CaseKey[], workers: number, dump: string | undefined, progress: (done: number) => void): Promise<RunOutcome> {
  const shards = Array.from({ length: workers }, (_, w) => keys.filter((_, i) => i % workers === w));
  const done = new Array<number>(workers).fill(0);
  const outcomes = await Promise.all(shards.map((shard, w) => new Promise<RunOutcome>((resolve, reject) => {
    const worker = new Worker(new URL('./shard-worker.mjs', import.meta.url), { workerData: { keys: shard, dump } });
    worker.on('message', (m: { type: 'progress'; done: number } | { type: 'done'; outcome: RunOutcome }) => {
      if (m.type === 'progress') {
        done[w] = m.done;
        progress(done.reduce((a, b) => a + b, 0));
      } else resolve(m.outcome);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`bench worker ${w} exited with ${code}`));
    });
  })));
  const order = new Map(keys.map((k, i) => [`${k.family}\u0000${k.index}\u0000${k.producer}`, i]));
  const results = outcomes.flatMap((o) => o.results).sort((a, b) => order.get(`${a.key.family}\u0000${a.key.index}\u0000${a.key.producer}`)! - order.get(`${b.key.family}\u0000${b.key.index}\u0000${b.key.producer}`)!);
  return { results, skipped: outcomes.flatMap((o) => o.skipped), generationMs: outcomes.reduce((s, o) => s + o.generationMs, 0) };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
