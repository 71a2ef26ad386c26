// Reviewers' corrections on real extractions of the bundled samples: applied with provenance
// (corrected, original, accepted, excluded), kept in the SQLite corpus, seen by search and export,
// and carried over to a re-extraction by a newer extractor (a new document id) — or listed as
// unplaced when the row they were made on reads differently now.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../src/index.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import type { Correction } from '../src/model/corrections.ts';
import { documentId } from '../src/model/api.ts';
import { applyCorrections } from '../src/corrections/apply.ts';
import { anchorOf } from '../src/corrections/identity.ts';
import { SqliteCorrections } from '../src/corrections/store.ts';
import { closeCorpus, openCorpus } from '../pipelines/corpus.ts';
import { upsertDocument, withCorrections } from '../src/corpus/writer.ts';
import { searchCorpus } from '../src/corpus/search.ts';
import { exportCorpus } from '../src/corpus/export.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const V1 = 'test-extractor-1';
const V2 = 'test-extractor-2';
let xlsx: DocumentResult;
let pdf: DocumentResult;
let dir: string;

function correction(result: DocumentResult, version: string, table: number, ord: number, change: Partial<Correction>): Correction {
  return {
    id: `c-${Math.random().toString(36).slice(2)}`, sha256: result.source.sha256, documentId: documentId(result.source.sha256, version),
    extractorVersion: version, anchor: anchorOf(result.tables[table], ord), action: 'edit', field: null, before: null, after: null,
    by: 'alice', at: new Date().toISOString(), ...change,
  };
}

beforeAll(async () => {
  xlsx = await extractDocument(readFileSync(join(SAMPLES, 'self-evaluation.xlsx')), 'self-evaluation.xlsx');
  pdf = await extractDocument(readFileSync(join(SAMPLES, 'pdf', 'self-evaluation.pdf')), 'self-evaluation.pdf');
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-review-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('applying corrections', () => {
  it('an edit changes the row, keeps the original and says who did it; the extraction is untouched', () => {
    const row = xlsx.tables[0].indicators[0];
    expect(row.level3).toBe('日常养护农村公路里程');
    expect(row.value).toBe('120');
    const edit = correction(xlsx, V1, 0, 0, { field: 'value', before: '120', after: '125' });
    const out = applyCorrections(xlsx, [edit], documentId(xlsx.source.sha256, V1));
    const fixed = out.tables[0].indicators[0];
    expect(fixed.value).toBe('125');
    expect(fixed.number).toBe(125);
    expect(fixed.target.number).toBe(125);
    expect(fixed.corrected).toBe(true);
    expect(fixed.original).toEqual({ value: '120' });
    expect(fixed.corrections?.map((c) => [c.by, c.field, c.before, c.after])).toEqual([['alice', 'value', '120', '125']]);
    expect(out.corrections).toEqual({ applied: 1, unplaced: [] });
    expect(row.value).toBe('120');
    expect(row.corrected).toBeUndefined();
  });

  it('an edit back to what was read leaves the row uncorrected; accept and not-indicator', () => {
    const id = documentId(xlsx.source.sha256, V1);
    const there = correction(xlsx, V1, 0, 1, { field: 'unit', before: xlsx.tables[0].indicators[1].unit, after: 'X', at: '2026-01-01T00:00:00.000Z' });
    const back = correction(xlsx, V1, 0, 1, { field: 'unit', before: 'X', after: xlsx.tables[0].indicators[1].unit, at: '2026-01-01T00:00:01.000Z' });
    const accept = correction(xlsx, V1, 0, 2, { action: 'accept' });
    const drop = correction(xlsx, V1, 0, 3, { action: 'not-indicator' });
    const out = applyCorrections(xlsx, [there, back, accept, drop], id);
    const table = out.tables[0];
    expect(table.indicators).toHaveLength(xlsx.tables[0].indicators.length - 1);
    expect(table.indicators[1].corrected).toBeUndefined();
    expect(table.indicators[1].corrections).toHaveLength(2);
    expect(table.indicators[2].accepted?.by).toBe('alice');
    expect(table.excluded?.map((row) => row.level3)).toEqual([xlsx.tables[0].indicators[3].level3]);
  });

  it('a PDF row is placed by its bbox under a newer extractor; a row that reads differently now is unplaced', () => {
    const row = pdf.tables[0].indicators[0];
    const edit = correction(pdf, V1, 0, 0, { field: 'level3', before: row.level3, after: `${row.level3}（更正）` });
    const stale = correction(pdf, V1, 0, 1, { field: 'value', before: 'not what it reads', after: '1' });
    const out = applyCorrections(pdf, [edit, stale], documentId(pdf.source.sha256, V2));
    expect(out.tables[0].indicators[0].level3).toBe(`${row.level3}（更正）`);
    expect(out.corrections?.applied).toBe(1);
    expect(out.corrections?.unplaced).toHaveLength(1);
    expect(out.corrections?.unplaced[0].reason).toMatch(/现在读作/u);
  });
});

describe('the corrections store in the SQLite corpus', () => {
  it('search and export see a correction at once; a newer extraction of the same bytes keeps it', async () => {
    const path = join(dir, 'corpus.sqlite');
    const corpus = openCorpus(path);
    upsertDocument(corpus.db, xlsx, V1);
    const store = new SqliteCorrections(path);
    await store.add(correction(xlsx, V1, 0, 0, { field: 'value', before: '120', after: '125' }));
    expect(await store.list(xlsx.source.sha256)).toHaveLength(1);

    const hit = searchCorpus(corpus.db, '日常养护农村公路里程').find((h) => h.level3 === '日常养护农村公路里程');
    expect(hit?.value).toBe('125');
    expect((hit as { corrected?: boolean } | undefined)?.corrected).toBe(true);
    const jsonl = exportCorpus(corpus.db, 'jsonl', '日常养护农村公路里程');
    expect(jsonl).toContain('"value":"125"');

    const newer = withCorrections(corpus.db, xlsx, V2);
    expect(newer.tables[0].indicators[0].value).toBe('125');
    expect(newer.tables[0].indicators[0].original).toEqual({ value: '120' });
    await store.close();
    closeCorpus(corpus);
  });
});
