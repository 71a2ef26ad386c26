// Text runs rebuilt from the operator list vs the runs read through getTextContent, on every PDF
// of the given directories (default: samples/pdf, ../shared/bench/public-tables/pdf,
// ../shared/bench/icdar2013-eu). Prints per set: files, pages, runs, identical runs, the largest
// box difference, each difference (text, font, size, box > 0.5 pt, missing, extra) and the pages
// that fell back to getTextContent, by reason. Exit 1 when a difference is found.
//
//   npx tsx scripts/compare-pdf-text.ts [DIR...] [--json]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFile, type FileComparison } from './lib/compare-text-runs.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const dirs = args.filter((a) => !a.startsWith('--'));
const sets = dirs.length > 0 ? dirs : [join(ROOT, 'samples', 'pdf'), join(ROOT, '..', 'shared', 'bench', 'public-tables', 'pdf'), join(ROOT, '..', 'shared', 'bench', 'icdar2013-eu')];

function pdfsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((name) => name.toLowerCase().endsWith('.pdf')).sort().map((name) => join(dir, name));
}

const report: Record<string, { files: number; failed: string[]; total: Omit<FileComparison, 'differences'> & { differences: number }; byFile: Record<string, FileComparison> }> = {};
let differences = 0;
for (const dir of sets) {
  const name = relative(ROOT, dir) || dir;
  const files = pdfsUnder(dir);
  const entry = { files: files.length, failed: [] as string[], total: { pages: 0, runs: 0, identical: 0, maxBoxDelta: 0, differences: 0, fallbacks: {} as Record<string, number>, otherDifferences: 0 }, byFile: {} as Record<string, FileComparison> };
  for (const file of files) {
    let result: FileComparison;
    try {
      result = await compareFile(readFileSync(file));
    } catch (error) {
      entry.failed.push(`${relative(dir, file)}: ${(error as Error).message}`); // unreadable either way (encrypted, corrupt)
      continue;
    }
    entry.byFile[relative(dir, file)] = result;
    const t = entry.total;
    t.pages += result.pages;
    t.runs += result.runs;
    t.identical += result.identical;
    t.maxBoxDelta = Math.max(t.maxBoxDelta, result.maxBoxDelta);
    t.differences += result.differences.length;
    t.otherDifferences += result.otherDifferences;
    for (const [reason, count] of Object.entries(result.fallbacks)) t.fallbacks[reason] = (t.fallbacks[reason] ?? 0) + count;
  }
  differences += entry.total.differences + entry.total.otherDifferences;
  report[name] = entry;
}

if (asJson) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  for (const [name, entry] of Object.entries(report)) {
    const t = entry.total;
    const fallbacks = Object.entries(t.fallbacks).map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
    console.log(`${name}: ${entry.files} files, ${t.pages} pages, ${t.runs} runs; ${t.identical} identical to 0.01 pt, largest box difference ${t.maxBoxDelta.toFixed(4)} pt; ${t.differences} run differences, ${t.otherDifferences} pages with other differences; pages read by getTextContent: ${fallbacks}`);
    for (const failed of entry.failed) console.log(`  unreadable both ways: ${failed}`);
    for (const [file, result] of Object.entries(entry.byFile)) {
      const fb = Object.entries(result.fallbacks).map(([r, n]) => `${r} ${n}`).join(', ');
      if (fb) console.log(`  ${file}: ${fb} page(s) from getTextContent`);
      for (const d of result.differences.slice(0, 20)) {
        const show = (run?: { text: string; bbox: number[]; fontName: string; fontSize: number }) => (run ? `${JSON.stringify(run.text)} ${run.fontName} ${run.fontSize} [${run.bbox.join(', ')}]` : '—');
        console.log(`  ${file} p${d.page} #${d.index} ${d.kind}: content ${show(d.content)} | operators ${show(d.operators)}`);
      }
      if (result.differences.length > 20) console.log(`  ${file}: … ${result.differences.length - 20} more`);
    }
  }
}
process.exitCode = differences > 0 ? 1 : 0;
