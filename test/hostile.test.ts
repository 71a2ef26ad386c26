// Hostile and broken input (issue 6): every bad-file kind gets its error code in bounded
// time, a batch over all of them exits 1, writes nothing outside --out, no partial output,
// and the good files in it come out byte-identical to a run without the bad ones.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentGrids, extractDocument } from '../pipelines/extract-document.ts';
import { ExtractError } from '../src/model/errors.ts';
import { DEFAULT_LIMITS, limitsFromEnv } from '../src/readers/limits.ts';
import { checkZip, unsafeEntryName } from '../src/readers/zip-guard.ts';
import { sniffFormat } from '../src/readers/sniff.ts';
import { type BadFile, GOOD_SAMPLES, makeBadFiles, makeOddNames, sample } from '../scripts/make-bad-files.ts';
import { writeZip } from '../scripts/bad/zip.ts';
import { pdfFlateBomb } from '../scripts/bad/pdf-bomb.ts';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'zhibiao.js');

async function outcome(bytes: Uint8Array, path = 'x'): Promise<{ code: string; message: string; tables?: unknown; warnings?: string[] }> {
  try {
    const result = await extractDocument(bytes, path);
    return { code: 'ok', message: '', tables: result.tables, warnings: result.warnings };
  } catch (error) {
    if (error instanceof ExtractError) return { code: error.code, message: error.message };
    throw error;
  }
}

/** Every file under `dir`, relative, sorted (symlinks not followed; names read as bytes, shown as UTF-8). */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: Buffer, rel: string) => {
    for (const name of readdirSync(d, { encoding: 'buffer' })) {
      const full = Buffer.concat([d, Buffer.from('/'), name]);
      const shown = rel ? `${rel}/${name.toString('utf8')}` : name.toString('utf8');
      if (lstatSync(full).isDirectory()) walk(full, shown);
      else out.push(shown);
    }
  };
  walk(Buffer.from(dir), '');
  return out.sort();
}

const base = mkdtempSync(join(tmpdir(), 'zhibiao-hostile-'));
const corpus = join(base, 'in');
let files: BadFile[] = [];

beforeAll(() => {
  files = makeBadFiles(corpus);
});

describe('each bad-file kind gets its code, in bounded time', () => {
  it('covers every kind of issue 6', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  // One test per file, named after it (the list is fixed: see scripts/make-bad-files.ts).
  const names = ['truncated.pdf', 'truncated-head.pdf', 'truncated.docx', 'truncated.xlsx', 'bitflip.pdf', 'bitflip.docx', 'bitflip.xlsx',
    'user-password.pdf', 'owner-password.pdf', 'broken-xref.pdf', 'bomb.docx', 'bomb-hidden.xlsx', 'flate-bomb.pdf', 'traversal.docx', 'traversal.xlsx',
    'xxe.docx', 'laughs.xlsx', 'million-rows.xlsx', 'nested-20.docx', 'nested-3000.docx', 'empty.docx', 'png.xlsx', 'png.docx',
    'truncated.ofd', 'bomb.ofd', 'traversal.ofd', 'xxe.ofd', 'no-document.ofd', 'composite-bomb.ofd', 'deep.ofd', 'huge-numbers.ofd', 'no-root.ofd'];
  for (const name of names) {
    it(name, async () => {
      const file = files.find((f) => f.name === name)!;
      expect(file, `${name} is in the corpus`).toBeDefined();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = Date.now();
      const got = await outcome(readFileSync(join(corpus, name)), name);
      const ms = Date.now() - started;
      expect(got.code, `${name} (${file.kind}): ${got.message}`).toBe(file.expect);
      expect(ms).toBeLessThan(name === 'million-rows.xlsx' || name === 'flate-bomb.pdf' ? 30_000 : 10_000);
      // The bombs are judged before anything inflates them.
      if (name.startsWith('bomb')) {
        expect(ms).toBeLessThan(1_000);
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 2 ** 20);
      }
      // pdfjs inflates streams itself: the flate bomb is stopped at the decoded-stream limit.
      if (name === 'flate-bomb.pdf') expect(got.message).toBe('a stream of the PDF decodes to more than 256 MB (limit ZHIBIAO_MAX_PDF_STREAM_MB)');
      if (got.code !== 'ok') expect(got.message).not.toMatch(/\n/u);
      if (file.sameTablesAs) {
        const clean = await extractDocument(sample(file.sameTablesAs), 'x');
        expect(JSON.stringify(got.tables)).toBe(JSON.stringify(clean.tables));
      }
    });
  }

  it('never reads the external entity, and would not even behind the guard', async () => {
    const got = await outcome(readFileSync(join(corpus, 'xxe.docx')));
    expect(got.message).not.toMatch(/root:/u);
    // Without the guard (mammoth/xmldom directly), the entity is not resolved either.
    const { readDocx } = await import('../src/readers/docx.ts');
    const blocks = await readDocx(readFileSync(join(corpus, 'xxe.docx')));
    expect(JSON.stringify(blocks)).not.toMatch(/root:|\/bin\/(ba)?sh/u);
  });

  it('cuts the million-row sheet at the row limit with a warning, and still finds every indicator', async () => {
    const got = await outcome(readFileSync(join(corpus, 'million-rows.xlsx')));
    expect(got.warnings).toContain('sheet 项目绩效指标: only the first 100000 rows of 1000000 were read');
    const clean = await extractDocument(sample('carry-forward.xlsx'), 'x');
    const names = (tables: unknown) => (tables as { indicators: { level3: string }[] }[]).flatMap((t) => t.indicators.map((i) => i.level3));
    expect(names(got.tables)).toEqual(names(clean.tables));
  });
});

