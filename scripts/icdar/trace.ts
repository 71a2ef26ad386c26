// The arbiter's decisions on a PDF: every contested region, its candidates and their scores.
//   npx tsx scripts/icdar/trace.ts FILE.pdf [PAGE]
import { readFileSync } from 'node:fs';
import { readPdf } from '../../src/readers/pdf.ts';
import { readPage } from '../../src/tables/readings.ts';
import { resolveSettings } from '../../src/tables/settings.ts';

const [file, pageArg] = process.argv.slice(2);
const pages = await readPdf(readFileSync(file));
for (const page of pages) {
  if (pageArg && page.number !== Number(pageArg)) continue;
  readPage(page, resolveSettings(), {
    trace: (d) => {
      console.log(`page ${d.page} region ${d.region.map(Math.round).join(',')} → ${d.chosen}`);
      for (const s of d.scores) console.log(`   ${s.finder.padEnd(12)} ${s.total.toFixed(1).padStart(7)}  ${Object.entries(s.terms).map(([k, v]) => `${k} ${(v ?? 0).toFixed(1)}`).join(', ')}`);
    },
  });
}
