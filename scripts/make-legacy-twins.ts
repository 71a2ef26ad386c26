// Legacy-format twins of the DOCX/XLSX samples, made with LibreOffice (generation time only;
// the twins are committed):   npx tsx scripts/make-legacy-twins.ts
//
// What each twin is, honestly:
//   X.doc  LibreOffice's Word 97 export ("MS Word 97") of samples/X.docx
//   X.wps  the same export under a .wps name. WPS Writer's own .wps is this container too, plus
//          a WpsCustomData stream that LibreOffice cannot write, so the twin sniffs as `doc`;
//          the real WPS file in ../shared/real/other/ is tested for `wps` (test/legacy.test.ts)
//   X.xls  LibreOffice's Excel 97 export ("MS Excel 97", BIFF8) of samples/X.xlsx
//   X.et   the same export under an .et name (WPS's compatible save; no ETExtData, so `xls`)
// Each twin gets X.<ext>.expected.json: its original's expected JSON with file and format changed
// (checked by test/golden.test.ts like every sample; test/legacy.test.ts checks the format).
//
// One change before the Word export: a body that ends in a table gets an empty paragraph after
// it. Word always keeps one there; without it LibreOffice writes a DOC whose text ends inside
// the table, and reading that DOC back loses the last table (出访活动 of the seed notice).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip, writeZip } from './bad/zip.ts';
import { expectedPath, writeJson, type Expected } from './samples/common.ts';
import { hasSoffice, LibreOfficeListener } from '../src/readers/libreoffice.ts';
import { sniffFormat } from '../src/readers/sniff.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = join(ROOT, 'samples');
const OUT = join(SAMPLES, 'legacy');

interface Twin {
  original: string;
  extension: 'doc' | 'wps' | 'xls' | 'et';
}

const TWINS: Twin[] = [
  { original: 'xiangfuban-2024-40.docx', extension: 'doc' },
  { original: 'xiangfuban-2024-40.docx', extension: 'wps' },
  { original: 'declaration.docx', extension: 'doc' },
  { original: 'declaration.docx', extension: 'wps' },
  { original: 'xiangfuban-2024-40.xlsx', extension: 'xls' },
  { original: 'xiangfuban-2024-40.xlsx', extension: 'et' },
  { original: 'carry-forward.xlsx', extension: 'xls' },
  { original: 'row-heading.xlsx', extension: 'xls' },
  { original: 'self-evaluation.xlsx', extension: 'et' },
];

/** A final empty paragraph after a table that ends the body (see the header). */
function endWithParagraph(docx: Buffer): Buffer {
  const entries = readZip(docx).map((entry) => {
    if (entry.name !== 'word/document.xml') return entry;
    const xml = entry.data.toString('utf8').replace(/<\/w:tbl>(\s*<w:sectPr)/u, '</w:tbl><w:p/>$1');
    return { ...entry, data: Buffer.from(xml, 'utf8') };
  });
  return writeZip(entries);
}

async function main(): Promise<void> {
  if (!hasSoffice()) {
    console.error('make-legacy-twins: soffice not found; install LibreOffice: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui python3-uno');
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const listener = new LibreOfficeListener();
  try {
    for (const twin of TWINS) {
      const source = readFileSync(join(SAMPLES, twin.original));
      const word = twin.original.endsWith('.docx');
      const bytes = word
        ? await listener.convert(endWithParagraph(source), 'docx', 'doc', 'MS Word 97')
        : await listener.convert(source, 'xlsx', 'xls', 'MS Excel 97');
      const file = `legacy/${twin.original.replace(/\.\w+$/u, `.${twin.extension}`)}`;
      const format = sniffFormat(bytes);
      const original = JSON.parse(readFileSync(expectedPath(join(SAMPLES, twin.original)), 'utf8')) as Expected;
      writeFileSync(join(SAMPLES, file), bytes);
      writeJson(expectedPath(join(SAMPLES, file)), { ...original, file, format } as Expected);
      console.log(`wrote samples/${file} (${bytes.length} bytes, sniffs as ${format})`);
    }
  } finally {
    await listener.close();
  }
}

await main();
