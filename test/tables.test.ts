// `zhibiao tables`: generic cells with spans (SPEC §3.2), for PDF per page with its bbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericTables, tablesToCsv } from '../pipelines/tables.ts';
import { GenericTables } from '../src/model/schema.ts';

const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'samples', name));

describe('generic tables', () => {
  it('gives a PDF table once per page with bbox and real spans', async () => {
    const tables = GenericTables.parse(await genericTables(sample('pdf/cid-stsong.pdf')));
    expect(tables.tables).toHaveLength(1);
    const [table] = tables.tables;
    expect(table.page).toBe(1);
    expect(table.bbox?.[2]).toBeGreaterThan(table.bbox![0]);
    expect(table.cells.find((cell) => cell.row === 0 && cell.col === 2)?.text).toBe('三级指标');
    expect(table.cells.find((cell) => cell.text === '产出指标')).toMatchObject({ col: 0, rowSpan: 3, colSpan: 1 });
  });

  it('splits a table continued across pages into its page fragments', async () => {
    const tables = await genericTables(sample('pdf/xiangfuban-2024-40.pdf'));
    const pages = tables.tables.map((table) => table.page);
    expect(tables.tables.length).toBeGreaterThan(13);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });

  it('keeps DOCX merges as spans and writes CSV with the text in the top-left slot', async () => {
    const tables = await genericTables(sample('xiangfuban-2024-40.docx'));
    expect(tables.tables).toHaveLength(13);
    expect(tables.tables[0].cells.find((cell) => cell.text === '绩效指标')).toMatchObject({ row: 0, col: 0, colSpan: 5 });
    const csv = tablesToCsv(tables)[0].split('\r\n');
    expect(csv[0]).toBe('\uFEFF绩效指标,,,,,指标描述');
    expect(csv[3].startsWith('产出指标,数量指标,完成调研报告数量,≥,篇,')).toBe(true);
    expect(csv[4].startsWith(',,完成课题报告数量,')).toBe(true);
  });
});
