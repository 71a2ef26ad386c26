// `zhibiao extract PATH... --out DIR`: walk the inputs, extract each file (bounded concurrency),
// write per-file JSON atomically, then indicators.jsonl and the report.
import { mkdir, readFile, readdir, rename, stat, writeFile, lstat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import pLimit from 'p-limit';
import { asExtractError } from '../src/model/errors.ts';
import type { DocumentResult } from '../src/model/schema.ts';
import { type FileOutcome, buildReport, reportMarkdown } from '../src/confidence/report.ts';
import { extractDocument } from './extract-document.ts';

const DOCUMENT_EXTENSIONS = new Set(['.pdf', '.docx', '.xlsx', '.doc', '.xls', '.wps', '.et', '.ofd']);

export interface InputFile {
  /** Absolute path to read. */
  path: string;
  /** Path relative to the root it was found under: names the output file. */
  relative: string;
}

export interface BatchOptions {
  out: string;
  concurrency: number;
  onProgress?: (done: number, total: number, outcome: FileOutcome) => void;
}

async function walk(dir: string, root: string, found: InputFile[], seen: Set<string>, skipDir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.name.startsWith('.') || resolve(full) === skipDir) continue;
    const info = await stat(full).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) {
      const key = `${info.dev}:${info.ino}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await walk(full, root, found, seen, skipDir);
    } else if (info.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      found.push({ path: full, relative: relative(root, full) });
    }
  }
}

/** Files named directly are always taken; directories are walked for document files, in name order. */
export async function collectInputs(paths: string[], outDir: string): Promise<InputFile[]> {
  const found: InputFile[] = [];
  const skipDir = resolve(outDir);
  for (const input of paths) {
    const info = await lstat(input).catch(() => null);
    if (info?.isDirectory() || (info?.isSymbolicLink() && (await stat(input).catch(() => null))?.isDirectory())) {
      const real = await stat(input);
      await walk(resolve(input), resolve(input), found, new Set([`${real.dev}:${real.ino}`]), skipDir);
    } else {
      found.push({ path: resolve(input), relative: basename(input) });
    }
  }
  return found;
}

/** Writes a file so that readers never see it half-written: temp file, then rename. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

export async function extractFile(file: InputFile, outDir: string | null): Promise<FileOutcome> {
  try {
    const bytes = await readFile(file.path);
    const result = await extractDocument(bytes, file.relative);
    let output: string | null = null;
    if (outDir) {
      output = join(outDir, `${file.relative}.json`);
      await writeAtomic(output, `${JSON.stringify(result, null, 2)}\n`);
    }
    return { path: file.relative, status: 'ok', result, output };
  } catch (error) {
    const failure = asExtractError(error);
    return { path: file.relative, status: 'failed', code: failure.code, reason: failure.message };
  }
}

export function indicatorLines(result: DocumentResult): string[] {
  return result.tables.flatMap((table) => table.indicators.map((indicator) => JSON.stringify({
    path: result.source.path,
    docNumber: result.notice.docNumber,
    tableIndex: table.index,
    tableTitle: table.title,
    tableKind: table.kind,
    ...indicator,
  })));
}

export async function runBatch(files: InputFile[], options: BatchOptions): Promise<FileOutcome[]> {
  const limit = pLimit(Math.max(1, options.concurrency));
  let done = 0;
  const outcomes = await Promise.all(files.map((file) => limit(async () => {
    const outcome = await extractFile(file, options.out);
    options.onProgress?.(++done, files.length, outcome);
    return outcome;
  })));
  const lines = outcomes.flatMap((outcome) => (outcome.status === 'ok' ? indicatorLines(outcome.result) : []));
  await writeAtomic(join(options.out, 'indicators.jsonl'), lines.length ? `${lines.join('\n')}\n` : '');
  const report = buildReport(outcomes);
  await writeAtomic(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomic(join(options.out, 'report.md'), reportMarkdown(report));
  return outcomes;
}
