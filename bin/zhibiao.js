#!/usr/bin/env node
// `npx zhibiao`: runs the bundle in dist/ (built at install by `prepare`, or `npm run build`).
// Without it (installed with --ignore-scripts) the TypeScript sources run through tsx: slower to
// start, same results.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (existsSync(bundle)) await import(bundle.href);
else {
  process.stderr.write('zhibiao: no dist/ bundle (run `npm run build`); running the TypeScript sources\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
