// Bundles the CLI and the extraction worker into dist/ with esbuild. Run at install (`prepare`,
// so `npm ci` leaves a ready CLI), by `npm run build` after editing the sources, and by the test
// setup (test/global-setup.ts) so that tests which spawn bin/zhibiao.js run the current code.
//
//   node scripts/build.mjs [ROOT]      (ROOT: a copy of the package to build, default this one)
//
// Pure-JavaScript dependencies the CLI needs at start-up (commander, zod, cli-progress, p-limit)
// are bundled in: one parsed file starts several times faster than a package of small ESM modules
// (zod alone: 264 M instructions as a package, 147 M bundled). Every other dependency stays
// external — native addons (better-sqlite3), pdfjs-dist (it finds its CMaps and fonts through its
// package path), and whatever a teammate adds — so a new dependency works without touching this.
import { buildSync } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLED = new Set(['commander', 'zod', 'cli-progress', 'p-limit']);

export function build(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.devDependencies }).filter((name) => !BUNDLED.has(name));
  // Built beside dist/ and swapped in, so dist/ never holds a half-written build or old chunks.
  const dist = join(root, 'dist');
  const fresh = `${dist}.${process.pid}.tmp`;
  rmSync(fresh, { recursive: true, force: true });
  buildSync({
    entryPoints: { cli: join(root, 'src', 'cli.ts'), 'extract-worker': join(root, 'pipelines', 'extract-worker.ts') },
    outdir: fresh,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // CommonJS packages bundled into ESM (cli-progress) call require().
    banner: { js: "import { createRequire as __zhibiaoRequire } from 'node:module'; const require = __zhibiaoRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const old = `${dist}.${process.pid}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(dist, old);
  } catch {
    // no dist/ yet
  }
  renameSync(fresh, dist);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build(resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '..', '..')));
