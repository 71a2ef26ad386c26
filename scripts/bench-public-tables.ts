// Agreement of our table finding with the tables that camelot's and tabula-java's test suites
// assert, over ../shared/bench/public-tables (see its README: the expected rows are each peer's
// reviewed output under its own options and conventions, not an independent truth; look at a
// PDF before calling a disagreement our error).
//
//   npm run bench:public-tables [-- --json] [--only FILE,FILE] [--verbose] [--dir PATH]
//
// Every PDF is read once and its tables found once (findPageTables, per page). A `rows` record is
// scored by the ICDAR cell-adjacency measure against our best-matching table on its pages —
// cropped to the peer's area when the test gave one; a `checks` record check by check. Figures
// are given per peer method: ruled (lattice) and borderless (stream, network, hybrid).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, flag, onlyNames } from './lib/bench-args.ts';
import type { PdfPage } from '../src/model/layout.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { findPageTables } from '../src/tables/pdf-document.ts';
import type { PageTable } from '../src/tables/page-table.ts';
import { ratios, type Counts } from './icdar/score.ts';
import { loadExpected, methodGroup, needsPassword, recordAreas, type ExpectedRecord } from './public-tables/expected.ts';
import { cropCells, runChecks, scorable, scoreRows, type CheckResult, type OurTable, type RowsResult } from './public-tables/score.ts';

const dir = benchDir('public-tables');
const only = onlyNames();

interface RecordOutcome {
  record: ExpectedRecord;
  group: string;
  rows?: RowsResult;
  checks?: CheckResult[];
  skipped?: string;
  ourTables: number;
}

/** Our tables on the record's pages, each cropped to every area the peer was given. */
function tablesFor(record: ExpectedRecord, pages: PdfPage[], tables: PageTable[]): OurTable[] {
  const out: OurTable[] = [];
  for (const t of tables) {
    if (!record.pages.includes(t.page)) continue;
    const page = pages.find((p) => p.number === t.page)!;
    const areas = recordAreas(record.options, page.width, page.height);
    const cells = t.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text, bbox: c.bbox }));
    for (const area of areas ?? [null]) {
      const kept = area ? cropCells(cells, area) : cells.map(({ bbox: _, ...c }) => c);
      if (!kept.some((c) => c.text.trim())) continue;
      const nRows = Math.max(...kept.map((c) => c.row + c.rowSpan));
      const nCols = Math.max(...kept.map((c) => c.col + c.colSpan));
      out.push({ page: t.page, top: t.bbox[1], nRows, nCols, cells: kept });
    }
  }
  return out;
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(6);
}

function sumCounts(results: RowsResult[]): Counts {
  return results.reduce((a, r) => ({ truth: a.truth + r.truth, predicted: a.predicted + r.predicted, correct: a.correct + r.correct }), { truth: 0, predicted: 0, correct: 0 });
}

