// The batch runner through the CLI: isolation (a file that hangs, kills its worker or runs out
// of memory fails with its reason and the batch goes on), the unchanged re-run, Ctrl-C.
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/confidence/report.ts';
import { vary } from '../scripts/bulk/archive.ts';
import { archive, filesUnder, jsonCount, runCli } from './batch-fixture.ts';

function summaryOf(stderr: string): { files: number; ok: number; unchanged: number; failed: number } {
  const match = /zhibiao: (\d+) files, (\d+) ok, (\d+) unchanged, (\d+) failed/u.exec(stderr);
  if (!match) throw new Error(`no summary line:\n${stderr}`);
  const [files, ok, unchanged, failed] = match.slice(1).map(Number);
  return { files, ok, unchanged, failed };
}

const report = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;

describe('batch isolation and re-runs', () => {
  it('reports a file that hangs, kills its worker or runs out of memory, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-batch-'));
    const input = archive(join(dir, 'input'), 11);
    const out = join(dir, 'out');
    const faulty = { '00002-carry-forward.xlsx': 'timeout', '00003-row-heading.xlsx': 'internal-error', '00004-self-evaluation.xlsx': 'too-large' };
    const run = await runCli(['extract', input, '--out', out, '--concurrency', '2', '--timeout', '10', '--max-memory', '128'], {
      env: { ZHIBIAO_TEST_WORKER_FAULT: 'hang:00002-carry-forward|crash:00003-row-heading|oom:00004-self-evaluation' },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(summaryOf(run.stderr)).toEqual({ files: 11, ok: 8, unchanged: 0, failed: 3 });
    expect(run.stderr).toMatch(/00002-carry-forward\.xlsx: timeout: not finished within 10 s/u);
    expect(run.stderr).toMatch(/00003-row-heading\.xlsx: internal-error: the worker exited/u);
    expect(run.stderr).toMatch(/00004-self-evaluation\.xlsx: too-large: the file needs more than 128 MB of memory/u);
    expect(run.stderr).not.toMatch(/\r|\x1b\[/u); // no progress bar off a terminal
    const failed = report(out).files.filter((f) => f.status === 'failed');
    expect(Object.fromEntries(failed.map((f) => [f.path.split('/').pop(), f.code]))).toEqual(faulty);
    // indicators.jsonl in input order although the hanging file finished last
    const order = readFileSync(join(out, 'indicators.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { path: string }).path);
    expect(order).toEqual([...order].sort());
    expect(filesUnder(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const name of Object.keys(faulty)) expect(existsSync(join(out, 'part-00', `${name}.json`))).toBe(false);

    // Again without faults: only the three failed files are extracted.
    const again = await runCli(['extract', input, '--out', out, '--concurrency', '2']);
    expect(again.code, again.stderr).toBe(0);
    expect(summaryOf(again.stderr)).toEqual({ files: 11, ok: 3, unchanged: 8, failed: 0 });
    const lines = readFileSync(join(out, 'indicators.jsonl'), 'utf8').trim().split('\n').length;
    expect(lines).toBe(report(out).totals.indicators);

    // A touched file (same bytes, new mtime) is still unchanged, found by its hash, and its new stat recorded.
    const touched = join(input, 'part-00', '00000-declaration.docx');
    utimesSync(touched, new Date(), new Date(Date.now() + 5000));
    // A file with new bytes is extracted again; the others are skipped from their stat.
    const changed = join(input, 'part-00', '00001-xiangfuban-2024-40.docx');
    writeFileSync(changed, vary(join('samples', 'xiangfuban-2024-40.docx'), readFileSync(join(import.meta.dirname, '..', 'samples', 'xiangfuban-2024-40.docx')), 999));
    const third = await runCli(['extract', input, '--out', out, '--concurrency', '2']);
    expect(third.code, third.stderr).toBe(0);
    expect(summaryOf(third.stderr)).toEqual({ files: 11, ok: 1, unchanged: 10, failed: 0 });
    expect(readFileSync(join(out, 'indicators.jsonl'), 'utf8').trim().split('\n').length).toBe(lines);
    const db = new Database(join(out, 'corpus.sqlite'), { readonly: true });
    const recorded = db.prepare('SELECT mtime_ms FROM document_paths WHERE path = ?').get(join('part-00', '00000-declaration.docx')) as { mtime_ms: number };
    db.close();
    expect(recorded.mtime_ms).toBe(statSync(touched).mtimeMs);

    const forced = await runCli(['extract', input, '--out', out, '--concurrency', '2', '--force']);
    expect(summaryOf(forced.stderr)).toEqual({ files: 11, ok: 11, unchanged: 0, failed: 0 });
  }, 180_000);

  it('fails every file when the heap limit is too small, and still finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-batch-'));
    const out = join(dir, 'out');
    const pdfs = filesUnder(join(import.meta.dirname, '..', 'samples', 'pdf')).filter((f) => f.endsWith('.pdf')).length;
    const run = await runCli(['extract', join(import.meta.dirname, '..', 'samples', 'pdf'), '--out', out, '--max-memory', '8']);
    expect(run.code).toBe(1);
    expect(summaryOf(run.stderr)).toEqual({ files: pdfs, ok: 0, unchanged: 0, failed: pdfs });
    // The readers load on a worker's first job, so the limit may bite at start-up or during the job.
    expect(run.stderr).toMatch(/too-large: (the worker ran out of memory while starting: 8 MB|the file needs more than 8 MB of memory) \(--max-memory\)/u);
    expect(report(out).totals.failed).toBe(pdfs);
  }, 60_000);

  it('stops taking files on Ctrl-C, exits 130 saying how to resume, and the resumed run completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-batch-'));
    const input = archive(join(dir, 'input'), 24);
    const out = join(dir, 'out');
    const cut = await runCli(['extract', input, '--out', out, '--concurrency', '1'], { until: () => jsonCount(out) >= 3, signal: 'SIGINT' });
    expect(cut.signalled).toBe(true);
    expect(cut.code, cut.stderr).toBe(130);
    expect(cut.stderr).toMatch(/stopping after the files under way/u);
    expect(cut.stderr).toMatch(/interrupted with \d+ of 24 files not started .*run the same command again to resume/u);
    const done = summaryOf(cut.stderr);
    expect(done.ok).toBeGreaterThanOrEqual(3);
    expect(done.ok).toBeLessThan(24);
    expect(jsonCount(out)).toBe(done.ok);
    // The batch-wide outputs are written only by a complete batch.
    expect(existsSync(join(out, 'indicators.jsonl'))).toBe(false);
    expect(filesUnder(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const resumed = await runCli(['extract', input, '--out', out, '--concurrency', '2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(summaryOf(resumed.stderr)).toEqual({ files: 24, ok: 24 - done.ok, unchanged: done.ok, failed: 0 });
    expect(report(out).totals.files).toBe(24);
  }, 180_000);
  it('runs --stdout and `tables` in a worker under the same limits', async () => {
    const sample = join(import.meta.dirname, '..', 'samples', 'carry-forward.xlsx');
    const env = { ZHIBIAO_TEST_WORKER_FAULT: 'hang:carry-forward|oom:row-heading' };
    const hung = await runCli(['extract', sample, '--stdout', '--timeout', '2'], { env });
    expect(hung.code).toBe(1);
    expect(hung.stdout).toBe('');
    expect(hung.stderr).toMatch(/carry-forward\.xlsx: timeout: not finished within 2 s/u);
    const tables = await runCli(['tables', sample, '--timeout', '2'], { env });
    expect(tables.code).toBe(1);
    expect(tables.stderr).toMatch(/carry-forward\.xlsx: timeout: not finished within 2 s/u);
    const heavy = await runCli(['tables', sample.replace('carry-forward', 'row-heading'), '--max-memory', '128'], { env });
    expect(heavy.code).toBe(1);
    expect(heavy.stderr).toMatch(/row-heading\.xlsx: too-large: the file needs more than 128 MB/u);
    const fine = await runCli(['tables', sample]);
    expect(fine.code, fine.stderr).toBe(0);
    expect((JSON.parse(fine.stdout) as { tables: unknown[] }).tables).toHaveLength(2);
  }, 60_000);
});
