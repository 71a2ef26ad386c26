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

/** A document's indicators.jsonl lines: every indicator with its file, doc number and table. */
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