describe('limits are configurable', () => {
  it('reads positive numbers from the environment and ignores the rest', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    const limits = limitsFromEnv({ ZHIBIAO_MAX_PAGES: '3', ZHIBIAO_MAX_UNZIPPED_MB: '1.5', ZHIBIAO_MAX_ZIP_RATIO: 'lots', ZHIBIAO_MAX_CELLS: '-4' });
    expect(limits).toMatchObject({ maxPages: 3, maxUnzippedBytes: 1.5 * 2 ** 20, maxZipRatio: 100, maxCells: DEFAULT_LIMITS.maxCells });
  });

  const fails = async (bytes: Uint8Array, over: Partial<typeof DEFAULT_LIMITS>) => {
    try {
      await documentGrids(bytes, sniffFormat(bytes), { ...DEFAULT_LIMITS, ...over });
    } catch (error) {
      return (error as ExtractError).code + ': ' + (error as ExtractError).message;
    }
    return 'ok';
  };

  it('max pages, file size, unzipped size, entries, ratio, cells, rows', async () => {
    expect(await fails(sample('pdf/xiangfuban-2024-40.pdf'), { maxPages: 3 })).toMatch(/^too-large: the PDF has 8 pages \(limit 3/u);
    expect(await fails(sample('carry-forward.xlsx'), { maxFileBytes: 1000 })).toMatch(/^too-large: /u);
    expect(await fails(sample('carry-forward.xlsx'), { maxUnzippedBytes: 10_000 })).toMatch(/^too-large: the archive unpacks to more than/u);
    expect(await fails(sample('declaration.docx'), { maxZipEntries: 3 })).toMatch(/^too-large: the archive has \d+ entries/u);
    expect(await fails(sample('carry-forward.xlsx'), { maxCells: 50 })).toMatch(/^too-large: the workbook has more than 50 cells/u);
    expect(await fails(sample('carry-forward.xlsx'), { maxSheetRows: 10 })).toBe('ok');
    expect(await fails(pdfFlateBomb(3), { maxPdfStreamBytes: 2 * 2 ** 20 })).toMatch(/^too-large: a stream of the PDF decodes to more than 2 MB/u);
    expect(await fails(pdfFlateBomb(3), { maxPdfStreamBytes: 4 * 2 ** 20 })).toBe('ok');
    expect(await fails(sample('pdf/xiangfuban-2024-40.pdf'), { maxPdfStreamBytes: 2 ** 20 })).toBe('ok');
    // A 2 MiB entry of one repeated byte compresses ~1000×: over a ratio limit of 100.
    const zip = writeZip([{ name: 'word/document.xml', data: Buffer.alloc(2 * 2 ** 20, 0x20) }]);
    expect(() => checkZip(zip, DEFAULT_LIMITS, 'corrupt-docx')).toThrow(/inflates \d+×/u);
    expect(() => checkZip(zip, { ...DEFAULT_LIMITS, maxZipRatio: 5000 }, 'corrupt-docx')).not.toThrow();
  });

  it('knows names that climb out of an archive', () => {
    for (const bad of ['../x', 'a/../../x', '..\\x', '/etc/passwd', 'C:/x', 'a\0b']) expect(unsafeEntryName(bad), bad).toBe(true);
    for (const good of ['word/document.xml', 'xl/..hidden', 'a..b/c']) expect(unsafeEntryName(good), good).toBe(false);
  });
});

