// Corpus commands: `zhibiao search`, `zhibiao templates [show ID]`, `zhibiao export`.
// Data on stdout only; one error line on stderr; exit 1 for a missing/unreadable corpus, 2 for usage errors.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import type { TableKind } from './model/schema.ts';
import { describeLocation } from './confidence/report.ts';
import type { CorpusDb } from './corpus/schema.ts';
import { type CorpusRow, type SearchFilters, queryTerms, searchCorpus, valueText } from './corpus/search.ts';

// Registering these commands loads neither zod nor the SQLite driver (src/cli.ts, start-up):
// the corpus is opened, and the template code loaded, when a command runs.

/** The `--kind` choices: TableKind's values (test/cli-startup.test.ts keeps them equal). */
export const TABLE_KIND_CHOICES: readonly TableKind[] = ['indicator-system', 'performance-targets', 'self-evaluation', 'other'];

export const DEFAULT_CORPUS = 'output/corpus.sqlite';

class UsageError extends Error {}

function fail(message: string, code: number): never {
  process.stderr.write(`zhibiao: ${message}\n`);
  process.exit(code);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive whole number.');
  return n;
}

function yearArg(value: string): number {
  if (!/^\d{4}$/u.test(value)) throw new InvalidArgumentError('not a four-digit year.');
  return Number(value);
}

interface FilterOptions {
  corpus?: string;
  level1?: string;
  level2?: string;
  kind?: TableKind;
  issuer?: string;
  year?: number;
  project?: string;
}

function addFilterOptions(command: Command): Command {
  return command
    .option('--corpus <file>', `corpus file (default: ${DEFAULT_CORPUS})`)
    .option('--level1 <name>', '一级指标, as written or canonical (exact)')
    .option('--level2 <name>', '二级指标, as written or canonical (exact)')
    .addOption(new Option('--kind <kind>', 'table kind').choices(TABLE_KIND_CHOICES))
    .option('--issuer <text>', 'issuing office contains TEXT')
    .option('--year <yyyy>', 'table year (document date, else 起始/年度, else title)', yearArg)
    .option('--project <text>', 'project name (项目名称, or 部门名称 of a 部门整体 table) contains TEXT');
}

function filtersOf(opts: FilterOptions): SearchFilters {
  const filters: SearchFilters = {};
  if (opts.level1 !== undefined) filters.level1 = opts.level1;
  if (opts.level2 !== undefined) filters.level2 = opts.level2;
  if (opts.kind !== undefined) filters.kind = opts.kind;
  if (opts.issuer !== undefined) filters.issuer = opts.issuer;
  if (opts.year !== undefined) filters.year = opts.year;
  if (opts.project !== undefined) filters.project = opts.project;
  return filters;
}

/** Runs an action against the read-only corpus; every failure becomes one stderr line and an exit code. */
async function withCorpus(path: string | undefined, action: (db: CorpusDb) => Promise<void> | void): Promise<void> {
  const { CorpusError, openCorpusReadonly } = await import('./corpus/schema.ts');
  let db: CorpusDb | null = null;
  try {
    db = openCorpusReadonly(path ?? DEFAULT_CORPUS);
    await action(db);
  } catch (error) {
    db?.close();
    db = null;
    if (error instanceof UsageError) fail(error.message, 2);
    if (error instanceof CorpusError) fail(error.message, 1);
    fail(`${path ?? DEFAULT_CORPUS}: ${(error as Error).message}`, 1);
  } finally {
    db?.close();
  }
}

/** `zhibiao … | head` closes stdout early: stop quietly instead of crashing with EPIPE. */
function quietEpipe(stream: Writable): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<number> {
  let buffer = '';
  let n = 0;
  for (const chunk of chunks) {
    buffer += chunk;
    n++;
    if (buffer.length >= 1 << 16) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  }
  if (buffer) stream.write(buffer);
  return n;
}

