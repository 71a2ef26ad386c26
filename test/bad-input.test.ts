// Bad input: one clear reason per file, the batch goes on, no partial output, exit status 1.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipelines/extract-document.ts';
import { ExtractError } from '../src/model/errors.ts';

const ROOT = join(import.meta.dirname, '..');
const sample = (name: string) => readFileSync(join(ROOT, 'samples', name));

async function failureOf(bytes: Uint8Array): Promise<ExtractError> {
  try {
    await extractDocument(bytes, 'x');
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function sheetWithoutIndicators(): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['姓名', '部门', '电话'], ['张三', '财务科', '1234']]), '通讯录');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' });
}

describe('bad input', () => {
  it('rejects an empty file', async () => {
    expect((await failureOf(new Uint8Array())).code).toBe('empty-file');
  });

  it('rejects a file that is not a document', async () => {
    const error = await failureOf(Buffer.from('just some text\n'));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/not a PDF, DOCX or XLSX/);
  });

  it('names a PNG dressed as an office file', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await failureOf(png)).message).toMatch(/PNG/);
  });

  it('reports a truncated DOCX and a truncated XLSX', async () => {
    const docx = sample('xiangfuban-2024-40.docx');
    const xlsx = sample('carry-forward.xlsx');
    expect((await failureOf(docx.subarray(0, docx.length / 2))).code).toBe('corrupt-docx');
    expect((await failureOf(xlsx.subarray(0, xlsx.length / 2))).code).toBe('corrupt-xlsx');
  });

  it('reports a workbook with no indicator table', async () => {
    const error = await failureOf(sheetWithoutIndicators());
    expect(error.code).toBe('no-indicator-table');
  });
});

describe('a batch with bad files', () => {
  it('goes on, writes no partial JSON and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-bad-'));
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    spawnSync('mkdir', ['-p', input]);
    writeFileSync(join(input, 'empty.pdf'), '');
    writeFileSync(join(input, 'text.docx'), 'hello');
    writeFileSync(join(input, 'cut.xlsx'), sample('carry-forward.xlsx').subarray(0, 2000));
    writeFileSync(join(input, 'good.xlsx'), sample('carry-forward.xlsx'));
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'zhibiao.js'), 'extract', input, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    for (const name of ['empty.pdf', 'text.docx', 'cut.xlsx']) expect(run.stderr).toContain(`zhibiao: ${name}: `);
    expect(readdirSync(out).sort()).toEqual(['corpus.sqlite', 'good.xlsx.json', 'indicators.jsonl', 'report.html', 'report.json', 'report.md']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.totals).toMatchObject({ files: 4, ok: 1, failed: 3 });
    expect(report.files.find((f: { path: string }) => f.path === 'cut.xlsx')).toMatchObject({ status: 'failed', code: 'corrupt-xlsx' });
  });

  it('exits 2 on a usage error', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'zhibiao.js'), 'extract'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
  });
});
