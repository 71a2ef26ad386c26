// How well a scanned twin was read: its indicator rows against the original sample's expected
// JSON. Rows are aligned in order (longest common subsequence of exactly equal rows, so one lost
// or extra row does not shift the rest); characters are compared over all rows' fields.
import type { DocumentResult } from '../../src/model/schema.ts';
import { REVIEW_THRESHOLD } from '../../src/confidence/score.ts';

export const ROW_FIELDS = ['level1', 'level2', 'level3', 'operator', 'value', 'unit', 'description'] as const;

type Row = Partial<Record<(typeof ROW_FIELDS)[number], unknown>> & { confidence?: number };

export interface TwinScore {
  rows: number;
  rowsRight: number;
  chars: number;
  charsRight: number;
  /** Rows below the review threshold, and how many of them are wrong. */
  flagged: number;
  flaggedWrong: number;
  /** Wrong rows (expected rows not matched) that were not flagged. */
  wrongUnflagged: number;
  /** The expected rows not read exactly, with what came closest. */
  misses: string[];
}

function key(row: Row): string {
  return ROW_FIELDS.map((field) => String(row[field] ?? '')).join('|');
}

export function scoreTwin(expected: { tables: { indicators: Row[] }[] }, result: DocumentResult | null): TwinScore {
  const want = expected.tables.flatMap((t) => t.indicators);
  const got: Row[] = result ? result.tables.flatMap((t) => t.indicators) : [];
  const a = want.map(key);
  const b = got.map(key);
  // LCS table of exact row matches.
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const matchedGot = new Set<number>();
  const missed: number[] = [];
  for (let i = 0, j = 0; i < n; ) {
    if (j < m && a[i] === b[j]) {
      matchedGot.add(j);
      i++;
      j++;
    } else if (j < m && dp[i][j + 1] >= dp[i + 1][j]) j++;
    else missed.push(i++);
  }
  const doubtful = (row: Row) => (row.confidence ?? 1) < REVIEW_THRESHOLD;
  const flagged = got.filter(doubtful).length;
  const flaggedWrong = got.filter((row, j) => doubtful(row) && !matchedGot.has(j)).length;
  const wrongGot = got.filter((_, j) => !matchedGot.has(j));
  const wrongUnflagged = wrongGot.filter((row) => !doubtful(row)).length + Math.max(0, missed.length - wrongGot.length);
  const wantText = want.map(key).join('\n');
  const gotText = got.map(key).join('\n');
  const distance = editDistance(wantText, gotText);
  const misses = missed.map((i) => {
    const closest = b.reduce((best, text, j) => (matchedGot.has(j) ? best : editDistance(a[i], text) < editDistance(a[i], best) ? text : best), '');
    return `${a[i]}  ←  ${closest || '(nothing)'}`;
  });
  return { rows: n, rowsRight: n - missed.length, chars: [...wantText].length, charsRight: Math.max(0, [...wantText].length - distance), flagged, flaggedWrong, wrongUnflagged, misses };
}

/** Levenshtein distance over code points. */
export function editDistance(x: string, y: string): number {
  const s = [...x];
  const t = [...y];
  let prev = new Int32Array(t.length + 1).map((_, j) => j);
  let cur = new Int32Array(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[t.length];
}
