// Output snapshot for speed work: every PDF of samples/, ../shared/real, ICDAR eu and public-tables
// through the whole pipeline in this process (src/, not dist/), written as one JSON file per PDF
// (the page grids, the tables the extractor makes of them, the extract result or its error code).
// Two snapshots taken before and after a change are compared with `diff -r`: a speed change must
// leave them byte-identical.
//
//   npx tsx scripts/snapshot-outputs.ts OUTDIR [DIR...]
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentGrids, extractDocument, gridsToTables } from '../pipelines/extract-document.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [out, ...given] = process.argv.slice(2);
if (!out) throw new Error('usage: snapshot-outputs.ts OUTDIR [DIR...]');
const dirs = given.length > 0 ? given : ['samples', '../shared/real', '../shared/bench/icdar2013-eu', '../shared/bench/public-tables'].map((d) => join(ROOT, d));

function pdfsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((name) => name.toLowerCase().endsWith('.pdf')).sort().map((name) => join(dir, name));
}

mkdirSync(out, { recursive: true });
let files = 0;
for (const dir of dirs) {
  for (const file of pdfsUnder(dir)) {
    const bytes = readFileSync(file);
    const name = relative(join(ROOT, '..'), file);
    let snapshot: unknown;
    try {
      const grids = await documentGrids(new Uint8Array(bytes), 'pdf');
      let result: unknown;
      try {
        result = await extractDocument(new Uint8Array(bytes), name);
      } catch (error) {
        result = { error: (error as { code?: string }).code ?? String(error) };
      }
      snapshot = { grids, tables: gridsToTables(grids).tables, result };
    } catch (error) {
      snapshot = { error: (error as { code?: string }).code ?? String(error) };
    }
    writeFileSync(join(out, `${name.replace(/[/\\]/gu, '__')}.json`), `${JSON.stringify(snapshot, null, 1)}\n`);
    files++;
  }
}
console.log(`${files} PDFs → ${out}`);
