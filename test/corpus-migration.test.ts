// A corpus written by schema v1 zhibiao (corpus schema 3) is migrated in place to v2: typed
// columns added, stored documents rewritten with typed fields, project block and quality.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentResult, TYPED_INDICATOR_KEYS } from '../src/model/schema.ts';
import { extractDocument } from '../pipelines/extract-document.ts';
import { MIGRATIONS } from '../src/corpus/migrations.ts';
import { CORPUS_SCHEMA_VERSION, openCorpusDb } from '../src/corpus/schema.ts';
import { searchCorpus } from '../src/corpus/search.ts';
import { exportCorpus } from '../src/corpus/export.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');

/** The document as schema v1 wrote it: no typed fields, project, total or quality. */
function asV1(result: DocumentResult): Record<string, unknown> {
  return {
    ...result,
    schemaVersion: 1,
    tables: result.tables.map(({ project: _p, total: _t, quality: _q, ...table }) => ({
      ...table,
      indicators: table.indicators.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'quality' && !(TYPED_INDICATOR_KEYS as readonly string[]).includes(key)))),
    })),
  };
}

/** Writes one document the way corpus schema 3 did (the v1 columns only). */
function writeV1Corpus(path: string, doc: Record<string, unknown> & { tables: { indicators: Record<string, unknown>[] }[] }): void {
  const db = new Database(path);
  for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql as string);
  db.pragma('user_version = 3');
  const d = doc as unknown as DocumentResult;
  const documentId = Number(db.prepare(`INSERT INTO documents (path, sha256, format, pages, sheets, doc_number, issuer, title, date, year, confidence, extractor_version, json, indexed_at)
    VALUES (?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, 'zhibiao 0.1.0+s1.000000000000', ?, '2025-01-01T00:00:00Z')`)
    .run(d.source.path, d.source.sha256, d.source.format, d.confidence, JSON.stringify(doc)).lastInsertRowid);
  db.prepare('INSERT INTO document_paths (path, document_id) VALUES (?, ?)').run(d.source.path, documentId);
  d.tables.forEach((table) => {
    const tableId = Number(db.prepare(`INSERT INTO tables (document_id, idx, title, kind, location, context, columns, confidence, warnings, year, signature)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', NULL, 'x')`).run(documentId, table.index, table.title, table.kind, JSON.stringify(table.location), JSON.stringify(table.context), JSON.stringify(table.columns), table.confidence).lastInsertRowid);
    table.indicators.forEach((row, ord) => {
      db.prepare(`INSERT INTO indicators (table_id, ord, level1, level2, level3, level1_canonical, level2_canonical, operator, value, number, unit, description, fields, source, confidence, flags)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')`).run(tableId, ord, row.level1, row.level2, row.level3, row.level1Canonical, row.level2Canonical,
        row.operator, row.value, row.number, row.unit, row.description, JSON.stringify(row.fields), JSON.stringify(row.source), row.confidence);
    });
  });
  db.close();
}

describe('corpus migration from schema v1', () => {
  let dir: string;
  let fresh: DocumentResult;
  let path: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-migrate-'));
    path = join(dir, 'corpus.sqlite');
    fresh = await extractDocument(readFileSync(join(SAMPLES, 'self-evaluation.xlsx')), 'self-evaluation.xlsx');
    writeV1Corpus(path, asV1(fresh) as Parameters<typeof writeV1Corpus>[1]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('brings the stored document to v2 with the same typed fields a fresh extraction gives', () => {
    const db = openCorpusDb(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(CORPUS_SCHEMA_VERSION);
      const stored = JSON.parse((db.prepare('SELECT json FROM documents').get() as { json: string }).json) as DocumentResult;
      expect(stored.schemaVersion).toBe(2);
      const [was, now] = [fresh.tables[0], stored.tables[0]];
      for (const key of TYPED_INDICATOR_KEYS) expect(now.indicators.map((row) => row[key]), key).toEqual(was.indicators.map((row) => row[key]));
      expect(now.indicators.map((row) => row.quality)).toEqual(was.indicators.map((row) => row.quality));
      // What v1 did not keep: the 总分 row and the funds unit the sheet stated outside context.
      expect(now.total).toBeNull();
      expect({ ...now.project!, funds: { ...now.project!.funds!, unit: '万元' } }).toEqual(was.project);
      expect(stored.tables[0].indicators[0].confidence).toBe(fresh.tables[0].indicators[0].confidence);
      expect(db.prepare('SELECT extractor_version FROM documents').pluck().get()).toBe('zhibiao 0.1.0+s1.000000000000');
    } finally {
      db.close();
    }
  });

  it('search and export read the typed columns of the migrated rows', () => {
    const db = openCorpusDb(path);
    try {
      const hit = searchCorpus(db, '优良路率', {}, 0)[0];
      expect(hit).toMatchObject({ projectName: '乡村道路日常养护项目', actual: { value: '82', number: 82, unit: '%', from: ['实际完成值'] }, score: { number: 10 }, weight: { number: 10 } });
      const csv = exportCorpus(db, 'csv', '群众出行条件').split('\r\n');
      const header = csv[0].replace(/^\uFEFF/u, '').split(',');
      const row = csv[1].split(',');
      const cell = (name: string) => row[header.indexOf(name)];
      expect([cell('actualValue'), cell('score'), cell('weight'), cell('projectName')]).toEqual(['有所改善', '8', '10', '乡村道路日常养护项目']);
      expect(cell('deviation')).toContain('部分路段汛期损毁');
    } finally {
      db.close();
    }
  });
});
