// `extract --db postgres://…`: every file of the batch is also recorded in PostgreSQL's
// zhibiao.documents (state, error, result — the same id an upload of the same bytes gets), so
// other systems read batch results through the API. The bytes stay on disk. The main thread reads
// back the JSON a worker wrote, one file at a time; corpus rows follow in phase B.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { BatchProgress, InputFile } from './batch.ts';
import { createPgPool, migrateQueue } from './queue-schema.ts';
import { recordExtracted } from './queue-store.ts';
import { withReconnect } from './queue-types.ts';

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export interface ExtractRecorder {
  /** Feed every batch progress event here. */
  onProgress(progress: BatchProgress): void;
  /** Waits for the writes under way; returns documents recorded and the failures to record. */
  close(): Promise<{ recorded: number; errors: string[] }>;
}

export async function openExtractRecorder(url: string, files: InputFile[], out: string, version: string): Promise<ExtractRecorder> {
  const pool = createPgPool(url, 3);
  await migrateQueue(pool);
  const byRelative = new Map(files.map((file) => [file.relative, file]));
  const limit = pLimit(2);
  const pending = new Set<Promise<void>>();
  const errors: string[] = [];
  let recorded = 0;

  const record = async (progress: BatchProgress): Promise<void> => {
    const file = byRelative.get(progress.path);
    if (!file) return;
    const size = (await stat(file.path)).size;
    if (progress.status === 'failed') {
      const sha256 = await sha256Of(file.path);
      await withReconnect(() => recordExtracted(pool, version, { sha256, size, name: file.relative, outcome: { status: 'failed', code: progress.code ?? 'internal-error', message: progress.reason ?? '' } }));
    } else {
      const resultJson = (await readFile(join(out, `${file.relative}.json`), 'utf8')).trimEnd();
      const { source } = JSON.parse(resultJson) as { source: { sha256: string; pages?: number } };
      await withReconnect(() => recordExtracted(pool, version, { sha256: source.sha256, size, name: file.relative, outcome: { status: 'done', resultJson, pages: source.pages ?? 0 } }));
    }
    recorded++;
  };

  return {
    onProgress(progress) {
      const job = limit(() => record(progress)).catch((error: Error) => {
        errors.push(`${progress.path}: ${error.message}`);
      });
      pending.add(job);
      void job.finally(() => pending.delete(job));
    },
    async close() {
      await Promise.all(pending);
      await pool.end();
      return { recorded, errors };
    },
  };
}
