// DOCX/XLSX → PDF through LibreOffice, many files per soffice call, each result cached by
// content hash (the spec and the writers' source) so reruns skip LibreOffice entirely.
//
// Cache: $ZHIBIAO_LAYOUTS_CACHE, else $XDG_CACHE_HOME/zhibiao-layouts, else
// node_modules/.cache/zhibiao-layouts. Delete the folder to force fresh conversions.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');

export function cacheDir(): string {
  if (process.env.ZHIBIAO_LAYOUTS_CACHE) return process.env.ZHIBIAO_LAYOUTS_CACHE;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'zhibiao-layouts');
  return join(ROOT, 'node_modules', '.cache', 'zhibiao-layouts');
}

/** The LibreOffice binary: $ZHIBIAO_SOFFICE, else `soffice` on the PATH. */
const SOFFICE = process.env.ZHIBIAO_SOFFICE || 'soffice';

let sofficeChecked: string | null | undefined;
/** Null when LibreOffice is usable, else why not (with the apt line). */
export function libreOfficeMissing(): string | null {
  if (sofficeChecked !== undefined) return sofficeChecked;
  const r = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  sofficeChecked = r.status === 0 ? null
    : `LibreOffice (${SOFFICE}) not found: lo-* cases without a cached PDF are skipped (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk, or set ZHIBIAO_SOFFICE)`;
  return sofficeChecked;
}

/** Hash of the files whose change must invalidate cached conversions. */
let writersHash: string | null = null;
function writerSources(): string {
  if (writersHash) return writersHash;
  const h = createHash('sha256');
  for (const f of ['docx.ts', 'xlsx.ts', 'libreoffice.ts', 'index.ts']) h.update(readFileSync(join(HERE, f)));
  h.update(readFileSync(join(ROOT, 'scripts', 'samples', 'pdf.ts')));
  writersHash = h.digest('hex');
  return writersHash;
}

export function conversionKey(content: string, ext: string): string {
  return createHash('sha256').update(writerSources()).update('\u0000').update(ext).update('\u0000').update(content).digest('hex');
}

export function cachedPdf(key: string): Buffer | null {
  const path = join(cacheDir(), key.slice(0, 2), `${key}.pdf`);
  return existsSync(path) ? readFileSync(path) : null;
}

function storePdf(key: string, pdf: Buffer): void {
  const dir = join(cacheDir(), key.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `${key}.${process.pid}.tmp`);
  writeFileSync(tmp, pdf);
  renameSync(tmp, join(dir, `${key}.pdf`));
}

export interface Conversion {
  key: string;
  ext: 'docx' | 'xlsx';
  input: Buffer;
}

/**
 * Converts every input LibreOffice has not converted before (per key) in as few soffice calls
 * as possible; returns the PDFs by key. A file LibreOffice fails on is missing from the result.
 */
export function convertMany(jobs: Conversion[], batchSize = 40): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const todo: Conversion[] = [];
  for (const job of jobs) {
    const hit = cachedPdf(job.key);
    if (hit) out.set(job.key, hit);
    else if (!todo.some((t) => t.key === job.key)) todo.push(job);
  }
  if (todo.length === 0) return out;
  const missing = libreOfficeMissing();
  if (missing) throw new Error(missing);
  for (let i = 0; i < todo.length; i += batchSize) {
    const batch = todo.slice(i, i + batchSize);
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-layouts-'));
    try {
      const names = batch.map((job) => {
        const name = `${job.key}.${job.ext}`;
        writeFileSync(join(dir, name), job.input);
        return name;
      });
      // A private profile, so a LibreOffice running elsewhere on the machine does not take the job.
      const r = spawnSync(SOFFICE, [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'out'), ...names.map((n) => join(dir, n)),
      ], { encoding: 'utf8', timeout: 120_000 + 10_000 * batch.length });
      if (r.error) throw new Error(`soffice failed: ${r.error.message}`);
      for (const job of batch) {
        const pdfPath = join(dir, 'out', `${job.key}.pdf`);
        if (!existsSync(pdfPath)) continue;
        const pdf = readFileSync(pdfPath);
        storePdf(job.key, pdf);
        out.set(job.key, pdf);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
