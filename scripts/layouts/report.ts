// Aggregates case results into the bench's tables: exact share per family, producer and
// ruling style, row/relation figures, and the worst cases.
import type { CaseResult } from './cases.ts';

export interface Bucket {
  docs: number;
  exact: number;
  /** Sum of per-document F1 (generic) or row accuracy (indicators). */
  quality: number;
}

export interface Summary {
  total: Bucket;
  byFamily: Map<string, Bucket>;
  byProducer: Map<string, Bucket>;
  byRuling: Map<string, Bucket>;
  generic: { docs: number; meanF1: number; micro: { truth: number; predicted: number; correct: number } };
  indicators: { docs: number; rows: { truth: number; right: number; wrong: number; missing: number; extra: number }; titles: { truth: number; right: number }; meta: { truth: number; right: number }; unscored: string[] };
}

/** A document's quality in [0, 1]: its F1 (generic) or the share of its truth rows read right, less extras. */
export function quality(r: CaseResult): number {
  const s = r.score;
  if (s.kind === 'generic') return s.f1;
  const denom = s.rows.truth + s.rows.extra;
  return denom === 0 ? 1 : s.rows.right / denom;
}

function add(map: Map<string, Bucket>, key: string, r: CaseResult): void {
  const b = map.get(key) ?? { docs: 0, exact: 0, quality: 0 };
  b.docs++;
  if (r.score.exact) b.exact++;
  b.quality += quality(r);
  map.set(key, b);
}

export function summarize(results: CaseResult[]): Summary {
  const s: Summary = {
    total: { docs: 0, exact: 0, quality: 0 },
    byFamily: new Map(), byProducer: new Map(), byRuling: new Map(),
    generic: { docs: 0, meanF1: 0, micro: { truth: 0, predicted: 0, correct: 0 } },
    indicators: { docs: 0, rows: { truth: 0, right: 0, wrong: 0, missing: 0, extra: 0 }, titles: { truth: 0, right: 0 }, meta: { truth: 0, right: 0 }, unscored: [] },
  };
  const unscored = new Set<string>();
  for (const r of results) {
    s.total.docs++;
    if (r.score.exact) s.total.exact++;
    s.total.quality += quality(r);
    add(s.byFamily, r.key.family, r);
    add(s.byProducer, r.key.producer, r);
    add(s.byRuling, r.tags.ruling ?? '-', r);
    if (r.score.kind === 'generic') {
      s.generic.docs++;
      s.generic.meanF1 += r.score.f1;
      for (const k of ['truth', 'predicted', 'correct'] as const) s.generic.micro[k] += r.score.relations[k];
    } else {
      s.indicators.docs++;
      for (const k of ['truth', 'right', 'wrong', 'missing', 'extra'] as const) s.indicators.rows[k] += r.score.rows[k];
      for (const k of ['truth', 'right'] as const) {
        s.indicators.titles[k] += r.score.titles[k];
        s.indicators.meta[k] += r.score.meta[k];
      }
      for (const f of r.score.unscored) unscored.add(f);
    }
  }
  if (s.generic.docs) s.generic.meanF1 /= s.generic.docs;
  s.indicators.unscored = [...unscored].sort();
  return s;
}

const pct = (n: number, d: number) => (d === 0 ? '    -' : `${((100 * n) / d).toFixed(1).padStart(5)}`);

export function bucketTable(title: string, map: Map<string, Bucket>): string[] {
  const rows = [...map.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  const out = [`${title.padEnd(width)}   docs  exact%  quality%`];
  for (const [k, b] of rows) out.push(`${k.padEnd(width)} ${String(b.docs).padStart(6)}  ${pct(b.exact, b.docs)}   ${pct(b.quality, b.docs)}`);
  return out;
}

/** Worst first (lowest quality among the inexact), at most one per family until every family has had its turn. */
export function worst(results: CaseResult[], n: number): CaseResult[] {
  const bad = results.filter((r) => !r.score.exact).sort((a, b) => quality(a) - quality(b) || a.key.family.localeCompare(b.key.family) || a.key.index - b.key.index);
  const out: CaseResult[] = [];
  const taken = new Map<string, number>();
  for (let round = 0; out.length < n && out.length < bad.length; round++) {
    for (const r of bad) {
      if (out.length >= n) break;
      if ((taken.get(r.key.family) ?? 0) !== round || out.includes(r)) continue;
      taken.set(r.key.family, round + 1);
      out.push(r);
    }
  }
  return out.sort((a, b) => quality(a) - quality(b));
}

export function summaryJson(s: Summary): unknown {
  const obj = (m: Map<string, Bucket>) => Object.fromEntries([...m.entries()].map(([k, b]) => [k, { docs: b.docs, exact: b.exact, exactShare: b.exact / b.docs, quality: b.quality / b.docs }]));
  return {
    total: { docs: s.total.docs, exact: s.total.exact, exactShare: s.total.docs ? s.total.exact / s.total.docs : 0 },
    byFamily: obj(s.byFamily), byProducer: obj(s.byProducer), byRuling: obj(s.byRuling),
    generic: s.generic, indicators: s.indicators,
  };
}
