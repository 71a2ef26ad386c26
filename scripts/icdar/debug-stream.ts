// Debug aid: shows the stream finder's blocks and tables for one page.
// npx tsx scripts/icdar/debug-stream.ts FILE.pdf PAGE
import { readFileSync } from 'node:fs';
import { readPdf } from '../../src/readers/pdf.ts';
import { buildLines, runsOutside } from '../../src/tables/stream-lines.ts';
import { findLatticeTables } from '../../src/tables/lattice.ts';
import { splitBlocks, findStreamTables, DEFAULT_STREAM_SETTINGS } from '../../src/tables/stream.ts';
const [file, pg] = process.argv.slice(2);
const pages = await readPdf(readFileSync(file), { pages: [Number(pg)] });
const s = DEFAULT_STREAM_SETTINGS;
const exclude = process.argv.includes('--no-lattice') ? [] : findLatticeTables(pages[0]).map((t) => t.bbox);
console.log('lattice boxes', JSON.stringify(exclude));
const lines = buildLines(runsOutside(pages[0].runs, exclude), s);
for (const b of splitBlocks(lines, s)) {
  console.log('--- block');
  for (const l of b) console.log(l.top.toFixed(0).padStart(4), l.segments.length, l.segments.map(g => `[${g.x0.toFixed(0)}-${g.x1.toFixed(0)}]${g.runs.map(r=>r.text).join('_')}`).join(' | ').slice(0, 200));
}
for (const t of findStreamTables(pages[0], exclude)) {
  console.log(`TABLE ${t.nRows}x${t.nCols} bbox ${t.bbox.map(Math.round)} xs ${t.colXs.map(Math.round)}`);
  for (let r = 0; r < t.nRows; r++) console.log('  ', t.cells.filter(c => c.row === r).map(c => (c.colSpan > 1 ? `<${c.colSpan}>` : '') + c.text).join(' | ').slice(0, 200));
}
