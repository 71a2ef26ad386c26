// postinstall: one fix to SheetJS's BIFF (XLS/ET) parser for hostile files, which no SheetJS
// option gives. An exact text replacement in both builds (xlsx.mjs is what the readers import,
// xlsx.js what require() gets), idempotent, and loud when SheetJS changed and it no longer
// applies (test/legacy-bad.test.ts then fails).
//
// parse_Rgce reads a formula's tokens `while(target != blob.l)`: a damaged token whose parser
// reads past the formula's end never meets the target again, so it keeps reading the rest of the
// stream and pushing tokens until the heap is full (found by fuzzing the XLS twins: one flipped
// bit in a FORMULA record held a worker for its whole time limit). `blob.l < target` stops it;
// the caller moves to the end of the record anyway, and formulas are not read (cellFormula: false,
// only their cached values are).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { patchFile } from './lib/patch-file.mjs';

const PATCHES = [
  {
    name: 'formula tokens read only up to the end of the formula',
    marker: '/* zhibiao: stop at the end of the formula */',
    original: 'var R, id, ptgs = [];\n\twhile(target != blob.l) {',
    patched: 'var R, id, ptgs = [];\n\t/* zhibiao: stop at the end of the formula */ while(blob.l < target) {',
  },
];

function packageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('xlsx'));
  } catch {
    return null;
  }
}

const dir = packageDir();
if (!dir) {
  console.warn('zhibiao postinstall: xlsx (SheetJS) not found; SheetJS patch not applied');
} else {
  for (const file of ['xlsx.mjs', 'xlsx.js']) patchFile(join(dir, file), PATCHES, `SheetJS ${file}`, 'scripts/patch-sheetjs.mjs');
}
