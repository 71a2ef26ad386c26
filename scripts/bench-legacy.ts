// Legacy formats: DOC/WPS → DOCX conversion with the long-running LibreOffice listener against
// one-shot `soffice --headless --convert-to docx` (warm private profile), in the same run; the
// listener's start-up and idle memory; XLS/ET read by SheetJS against the same workbook as XLSX.
//   npm run bench:legacy [-- --runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LibreOfficeListener, libreOfficeOptionsFromEnv, onHelperProcesses, type HelperProcesses } from '../src/readers/libreoffice.ts';
import { readLegacyWorkbook } from '../src/readers/legacy-xls.ts';
import { readXlsx } from '../src/readers/xlsx.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const DOCS = [
  join(ROOT, 'samples/legacy/xiangfuban-2024-40.doc'),
  join(ROOT, 'samples/legacy/declaration.doc'),
  resolve(ROOT, '../shared/real/other/wps-binary-text.wps'),
  resolve(ROOT, '../shared/real/other/resume-merged-labels.doc'),
];
const WORKBOOKS: [string, string][] = [['samples/legacy/xiangfuban-2024-40.xls', 'samples/xiangfuban-2024-40.xlsx'], ['samples/legacy/carry-forward.xls', 'samples/carry-forward.xlsx']];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);

async function time(run: () => unknown | Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Resident memory of every process in the groups, MB. */
function groupRssMb(groups: number[]): number {
  let kb = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (!groups.includes(pgid)) continue;
      kb += Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

function oneShot(profile: string, input: string, outDir: string): void {
  const r = spawnSync(libreOfficeOptionsFromEnv().soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'docx', '--outdir', outDir, input], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`soffice failed on ${input}: ${r.stderr}`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'zhibiao-bench-legacy-'));
  const helpers: HelperProcesses[] = [];
  onHelperProcesses((_, helper) => { if (helper) helpers.push(helper); });
  const listener = new LibreOfficeListener();
  try {
    const bytes = DOCS.map((path) => readFileSync(path));
    const coldMs = await time(() => listener.convert(bytes[1], 'doc', 'docx', 'MS Word 2007 XML'));
    await new Promise((r) => setTimeout(r, 1000));
    const idleMb = groupRssMb(helpers.at(-1)!.groups);
    // One-shot: a private profile, created once before timing (as a batch of one-shot calls would reuse it).
    const profile = join(work, 'profile');
    const inputs = DOCS.map((path, i) => {
      const input = join(work, `${i}-${basename(path).replace(/\.wps$/u, '.doc')}`);
      writeFileSync(input, bytes[i]);
      return input;
    });
    oneShot(profile, inputs[1], work);
    console.log(`| file | KB | listener ms/doc (median of ${RUNS}) | one-shot ms/doc (median of ${RUNS}) | one-shot / listener |`);
    console.log('| --- | --- | --- | --- | --- |');
    const listenerAll: number[] = [];
    const oneShotAll: number[] = [];
    for (let i = 0; i < DOCS.length; i++) {
      const viaListener: number[] = [];
      const viaOneShot: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        viaListener.push(await time(() => listener.convert(bytes[i], 'doc', 'docx', 'MS Word 2007 XML')));
        viaOneShot.push(await time(() => oneShot(profile, inputs[i], work)));
      }
      listenerAll.push(...viaListener);
      oneShotAll.push(...viaOneShot);
      console.log(`| ${basename(DOCS[i])} | ${Math.round(bytes[i].length / 1024)} | ${ms(median(viaListener))} | ${ms(median(viaOneShot))} | ${(median(viaOneShot) / median(viaListener)).toFixed(1)}× |`);
    }
    console.log(`| all | | ${ms(median(listenerAll))} | ${ms(median(oneShotAll))} | ${(median(oneShotAll) / median(listenerAll)).toFixed(1)}× |`);
    console.log(`\nlistener: first conversion including start-up ${ms(coldMs)} ms; idle RSS of bridge + soffice ${idleMb.toFixed(0)} MB; starts ${listener.starts}`);
    console.log(`\n| workbook | XLS ms (median of ${RUNS * 4}) | same workbook as XLSX ms | XLS / XLSX |\n| --- | --- | --- | --- |`);
    for (const [xls, xlsx] of WORKBOOKS) {
      const [a, b] = [readFileSync(join(ROOT, xls)), readFileSync(join(ROOT, xlsx))];
      const ta: number[] = [];
      const tb: number[] = [];
      for (let r = 0; r < RUNS * 4; r++) {
        ta.push(await time(() => readLegacyWorkbook(a, DEFAULT_LIMITS)));
        tb.push(await time(() => readXlsx(b, DEFAULT_LIMITS)));
      }
      console.log(`| ${basename(xls)} | ${ms(median(ta))} | ${ms(median(tb))} | ${(median(ta) / median(tb)).toFixed(2)} |`);
    }
  } finally {
    await listener.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
