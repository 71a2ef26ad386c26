// Start-up: `zhibiao --help` and `zhibiao schema` load no reader, no database driver, no pdfjs,
// no HTTP server, queue or OCR runtime (src/cli.ts: every command's module is imported when that
// command runs). Checked on the bundle users run (dist/, built by test/global-setup.ts) by
// recording every module the process resolves; speed itself is measured by `npm run bench`
// (start-up rows), never here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TABLE_KIND_CHOICES } from '../src/cli-corpus.ts';
import { TableKind } from '../src/model/schema.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhibiao.js');
const SAMPLE_PDF = join(import.meta.dirname, '..', 'samples', 'pdf', 'cid-stsong.pdf');

/** A module hook that prints every resolved URL to stderr, and the --import file registering it. */
function hookFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-startup-'));
  // writeSync: the hooks run on their own thread, whose buffered writes a quick exit can lose.
  writeFileSync(join(dir, 'hook.mjs'), "import { writeSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); writeSync(2, `[resolved] ${r.url}\\n`); return r; }\n");
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hook.mjs')).href)});\n`);
  return join(dir, 'register.mjs');
}

const register = hookFiles();

/** The modules `zhibiao ARGS` resolves, and what the bundle chunks among them were built from. */
function loaded(args: string[]): { urls: string[]; sources: string[]; status: number | null } {
  const run = spawnSync(process.execPath, ['--import', register, BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  const urls = [...run.stderr.matchAll(/^\[resolved\] (.+)$/gmu)].map((m) => m[1]);
  const sources = urls
    .filter((url) => /\/dist\/.+\.mjs$/u.test(url))
    .flatMap((url) => [...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ ((?:src|pipelines|node_modules)\/\S+)$/gmu)].map((m) => m[1]));
  return { urls, sources, status: run.status };
}

const HEAVY = /node_modules\/(pdfjs-dist|better-sqlite3|mammoth|@e965\/xlsx|xlsx|jszip|tsx|fastify|@fastify\/[^/]+|graphile-worker|pg|prom-client|onnxruntime-node|sharp)\//u;

describe('CLI start-up', () => {
  it('runs the bundle, and --help loads no reader, database driver or pdfjs', () => {
    const help = loaded(['--help']);
    expect(help.status).toBe(0);
    expect(help.urls.some((url) => url.endsWith('/dist/cli.mjs'))).toBe(true);
    expect(help.urls.filter((url) => HEAVY.test(url))).toEqual([]);
    expect(help.sources.filter((s) => /^src\/(readers|tables|corpus\/schema)|^pipelines\/|zod/u.test(s))).toEqual([]);
  });

  it('schema loads zod and the model only', () => {
    const schema = loaded(['schema']);
    expect(schema.status).toBe(0);
    expect(schema.urls.filter((url) => HEAVY.test(url))).toEqual([]);
    expect(schema.sources).toContain('src/model/schema.ts');
    expect(schema.sources.filter((s) => /^src\/(readers|tables|corpus\/schema)|^pipelines\//u.test(s))).toEqual([]);
  });

  it('loads what a command needs when it runs (so the checks above can fail)', () => {
    const tables = loaded(['tables', SAMPLE_PDF]);
    expect(tables.status).toBe(0);
    // The worker thread resolves the reader and pdfjs.
    expect(tables.urls.some((url) => /node_modules\/pdfjs-dist\//u.test(url))).toBe(true);
    expect(tables.sources.some((s) => s.startsWith('src/readers/pdf'))).toBe(true);
  });

  it('offers --kind choices equal to the schema’s table kinds', () => {
    expect([...TABLE_KIND_CHOICES]).toEqual(TableKind.options);
  });
});
