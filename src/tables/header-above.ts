// A header parted from its body by a blank line, or by a rule typed as a line of dashes (issue
// 10 case 7): the borderless finder cuts its blocks at blank lines, so the header lines stand
// alone above the table. A candidate reading (readings.ts) reads the table again with them;
// the arbiter weighs it against the table without them.

import type { PdfPage } from '../model/layout.ts';
import type { PageText } from './evidence.ts';
import type { PageTable } from './page-table.ts';
import { columnSpan } from './stream-columns.ts';
import { median, type Line } from './stream-lines.ts';
import { DEFAULT_STREAM_SETTINGS, findStreamTablesWithin, type StreamSettings } from './stream.ts';

/** Stream settings that read a box as one table: blank lines do not cut it. */
export const WHOLE_BOX: Partial<StreamSettings> = { maxLineGap: Infinity, tableGapFactor: Infinity, tableGapEm: Infinity };

/** A figure that is not a year. */
const HEAD_FIGURE = /^(?!(?:19|20)\d\d$)[-−–+(]?\d[\d,.\s%]*\)?$/u;

/** Most header lines taken from above a table. */
const MAX_LINES = 3;

/**
 * The table read again with the header lines above it, when there are any: lines within
 * `headerBlankGap` line heights or `headerBlankPitches` body row pitches above it (or above the header line below them), each piece inside one
 * of the table's columns, the lowest holding two pieces or more (a unit line or a caption holds
 * one), none a single piece set larger than the body (a title).
 */
export function withHeaderAbove(page: PdfPage, text: PageText, table: PageTable, s: StreamSettings = DEFAULT_STREAM_SETTINGS): PageTable | null {
  const xs = table.colXs;
  const bodyLines = text.lines.filter((l) => l.top >= table.bbox[1] - 0.5 && l.bottom <= table.bbox[3] + 0.5);
  const bodySize = bodyLines.length ? bodyLines[0].fontSize : 10;
  const pitch = rowPitch(bodyLines);
  const above: Line[] = [];
  let top = table.bbox[1];
  for (let i = text.lines.length - 1; i >= 0 && above.length < MAX_LINES; i--) {
    const line = text.lines[i];
    if (line.bottom > top + 0.5) continue;
    const h = line.bottom - line.top || line.fontSize;
    if (top - line.bottom > Math.max(s.headerBlankGap * h, s.headerBlankPitches * pitch)) break;
    const em = line.fontSize || 10;
    const fits = line.segments.every((g) => {
      if (g.x0 < xs[0] - em || g.x1 > xs[xs.length - 1] + em) return false;
      const [c0, c1] = columnSpan(xs, g, Math.min(2, (g.x1 - g.x0) / 4));
      return c0 === c1;
    });
    // Column heads are words (a year heads its column): a line with figures is a body row of
    // something above.
    if (!fits || line.segments.some((g) => HEAD_FIGURE.test(g.runs.map((r) => r.text).join('').trim()))) break;
    if (line.segments.length === 1 && line.fontSize > s.titleSize * bodySize) break;
    if (above.length === 0 && line.segments.length < 2) break;
    above.push(line);
    top = line.top;
  }
  if (above.length === 0) return null;
  const box: [number, number, number, number] = [
    Math.min(table.bbox[0], ...above.flatMap((l) => l.segments.map((g) => g.x0))) - 0.5,
    top - 0.5,
    Math.max(table.bbox[2], ...above.flatMap((l) => l.segments.map((g) => g.x1))) + 0.5,
    table.bbox[3] + 0.5,
  ];
  const found = findStreamTablesWithin(page, box, WHOLE_BOX);
  if (found.length !== 1 || found[0].nRows <= table.nRows || found[0].nCols !== table.nCols) return null;
  return { ...found[0], ...(table.frame ? { frame: table.frame } : {}) };
}

/** The median step between the tops of consecutive body lines (0 for a single line). */
function rowPitch(lines: Line[]): number {
  return median(lines.slice(1).map((l, i) => l.top - lines[i].top).filter((d) => d > 0));
}
