// The corpus commands end to end: `zhibiao extract` writes DIR/corpus.sqlite through the batch
// hook, then `search`, `templates`, `export` read it; exit codes and stdout/stderr discipline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SAMPLES = join(ROOT, 'samples');
const INPUTS = ['xiangfuban-2024-40.docx', 'xiangfuban-2024-40.xlsx', 'carry-forward.xlsx', 'declaration.docx', 'row-heading.xlsx', 'self-evaluation.xlsx']
  .map((file) => join(SAMPLES, file));

let dir: string;
let corpus: string;

function zhibiao(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'zhibiao.js'), ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 64 << 20 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function indicatorCount(): number {
  return readFileSync(join(dir, 'out', 'indicators.jsonl'), 'utf8').trimEnd().split('\n').length;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-search-cli-'));
  corpus = join(dir, 'out', 'corpus.sqlite');
  const run = zhibiao('extract', ...INPUTS, '--out', join(dir, 'out'), '--concurrency', '2');
  expect(run.status, run.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zhibiao search', { timeout: 120_000 }, () => {
  it('prints one hit per line: docNumber | table | 一级 > 二级 > 三级 | value | location', () => {
    const run = zhibiao('search', '资金支付及时率', '--corpus', corpus);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.split(' | ')).toHaveLength(5);
    expect(lines).toContain('乡府办发〔2024〕40号 | 春节慰问金 | 产出指标 > 时效指标 > 资金支付及时率 | ≥ (单位: %) | xiangfuban-2024-40.docx 第7个表格 第8行');
    expect(lines.some((line) => /^乡府办发〔2024〕40号 \| 购买服务专项 \| .* \| xiangfuban-2024-40\.xlsx 工作表「指标体系」第\d+行$/u.test(line))).toBe(true);
  });

  it('--json prints a JSON array of hits with provenance; filters and --limit apply', () => {
    const run = zhibiao('search', '满意', '--corpus', corpus, '--json', '--year', '2025');
    expect(run.status, run.stderr).toBe(0);
    const hits = JSON.parse(run.stdout) as { path: string; level3: string; source: Record<string, unknown>; year: number }[];
    // declaration.docx (2025年度…申报表) and the first carry-forward table (2025年…); the second
    // carry-forward table (用水户满意度) has no year anywhere, so --year 2025 leaves it out.
    expect(hits.map((h) => `${h.path}|${h.level3}`).sort()).toEqual(['carry-forward.xlsx|受益群众满意度', 'declaration.docx|受益居民满意度']);
    expect(hits.every((h) => h.year === 2025 && 'source' in h)).toBe(true);
    const limited = zhibiao('search', '满意度', '--corpus', corpus, '--json', '--limit', '2', '--kind', 'indicator-system');
    const two = JSON.parse(limited.stdout) as { kind: string }[];
    expect(two).toHaveLength(2);
    expect(two.every((h) => h.kind === 'indicator-system')).toBe(true);
    expect(limited.stderr).toMatch(/more: raise --limit/u);
  });

  it('no hits: empty stdout, a note on stderr, exit 0', () => {
    const run = zhibiao('search', '不存在的指标名称', '--corpus', corpus);
    expect(run).toMatchObject({ status: 0, stdout: '' });
    expect(run.stderr).toMatch(/no hits/u);
  });

  it('a missing corpus is one clear stderr line and exit 1; bad options exit 2', () => {
    const missing = zhibiao('search', '满意度', '--corpus', join(dir, 'nope.sqlite'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^zhibiao: no corpus at .*nope\.sqlite/u);
    const defaultPath = zhibiao('templates');
    expect(defaultPath.status).toBe(1);
    expect(defaultPath.stderr).toMatch(/no corpus at output\/corpus\.sqlite/u);
    expect(zhibiao('search', '满意度', '--corpus', corpus, '--kind', 'nonsense').status).toBe(2);
    expect(zhibiao('search', '满意度', '--corpus', corpus, '--year', '24').status).toBe(2);
    expect(zhibiao('search', ' ', '--corpus', corpus).status).toBe(2);
    const notCorpus = zhibiao('search', '满意度', '--corpus', INPUTS[0]);
    expect(notCorpus.status).toBe(1);
    expect(notCorpus.stderr).toMatch(/not a SQLite database/u);
  });

  it('re-running extract leaves the corpus rows unchanged', () => {
    const before = JSON.parse(zhibiao('search', '满意', '--corpus', corpus, '--json', '--limit', '1000').stdout) as unknown[];
    expect(zhibiao('extract', ...INPUTS, '--out', join(dir, 'out')).status).toBe(0);
    expect(zhibiao('extract', ...INPUTS, '--out', join(dir, 'out'), '--force').status).toBe(0);
    const after = JSON.parse(zhibiao('search', '满意', '--corpus', corpus, '--json', '--limit', '1000').stdout) as unknown[];
    expect(after).toEqual(before);
    const exported = zhibiao('export', '--format', 'jsonl', '--corpus', corpus);
    expect(exported.stdout.trimEnd().split('\n')).toHaveLength(indicatorCount());
  });
});

