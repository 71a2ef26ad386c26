// ICDAR 2013 table competition (EU half): scores our complete table-finding process with the
// competition's cell-adjacency measure.
//
//   npm run bench:icdar [-- --json] [--stream-only] [--only eu-012,eu-013] [--verbose] [--dir PATH]
//   --compose: lattice + stream composed here instead of findPageTables;
//   --second-opinion (with --compose): experimental, an under-ruled lattice grid gives way to
//   the stream reading of its box.
//
// Every PDF is read once; tables found by the full finder (src/tables/pdf-document.ts, or the
// stream finder alone when that module is missing or --stream-only is given) are matched to
// the ground-truth tables of the same page. Exit code 0 unless the run itself fails.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, flag, onlyNames } from './lib/bench-args.ts';
import type { PdfPage } from '../src/model/layout.ts';
import { readPdf } from '../src/readers/pdf.ts';
import type { PageTable } from '../src/tables/page-table.ts';
import { findStreamTables, findStreamTablesWithin } from '../src/tables/stream.ts';
import { adjacencyRelations, countCommon, type ScoreTable } from './icdar/adjacency.ts';
import { loadGtDirectory } from './icdar/gt.ts';
import { matchTables, scoreDocument, totals, type DocumentScore } from './icdar/score.ts';

const dir = benchDir('icdar2013-eu');
const only = onlyNames();

type Finder = { name: string; find: (pages: PdfPage[]) => PageTable[] };

async function loadFinder(): Promise<Finder> {
  const streamOnly: Finder = {
    name: 'stream only',
    find: (pages) => pages.flatMap((p) => findStreamTables(p, [])),
  };
  if (flag('--stream-only')) return streamOnly;
  if (!flag('--compose')) {
  try {
    // Not a static import: the full finder may not exist yet in every checkout.
    const url = new URL('../src/tables/pdf-document.ts', import.meta.url).href;
    const mod = (await import(url)) as { findPageTables?: (pages: PdfPage[]) => PageTable[] };
    if (typeof mod.findPageTables === 'function') return { name: 'lattice + stream (findPageTables)', find: mod.findPageTables };
  } catch (err) {
    if (!flag('--json')) console.error(`findPageTables unavailable (${(err as Error).message.split('\n')[0]})`);
  }
  }
  try {
    // Interim: the lattice finder, then the stream finder on the text it left.
    const url = new URL('../src/tables/lattice.ts', import.meta.url).href;
    const mod = (await import(url)) as { findLatticeTables?: (page: PdfPage) => PageTable[] };
    const lattice = mod.findLatticeTables;
    if (typeof lattice === 'function') {
      return {
        name: 'lattice + stream (bench composition)',
        find: (pages) =>
          pages.flatMap((p) => {
            let ruled: PageTable[] = lattice(p).map((t) => ({ ...t, finder: t.finder ?? ('lattice' as const) }));
            if (flag('--second-opinion')) {
              // Experimental: an under-ruled lattice grid gives way to the stream reading of its box.
              ruled = ruled.flatMap((t) => {
                const alt = findStreamTablesWithin(p, t.bbox);
                return alt.length === 1 && alt[0].nRows * alt[0].nCols >= 2 * t.nRows * t.nCols ? alt : [t];
              });
            }
            return [...ruled, ...findStreamTables(p, ruled.map((t) => t.bbox))];
          }),
      };
    }
  } catch {
    // fall through
  }
  return streamOnly;
}

/** Our top-left [x0, top, x1, bottom] → the ground truth's bottom-left [x1, y1, x2, y2]. */
function toGtFrame(table: PageTable, pageHeight: number): ScoreTable {
  const [x0, top, x1, bottom] = table.bbox;
  return {
    page: table.page,
    bbox: [x0, pageHeight - bottom, x1, pageHeight - top],
    cells: table.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text })),
  };
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(6);
}

async function main(): Promise<void> {
  const started = Date.now();
  const finder = await loadFinder();
  const docs = loadGtDirectory(dir).filter((d) => !only || only.includes(d.name));
  const pagesByPdf = new Map<string, PdfPage[]>();
  const tablesByPdf = new Map<string, PageTable[]>();
  const scores: DocumentScore[] = [];
  const details: Record<string, unknown>[] = [];
  for (const doc of docs) {
    if (!pagesByPdf.has(doc.pdfPath)) {
      const pages = await readPdf(readFileSync(doc.pdfPath));
      pagesByPdf.set(doc.pdfPath, pages);
      tablesByPdf.set(doc.pdfPath, finder.find(pages));
    }
    const pages = pagesByPdf.get(doc.pdfPath)!;
    const heights = new Map(pages.map((p) => [p.number, p.height]));
    const found = tablesByPdf.get(doc.pdfPath)!;
    const pred = found.map((t) => toGtFrame(t, heights.get(t.page) ?? 842));
    const score = scoreDocument(doc.name, pred, doc.tables);
    scores.push(score);
    if (flag('--verbose') || flag('--json')) {
      const pairs = matchTables(pred, doc.tables);
      details.push({
        name: doc.name,
        tables: pred.map((p, i) => {
          const g = pairs.find(([pi]) => pi === i)?.[1];
          const rel = adjacencyRelations(p.cells);
          return {
            page: p.page,
            bbox: p.bbox.map((v) => Math.round(v)),
            size: `${found[i].nRows}x${found[i].nCols}`,
            finder: found[i].finder ?? null,
            matched: g ?? null,
            relations: rel.length,
            correct: g === undefined ? 0 : countCommon(rel, adjacencyRelations(doc.tables[g].cells)),
          };
        }),
        missed: doc.tables.map((g, i) => ({ i, page: g.page, bbox: g.bbox })).filter(({ i }) => !pairs.some(([, gi]) => gi === i)),
      });
    }
  }
  const total = totals(scores);
  const seconds = (Date.now() - started) / 1000;
  if (flag('--json')) {
    process.stdout.write(`${JSON.stringify({ finder: finder.name, dir, seconds, total, documents: scores, details }, null, 2)}\n`);
    return;
  }
  console.log(`ICDAR 2013 EU — ${docs.length} documents — finder: ${finder.name}`);
  console.log(`${'document'.padEnd(10)} ${'gt'.padStart(3)} ${'ours'.padStart(4)} ${'match'.padStart(5)} ${'rel.gt'.padStart(6)} ${'rel.us'.padStart(6)} ${'ok'.padStart(5)}      P      R     F1`);
  for (const s of scores) {
    console.log(
      `${s.name.padEnd(10)} ${String(s.gtTables).padStart(3)} ${String(s.predTables).padStart(4)} ${String(s.matchedTables).padStart(5)} ${String(s.truth).padStart(6)} ${String(s.predicted).padStart(6)} ${String(s.correct).padStart(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`,
    );
  }
  console.log('\nworst 8 (by F1):');
  for (const s of [...scores].sort((a, b) => a.f1 - b.f1 || b.truth - a.truth).slice(0, 8)) {
    console.log(`  ${s.name.padEnd(10)} F1 ${pct(s.f1)}  P ${pct(s.precision)}  R ${pct(s.recall)}  (${s.predTables} found, ${s.gtTables} in GT, ${s.matchedTables} matched)`);
  }
  if (flag('--verbose')) console.log(JSON.stringify(details, null, 1));
  console.log(
    `\nTOTAL (micro) relations gt ${total.truth}, ours ${total.predicted}, correct ${total.correct}:  P ${pct(total.precision)}  R ${pct(total.recall)}  F1 ${pct(total.f1)}   (${seconds.toFixed(1)} s)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
