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
import { listTemplates, showTemplate } from '../src/corpus/templates.ts';
import { exportCorpus } from '../src/corpus/export.ts';
import { rowTerms, sharedTerms, termsSql, tsqueryOf } from '../src/corpus/pg/terms.ts';
import { PgCorpus, reindexCorpusTerms } from '../src/corpus/pg/store.ts';
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
  it('cuts every whitespace-free run into bigrams across scripts, each character also alone; a term is the phrase of its bigrams', () => {
    expect(rowTerms([['5次数', 'A']])).toEqual({ own: "'5次':1A '次数':2A", singles: "'5':2A '次':2A '数':2A" });
    // The shared fields' bigrams start a gap after position 0 (the row's own are put before them in SQL); a character keeps its first field's weight.
    expect(sharedTerms([["'\\", 'D'], ['b数', 'D']])).toEqual({ literal: "'''\\\\':3D 'b数':6D", singles: "'''':2D '\\\\':2D 'b':2D '数':2D" });
    expect(rowTerms([['Ab c', 'A'], ['a', 'B']])).toEqual({ own: "'ab':1A", singles: "'a':2A 'b':2A 'c':2A" });
    expect(tsqueryOf(['5次'])).toBe("(('5次'))");
    expect(tsqueryOf(['满意度', '率'])).toBe("(('满意' <-> '意度')) & ('率')");
    expect(tsqueryOf(['，'])).toBe("(',')"); // NFKC, as the query is folded
    expect(tsqueryOf([' '])).toBeNull();
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

  it('finds what the SQLite corpus finds for every term cut across a script boundary, punctuation and fields', async () => {
    // Terms taken from the indexed text itself: every 1–3 character cut that starts or ends at a
    // change between Han and other characters (`4年`, `0号`, `1,`, `0%`), and terms that do not
    // occur because they bridge two fields or a space.
    const texts = new Set<string>();
    for (const row of sqlite.prepare(`SELECT i.level1, i.level2, i.level3, i.description, t.title, d.doc_number, d.issuer, d.title AS doc_title
      FROM indicators i JOIN tables t ON t.id = i.table_id JOIN documents d ON d.id = t.document_id`).all() as Record<string, string | null>[]) {
      for (const text of Object.values(row)) if (text) texts.add(text);
    }
    const han = (ch: string | undefined) => ch !== undefined && /\p{Script=Han}/u.test(ch);
    const terms = new Set(['5次', '满意度', '率', '%', '，', '没有这样的指标', '产出指标数量指标', '指标 数量']);
    for (const text of texts) {
      const chars = [...text];
      for (let i = 1; i < chars.length; i++) {
        if (han(chars[i - 1]) === han(chars[i]) || /\s/u.test(chars[i - 1] + chars[i])) continue;
        for (const [from, to] of [[i - 1, i + 1], [i - 2, i + 1], [i - 1, i + 2], [i, i + 1]]) {
          const term = chars.slice(Math.max(0, from), to).join('');
          if (!/\s/u.test(term)) terms.add(term);
        }
      }
    }
    expect(terms.size).toBeGreaterThan(20);
    const corpus = new PgCorpus(sql);
    let found = 0;
    for (const q of terms) {
      const expected = searchCorpus(sqlite, q, {}, 0).map(key).sort();
      expect((await corpus.search(q, {}, 100_000)).map(key).sort(), q).toEqual(expected);
      if (expected.length) found++;
    }
    expect(found).toBeGreaterThan(terms.size / 2);
    expect(searchCorpus(sqlite, '4年', {}, 0).length).toBeGreaterThan(0);
  });

  it('joins a row\'s own terms and its table\'s in SQL: a gap between fields, every character once (its first field\'s weight), after all bigrams', async () => {
    const shared = sharedTerms([['项目 表', 'D'], ['乡城县', 'D']]);
    const row = rowTerms([['满意度', 'A'], ['产出指标', 'B'], ['率', 'C'], ['目', 'C']]);
    const { rows } = await sql.query<{ terms: string }>(`SELECT ${termsSql({ own: '$1::text', singles: '$2::text' }, { literal: '$3::text', singles: '$4::text' })}::text AS terms`,
      [row.own, row.singles, shared.literal, shared.singles]);
    // Own: 满意度 1–2, 产出指标 5–7, 率 and 目 (no bigrams). The table's from the own side's last position (7) on: 项目 7 + 3, 表 (no
    // bigram), 乡城县 7 + 8–9; then the row's characters (16 + 2), then the table's (+ 2) but 目, which keeps the row's weight C.
    // PostgreSQL prints lexemes sorted, weight D unmarked.
    expect(rows[0].terms).toBe("'乡':20 '乡城':15 '产':18B '产出':5B '出':18B '出指':6B '县':20 '城':20 '城县':16 '度':18A '意':18A '意度':2A "
      + "'指':18B '指标':7B '标':18B '满':18A '满意':1A '率':18C '目':18C '表':20 '项':20 '项目':10");
  });

  it('re-indexes rows written with older terms (schema migration 5)', async () => {
    const expected = searchCorpus(sqlite, '4年', {}, 0).map(key).sort();
    await sql.query("UPDATE zhibiao.corpus_rows SET terms = ''");
    const corpus = new PgCorpus(sql);
    expect(await corpus.search('4年', {}, 1000)).toEqual([]);
    const client = await sql.connect();
    try {
      await reindexCorpusTerms(client);
    } finally {
      client.release();
    }
    expect((await corpus.search('4年', {}, 1000)).map(key).sort()).toEqual(expected);
  });

  it('lists the same template families, and shows each as the SQLite corpus does (by id or a unique prefix)', async () => {
    const { templates } = await (await api.get('/v1/templates')).json() as { templates: { id: string }[] };
    expect(templates).toEqual(listTemplates(sqlite));
    expect(templates.length).toBeGreaterThan(1);
    for (const { id } of templates) {
      const detail = showTemplate(sqlite, id);
      expect(detail?.indicatorRows.length).toBeGreaterThan(0);
      expect(await (await api.get(`/v1/templates/${id}`)).json()).toEqual(detail);
      expect(await (await api.get(`/v1/templates/${id.slice(0, 8)}`)).json()).toEqual(detail);
    }
    expect((await api.get('/v1/templates/000000000000')).status).toBe(404);
    expect((await api.get('/v1/templates/xyz')).status).toBe(404);
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
