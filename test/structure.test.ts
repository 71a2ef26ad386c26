// The structurer on the samples' own grids: header blocks and hierarchy evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';

const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'samples', name));

describe('header block of the self-evaluation sample', () => {
  it.each(['self-evaluation.xlsx', 'pdf/self-evaluation.pdf'])('reads the funding matrix and the goals into context (%s)', async (name) => {
    const result = await extractDocument(sample(name), name);
    const { context } = result.tables[0];
    expect(context).toMatchObject({
      '年度资金总额/年初预算数': '320',
      '年度资金总额/全年执行数': '336',
      '年度资金总额/执行率': '96%',
      '年度资金总额/得分': '9.6',
      '其中:当年财政拨款/全年预算数': '350',
      '其他资金/全年执行数': '0',
    });
    expect(context['年度总体目标/预期目标']).toMatch(/^完成.*120公里/u);
    expect(context['年度总体目标/实际完成情况']).toMatch(/^完成126公里/u);
  });
});

describe('hierarchy evidence', () => {
  it('marks levels from merged cells in the DOCX and carried across the page break in the PDF', async () => {
    const docx = await extractDocument(sample('xiangfuban-2024-40.docx'), 'd');
    const pdf = await extractDocument(sample('pdf/xiangfuban-2024-40.pdf'), 'p');
    expect(docx.tables[0].indicators[1].flags).toContain('level1-from-merged-cell');
    const carried = pdf.tables.flatMap((t) => t.indicators).filter((row) => row.flags.some((f) => f.endsWith('carried-across-page')));
    expect(carried.length).toBeGreaterThan(0);
    for (const row of carried) expect(row.source).toHaveProperty('page');
  });

  it('opens levels from heading rows in the 序号 layout and skips placeholders', async () => {
    const result = await extractDocument(sample('row-heading.xlsx'), 'r');
    const rows = result.tables[0].indicators;
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.flags.includes('level1-from-heading-row'))).toBe(true);
    expect(rows.some((row) => row.level3.includes('.....'))).toBe(false);
  });
});
