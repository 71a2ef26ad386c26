// The batch's hook into the corpus: open DIR/corpus.sqlite at the start of a batch, upsert each
// ok document as its outcome arrives (one transaction each), close at the end.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileOutcome } from '../src/confidence/report.ts';
import { type DocumentResult, SCHEMA_VERSION } from '../src/model/schema.ts';
import type { DocumentSink, FileStat } from './batch.ts';
import { type CorpusDb, openCorpusDb } from '../src/corpus/schema.ts';
import { isDone, isDoneByStat, recordStat, storedDocument, upsertDocument, withCorrections } from '../src/corpus/writer.ts';

export { isDone, storedDocument };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return entry.name.endsWith('.ts') ? [full] : [];
    })
    .sort();
}

let extractorVersion: string | null = null;

/**
 * Recorded with every document: `zhibiao <package version>+<hash of the code under src/ and
 * pipelines/>`, so a corpus row written by other code is not "done" for `isDone` and a resumed
 * batch re-extracts it (package versions alone do not change while the extractor is being worked on).
 */
export function currentExtractorVersion(): string {
  if (extractorVersion) return extractorVersion;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'pipelines'))]) {
    hash.update(file.slice(ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  extractorVersion = `zhibiao ${version}+s${SCHEMA_VERSION}.${hash.digest('hex').slice(0, 12)}`;
  return extractorVersion;
}

export interface Corpus {
  db: CorpusDb;
  path: string;
  /** Documents written so far. */
  documents: number;
  indicators: number;
  /** Writes that failed: `source path: message` (also printed to stderr as they happen). */
  errors: string[];
  startedAt: number;
}

/** Opens (creating and migrating if needed) the corpus at PATH for writing. Throws CorpusError. */
export function openCorpus(path: string): Corpus {
  return { db: openCorpusDb(path), path, documents: 0, indicators: 0, errors: [], startedAt: Date.now() };
}

/**
 * Upserts the ok outcomes (failed and skipped ones are left as they are), each in its own
 * transaction, in the order given. A write that fails is recorded in `corpus.errors` and
 * reported on stderr; it never stops the batch. Returns the number of documents written.
 */
export function recordResults(corpus: Corpus, outcomes: FileOutcome | FileOutcome[], version = currentExtractorVersion()): number {
  let written = 0;
  for (const outcome of Array.isArray(outcomes) ? outcomes : [outcomes]) {
    if (outcome.status !== 'ok') continue;
    try {
      const stats = upsertDocument(corpus.db, outcome.result, version);
      corpus.documents++;
      corpus.indicators += stats.indicators;
      written++;
    } catch (error) {
      const message = `${outcome.path}: ${(error as Error).message}`;
      corpus.errors.push(message);
      process.stderr.write(`zhibiao: corpus: ${message}\n`);
    }
  }
  return written;
}

/** Closes the corpus (checkpointing the WAL into the main file) and returns what was written. */
export function closeCorpus(corpus: Corpus): { documents: number; indicators: number; errors: string[]; seconds: number } {
  if (corpus.db.open) {
    corpus.db.pragma('optimize');
    corpus.db.close();
  }
  return { documents: corpus.documents, indicators: corpus.indicators, errors: corpus.errors, seconds: (Date.now() - corpus.startedAt) / 1000 };
}

/**
 * The corpus as the batch runner's DocumentSink: `isDone`/`isDoneByStat` for resumed batches,
 * `record` after each ok document (with the file's stat, in the same transaction; a failed write
 * is reported on stderr and never stops the batch), `stored` for the earlier result of a skipped
 * file, `corrected` for the reviewers' corrections of a fresh result, `close` at the end.
 */
export function corpusSink(path: string, version = currentExtractorVersion()): DocumentSink & { corpus: Corpus; corrected(result: DocumentResult): DocumentResult } {
  const corpus = openCorpus(path);
  const { db } = corpus;
  return {
    corpus,
    isDone: (sourcePath: string, sha256: string) => isDone(db, sourcePath, sha256, version),
    isDoneByStat: (sourcePath: string, stat: FileStat) => isDoneByStat(db, sourcePath, stat, version),
    record: (result: DocumentResult, stat?: FileStat) => {
      db.transaction(() => {
        const written = recordResults(corpus, { path: result.source.path, status: 'ok', result, output: null }, version);
        // Only a document that was written may be found again by its stat.
        if (written && stat) recordStat(db, result.source.path, stat);
      }).immediate(); // BEGIN IMMEDIATE: with several writers (workers), wait for the lock instead of failing on a stale snapshot
    },
    touch: (sourcePath: string, stat: FileStat) => {
      recordStat(db, sourcePath, stat);
    },
    stored: (sourcePath: string) => storedDocument(db, sourcePath),
    corrected: (result: DocumentResult) => withCorrections(db, result, version),
    close: () => {
      closeCorpus(corpus);
    },
  };
}