async function main(): Promise<void> {
  const started = Date.now();
  const records = loadExpected(join(dir, 'expected.jsonl')).filter((r) => !only || only.includes(r.file));
  const files = [...new Set(records.map((r) => r.file))];
  const read = new Map<string, { pages: PdfPage[]; tables: PageTable[] } | Error>();
  for (const file of files) {
    try {
      const pages = await readPdf(readFileSync(join(dir, 'pdf', file)));
      read.set(file, { pages, tables: findPageTables(pages) });
    } catch (err) {
      read.set(file, err as Error);
    }
  }
  const outcomes: RecordOutcome[] = records.map((record) => {
    const group = methodGroup(record.method);
    const got = read.get(record.file)!;
    if (!scorable(record)) return { record, group, skipped: 'asserts only a warning message', ourTables: 0 };
    if (got instanceof Error) {
      const why = needsPassword(record) ? 'needs a password (zhibiao refuses encrypted PDFs: `encrypted`)' : `read failed: ${got.message.split('\n')[0]}`;
      return { record, group, skipped: why, ourTables: 0 };
    }
    const ours = tablesFor(record, got.pages, got.tables);
    const outcome: RecordOutcome = { record, group, ourTables: ours.length };
    if (record.rows) outcome.rows = scoreRows(record.rows, ours);
    if (record.checks) outcome.checks = runChecks(record.checks, ours);
    return outcome;
  });
  const seconds = (Date.now() - started) / 1000;

  const groups = [
    ['ruled', ['lattice']],
    ['borderless', ['stream', 'network', 'hybrid']],
    ['auto', ['auto']],
  ] as const;
  const summary = groups.map(([group, methods]) => {
    const rowsOf = (m?: string) => outcomes.filter((o) => o.group === group && (!m || o.record.method === m) && o.rows).map((o) => o.rows!);
    const checksOf = (m?: string) => outcomes.filter((o) => o.group === group && (!m || o.record.method === m) && o.checks && !o.record.checks?.xfail).flatMap((o) => o.checks!);
    const line = (m?: string) => {
      const rows = rowsOf(m);
      const counts = sumCounts(rows);
      const checks = checksOf(m);
      return {
        name: m ?? group,
        records: outcomes.filter((o) => o.group === group && (!m || o.record.method === m)).length,
        rowsRecords: rows.length,
        exact: rows.filter((r) => r.exact).length,
        ...counts,
        ...ratios(counts),
        meanF1: rows.length ? rows.reduce((s, r) => s + r.f1, 0) / rows.length : 0,
        checksPassed: checks.filter((c) => c.passed).length,
        checks: checks.length,
        skipped: outcomes.filter((o) => o.group === group && (!m || o.record.method === m) && o.skipped).length,
      };
    };
    return { group: line(), methods: methods.length > 1 ? methods.map((m) => line(m)) : [] };
  });
  const allRows = outcomes.filter((o) => o.rows).map((o) => o.rows!);
  const total = { ...sumCounts(allRows), ...ratios(sumCounts(allRows)) };

  // Worst files: mean F1 of their rows records.
  const byFile = new Map<string, RowsResult[]>();
  for (const o of outcomes) if (o.rows) byFile.set(o.record.file, [...(byFile.get(o.record.file) ?? []), o.rows]);
  const worst = [...byFile.entries()]
    .map(([file, rs]) => ({ file, records: rs.length, meanF1: rs.reduce((s, r) => s + r.f1, 0) / rs.length, ...sumCounts(rs) }))
    .sort((a, b) => a.meanF1 - b.meanF1 || b.truth - a.truth);

  if (flag('--json')) {
    const details = outcomes.map((o) => ({ line: o.record.line, file: o.record.file, method: o.record.method, ourTables: o.ourTables, rows: o.rows, checks: o.checks, skipped: o.skipped }));
    process.stdout.write(`${JSON.stringify({ dir, seconds, total, summary, worst, details }, null, 2)}\n`);
    return;
  }
  console.log(`public-tables — ${records.length} records over ${files.length} PDFs — finder: findPageTables (${seconds.toFixed(1)} s)`);
  console.log('rows records: cell-adjacency agreement with the peer\'s expected rows (micro P/R/F1 over relations, mean F1 per record, tables equal)');
  console.log(`${'method'.padEnd(14)} ${'recs'.padStart(4)} ${'rows'.padStart(4)}      P      R     F1  meanF1  equal   checks  skipped`);
  for (const { group, methods } of summary) {
    for (const s of [group, ...methods]) {
      const name = s === group ? s.name : `  ${s.name}`;
      console.log(
        `${name.padEnd(14)} ${String(s.records).padStart(4)} ${String(s.rowsRecords).padStart(4)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.meanF1)}  ${`${s.exact}/${s.rowsRecords}`.padStart(5)}  ${`${s.checksPassed}/${s.checks}`.padStart(7)}  ${String(s.skipped).padStart(7)}`,
      );
    }
  }
  console.log(`${'all'.padEnd(14)} ${String(records.length).padStart(4)} ${String(allRows.length).padStart(4)} ${pct(total.precision)} ${pct(total.recall)} ${pct(total.f1)}`);
  console.log('\nworst files (mean F1 of their rows records):');
  for (const w of worst.slice(0, 12)) console.log(`  ${w.file.padEnd(48)} ${pct(w.meanF1)}  (${w.records} record(s), relations ${w.correct}/${w.truth} expected, ${w.predicted} ours)`);
  const failed = outcomes.filter((o) => o.checks?.some((c) => !c.passed));
  if (failed.length) {
    console.log('\nfailed checks:');
    for (const o of failed) {
      const bad = o.checks!.filter((c) => !c.passed).map((c) => (c.detail ? `${c.name} (${c.detail})` : c.name));
      console.log(`  ${o.record.file} [${o.record.method}${o.record.checks?.xfail ? ', xfail' : ''}] line ${o.record.line}: ${bad.join('; ')}`);
    }
  }
  const skipped = outcomes.filter((o) => o.skipped);
  if (skipped.length) {
    console.log('\nnot scored:');
    for (const o of skipped) console.log(`  ${o.record.file} [${o.record.method}] line ${o.record.line}: ${o.skipped}`);
  }
  if (flag('--verbose')) {
    console.log('\nrecords:');
    for (const o of outcomes) if (o.rows) console.log(`  line ${String(o.record.line).padStart(3)} ${o.record.file.padEnd(44)} ${o.record.method.padEnd(8)} F1 ${pct(o.rows.f1)} P ${pct(o.rows.precision)} R ${pct(o.rows.recall)}  ours ${o.ourTables} table(s), matched #${o.rows.matched}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
