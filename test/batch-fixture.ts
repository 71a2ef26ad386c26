// Helpers for the batch tests: an archive of varied sample copies, running the CLI, and the
// corpus as comparable row sets.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { makeArchive } from '../scripts/bulk/archive.ts';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'zhibiao.js');

/** COUNT documents made from the samples (every one with its own bytes), in part-XX/ folders. */
export function archive(dir: string, count: number): string {
  makeArchive(dir, count);
  return dir;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `zhibiao ARGS`; `until` is polled every 50 ms while it runs and, once true, the process
 * gets SIGNAL (the run is then expected to be cut short).
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; until?: () => boolean; signal?: NodeJS.Signals } = {}): Promise<Run & { signalled: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const poll = options.until && setInterval(() => {
      if (!signalled && options.until!()) {
        signalled = true;
        child.kill(options.signal ?? 'SIGKILL');
      }
    }, 50);
    child.on('close', (code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ code, signal, stdout, stderr, signalled });
    });
  });
}

/** Every file under DIR, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** Document JSON files written so far under OUT. */
export function jsonCount(out: string): number {
  try {
    statSync(out);
  } catch {
    return 0;
  }
  return filesUnder(out).filter((f) => f.endsWith('.json') && !f.startsWith('report')).length;
}

/** The corpus as sorted row sets, ids, timestamps and per-run columns left out. */
export function corpusRows(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = (sql: string) => (db.prepare(sql).all() as Record<string, unknown>[]).map((row) => JSON.stringify(row)).sort();
    return {
      documents: rows('SELECT path, sha256, format, pages, sheets, doc_number, issuer, title, date, year, confidence, extractor_version, json FROM documents'),
      document_paths: rows('SELECT p.path, d.sha256, p.file, p.size FROM document_paths p JOIN documents d ON d.id = p.document_id'),
      tables: rows(`SELECT d.sha256, t.idx, t.title, t.kind, t.location, t.context, t.columns, t.confidence, t.warnings, t.year, t.signature
        FROM tables t JOIN documents d ON d.id = t.document_id`),
      indicators: rows(`SELECT d.sha256, t.idx, i.ord, i.level1, i.level2, i.level3, i.level1_canonical, i.level2_canonical, i.operator, i.value,
        i.number, i.unit, i.description, i.fields, i.source, i.confidence, i.flags
        FROM indicators i JOIN tables t ON t.id = i.table_id JOIN documents d ON d.id = t.document_id`),
      fts: rows('SELECT f.level3, f.table_title, f.document FROM indicator_fts f JOIN indicators i ON i.id = f.rowid'),
      ftsCount: rows('SELECT count(*) AS n FROM indicator_fts'),
    };
  } finally {
    db.close();
  }
}