/** A self-evaluation's result in words: `实际 126公里 得分 10/10`; null without actual or score. */
function resultText(row: CorpusRow): string | null {
  const parts: string[] = [];
  if (row.actual) parts.push(`实际 ${row.actual.value}${row.actual.unit ?? ''}`);
  if (row.score) parts.push(`得分 ${row.score.value}${row.weight ? `/${row.weight.value}` : ''}`);
  else if (row.weight) parts.push(`分值 ${row.weight.value}`);
  return parts.length ? parts.join(' ') : null;
}

/** One hit per line: docNumber | table title | 一级 > 二级 > 三级 | value [| 实际 … 得分 …] | location. */
export function hitLine(row: CorpusRow): string {
  const levels = [row.level1 ?? '—', row.level2 ?? '—', row.level3].join(' > ');
  const result = resultText(row);
  return [row.docNumber ?? '—', row.tableTitle ?? '—', levels, valueText(row) ?? '—', ...(result ? [result] : []), `${row.path} ${describeLocation(row.source)}`].join(' | ');
}

function registerSearch(program: Command): void {
  addFilterOptions(program.command('search')
    .description('search the indicator corpus (terms of 3+ characters use the trigram index, shorter ones a substring scan)')
    .argument('<query>', 'words to find (all must occur) in 一级/二级/三级, description, table title, issuer or notice title'))
    .option('--json', 'print the hits as a JSON array')
    .option('--limit <n>', 'at most N hits', positiveInt, 50)
    .action(async (query: string, opts: FilterOptions & { json?: boolean; limit: number }) => {
      if (queryTerms(query).length === 0) fail('search needs a non-empty QUERY', 2);
      await withCorpus(opts.corpus, (db) => {
        const started = performance.now();
        const rows = searchCorpus(db, query, filtersOf(opts), opts.limit + 1);
        const ms = performance.now() - started;
        const more = rows.length > opts.limit;
        const hits = rows.slice(0, opts.limit);
        quietEpipe(process.stdout);
        if (opts.json) process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
        else if (hits.length) process.stdout.write(`${hits.map(hitLine).join('\n')}\n`);
        if (process.stderr.isTTY || hits.length === 0 || more) {
          process.stderr.write(`zhibiao: ${hits.length === 0 ? 'no hits' : `${hits.length} hit(s)`}${more ? ` (more: raise --limit)` : ''} in ${ms.toFixed(1)} ms\n`);
        }
      });
    });
}

function yearsText(first: number | null, last: number | null): string {
  if (first === null) return '年份不详';
  return first === last ? String(first) : `${first}–${last}`;
}

function listText(values: string[], max = 3): string {
  if (values.length === 0) return '—';
  return values.slice(0, max).join('、') + (values.length > max ? ` 等${values.length}个` : '');
}