describe('zhibiao templates', { timeout: 120_000 }, () => {
  it('lists families; the seed twins share 13; show lists the indicators', () => {
    const run = zhibiao('templates', '--corpus', corpus, '--json');
    expect(run.status, run.stderr).toBe(0);
    const families = JSON.parse(run.stdout) as { id: string; members: number; titles: string[] }[];
    expect(families.filter((f) => f.members === 2)).toHaveLength(13);
    const party = families.find((f) => f.titles.includes('基层党组织活动经费'))!;
    const county = families.find((f) => f.titles.includes('全县性工作项目经费'))!;
    expect(party.id).not.toBe(county.id);

    const human = zhibiao('templates', '--corpus', corpus);
    expect(human.stdout.trimEnd().split('\n')).toHaveLength(families.length);
    expect(human.stdout).toContain(`${party.id} | 2表/2文件 | 2024 | 10项指标 | 基层党组织活动经费 | 乡城县人民政府办公室`);

    const show = zhibiao('templates', 'show', party.id.slice(0, 6), '--corpus', corpus);
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toContain('1. 产出指标 > 数量指标 > 党员学习教育');
    expect(show.stdout).toContain('xiangfuban-2024-40.xlsx 第9个表');
    const json = JSON.parse(zhibiao('templates', '--corpus', corpus, 'show', county.id, '--json').stdout) as { indicatorRows: { level3: string }[] };
    expect(json.indicatorRows[0].level3).toBe('党员学习教育、警示活动');
    expect(zhibiao('templates', 'show', 'ffffffffffff', '--corpus', corpus).status).toBe(1);
  });
});

describe('zhibiao export', { timeout: 120_000 }, () => {
  it('CSV to stdout (BOM) and XLSX to a file round-trip the row count', () => {
    const total = indicatorCount();
    const csv = zhibiao('export', '--format', 'csv', '--corpus', corpus);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFpath,')).toBe(true);
    const rows = XLSX.utils.sheet_to_json(XLSX.read(csv.stdout.slice(1), { type: 'string', raw: true }).Sheets.Sheet1);
    expect(rows).toHaveLength(total);

    const out = join(dir, 'export', 'all.xlsx');
    const xlsx = zhibiao('export', '--format', 'xlsx', '--corpus', corpus, '--out', out);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    expect(xlsx.stdout).toBe('');
    expect(XLSX.utils.sheet_to_json(XLSX.read(readFileSync(out)).Sheets.indicators)).toHaveLength(total);

    const queried = zhibiao('export', '--format', 'jsonl', '--corpus', corpus, '--query', '满意度', '--out', join(dir, 'export', 'q.jsonl'));
    expect(queried.status).toBe(0);
    const lines = readFileSync(join(dir, 'export', 'q.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength((JSON.parse(zhibiao('search', '满意度', '--corpus', corpus, '--json', '--limit', '1000').stdout) as unknown[]).length);
  });

  it('xlsx without --out and a missing --format are usage errors (exit 2)', () => {
    const run = zhibiao('export', '--format', 'xlsx', '--corpus', corpus);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(zhibiao('export', '--corpus', corpus).status).toBe(2);
  });
});
