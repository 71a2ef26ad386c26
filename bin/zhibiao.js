#!/usr/bin/env node
// `npx zhibiao`: runs the bundled CLI from dist/, (re)building it first when the TypeScript
// sources are newer (bin/build.js, a few tens of milliseconds).
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.js';

await import(pathToFileURL(ensureBuilt()).href);
