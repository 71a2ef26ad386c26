// DOC/WPS through the LibreOffice listener: the twins and real files, the listener's life
// (lazy start, restart after a death, kill on a time limit, clean shutdown), a machine without
// LibreOffice, and batches that leave no soffice behind (done, a hung worker, Ctrl-C).
// One listener serves the file's in-process tests (started by the first of them).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractError } from '../src/model/errors.ts';
import { convertLegacy, sharedListener, shutdownLibreOffice } from '../src/readers/legacy-convert.ts';
import { LIBREOFFICE_APT, LibreOfficeListener, libreOfficeOptionsFromEnv, onHelperProcesses, type HelperProcesses } from '../src/readers/libreoffice.ts';
import { documentGrids, extractDocument } from '../pipelines/extract-document.ts';
import { genericTables } from '../pipelines/tables.ts';
import { mutate } from '../scripts/fuzz/mutate.ts';
import { runCli } from './batch-fixture.ts';
import { WorkerPool } from '../pipelines/worker-pool.ts';
import type { SheetLayout } from '../src/model/layout.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { readLegacyWorkbook } from '../src/readers/legacy-xls.ts';
import { readXlsx } from '../src/readers/xlsx.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const REAL = join(import.meta.dirname, '..', '..', 'shared', 'real', 'other');
const sample = (name: string) => readFileSync(join(SAMPLES, name));
const real = (name: string) => readFileSync(join(REAL, name));

/** Live (not zombie) processes whose command line contains TEXT. */
function processesWith(text: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Listener temp dirs (profile, TMPDIR, conversions) under DIR; tsx keeps its cache there too. */
const listenerDirs = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('zhibiao-lo-'));

const helpers = new Map<string, HelperProcesses>();
onHelperProcesses((id, helper) => {
  if (helper) helpers.set(id, helper);
  else helpers.delete(id);
});

async function failureOf(promise: Promise<unknown>): Promise<ExtractError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ExtractError)) throw new Error(`expected an ExtractError, got ${String(error)}`);
  return error;
}

afterAll(async () => {
  await shutdownLibreOffice();
});