function registerTemplates(program: Command): void {
  const templates = program.command('templates')
    .description('list template families: indicator tables sharing the same 一级/二级/三级 structure across documents')
    .option('--corpus <file>', `corpus file (default: ${DEFAULT_CORPUS})`)
    .option('--json', 'print the families as a JSON array')
    .option('--min <n>', 'only families with at least N tables', positiveInt, 1)
    .action(async (opts: { corpus?: string; json?: boolean; min: number }) => {
      const { listTemplates } = await import('./corpus/templates.ts');
      await withCorpus(opts.corpus, (db) => {
        const families = listTemplates(db, opts.min);
        quietEpipe(process.stdout);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(families, null, 2)}\n`);
          return;
        }
        const lines = families.map((f) => [
          f.id, `${f.members}表/${f.documents}文件`, yearsText(f.firstYear, f.lastYear), `${f.indicators}项指标`,
          listText(f.titles), listText(f.issuers, 2),
        ].join(' | '));
        if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
        else process.stderr.write('zhibiao: the corpus holds no indicator tables\n');
      });
    });

  templates.command('show')
    .description('list the indicators of one template family and the tables that use it')
    .argument('<id>', 'family id (or a unique prefix of one) from `zhibiao templates`')
    .option('--corpus <file>', `corpus file (default: ${DEFAULT_CORPUS})`)
    .option('--json', 'print the family as JSON')
    .action(async (id: string, opts: { corpus?: string; json?: boolean }) => {
      const parent = templates.opts<{ corpus?: string; json?: boolean }>();
      const corpus = opts.corpus ?? parent.corpus;
      const json = opts.json ?? parent.json;
      const [{ CorpusError }, { resolveTemplateId, showTemplate }] = await Promise.all([import('./corpus/schema.ts'), import('./corpus/templates.ts')]);
      await withCorpus(corpus, (db) => {
        const ids = resolveTemplateId(db, id);
        if (ids.length === 0) throw new CorpusError(`no template family ${id} in ${corpus ?? DEFAULT_CORPUS} (see \`zhibiao templates\`)`);
        if (ids.length > 1) throw new UsageError(`${id} is ambiguous: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
        const detail = showTemplate(db, ids[0]);
        if (!detail) throw new CorpusError(`template family ${ids[0]} has no indicator table`);
        quietEpipe(process.stdout);
        if (json) {
          process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
          return;
        }
        const lines = [
          `模板 ${detail.id}: ${detail.members}表/${detail.documents}文件, ${yearsText(detail.firstYear, detail.lastYear)}, ${detail.indicators}项指标`,
          `表名: ${detail.titles.join('、') || '—'}`,
          `发文机关: ${detail.issuers.join('、') || '—'}`,
          '指标:',
          ...detail.indicatorRows.map((row, i) => `  ${i + 1}. ${row.level1 ?? '—'} > ${row.level2 ?? '—'} > ${row.level3}${row.values.length ? ` | ${row.values.slice(0, 5).join(' / ')}` : ''}`),
          '使用该模板的表:',
          ...detail.memberTables.map((m) => `  ${m.docNumber ?? '—'} | ${m.tableTitle ?? '—'} | ${m.path} 第${m.tableIndex + 1}个表 | ${m.year ?? '年份不详'}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

async function atomicStreamWrite(path: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const stream = createWriteStream(temp);
    await write(stream);
    stream.end();
    await once(stream, 'finish');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function registerExport(program: Command): void {
  addFilterOptions(program.command('export')
    .description('export every indicator (or those matching --query and the filters) with its document and table columns')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'xlsx']).makeOptionMandatory())
    .option('--query <q>', 'only indicators matching this search query')
    .option('-o, --out <file>', 'write to FILE (atomically) instead of stdout; required for xlsx'))
    .action(async (opts: FilterOptions & { format: 'jsonl' | 'csv' | 'xlsx'; query?: string; out?: string }) => {
      if (opts.format === 'xlsx' && !opts.out) fail('--format xlsx needs --out FILE (a workbook is not written to stdout)', 2);
      if (opts.query !== undefined && queryTerms(opts.query).length === 0) fail('--query is empty', 2);
      await withCorpus(opts.corpus, async (db) => {
        // Loaded here: SheetJS is needed by nothing else the main thread runs.
        const { exportChunks, exportXlsx } = await import('./corpus/export.ts');
        const filters = filtersOf(opts);
        let rows: number;
        if (opts.format === 'xlsx') {
          const workbook = exportXlsx(db, opts.query, filters);
          await mkdir(dirname(opts.out!), { recursive: true });
          const temp = `${opts.out}.${process.pid}.tmp`;
          await writeFile(temp, workbook.data);
          await rename(temp, opts.out!);
          rows = workbook.rows;
        } else if (opts.out) {
          let n = 0;
          await atomicStreamWrite(opts.out, async (stream) => {
            n = await writeChunks(stream, exportChunks(db, opts.format as 'jsonl' | 'csv', opts.query, filters));
          });
          rows = opts.format === 'csv' ? n - 1 : n;
        } else {
          quietEpipe(process.stdout);
          const n = await writeChunks(process.stdout, exportChunks(db, opts.format, opts.query, filters));
          rows = opts.format === 'csv' ? n - 1 : n;
        }
        if (opts.out || process.stderr.isTTY) process.stderr.write(`zhibiao: ${rows} indicator rows${opts.out ? ` → ${opts.out}` : ''}\n`);
      });
    });
}

/** Adds `search`, `templates` (with `templates show`) and `export` to the zhibiao program. */
export function registerCorpusCommands(program: Command): void {
  registerSearch(program);
  registerTemplates(program);
  registerExport(program);
}
