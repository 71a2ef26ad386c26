// Case 4 of issue 10 at the level of one line: figures are never one cell, a vertical rule parts
// a run, a space-grouped figure stays whole.
import { describe, expect, it } from 'vitest';
import type { TextRun } from '../src/model/layout.ts';
import { buildLines, splitAtRules, splitBetweenFigures, twoFigures } from '../src/tables/stream-lines.ts';
import { DEFAULT_STREAM_SETTINGS } from '../src/tables/stream-settings.ts';

const run = (text: string, x0: number, x1: number): TextRun => ({ text, bbox: [x0, 100, x1, 109], fontSize: 9, fontName: 'f' });

describe('figures side by side', () => {
  it('tells two figures from a space-grouped one', () => {
    expect(twoFigures('580,037.2', '828,818.3')).toBe(true);
    expect(twoFigures('12', '345')).toBe(false);
    expect(twoFigures('1269', '(19.9%)')).toBe(false);
    expect(twoFigures('12.5', '..')).toBe(true);
    expect(twoFigures('城镇', '12.5')).toBe(false);
  });

  it('splits a monospace run at the single spaces between figures', () => {
    const parts = splitBetweenFigures(run('580,037.2 828,818.3 12 345', 0, 130));
    expect(parts.map((p) => p.text)).toEqual(['580,037.2', '828,818.3', '12 345']);
    expect(parts[1].bbox[0]).toBeCloseTo(50, 5);
  });

  it('keeps two figures 0.3 em apart in two segments, and words that close in one', () => {
    const [line] = buildLines([run('12.5', 0, 18), run('13.1', 20.7, 38.7), run('地区', 50, 68), run('合计', 70, 88)], DEFAULT_STREAM_SETTINGS);
    expect(line.segments.map((s) => s.runs.map((r) => r.text).join(''))).toEqual(['12.5', '13.1', '地区合计']);
  });

  it('parts a run and segments where a vertical rule crosses them', () => {
    expect(splitAtRules(run('数 本期', 0, 36), [[10.5, 90, 120]]).map((r) => r.text)).toEqual(['数', '本期']);
    const [line] = buildLines([run('地区', 50, 68), run('合计', 70, 88)], DEFAULT_STREAM_SETTINGS, [[69, 90, 120]]);
    expect(line.segments).toHaveLength(2);
  });
});