describe('a batch of hostile files', () => {
  it('exits 1, reports every bad file with its code, writes only under --out, and good files are byte-identical to a clean run', () => {
    const input = join(base, 'batch-in');
    const clean = join(base, 'clean-in');
    const out = join(base, 'batch-out');
    const cleanOut = join(base, 'clean-out');
    cpSync(corpus, input, { recursive: true });
    mkdirSync(clean, { recursive: true });
    for (const name of GOOD_SAMPLES) {
      for (const dir of [input, clean]) {
        mkdirSync(dirname(join(dir, 'good', name)), { recursive: true });
        cpSync(join(ROOT, 'samples', name), join(dir, 'good', name));
      }
    }
    makeOddNames(input);
    const inputBefore = tree(input);
    const baseBefore = readdirSync(base).sort();

    const run = spawnSync(process.execPath, [CLI, 'extract', input, '--out', out, '--concurrency', '2'], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    const cleanRun = spawnSync(process.execPath, [CLI, 'extract', clean, '--out', cleanOut], { encoding: 'utf8', timeout: 120_000 });
    expect(cleanRun.status, cleanRun.stderr).toBe(0);

    // Statuses: every bad file failed with its code (or is ok), the odd names are read, the non-UTF-8 one reported.
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { files: { path: string; status: string; code?: string }[] };
    const status = new Map(report.files.map((f) => [f.path, f.code ?? f.status]));
    for (const f of files) expect(status.get(f.name), f.name).toBe(f.expect);
    for (const name of ['names/-rf.docx', 'names/--help.xlsx', 'names/with spaces 文件.docx']) expect(status.get(name), name).toBe('ok');
    expect([...status].filter(([path, code]) => path.startsWith('names/loop/gbk-') && code === 'io-error')).toHaveLength(1);
    expect(run.stderr).toMatch(/gbk-.*: io-error: the file name is not valid UTF-8/u);
    for (const f of files.filter((x) => x.expect !== 'ok')) expect(run.stderr).toContain(`zhibiao: ${f.name}: ${f.expect}: `);

    // Output tree: one JSON per ok file, the batch files, nothing else (no temp or partial files).
    const ok = report.files.filter((f) => f.status === 'ok').map((f) => `${f.path}.json`);
    const batchFiles = ['corpus.sqlite', 'indicators.jsonl', 'report.html', 'report.json', 'report.md'];
    expect(tree(out).filter((p) => !/^corpus\.sqlite-(wal|shm)$/u.test(p))).toEqual([...ok, ...batchFiles].sort());
    // Nothing written beside --out or into the inputs; the ../../x entry went nowhere.
    expect(readdirSync(base).filter((n) => n !== 'size-out' && n !== 'dash').sort()).toEqual([...baseBefore, 'batch-out', 'clean-out'].filter((n) => n !== 'size-out' && n !== 'dash').sort());
    expect(tree(input)).toEqual(inputBefore);
    expect(existsSync(join(out, '..', '..', 'x'))).toBe(false);

    // Good files: byte-identical to the run without the bad ones.
    for (const name of GOOD_SAMPLES) {
      const mixed = readFileSync(join(out, 'good', `${name}.json`));
      expect(mixed.equals(readFileSync(join(cleanOut, 'good', `${name}.json`))), name).toBe(true);
    }
  }, 300_000);

  it('refuses a file over ZHIBIAO_MAX_FILE_MB in the worker, before reading it', () => {
    const out = join(base, 'size-out');
    const run = spawnSync(process.execPath, [CLI, 'extract', join(ROOT, 'samples', 'carry-forward.xlsx'), '--out', out], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ZHIBIAO_MAX_FILE_MB: '0.01' } });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/carry-forward\.xlsx: too-large: the file has 0\.02 MB \(limit 0\.01 MB, ZHIBIAO_MAX_FILE_MB\)/u);
  }, 120_000);

  it('takes names with leading dashes as files after --', () => {
    const dir = join(base, 'dash');
    mkdirSync(dir, { recursive: true });
    cpSync(join(ROOT, 'samples', 'declaration.docx'), join(dir, '-rf.docx'));
    cpSync(join(ROOT, 'samples', 'carry-forward.xlsx'), join(dir, '--help.xlsx'));
    const run = spawnSync(process.execPath, [CLI, 'extract', '--out', 'o', '--', '-rf.docx', '--help.xlsx'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(join(dir, 'o')).filter((n) => n.endsWith('.json')).sort()).toEqual(['--help.xlsx.json', '-rf.docx.json', 'report.json']);
    expect(existsSync(join(dir, '-rf.docx'))).toBe(true);
  }, 120_000);
});
