// A batch killed with SIGKILL midway and started again ends with the same outputs as a clean
// run: the same corpus rows (documents, paths, tables, indicators, full-text rows, no
// duplicates), the same indicators.jsonl, and no temp or partial files.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archive, corpusRows, filesUnder, jsonCount, runCli } from './batch-fixture.ts';

const COUNT = 40;

describe('resume after kill -9', () => {
  it('finishes the batch with a corpus equal to a clean run\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-resume-'));
    const input = archive(join(dir, 'input'), COUNT);
    const clean = join(dir, 'clean');
    const killed = join(dir, 'killed');

    const first = await runCli(['extract', input, '--out', clean, '--concurrency', '2']);
    expect(first.code, first.stderr).toBe(0);

    // Killed once a quarter of the documents are written: mid-batch, with jobs in flight.
    const cut = await runCli(['extract', input, '--out', killed, '--concurrency', '2'], { until: () => jsonCount(killed) >= COUNT / 4, signal: 'SIGKILL' });
    expect(cut.signalled).toBe(true);
    expect(cut.signal).toBe('SIGKILL');
    const writtenBeforeKill = jsonCount(killed);
    expect(writtenBeforeKill).toBeLessThan(COUNT);
    // The killed run left its indicators.jsonl temp file (and maybe a document's) behind.
    expect(filesUnder(killed).filter((f) => f.endsWith('.tmp')).length).toBeGreaterThan(0);

    const resumed = await runCli(['extract', input, '--out', killed, '--concurrency', '2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = /(\d+) files, (\d+) ok, (\d+) unchanged, (\d+) failed/u.exec(resumed.stderr)!;
    expect(Number(summary[1])).toBe(COUNT);
    expect(Number(summary[3])).toBeGreaterThan(0); // finished files were not extracted again
    expect(Number(summary[2]) + Number(summary[3])).toBe(COUNT);

    expect(corpusRows(join(killed, 'corpus.sqlite'))).toEqual(corpusRows(join(clean, 'corpus.sqlite')));
    expect(readFileSync(join(killed, 'indicators.jsonl'), 'utf8')).toBe(readFileSync(join(clean, 'indicators.jsonl'), 'utf8'));
    const left = filesUnder(killed);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left.filter((f) => !f.startsWith('corpus.sqlite'))).toEqual(filesUnder(clean).filter((f) => !f.startsWith('corpus.sqlite')));
    for (const file of left.filter((f) => f.endsWith('.json'))) expect(() => JSON.parse(readFileSync(join(killed, file), 'utf8'))).not.toThrow();
  }, 300_000);
});
