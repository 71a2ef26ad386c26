// The corpus in PostgreSQL (a throwaway server for this file): documents a worker finished are
// searchable, listed as template families and exported through the API with --db, with the
// same answers as the SQLite corpus `zhibiao extract` builds from the same files.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { openCorpusReadonly, type CorpusDb } from '../src/corpus/schema.ts';
import { type CorpusRow, searchCorpus } from '../src/corpus/search.ts';
import { listTemplates } from '../src/corpus/templates.ts';
import { exportCorpus } from '../src/corpus/export.ts';
import { phraseTokens, tsqueryOf } from '../src/corpus/pg/terms.ts';
import { BIN, ROOT, type Client, type Proc, startZhibiao } from './api-fixture.ts';
import { HAVE_POSTGRES, type TestPostgres } from './pg-harness.ts';
import { startQueueTestbed, stopQueueTestbed } from './queue-fixture.ts';

const FILES = ['samples/xiangfuban-2024-40.docx', 'samples/self-evaluation.xlsx', 'samples/carry-forward.xlsx', 'samples/pdf/carry-forward.pdf'];
const name = (file: string) => file.replace(/\//gu, '_');

let db: TestPostgres;
let sql: pg.Pool;
let server: RunningServer;
let api: Client;
let worker: Proc | null = null;
let dir: string;
let sqlite: CorpusDb;

const key = (row: Pick<CorpusRow, 'path' | 'tableIndex' | 'level3'>) => `${row.path}#${row.tableIndex}#${row.level3}`;
const hitsOf = async (q: string) => ((await (await api.get(`/v1/search?q=${encodeURIComponent(q)}&limit=1000`)).json()) as { hits: CorpusRow[] }).hits;

describe('bigram terms', () => {
  it('cuts Han runs into bigrams (a lone character as itself), other words whole and lowercased', () => {
    expect(phraseTokens('满意度 ≥95%，ABC2024年度')).toEqual(['满意', '意度', '95', 'abc2024', '年度']);
    expect(phraseTokens('5次')).toEqual(['5', '次']);
    expect(tsqueryOf(['满意度', '率'])).toBe("('满意' <-> '意度') & ('率')");
    expect(tsqueryOf(['，'])).toBeNull();
  });
});

describe.skipIf(!HAVE_POSTGRES)('corpus in PostgreSQL', () => {
  beforeAll(async () => {
    ({ db, sql, server, api } = await startQueueTestbed());
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-pg-corpus-'));
    for (const file of FILES) copyFileSync(join(ROOT, file), join(dir, name(file)));
    const run = spawnSync(process.execPath, [BIN, 'extract', dir, '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    sqlite = openCorpusReadonly(join(dir, 'out', 'corpus.sqlite'));
  }, 120_000);

  afterAll(async () => {
    sqlite?.close();
    await stopQueueTestbed({ db, sql, server }, [worker]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a finished document\'s indicators are in the corpus, one row per indicator', async () => {
    worker = startZhibiao(['worker', '--db', db.url, '--concurrency', '1', '--stages', 'extract']);
    for (const file of FILES) {
      const { id } = await (await api.upload(readFileSync(join(ROOT, file)), name(file))).json() as { id: string };
      expect((await api.settle(id, 120_000)).status).toBe('done');
    }
    const rows = Number((await sql.query('SELECT count(*) AS n FROM zhibiao.corpus_rows')).rows[0].n);
    const indicators = Number((sqlite.prepare('SELECT count(*) AS n FROM indicators').get() as { n: number }).n);
    expect(indicators).toBeGreaterThan(50);
    expect(rows).toBe(indicators);
  }, 300_000);

  it('searches like the SQLite corpus: the same hits for long, two-character and one-character terms and with filters', async () => {
    for (const q of ['满意度', '满意', '率', '满意度指标 群众', '完成率']) {
      const hits = await hitsOf(q);
      const expected = searchCorpus(sqlite, q, {}, 1000);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(hits.map(key).sort(), q).toEqual(expected.map(key).sort());
    }
    const best = (await hitsOf('满意度'))[0];
    expect(best.level3).toContain('满意度');
    const filtered = ((await (await api.get(`/v1/search?q=${encodeURIComponent('率')}&level1=${encodeURIComponent('产出指标')}&limit=1000`)).json()) as { hits: CorpusRow[] }).hits;
    expect(filtered.map(key).sort()).toEqual(searchCorpus(sqlite, '率', { level1: '产出指标' }, 1000).map(key).sort());
    expect(filtered.length).toBeGreaterThan(0);
    expect(await hitsOf('没有这样的指标')).toEqual([]);
  });

  it('lists the same template families', async () => {
    const { templates } = await (await api.get('/v1/templates')).json() as { templates: unknown[] };
    expect(templates).toEqual(listTemplates(sqlite));
    expect((await api.get('/v1/templates/abc')).status).toBe(501);
  });

  it('exports the same rows as JSONL, CSV and XLSX', async () => {
    const jsonl = await (await api.get('/v1/export?format=jsonl')).text();
    expect(jsonl).toBe(exportCorpus(sqlite, 'jsonl'));
    const csv = await (await api.get(`/v1/export?format=csv&q=${encodeURIComponent('满意度')}`)).text();
    expect(csv.split('\r\n').slice(1).sort()).toEqual(exportCorpus(sqlite, 'csv', '满意度').split('\r\n').slice(1).sort());
    const xlsx = Buffer.from(await (await api.get('/v1/export?format=xlsx')).arrayBuffer());
    const sheet = XLSX.read(xlsx).Sheets.indicators;
    expect(XLSX.utils.sheet_to_json(sheet).length).toBe(jsonl.trimEnd().split('\n').length);
  });
});
