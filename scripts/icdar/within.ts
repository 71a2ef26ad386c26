// Debug aid: what the stream finder reads inside each lattice table of a PDF (second opinion).
// npx tsx scripts/icdar/within.ts FILE.pdf
import { readFileSync } from 'node:fs';
import { readPdf } from '../../src/readers/pdf.ts';
import { findLatticeTables } from '../../src/tables/lattice.ts';
import { findStreamTablesWithin } from '../../src/tables/stream.ts';

for (const page of await readPdf(readFileSync(process.argv[2]))) {
  for (const t of findLatticeTables(page)) {
    const s = findStreamTablesWithin(page, t.bbox);
    console.log(`p${page.number} lattice ${t.nRows}x${t.nCols} → stream ${s.map((x) => `${x.nRows}x${x.nCols}`).join(', ') || 'none'}`);
  }
}
