// The zhibiao command line (SPEC §4). Data goes to stdout, progress and errors to stderr.
// Exit 0: every file succeeded; 1: some failed; 2: usage error.
//
// Start-up: this module loads commander and the command definitions, nothing else. Each
// command's action lives in its own module, imported only when that command runs
// (`.action(lazy(() => import('./commands/NAME.ts')))`), so `--help` and `schema` load no reader,
// no database driver and no pdfjs (test/cli-startup.test.ts checks it). New commands follow the
// same pattern: options here (or in a register function that imports nothing heavy), the work
// in a module of their own.
import { Command, CommanderError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { fail, lazy, positiveInt } from './cli-common.ts';
import { registerCorpusCommands } from './cli-corpus.ts';
import { databaseUrl, registerServerCommands } from './server/cli.ts';

export function buildProgram(): Command {
  const program = new Command('zhibiao')
    .description('Extract budget-performance indicator tables (绩效指标表) from notices into normalized JSON.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program.command('extract')
    .description('extract indicator tables from files or directories (walked recursively)')
    .argument('<paths...>', 'PDF/DOCX/XLSX files or directories')
    .option('-o, --out <dir>', 'output directory', 'output')
    .option('-c, --concurrency <n>', 'files processed at once', positiveInt, Math.max(1, availableParallelism()))
    .option('--force', 're-extract files whose output is up to date')
    .option('--timeout <seconds>', 'time limit per file', positiveInt, 120)
    .option('--max-memory <mb>', 'heap limit per worker thread; a file that needs more fails as too-large (default 1024, lowered so that all workers stay within 60% of RAM)', positiveInt)
    .option('--stdout', 'print the JSON of a single file to stdout instead of writing files (same limits, one worker)')
    .option('--db <url>', 'also record every document (state, error, result) in this PostgreSQL database, as the API serves them', databaseUrl)
    .action(lazy(() => import('./commands/extract.ts')));

  program.command('tables')
    .description('print every table found in a file, in the generic cell format (SPEC §3.2)')
    .argument('<file>', 'a PDF, DOCX or XLSX file')
    .addOption(new Option('-f, --format <format>', 'json on stdout, or one CSV file per table').choices(['json', 'csv']).default('json'))
    .option('-o, --out <dir>', 'directory for CSV files', 'output')
    .option('--timeout <seconds>', 'time limit', positiveInt, 120)
    .option('--max-memory <mb>', 'heap limit of the worker thread; a file that needs more fails as too-large', positiveInt)
    .action(lazy(() => import('./commands/tables.ts')));

  program.command('schema')
    .description('print the JSON Schema of the per-document output')
    .action(lazy(() => import('./commands/schema.ts')));
  registerCorpusCommands(program);
  registerServerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
      process.exit(code);
    }
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}

await main(process.argv);