describe('DOC / WPS converted by LibreOffice', () => {
  it('starts no listener before the first legacy file', () => {
    expect(sharedListener().starts).toBe(0);
    expect(helpers.size).toBe(0);
  });

  it('each DOC and WPS twin gives the grid of its DOCX: every cell, span and text', async () => {
    for (const [twin, original] of [['legacy/xiangfuban-2024-40.doc', 'xiangfuban-2024-40.docx'], ['legacy/xiangfuban-2024-40.wps', 'xiangfuban-2024-40.docx'], ['legacy/declaration.doc', 'declaration.docx'], ['legacy/declaration.wps', 'declaration.docx']]) {
      expect(await genericTables(sample(twin)), twin).toEqual(await genericTables(sample(original)));
    }
    expect(sharedListener().starts).toBe(1);
  });

  it('gives the text of the real WPS Writer file to the notice reader; it holds no table', async () => {
    const grids = await documentGrids(real('wps-binary-text.wps'));
    expect(grids.format).toBe('wps');
    expect(grids.tables).toEqual([]);
    expect(grids.lines[0]).toBe('发文当前位置和承办处室使用别名(需要在组织机构配置别名)');
    expect(grids.lines).toContain('7月更新');
    expect(grids.lines).toHaveLength(18);
    expect((await failureOf(extractDocument(real('wps-binary-text.wps'), 'wps-binary-text.wps'))).code).toBe('no-indicator-table');
  });

  it('keeps the résumé DOC\'s vertically merged section labels, as its PDF shows them', async () => {
    const labels = async (bytes: Buffer) => (await documentGrids(bytes)).tables[0].cells.filter((c) => c.col === 0 && c.text).map((c) => [c.row, c.rowSpan, c.text]);
    expect(await labels(real('resume-merged-labels.doc'))).toEqual([[0, 3, '个人信息'], [4, 3, '教育背景'], [8, 5, '工作经验']]);
    // The PDF is the same template filled in with one row less under 工作经验.
    expect(await labels(real('resume-merged-labels.pdf'))).toEqual([[0, 3, '个人信息'], [4, 3, '教育背景'], [8, 4, '工作经验']]);
    // The DOCX "twin" has no table at all: tab-separated paragraphs with the label repeated.
    expect((await documentGrids(real('resume-merged-labels.docx'))).tables).toEqual([]);
    expect((await failureOf(extractDocument(real('resume-merged-labels.doc'), 'resume.doc'))).code).toBe('no-indicator-table');
  });

  it('the real workbooks of ../shared/real saved as XLS give the sheets of their XLSX', async () => {
    // LibreOffice writes the XLS here (made at test time, nothing copied into the repository).
    const sorted = (sheets: SheetLayout[]) => sheets.map((s) => ({ ...s, merges: [...s.merges].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0) }));
    const docs = join(REAL, '..', 'docs');
    for (const name of readdirSync(docs).filter((f) => f.endsWith('.xlsx'))) {
      const xlsx = readFileSync(join(docs, name));
      const xls = await sharedListener().convert(xlsx, 'xlsx', 'xls', 'MS Excel 97');
      expect(sniffFormat(xls)).toBe('xls');
      expect(sorted(readLegacyWorkbook(xls, DEFAULT_LIMITS).sheets), name).toEqual(sorted(readXlsx(xlsx, DEFAULT_LIMITS).sheets));
    }
  });

  it('says corrupt-doc when LibreOffice cannot open a damaged DOC, and goes on', async () => {
    // Fuzzer mutation (seed 1, iteration 184: bit flips) that LibreOffice refuses.
    const error = await failureOf(convertLegacy(mutate(sample('legacy/declaration.doc'), 1, 184).bytes, 'doc'));
    expect(error.code).toBe('corrupt-doc');
    expect(error.message).toMatch(/LibreOffice cannot convert the file \(it does not open as a document\)/u);
    const starts = sharedListener().starts;
    expect((await extractDocument(sample('legacy/declaration.doc'), 'declaration.doc')).tables[0].indicators).toHaveLength(10);
    expect(sharedListener().starts).toBe(starts);
  });

  it('restarts a listener that died, and converts with the new one', async () => {
    const before = [...helpers.values()];
    expect(before).toHaveLength(1);
    const [, soffice] = before[0].groups;
    process.kill(-soffice, 'SIGKILL');
    const starts = sharedListener().starts;
    const result = await extractDocument(sample('legacy/declaration.wps'), 'declaration.wps');
    expect(result.source.format).toBe('doc');
    expect(result.tables[0].indicators).toHaveLength(10);
    expect(sharedListener().starts).toBe(starts + 1);
    expect(processesWith(before[0].paths[0])).toEqual([]);
    expect(existsSync(before[0].paths[0])).toBe(false);
  });

  it('kills a conversion past its time limit, leaving nothing behind', async () => {
    const listener = new LibreOfficeListener({ ...libreOfficeOptionsFromEnv(), convertTimeoutMs: 1 });
    const known = new Set(helpers.keys());
    const error = await failureOf(convertLegacy(sample('legacy/declaration.doc'), 'doc', listener));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/ZHIBIAO_CONVERT_TIMEOUT/u);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...helpers.keys()].filter((id) => !known.has(id))).toEqual([]);
    await listener.close();
  });

  it('shuts its listener down with nothing left: processes, profile, temp files, pipes', async () => {
    const [helper] = [...helpers.values()];
    await shutdownLibreOffice();
    expect(helpers.size).toBe(0);
    expect(processesWith(helper.paths[0])).toEqual([]);
    for (const path of helper.paths) expect(existsSync(path), path).toBe(false);
    expect(helper.paths.length).toBeGreaterThan(1);
  });

  it('fails with needs-libreoffice, naming the packages, where soffice or python3-uno is missing', async () => {
    for (const missing of [{ soffice: '/nonexistent/soffice' }, { python: '/nonexistent/python3' }]) {
      const listener = new LibreOfficeListener({ ...libreOfficeOptionsFromEnv(), ...missing });
      const error = await failureOf(convertLegacy(sample('legacy/declaration.doc'), 'doc', listener));
      expect(error.code).toBe('needs-libreoffice');
      expect(error.message).toContain(`apt-get install ${LIBREOFFICE_APT}`);
      await listener.close();
    }
  });
});

