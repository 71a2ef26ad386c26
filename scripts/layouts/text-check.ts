// The generator's own consistency check: every truth string must be in the rendered
// document's text (whitespace ignored), else the truth promises what no reader could find.
import { documentGrids } from '../../pipelines/extract-document.ts';
import { readPdf } from '../../src/readers/pdf.ts';
import type { Rendered } from './producers/index.ts';
import type { DocSpec } from './spec.ts';

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');

/** All text of a rendered document, squashed (no whitespace, NFKC). */
export async function renderedText(r: Rendered): Promise<string> {
  if (r.ext === 'pdf') {
    const pages = await readPdf(r.bytes);
    return squash(pages.map((p) => p.runs.map((run) => run.text).join('')).join(''));
  }
  const grids = await documentGrids(r.bytes);
  return squash([...grids.lines, ...grids.tables.flatMap((g) => [...g.captions, ...g.cells.map((c) => c.text)])].join(''));
}

/** The strings the truth says are in the document. */
export function truthStrings(spec: DocSpec): string[] {
  const t = spec.truth;
  if (t.kind === 'generic') return t.tables.flatMap((tb) => tb.cells.map((c) => c.text));
  const out: string[] = [];
  for (const n of [t.notice.title, t.notice.docNumber, t.notice.issuer]) if (n) out.push(n);
  for (const table of t.tables) {
    if (table.title) out.push(table.title);
    for (const r of table.rows) {
      for (const s of [r.level1, r.level2, r.level3, r.description, r.actual, r.weight, r.score, r.deviation, r.basis, r.origin, r.remark]) if (s) out.push(s);
      if (r.value) out.push(r.value);
      if (r.unit && table.unitColumn) out.push(r.unit);
    }
  }
  return out;
}

/**
 * Whether `s` is in the text whole, or in up to `maxPieces` pieces (a cell wrapped over lines
 * whose runs other cells' runs interleave in the content stream), longest pieces first.
 */
export function foundInPieces(s: string, text: string, maxPieces = 4): boolean {
  let rest = s;
  for (let piece = 0; piece < maxPieces && rest; piece++) {
    let n = rest.length;
    while (n > 0 && !text.includes(rest.slice(0, n))) n--;
    if (n === 0 || (n < 2 && n < rest.length)) return false;
    rest = rest.slice(n);
  }
  return rest === '';
}

/** Truth strings missing from the rendered text (empty = consistent). */
export async function missingTruth(spec: DocSpec, r: Rendered): Promise<string[]> {
  const text = await renderedText(r);
  return [...new Set(truthStrings(spec))].filter((s) => !foundInPieces(squash(s), text));
}
