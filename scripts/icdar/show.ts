// Debug aid: prints the tables the full finder (or --stream-only) finds in one PDF.
// npx tsx scripts/icdar/show.ts FILE.pdf [PAGE] [--stream-only]
import { readFileSync } from 'node:fs';
import { readPdf } from '../../src/readers/pdf.ts';
import { findLatticeTables } from '../../src/tables/lattice.ts';
import { findStreamTables } from '../../src/tables/stream.ts';

const args = process.argv.slice(2);
const [file, pageArg] = args.filter((a) => !a.startsWith('--'));
const pages = await readPdf(readFileSync(file));
for (const p of pages) {
  if (pageArg && p.number !== Number(pageArg)) continue;
  const ruled = args.includes('--stream-only') ? [] : findLatticeTables(p);
  for (const t of [...ruled.map((t) => ({ ...t, finder: 'lattice' })), ...findStreamTables(p, ruled.map((t) => t.bbox))]) {
    console.log(`p${p.number} ${t.finder} ${t.nRows}x${t.nCols} bbox ${t.bbox.map(Math.round)}`);
    for (let r = 0; r < t.nRows; r++) console.log('   ', t.cells.filter((c) => c.row === r).map((c) => (c.colSpan > 1 ? `<${c.colSpan}>` : '') + c.text).join(' | ').slice(0, 200));
  }
}
