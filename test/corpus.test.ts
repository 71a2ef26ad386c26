// The corpus on real extractions of the bundled samples: writing (idempotent upserts), search
// (trigram FTS and the short-query LIKE path, filters), template families, export round trips.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';
import { type Corpus, closeCorpus, corpusSink, currentExtractorVersion, openCorpus, recordResults } from '../pipelines/corpus.ts';
import type { DocumentResult, Indicator, Table } from '../src/model/schema.ts';
import { CorpusError, openCorpusReadonly } from '../src/corpus/schema.ts';
import { isDone, structureSignature, upsertDocument } from '../src/corpus/writer.ts';
import { type CorpusRow, searchCorpus } from '../src/corpus/search.ts';
import { listTemplates, resolveTemplateId, showTemplate } from '../src/corpus/templates.ts';
import { FLAT_COLUMNS, exportCorpus } from '../src/corpus/export.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const FILES = ['xiangfuban-2024-40.docx', 'xiangfuban-2024-40.xlsx', 'carry-forward.xlsx', 'declaration.docx', 'row-heading.xlsx', 'self-evaluation.xlsx'];
const VERSION = 'test-extractor 1';

let dir: string;
let corpus: Corpus;
const results = new Map<string, DocumentResult>();

function counts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['documents', 'document_paths', 'tables', 'indicators', 'indicator_fts']) {
    out[table] = (corpus.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return out;
}

/** Every (document, table, indicator) of the extractions, for computing expected answers independently of SQL. */
function allRows(): { result: DocumentResult; table: Table; row: Indicator }[] {
  return [...results.values()].flatMap((result) => result.tables.flatMap((table) => table.indicators.map((row) => ({ result, table, row }))));
}

/** The text the search covers, as the spec of `zhibiao search` lists it. */
function searchable({ result, table, row }: ReturnType<typeof allRows>[number]): string {
  return [row.level1, row.level2, row.level3, row.description, row.level1Canonical, row.level2Canonical, table.title,
    result.notice.docNumber, result.notice.issuer, result.notice.title].filter(Boolean).join('\u0001');
}

function key(hit: Pick<CorpusRow, 'path' | 'source'>): string {
  return `${hit.path} ${JSON.stringify(hit.source)}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-corpus-'));
  corpus = openCorpus(join(dir, 'corpus.sqlite'));
  for (const file of FILES) {
    const result = await extractDocument(readFileSync(join(SAMPLES, file)), file);
    results.set(file, result);
    expect(recordResults(corpus, { path: file, status: 'ok', result, output: null }, VERSION)).toBe(1);
  }
});

afterAll(() => {
  closeCorpus(corpus);
  rmSync(dir, { recursive: true, force: true });
});

describe('corpus writer', () => {
  it('writes every document, table and indicator once, with FTS rows for each indicator', () => {
    const indicators = allRows().length;
    const tables = [...results.values()].reduce((n, r) => n + r.tables.length, 0);
    expect(results.get('xiangfuban-2024-40.docx')!.tables).toHaveLength(13);
    expect(counts()).toEqual({ documents: 6, document_paths: 6, tables, indicators, indicator_fts: indicators });
    expect(corpus.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('stores the document head, year and the full JSON', () => {
    const row = corpus.db.prepare('SELECT * FROM documents WHERE path = ?').get('xiangfuban-2024-40.docx') as Record<string, unknown>;
    expect(row).toMatchObject({ doc_number: '乡府办发〔2024〕40号', issuer: '乡城县人民政府办公室', date: '2024-09-26', year: 2024, format: 'docx', extractor_version: VERSION });
    expect(JSON.parse(row.json as string)).toEqual(results.get('xiangfuban-2024-40.docx'));
  });

  it('gives each table a year: document date, else 起始 in context, else the title', () => {
    const years = Object.fromEntries((corpus.db.prepare('SELECT d.path, t.idx, t.year FROM tables t JOIN documents d ON d.id = t.document_id').all() as { path: string; idx: number; year: number | null }[])
      .map((r) => [`${r.path}#${r.idx}`, r.year]));
    expect(years['xiangfuban-2024-40.xlsx#12']).toBe(2024);
    expect(years['row-heading.xlsx#0']).toBe(2023); // 起始 2023
    expect(years['self-evaluation.xlsx#0']).toBe(2024); // 项目支出绩效自评表(2024年度)
    expect(years['declaration.docx#0']).toBe(2025); // 2025年度项目支出绩效目标申报表
    expect(years['carry-forward.xlsx#0']).toBe(2025);
    expect(years['carry-forward.xlsx#1']).toBeNull(); // no date, no 起始, no year in the title
  });

  it('re-upserting the same documents keeps every row count', () => {
    const before = counts();
    for (const result of results.values()) upsertDocument(corpus.db, result, VERSION);
    for (const [file, result] of results) recordResults(corpus, { path: file, status: 'ok', result, output: null }, VERSION);
    expect(counts()).toEqual(before);
  });

  it('replaces the rows of a path whose content changed, and shares a document between identical files', () => {
    const before = counts();
    const original = results.get('carry-forward.xlsx')!;
    const edited: DocumentResult = { ...original, source: { ...original.source, sha256: 'f'.repeat(64) }, tables: original.tables.slice(0, 1) };
    upsertDocument(corpus.db, edited, VERSION);
    const dropped = original.tables[1].indicators.length;
    expect(counts()).toEqual({ ...before, tables: before.tables - 1, indicators: before.indicators - dropped, indicator_fts: before.indicator_fts - dropped });
    expect(isDone(corpus.db, 'carry-forward.xlsx', original.source.sha256, VERSION)).toBe(false);

    upsertDocument(corpus.db, original, VERSION); // back to the original bytes
    expect(counts()).toEqual(before);

    const copy: DocumentResult = { ...original, source: { ...original.source, path: 'copies/carry-forward.xlsx' } };
    upsertDocument(corpus.db, copy, VERSION);
    expect(counts()).toEqual({ ...before, document_paths: before.document_paths + 1 });
    expect(isDone(corpus.db, 'copies/carry-forward.xlsx', original.source.sha256, VERSION)).toBe(true);
    expect(isDone(corpus.db, 'carry-forward.xlsx', original.source.sha256, VERSION)).toBe(true);
    corpus.db.prepare('DELETE FROM document_paths WHERE path = ?').run('copies/carry-forward.xlsx');
    upsertDocument(corpus.db, original, VERSION);
    expect(counts()).toEqual(before);
  });

  it('isDone needs the same path, bytes and extractor version', () => {
    const result = results.get('declaration.docx')!;
    expect(isDone(corpus.db, 'declaration.docx', result.source.sha256, VERSION)).toBe(true);
    expect(isDone(corpus.db, 'declaration.docx', result.source.sha256, 'another version')).toBe(false);
    expect(isDone(corpus.db, 'declaration.docx', '0'.repeat(64), VERSION)).toBe(false);
    expect(isDone(corpus.db, 'other.docx', result.source.sha256, VERSION)).toBe(false);
  });

  it('the batch sink resumes with the current extractor version and writes through recordResults', () => {
    const sink = corpusSink(join(dir, 'sink.sqlite'));
    const result = results.get('row-heading.xlsx')!;
    expect(sink.isDone('row-heading.xlsx', result.source.sha256)).toBe(false);
    sink.record(result);
    expect(sink.isDone('row-heading.xlsx', result.source.sha256)).toBe(true);
    expect(sink.corpus.indicators).toBe(result.tables[0].indicators.length);
    sink.close();
    const db = openCorpusReadonly(join(dir, 'sink.sqlite'));
    expect(db.prepare('SELECT extractor_version AS v FROM documents').get()).toEqual({ v: currentExtractorVersion() });
    db.close();
    expect(currentExtractorVersion()).toMatch(/^zhibiao \d+\.\d+\.\d+\+s2\.[0-9a-f]{12}$/u);
  });

  it('refuses a file that is not a corpus, and a missing one, with a CorpusError', () => {
    expect(() => openCorpusReadonly(join(dir, 'missing.sqlite'))).toThrow(CorpusError);
    expect(() => openCorpusReadonly(join(SAMPLES, 'declaration.docx'))).toThrow(/not a SQLite database/u);
  });
});

