// Rebuilding the 一级/二级 hierarchy of body rows: from merged cells, from blank carry-forward
// (also across page breaks) and from heading rows (the 序号 | 指标名称 layout).
import type { GridCell } from '../model/layout.ts';
import { canonicalLevel1, canonicalLevel2, isConsistentPair } from '../normalize/vocabulary.ts';

export type LevelOrigin = 'cell' | 'merged-cell' | 'carried-forward' | 'carried-across-page' | 'heading-row' | 'missing';

export interface LevelValue {
  text: string | null;
  origin: LevelOrigin;
}

export interface LevelState {
  level1: LevelValue;
  level2: LevelValue;
}

export const EMPTY_LEVELS: LevelState = {
  level1: { text: null, origin: 'missing' },
  level2: { text: null, origin: 'missing' },
};

/** The level text a row shows in a level column, and how it got there. */
export function levelFromColumn(cell: GridCell | undefined, row: number, previous: LevelValue, crossedPage: boolean): LevelValue {
  if (cell && cell.text) {
    if (cell.row < row) return { text: cell.text, origin: crossedPage && previous.text === cell.text ? 'carried-across-page' : 'merged-cell' };
    if (cell.rowSpan > 1) return { text: cell.text, origin: 'merged-cell' };
    return { text: cell.text, origin: 'cell' };
  }
  if (!previous.text) return { text: null, origin: 'missing' };
  return { text: previous.text, origin: crossedPage ? 'carried-across-page' : 'carried-forward' };
}

/**
 * Next levels for a row that has level columns. Level2 is only carried while level1 stays
 * the same: a new level1 with a blank level2 leaves level2 missing.
 */
export function nextLevels(state: LevelState, level1Cell: GridCell | undefined, level2Cell: GridCell | undefined, row: number, crossedPage: boolean): LevelState {
  const level1 = levelFromColumn(level1Cell, row, state.level1, crossedPage);
  const level1Changed = level1.text !== state.level1.text;
  const previous2 = level1Changed ? EMPTY_LEVELS.level2 : state.level2;
  const level2 = level2Cell === undefined ? state.level2 : levelFromColumn(level2Cell, row, previous2, crossedPage);
  return { level1, level2 };
}

export type HeadingKind = 'level1' | 'level2';

/**
 * Whether a name-only row opens a level in the heading-row layout. A name from the national
 * vocabulary decides; otherwise an integer 序号 marks a first level and no 序号 a second.
 */
export function headingKind(name: string, seq: string, currentLevel1: string | null): HeadingKind | null {
  const asLevel1 = canonicalLevel1(name);
  const asLevel2 = canonicalLevel2(name);
  const integerSeq = /^[0-9一二三四五六七八九十]+[.、]?$/u.test(seq.trim());
  if (asLevel1 && asLevel2) {
    const parent = canonicalLevel1(currentLevel1);
    return parent && !integerSeq && isConsistentPair(parent, asLevel2) ? 'level2' : 'level1';
  }
  if (asLevel1) return 'level1';
  if (asLevel2) return 'level2';
  if (/指标$/u.test(name)) return integerSeq ? 'level1' : 'level2';
  return null;
}
