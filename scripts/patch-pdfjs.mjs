// postinstall: fixes a pdfjs-dist denial of service that no pdfjs option avoids.
//
// Type1Parser.extractFontHeader stores `dup <index> /name put` at any index the font
// names, so a damaged embedded Type 1 font can make its built-in encoding a sparse array
// of millions of slots; Type1Parser.extractFontProgram then calls indexOf on it once per
// glyph, and each call walks every slot (found by fuzzing: 60–80 s on one page,
// test/fuzz-crashes/seed1-it7835-xiangfuban-2024-40.pdf). A Type 1 encoding has 256 codes,
// so indexes outside 0..255 are dropped. Idempotent; says so loudly when pdfjs changed and
// the patch no longer applies (test/fuzz.test.ts then fails on the reproducer).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const MARKER = '/* zhibiao: Type 1 encodings have 256 codes */';
const ORIGINAL = 'const glyph = this.getToken();\n              encoding[index] = glyph;';
const PATCHED = `const glyph = this.getToken();\n              ${MARKER} if (index >= 0 && index < 256) encoding[index] = glyph;`;

function workerPath() {
  try {
    return createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  } catch {
    return null;
  }
}

const path = workerPath();
if (!path) {
  console.warn('zhibiao postinstall: pdfjs-dist not found; Type 1 encoding patch not applied');
} else {
  const source = readFileSync(path, 'utf8');
  if (source.includes(MARKER)) {
    // already patched
  } else if (source.split(ORIGINAL).length === 2) {
    writeFileSync(path, source.replace(ORIGINAL, PATCHED));
    console.log('zhibiao postinstall: patched pdfjs Type 1 encoding parsing (see scripts/patch-pdfjs.mjs)');
  } else {
    console.warn(`zhibiao postinstall: WARNING pdfjs-dist changed, Type 1 encoding patch not applied to ${path}`);
  }
}
