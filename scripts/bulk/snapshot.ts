// A frozen copy of the code for benchmarks that run the CLI for minutes.
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A frozen copy of the code (bin, src, pipelines, package.json; node_modules linked) to run the
 * CLI from: the extractor version is a hash of the sources, so an edit in the working tree
 * during the bench would otherwise make the "unchanged" re-run extract everything again.
 */
export function snapshot(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of ['bin', 'src', 'pipelines', 'package.json']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  build(dir); // dist/, as `npm ci` leaves it
  return join(dir, 'bin', 'zhibiao.js');
}
