// Debug aid: per page of every benchmark PDF, the number of text runs, ground-truth tables
// and stream tables (stream finder alone) — to find prose pages and false tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPdf } from '../../src/readers/pdf.ts';
import { findStreamTables } from '../../src/tables/stream.ts';
import { loadGtDirectory } from './gt.ts';

const docs = loadGtDirectory(join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'icdar2013-eu'));
const seen = new Set<string>();
for (const doc of docs) {
  if (seen.has(doc.pdfPath)) continue;
  seen.add(doc.pdfPath);
  for (const page of await readPdf(readFileSync(doc.pdfPath))) {
    const gt = doc.tables.filter((t) => t.page === page.number).length;
    const found = findStreamTables(page, []);
    if (gt !== found.length) console.log(`${doc.name} p${page.number} runs ${page.runs.length} gt ${gt} stream ${found.length} ${found.map((t) => `${t.nRows}x${t.nCols}@${t.bbox.map(Math.round)}`).join(' ')}`);
    else if (gt === 0 && page.runs.length > 40) console.log(`${doc.name} p${page.number} runs ${page.runs.length} prose page, no table`);
  }
}