describe('search', () => {
  it('满意度 (trigram FTS) finds exactly the rows whose text holds it, with their provenance', () => {
    const hits = searchCorpus(corpus.db, '满意度', {}, 0);
    const expected = allRows().filter((r) => searchable(r).includes('满意度'));
    expect(hits.length).toBe(expected.length);
    expect(new Set(hits.map(key))).toEqual(new Set(expected.map((r) => key({ path: r.result.source.path, source: r.row.source }))));
    // 使用人员满意度 of 设备购置类 sits in the 3rd DOCX table and on a sheet row of the XLSX twin.
    const docx = hits.find((h) => h.path === 'xiangfuban-2024-40.docx' && h.level3 === '使用人员满意度')!;
    const xlsx = hits.find((h) => h.path === 'xiangfuban-2024-40.xlsx' && h.level3 === '使用人员满意度')!;
    const truth = results.get('xiangfuban-2024-40.xlsx')!.tables[2].indicators.find((r) => r.level3 === '使用人员满意度')!;
    expect(docx).toMatchObject({ docNumber: '乡府办发〔2024〕40号', tableTitle: '设备购置类', kind: 'indicator-system', level1: '满意度指标', operator: '≥', unit: '%' });
    expect(docx.source).toMatchObject({ table: 2 });
    expect(xlsx.source).toEqual(truth.source);
    expect(xlsx.source).toMatchObject({ sheet: '指标体系' });
  });

  it('满意 (two characters, below trigram length) uses the substring path and still finds every row', () => {
    const hits = searchCorpus(corpus.db, '满意', {}, 0);
    const expected = allRows().filter((r) => searchable(r).includes('满意'));
    expect(expected.length).toBeGreaterThan(searchCorpus(corpus.db, '满意度', {}, 0).length - 1);
    expect(new Set(hits.map(key))).toEqual(new Set(expected.map((r) => key({ path: r.result.source.path, source: r.row.source }))));
    // rows with 满意 in the indicator name come first
    expect(hits[0].level3).toContain('满意');
    // one character works too
    expect(searchCorpus(corpus.db, '率', {}, 0).length).toBe(allRows().filter((r) => searchable(r).includes('率')).length);
  });

  it('a longer query finds the twin rows in DOCX and XLSX with their values and locations', () => {
    const hits = searchCorpus(corpus.db, '资金支付及时率', {}, 0);
    expect(hits.map((h) => `${h.path}|${h.tableTitle}`).sort()).toEqual([
      'xiangfuban-2024-40.docx|春节慰问金', 'xiangfuban-2024-40.docx|购买服务专项',
      'xiangfuban-2024-40.xlsx|春节慰问金', 'xiangfuban-2024-40.xlsx|购买服务专项',
    ]);
    for (const hit of hits) {
      const truth = results.get(hit.path)!.tables.find((t) => t.title === hit.tableTitle)!.indicators.find((r) => r.level3 === '资金支付及时率')!;
      expect(hit.source).toEqual(truth.source);
      expect([hit.level1, hit.level2, hit.operator, hit.value, hit.unit]).toEqual([truth.level1, truth.level2, truth.operator, truth.value, truth.unit]);
    }
    expect(hits.filter((h) => h.path.endsWith('.xlsx')).every((h) => 'sheet' in h.source && h.source.row > 100)).toBe(true);
  });

  it('several terms must all occur; table titles and the notice head are searchable', () => {
    const both = searchCorpus(corpus.db, '党员 学习教育', {}, 0);
    expect(both.length).toBe(allRows().filter((r) => searchable(r).includes('党员') && searchable(r).includes('学习教育')).length);
    expect(both.length).toBeGreaterThan(0);
    expect(searchCorpus(corpus.db, '春节慰问金', {}, 0).length).toBe(2 * results.get('xiangfuban-2024-40.docx')!.tables[6].indicators.length);
    expect(new Set(searchCorpus(corpus.db, '乡府办发〔2024〕40号', {}, 0).map((h) => h.path))).toEqual(new Set(['xiangfuban-2024-40.docx', 'xiangfuban-2024-40.xlsx']));
    expect(searchCorpus(corpus.db, '不存在的指标名称', {}, 0)).toEqual([]);
  });

  it('filters narrow the hits as SQL conditions', () => {
    const selfEval = searchCorpus(corpus.db, '满意', { kind: 'self-evaluation' }, 0);
    expect(selfEval.map((h) => h.level3)).toEqual(['沿线群众满意度']);
    const level1 = searchCorpus(corpus.db, '率', { level1: '效益指标' }, 0);
    expect(level1.length).toBe(allRows().filter((r) => searchable(r).includes('率') && (r.row.level1 === '效益指标' || r.row.level1Canonical === '效益指标')).length);
    expect(level1.length).toBeGreaterThan(0);
    expect(level1.length).toBeLessThan(searchCorpus(corpus.db, '率', {}, 0).length);
    expect(level1.every((h) => h.level1 === '效益指标' || h.level1Canonical === '效益指标')).toBe(true);
    const level2 = searchCorpus(corpus.db, '率', { level2: '时效指标' }, 0);
    expect(level2.length).toBeGreaterThan(0);
    expect(level2.every((h) => h.level2Canonical === '时效指标' || h.level2 === '时效指标')).toBe(true);
    const issuer = searchCorpus(corpus.db, '满意', { issuer: '乡城县' }, 0);
    expect(new Set(issuer.map((h) => h.path))).toEqual(new Set(['xiangfuban-2024-40.docx', 'xiangfuban-2024-40.xlsx']));
    const y2025 = searchCorpus(corpus.db, '满意度', { year: 2025 }, 0);
    expect(new Set(y2025.map((h) => h.path))).toEqual(new Set(['declaration.docx', 'carry-forward.xlsx']));
    expect(y2025.every((h) => h.year === 2025)).toBe(true);
    expect(searchCorpus(corpus.db, '满意度', { year: 2023, kind: 'performance-targets' }, 0).map((h) => h.level3)).toEqual(['师生满意度']);
  });

  it('limit caps the hits; LIKE wildcards in a query are literal', () => {
    expect(searchCorpus(corpus.db, '满意', {}, 3)).toHaveLength(3);
    expect(searchCorpus(corpus.db, '%', {}, 0).length).toBe(allRows().filter((r) => searchable(r).includes('%')).length);
    expect(searchCorpus(corpus.db, '_', {}, 0)).toEqual([]);
  });

  it('answers in milliseconds on the samples corpus', () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      searchCorpus(corpus.db, '满意度', {}, 50);
      searchCorpus(corpus.db, '满意', {}, 50);
    }
    const perQuery = (performance.now() - started) / 40;
    expect(perQuery).toBeLessThan(50);
  });
});