describe('batches with legacy files', () => {
  let dir: string;
  let input: string;
  /** The CLI's temp dir: the listeners' profiles live there, so their command lines name it. */
  let temp: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-legacy-batch-'));
    input = join(dir, 'in');
    temp = join(dir, 'tmp');
    mkdirSync(input);
    mkdirSync(temp);
    cpSync(join(SAMPLES, 'legacy', 'declaration.doc'), join(input, 'a-declaration.doc'));
    cpSync(join(REAL, 'wps-binary-text.wps'), join(input, 'b-real.wps'));
    cpSync(join(REAL, 'docx-named.wps'), join(input, 'c-docx-named.wps'));
    cpSync(join(SAMPLES, 'legacy', 'carry-forward.xls'), join(input, 'd-carry-forward.xls'));
    cpSync(join(SAMPLES, 'legacy', 'self-evaluation.et'), join(input, 'e-self-evaluation.et'));
    cpSync(join(SAMPLES, 'row-heading.xlsx'), join(input, 'f-row-heading.xlsx'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const report = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { files: { path: string; status: string; code?: string; reason?: string }[] };
  const statusOf = (out: string) => Object.fromEntries(report(out).files.map((f) => [f.path, f.code ?? f.status]));

  it('reads a folder mixing formats and leaves no soffice behind', async () => {
    const out = join(dir, 'out-mixed');
    const run = await runCli(['extract', input, '--out', out, '--concurrency', '1'], { env: { TMPDIR: temp } });
    expect(run.code, run.stderr).toBe(1);
    expect(statusOf(out)).toEqual({
      'a-declaration.doc': 'ok', 'b-real.wps': 'no-indicator-table', 'c-docx-named.wps': 'no-indicator-table',
      'd-carry-forward.xls': 'ok', 'e-self-evaluation.et': 'ok', 'f-row-heading.xlsx': 'ok',
    });
    const doc = JSON.parse(readFileSync(join(out, 'a-declaration.doc.json'), 'utf8')) as { source: { format: string }; tables: { indicators: unknown[] }[] };
    expect(doc.source.format).toBe('doc');
    expect(doc.tables[0].indicators).toHaveLength(10);
    expect(JSON.parse(readFileSync(join(out, 'e-self-evaluation.et.json'), 'utf8')).source.format).toBe('xls');
    expect(processesWith(temp)).toEqual([]);
    expect(listenerDirs(temp)).toEqual([]);
  }, 60_000);

  it('a worker that dies takes its listener with it', async () => {
    // The pool ends a worker the same way after a crash, a time limit or running out of heap.
    const saved = { TMPDIR: process.env.TMPDIR, ZHIBIAO_TEST_WORKER_FAULT: process.env.ZHIBIAO_TEST_WORKER_FAULT };
    Object.assign(process.env, { TMPDIR: temp, ZHIBIAO_TEST_WORKER_FAULT: 'crash:crash.xlsx' });
    const pool = new WorkerPool({ size: 1, timeoutMs: 60_000, maxHeapMb: 1024, recycleMb: 1e6 });
    try {
      expect((await pool.run(join(input, 'a-declaration.doc'), 'a-declaration.doc')).status).toBe('ok');
      expect(processesWith(temp).length).toBeGreaterThanOrEqual(2);
      const crashed = await pool.run(join(input, 'f-row-heading.xlsx'), 'crash.xlsx');
      expect(crashed).toMatchObject({ status: 'failed', code: 'internal-error' });
      expect(processesWith(temp)).toEqual([]);
      expect(listenerDirs(temp)).toEqual([]);
    } finally {
      await pool.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 60_000);

  it('without LibreOffice: the DOC fails needs-libreoffice, the rest of the batch is read', async () => {
    const out = join(dir, 'out-nolo');
    const run = await runCli(['extract', input, '--out', out], { env: { TMPDIR: temp, ZHIBIAO_SOFFICE: '/nonexistent/soffice' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`zhibiao: a-declaration.doc: needs-libreoffice: DOC/WPS files are converted with LibreOffice`);
    expect(run.stderr).toContain(`apt-get install ${LIBREOFFICE_APT}`);
    expect(statusOf(out)).toMatchObject({ 'a-declaration.doc': 'needs-libreoffice', 'b-real.wps': 'needs-libreoffice', 'd-carry-forward.xls': 'ok', 'f-row-heading.xlsx': 'ok' });
    expect(listenerDirs(temp)).toEqual([]);
  }, 60_000);

  it('Ctrl-C: the files under way finish, then no soffice is left', async () => {
    const folder = join(dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i < 8; i++) cpSync(join(SAMPLES, 'legacy', i % 2 ? 'declaration.doc' : 'xiangfuban-2024-40.doc'), join(folder, `doc-${i}.doc`));
    const out = join(dir, 'out-int');
    const run = await runCli(['extract', folder, '--out', out, '--concurrency', '1'], {
      env: { TMPDIR: temp },
      until: () => existsSync(join(out, 'doc-0.doc.json')),
      signal: 'SIGINT',
    });
    expect(run.signalled).toBe(true);
    expect(run.code).toBe(130);
    expect(processesWith(temp)).toEqual([]);
    expect(listenerDirs(temp)).toEqual([]);
  }, 60_000);
});
