// Writing batch outputs: atomic files (temp file + rename) and indicators.jsonl lines. Shared by
// the batch runner (main thread) and the extraction workers (which write each document's JSON).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DocumentResult } from '../src/model/schema.ts';

/** Writes a file so that readers never see it half-written: temp file `NAME.<pid>.<random>.tmp`, then rename. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

/**
 * A document's indicators.jsonl lines: every indicator (with its v2 typed fields and quality
 * findings) with its file, doc number, table and project name.
 */
export function indicatorLines(result: DocumentResult): string[] {
  return result.tables.flatMap((table) => table.indicators.map((indicator) => JSON.stringify({
    path: result.source.path,
    docNumber: result.notice.docNumber,
    tableIndex: table.index,
    tableTitle: table.title,
    tableKind: table.kind,
    projectName: table.project?.name?.text ?? null,
    ...indicator,
  })));
}

/**
 * `JSON.stringify(result, null, 2)`, byte for byte, built one table at a time: stringifying a
 * large document in one call takes several times its own size in transient memory (+80 MB
 * on a 211-page PDF's 3 MB of JSON); per table it stays small.
 */
export function documentJson(result: DocumentResult): string {
  const { tables } = result;
  const placeholder = '\u0000';
  const skeleton = { ...result, tables: tables.length ? [placeholder] : [] }; // same key order
  const [before, after] = JSON.stringify(skeleton, null, 2).split(JSON.stringify(placeholder));
  if (after === undefined) return before;
  const indent = '\n    ';
  return before + tables.map((table) => JSON.stringify(table, null, 2).replaceAll('\n', indent)).join(`,${indent}`) + after;
}
