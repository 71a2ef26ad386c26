// Debug aid: column boundaries the stream finder computes for lines of one page within [top, bottom].
// npx tsx scripts/icdar/cols.ts FILE.pdf PAGE TOP BOTTOM
import { readFileSync } from 'node:fs';
import { readPdf } from '../../src/readers/pdf.ts';
import { buildLines } from '../../src/tables/stream-lines.ts';
import { findColumns } from '../../src/tables/stream-columns.ts';
import { DEFAULT_STREAM_SETTINGS } from '../../src/tables/stream-settings.ts';

const [file, pg, top, bottom] = process.argv.slice(2);
const [page] = await readPdf(readFileSync(file), { pages: [Number(pg)] });
const lines = buildLines(page.runs, DEFAULT_STREAM_SETTINGS).filter((l) => l.top >= Number(top) && l.bottom <= Number(bottom));
const seeds = lines.filter((l) => l.segments.length >= 2);
console.log(seeds.length, 'seed lines');
console.log(findColumns(seeds, DEFAULT_STREAM_SETTINGS).xs.map(Math.round));
