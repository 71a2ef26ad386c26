// Builds dist/ once before the suites run: tests that spawn bin/zhibiao.js run the bundle, and it
// must be the code under test (the CLI no longer rebuilds itself at run time).
import { join } from 'node:path';
import { build } from '../scripts/build.mjs';

export default function setup(): void {
  build(join(import.meta.dirname, '..'));
}
