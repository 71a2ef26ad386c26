// Bundles the CLI and the extraction worker into dist/ with esbuild (dependencies stay
// external). Running bundled JavaScript instead of TypeScript through tsx's loader starts
// faster and takes ~150 MB less memory per process. Rebuilt whenever a source is newer.
import { buildSync } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const ENTRIES = { cli: join(ROOT, 'src', 'cli.ts'), 'extract-worker': join(ROOT, 'pipelines', 'extract-worker.ts') };

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  const outputs = Object.keys(ENTRIES).map((name) => join(DIST, `${name}.mjs`));
  if (!outputs.every((file) => existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const inputs = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'pipelines')), statSync(join(ROOT, 'package.json')).mtimeMs);
  return inputs > built;
}

/** Builds dist/ when missing or older than the sources; returns the path of the CLI bundle. */
export function ensureBuilt() {
  if (isStale()) {
    buildSync({
      entryPoints: ENTRIES,
      outdir: DIST,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
    });
  }
  return join(DIST, 'cli.mjs');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
