// `zhibiao tables FILE`: every table of a file in the generic cell format (SPEC §3.2), JSON or CSV files.
import { basename, join, resolve } from 'node:path';
import { writeAtomic } from '../../pipelines/output.ts';
import { tablesToCsv } from '../../pipelines/tables.ts';
import { type LimitOptions, fail } from '../cli-common.ts';
import { inWorker } from './in-worker.ts';

export default async function tablesCommand(file: string, opts: LimitOptions & { format: 'json' | 'csv'; out: string }): Promise<void> {
  const outcome = await inWorker(opts, (pool) => pool.tables(resolve(file)));
  if (outcome.status !== 'tables') fail(`${file}: ${outcome.code}: ${outcome.reason}`, 1);
  const { tables } = outcome;
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify(tables)}\n`);
    return;
  }
  try {
    for (const [i, csv] of tablesToCsv(tables).entries()) {
      const path = join(opts.out, `${basename(file)}.table-${i + 1}.csv`);
      await writeAtomic(path, csv);
      process.stdout.write(`${path}\n`);
    }
  } catch (error) {
    fail(`${file}: io-error: cannot write the CSV: ${(error as Error).message}`, 1);
  }
}
