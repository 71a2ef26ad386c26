// Generated 序号-layout indicator tables (indicator-row-heading*, `1 产出指标` / `1.1 数量指标`
// heading rows, 前年/上年, 计算符号, 计量单位, 说明 columns) that were read wrong before a
// capability was built and read exactly since. In-process producers only: no LibreOffice.
import { describe, expect, it } from 'vitest';
import type { CaseKey } from '../scripts/layouts/cases.ts';
import { scoreDirect } from './layout-case.ts';

const CASES: { key: CaseKey; needs: string }[] = [
  // No rules; every head wrapped over two lines (`序 / 号`, `前年指标 / 值`, `计算 / 符号`,
  // `指标值说 / 明`), so neither header row alone names enough columns to open the header.
  { key: { family: 'indicator-row-heading', seed: 3, index: 36, producer: 'pdf-noto' }, needs: 'a header of heads wrapped over two rows found through both rows' },
  // Ruled under every row, cells centred: a description of three lines beside one-line cells.
  // The reading that kept the ruled row's lines together got no credit for its drawn cells' place
  // in their rows, while one that split off the first line had its remaining cells in line.
  { key: { family: 'indicator-row-heading', seed: 3, index: 60, producer: 'pdf-noto' }, needs: 'a drawn cell in line with its row, whatever its text\'s height' },
  // 三线表; a value and its unit set one blank apart in one run (`11378.00 平方米`) across the
  // 指标值 | 计量单位 line: the run was cut there, but the estimated glyph positions put the cut
  // past the line, so the two pieces joined again into one cell spanning both columns.
  { key: { family: 'indicator-row-heading-three-line', seed: 3, index: 16, producer: 'pdf-stsong' }, needs: 'a run cut at a column line parted there' },
  // 三线表, landscape; a description wrapped over lines that end with a blank and an origin
  // column set a narrow gap after it: the blank and the lines where both cells' text is one
  // segment covered the gap between the columns, so the boundary fell inside the origin's text.
  { key: { family: 'indicator-row-heading-three-line', seed: 3, index: 24, producer: 'pdf-noto' }, needs: 'a column boundary from the body text\'s ink and its cell pieces' },
];

describe('序号-layout indicator tables read exactly', () => {
  it.each(CASES)('$key.family:$key.seed:$key.index $key.producer ($needs)', async ({ key }) => {
    const score = await scoreDirect(key);
    expect(score.kind === 'indicators' ? score.diffs.slice(0, 4) : [], 'diffs').toEqual([]);
    expect(score.exact).toBe(true);
  }, 60_000);
});
