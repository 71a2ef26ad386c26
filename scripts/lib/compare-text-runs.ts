// Compares the text runs the PDF reader rebuilds from the operator list with the runs it reads
// through pdfjs's getTextContent, page by page (scripts/compare-pdf-text.ts, test/pdf-oplist-text.test.ts).
import type { PdfPage, TextRun } from '../../src/model/layout.ts';
import { readPdf } from '../../src/readers/pdf.ts';
import { pdfTextStats } from '../../src/readers/pdf-page-text.ts';

export interface RunDifference {
  page: number;
  /** Index of the run in the getTextContent reading. */
  index: number;
  kind: 'text' | 'font' | 'size' | 'box' | 'missing' | 'extra';
  content?: TextRun;
  operators?: TextRun;
}

export interface FileComparison {
  pages: number;
  runs: number;
  /** Runs whose text, font, size and box (to the reader's 0.01 pt) are equal. */
  identical: number;
  /** Largest box coordinate difference among runs of the same text, points. */
  maxBoxDelta: number;
  differences: RunDifference[];
  /** Pages that fell back to getTextContent, by reason. */
  fallbacks: Record<string, number>;
  /** Rulings or the scanned flag differ (they come from the same operator list, so they must not). */
  otherDifferences: number;
}

/** Runs of the same text and font whose boxes are within this many points count as the same run. */
export const BOX_TOLERANCE = 0.5;

function boxDelta(a: TextRun, b: TextRun): number {
  return Math.max(...a.bbox.map((v, i) => Math.abs(v - b.bbox[i])));
}

/** Aligns the two readings of one page (in order; an unmatched run is missing or extra). */
export function comparePage(content: PdfPage, operators: PdfPage): { identical: number; maxBoxDelta: number; differences: RunDifference[] } {
  const differences: RunDifference[] = [];
  let identical = 0;
  let maxBoxDelta = 0;
  const a = content.runs;
  const b = operators.runs;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i].text === b[j].text) {
      const delta = boxDelta(a[i], b[j]);
      maxBoxDelta = Math.max(maxBoxDelta, delta);
      const kind = a[i].fontName !== b[j].fontName ? 'font' : a[i].fontSize !== b[j].fontSize ? 'size' : delta > BOX_TOLERANCE ? 'box' : null;
      if (kind) differences.push({ page: content.number, index: i, kind, content: a[i], operators: b[j] });
      else if (delta === 0) identical++;
      i++;
      j++;
      continue;
    }
    // Resynchronise on the next run of the same text within a few runs.
    const ahead = 8;
    const inB = b.slice(j, j + ahead).findIndex((run) => i < a.length && run.text === a[i].text);
    const inA = a.slice(i, i + ahead).findIndex((run) => j < b.length && run.text === b[j].text);
    if (i < a.length && (inB < 0 || (inA >= 0 && inA <= inB))) {
      differences.push({ page: content.number, index: i, kind: i < a.length && j < b.length && inA < 0 && inB < 0 ? 'text' : 'missing', content: a[i], operators: inA < 0 && inB < 0 ? b[j] : undefined });
      if (inA < 0 && inB < 0 && j < b.length) j++;
      i++;
    } else {
      differences.push({ page: content.number, index: i, kind: 'extra', operators: b[j] });
      j++;
    }
  }
  return { identical, maxBoxDelta, differences };
}

/** Reads a PDF both ways and compares every page. */
export async function compareFile(bytes: Uint8Array): Promise<FileComparison> {
  const content = await readPdf(bytes, { text: 'content' });
  const before = { ...pdfTextStats.fallbacks };
  const operators = await readPdf(bytes, { text: 'operators' });
  const fallbacks: Record<string, number> = {};
  for (const [reason, count] of Object.entries(pdfTextStats.fallbacks)) {
    const added = count - (before[reason as keyof typeof before] ?? 0);
    if (added > 0) fallbacks[reason] = added;
  }
  const result: FileComparison = { pages: content.length, runs: 0, identical: 0, maxBoxDelta: 0, differences: [], fallbacks, otherDifferences: 0 };
  for (let p = 0; p < content.length; p++) {
    const page = comparePage(content[p], operators[p]);
    result.runs += content[p].runs.length;
    result.identical += page.identical;
    result.maxBoxDelta = Math.max(result.maxBoxDelta, page.maxBoxDelta);
    result.differences.push(...page.differences);
    if (JSON.stringify(content[p].rulings) !== JSON.stringify(operators[p].rulings) || content[p].scanned !== operators[p].scanned) result.otherDifferences++;
  }
  return result;
}
