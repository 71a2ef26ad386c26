// Golden tests: every sample's output against its expected JSON, field by field.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../src/model/schema.ts';
import { extractDocument } from '../pipelines/extract-document.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const INDICATOR_FIELDS = ['level1', 'level2', 'level3', 'level1Canonical', 'level2Canonical', 'operator', 'value', 'number', 'unit', 'description'] as const;
/** Schema v2 typed fields, checked wherever the golden file has them. */
const TYPED_FIELDS = ['actual', 'weight', 'score', 'deviation', 'direction', 'history', 'basis', 'origin', 'remark'] as const;

interface Expected {
  file: string;
  notice: Record<string, unknown> | null;
  tables: { title: string; kind: string; context: Record<string, string>; project?: unknown; total?: unknown; indicators: Record<string, unknown>[] }[];
}

function expectedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return expectedFiles(join(dir, entry.name));
    return entry.name.endsWith('.expected.json') ? [join(dir, entry.name)] : [];
  });
}

for (const expectedPath of expectedFiles(SAMPLES)) {
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
  const samplePath = expectedPath.replace(/\.expected\.json$/u, '');
  describe(`golden: ${samplePath.slice(SAMPLES.length + 1)}`, () => {
    let result: DocumentResult;
    beforeAll(async () => {
      result = await extractDocument(readFileSync(samplePath), expected.file);
    });

    it('has the notice head', () => {
      if (expected.notice) expect(result.notice).toEqual(expected.notice);
    });

    it('finds the tables in order with title, kind and context', () => {
      expect(result.tables.map((t) => t.title)).toEqual(expected.tables.map((t) => t.title));
      expect(result.tables.map((t) => t.kind)).toEqual(expected.tables.map((t) => t.kind));
      result.tables.forEach((table, i) => expect(table.context, `table ${table.title}`).toMatchObject(expected.tables[i].context));
    });

    it('gives every indicator row with the expected fields', () => {
      expected.tables.forEach((table, t) => {
        const got = result.tables[t]?.indicators ?? [];
        expect(got.map((row) => row.level3), `rows of ${table.title}`).toEqual(table.indicators.map((row) => row.level3));
        table.indicators.forEach((row, r) => {
          for (const field of INDICATOR_FIELDS) {
            expect(got[r]?.[field], `${table.title} row ${r + 1} (${row.level3}) ${field}`).toEqual(row[field]);
          }
        });
      });
    });

    it('gives the v2 typed fields of every row: target, actual, weight, score, … with the columns they came from', () => {
      expected.tables.forEach((table, t) => {
        const got = result.tables[t]?.indicators ?? [];
        table.indicators.forEach((row, r) => {
          const label = `${table.title} row ${r + 1} (${row.level3})`;
          const target = row.target as Record<string, unknown> | undefined;
          if (!target) return;
          const { from, ...values } = target;
          expect({ ...got[r]?.target, from: undefined }, `${label} target`).toEqual({ ...values, from: undefined });
          // v1 top-level fields stay equal to the target
          for (const key of ['operator', 'value', 'number', 'unit'] as const) expect(got[r]?.[key], `${label} v1 ${key}`).toEqual(got[r]?.target[key]);
          if (from) expect(got[r]?.target.from, `${label} target.from`).toEqual(from);
          for (const field of TYPED_FIELDS) if (field in row) expect(got[r]?.[field], `${label} ${field}`).toEqual(row[field]);
        });
      });
    });

    it('gives each table its project block and 总分 row', () => {
      expected.tables.forEach((table, t) => {
        if ('project' in table) expect(result.tables[t]?.project, `${table.title} project`).toEqual(table.project);
        if ('total' in table) expect(result.tables[t]?.total, `${table.title} total`).toEqual(table.total);
      });
    });

    it('keeps every original cell and the provenance of each row', () => {
      for (const table of result.tables) {
        const headers = table.columns.map((column) => column.header).filter(Boolean);
        for (const row of table.indicators) {
          for (const header of headers) expect(Object.keys(row.fields)).toContain(header);
          expect(row.source).toBeDefined();
        }
      }
    });
  });
}