describe('templates', () => {
  it('the DOCX and XLSX twins of the seed notice fall in the same 13 families', () => {
    const docx = results.get('xiangfuban-2024-40.docx')!;
    const xlsx = results.get('xiangfuban-2024-40.xlsx')!;
    const families = listTemplates(corpus.db);
    for (let i = 0; i < 13; i++) {
      const id = structureSignature(docx.tables[i].indicators);
      expect(structureSignature(xlsx.tables[i].indicators), docx.tables[i].title!).toBe(id);
      const family = families.find((f) => f.id === id)!;
      expect(family, docx.tables[i].title!).toMatchObject({ members: 2, documents: 2, firstYear: 2024, lastYear: 2024, titles: [docx.tables[i].title], issuers: ['乡城县人民政府办公室'] });
    }
    expect(new Set(docx.tables.map((t) => structureSignature(t.indicators))).size).toBe(13);
    // 13 shared families and one per table of the four other samples
    expect(families).toHaveLength(13 + 5);
    expect(families.filter((f) => f.members === 2)).toHaveLength(13);
    expect(listTemplates(corpus.db, 2)).toHaveLength(13);
  });

  it('基层党组织活动经费 and 全县性工作项目经费 differ in one 三级 name, so they are two families', () => {
    const tables = results.get('xiangfuban-2024-40.docx')!.tables;
    const a = tables.find((t) => t.title === '基层党组织活动经费')!;
    const b = tables.find((t) => t.title === '全县性工作项目经费')!;
    const differing = a.indicators.filter((row, i) => row.level3 !== b.indicators[i].level3);
    expect(differing.map((row) => row.level3)).toEqual(['党员学习教育']);
    expect(structureSignature(a.indicators)).not.toBe(structureSignature(b.indicators));
    const detail = showTemplate(corpus.db, structureSignature(b.indicators))!;
    expect(detail.titles).toEqual(['全县性工作项目经费']);
    expect(detail.indicatorRows.map((r) => r.level3)).toEqual(b.indicators.map((r) => r.level3));
    expect(detail.indicatorRows[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', level3: '党员学习教育、警示活动' });
    expect(detail.memberTables.map((m) => `${m.path}#${m.tableIndex}`)).toEqual(['xiangfuban-2024-40.docx#9', 'xiangfuban-2024-40.xlsx#9']);
  });

  it('the signature ignores values and uses canonical names', () => {
    const table = results.get('declaration.docx')!.tables[0];
    const revalued = table.indicators.map((row) => ({ ...row, value: '1', operator: null, unit: null, level1: row.level1Canonical === '产出指标' ? '产出' : row.level1 }));
    expect(structureSignature(revalued)).toBe(structureSignature(table.indicators));
    expect(structureSignature(table.indicators.slice().reverse())).not.toBe(structureSignature(table.indicators));
  });

  it('show resolves a unique id prefix and lists values seen per indicator', () => {
    const id = structureSignature(results.get('xiangfuban-2024-40.docx')!.tables[2].indicators);
    expect(resolveTemplateId(corpus.db, id.slice(0, 8))).toEqual([id]);
    expect(resolveTemplateId(corpus.db, 'zz')).toEqual([]);
    const detail = showTemplate(corpus.db, id)!;
    expect(detail.indicatorRows.find((r) => r.level3 === '使用人员满意度')!.values).toEqual(['≥ (单位: %)']);
    expect(showTemplate(corpus.db, '000000000000')).toBeNull();
  });
});

describe('export', () => {
  const total = () => allRows().length;

  it('CSV has a BOM, a header and one row per indicator (round trip through a CSV reader)', () => {
    const csv = exportCorpus(corpus.db, 'csv');
    expect(csv.startsWith('\uFEFFpath,docNumber,')).toBe(true);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(csv.slice(1), { type: 'string', raw: true }).Sheets.Sheet1, { defval: null, raw: false });
    expect(rows).toHaveLength(total());
    const row = rows.find((r) => r.level3 === '使用人员满意度' && r.path === 'xiangfuban-2024-40.xlsx')!;
    expect(row).toMatchObject({ docNumber: '乡府办发〔2024〕40号', tableTitle: '设备购置类', sourceSheet: '指标体系', operator: '≥', unit: '%' });
    expect(JSON.parse(String(row.fields))).toMatchObject({ '三级指标/指标名称': '使用人员满意度' });
  });

  it('JSONL carries the whole indicator with its document and table', () => {
    const lines = exportCorpus(corpus.db, 'jsonl').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(total());
    const truth = results.get('row-heading.xlsx')!.tables[0].indicators[0];
    expect(lines.find((l) => l.path === 'row-heading.xlsx')).toMatchObject({ ...truth, tableKind: 'performance-targets', year: 2023 });
  });

  it('XLSX round-trips every row and its Chinese text', () => {
    const book = XLSX.read(exportCorpus(corpus.db, 'xlsx'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.indicators, { defval: null });
    expect(rows).toHaveLength(total());
    expect(Object.keys(rows[0])).toEqual([...FLAT_COLUMNS]);
    expect(rows.filter((r) => r.level3 === '资金支付及时率')).toHaveLength(4);
  });

  it('a query exports exactly the search result', () => {
    const lines = exportCorpus(corpus.db, 'jsonl', '满意', { issuer: '乡城县' }).trimEnd().split('\n');
    expect(lines).toHaveLength(searchCorpus(corpus.db, '满意', { issuer: '乡城县' }, 0).length);
    const csv = exportCorpus(corpus.db, 'csv', '不存在的指标名称');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
