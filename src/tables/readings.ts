// One PDF page → its tables: the finders propose candidate readings of each contested region,
// the arbiter (arbiter.ts) chooses one per region.
//
//   ruled boxes (lattice): the ruled grid | the borderless reading of the box
//   regions framed by long rules (frames.ts: 三线表, tables ruled at top and bottom):
//     the borderless tables inside | rows from the rules | the whole frame as one table
//   other borderless regions (stream tables with the same columns, one under the other):
//     the borderless reading | rows from the horizontal rules (ruled-rows.ts)
//
// The page's lines and rules are built once (evidence.ts) and shared by every region.

import type { BBox, PdfPage, TextRun } from '../model/layout.ts';
import { centre, containsPoint, splitRunAt, withoutEndBlanks } from './assign-text.ts';
import { FIGURE } from './stream-lines.ts';
import { DEFAULT_ARBITER, type ArbiterSettings } from './arbiter-settings.ts';
import { arbitrate, unionBox, type Reading, type ReadingScore } from './arbiter.ts';
import { pageText, regionEvidence, type PageText } from './evidence.ts';
import { findLatticeTables } from './lattice.ts';
import { subTable, type PageTable } from './page-table.ts';
import { ruledRowsReading } from './ruled-rows.ts';
import { fitColumnsToText } from './continued-columns.ts';
import type { FrameSettings, TableSettings } from './settings.ts';
import { DEFAULT_STREAM_SETTINGS, findStreamTables, findStreamTablesWithin, NOTE_START, readOnColumns, type StreamSettings } from './stream.ts';
import { headerColumns } from './header-columns.ts';
import { ruledFrames, type Frame } from './frames.ts';
import { headerBoundary, restackHeader } from './header-band.ts';
import { centredRows } from './centred-rows.ts';
import { withoutLeaders, withTypedRules } from './leaders.ts';
import { withOutsideLabels } from './outside-labels.ts';
import { repeats } from './label-bands.ts';
import { WHOLE_BOX, withHeaderAbove } from './header-above.ts';
import { withoutProseColumns } from './prose-columns.ts';

/** What the arbiter decided for one region (for debugging and tests). */
export interface Decision {
  page: number;
  region: BBox;
  chosen: string;
  scores: ReadingScore[];
  /** The candidate readings, in the order of `scores`. */
  readings: Reading[];
}

export interface PageReadingOptions {
  arbiter?: ArbiterSettings;
  /** Called with every contested region's decision. */
  trace?: (d: Decision) => void;
  /** The tables read on the previous page: a frame continued from there keeps its columns. */
  previous?: readonly PageTable[];
}

/** The tables of one page, as the arbiter chose them region by region. */
export function readPage(page: PdfPage, s: TableSettings, opts: PageReadingOptions = {}): PageTable[] {
  if (page.runs.length === 0) return [];
  page = withTypedRules({ ...page, runs: withoutLeaders(page.runs, s.text) }, s.text);
  const found = findLatticeTables(page, s);
  page = withoutProseColumns(page, found.map((t) => t.bbox), s.proseColumns);
  const text = pageText(page, DEFAULT_STREAM_SETTINGS);
  const decide = (readings: Reading[]): PageTable[] => {
    if (readings.length === 1) return readings[0].tables;
    const boxes = readings.flatMap((r) => r.tables.map((t) => t.bbox));
    if (boxes.length === 0) return [];
    const region = pad(unionBox(boxes), 1);
    const { chosen, scores } = arbitrate(regionEvidence(text, region, opts.arbiter ?? DEFAULT_ARBITER), readings, opts.arbiter);
    opts.trace?.({ page: page.number, region, chosen: chosen.finder, scores, readings });
    return chosen.tables;
  };
  const lattice = found.map(withoutNoteRows);
  const ruled = lattice.flatMap((table) => decide(latticeReadings(page, text, table, s)));
  const latticeBoxes = lattice.map((t) => t.bbox);
  const stream = findStreamTables(page, latticeBoxes);
  const frames = ruledFrames(text, latticeBoxes, s.frames).filter((f) => !f.continued || continuesPrevious(f, opts.previous ?? [], s));
  const { clusters, rest } = frameClusters(frames, stream);
  const framed = clusters.flatMap(({ frames, members }) => decide(framedReadings(page, text, frames, members, s, opts.previous ?? [])));
  const borderless = sameColumnGroups(rest).flatMap((group, i) => decide(borderlessReadings(page, text, group, s, i === 0 ? (opts.previous ?? []) : [])));
  return [...ruled, ...framed, ...borderless];
}

/** A frame as wide as a frame the previous page's table was read in. */
function continuesPrevious(frame: Frame, previous: readonly PageTable[], s: TableSettings): boolean {
  const tol = s.frames.extentTolerance;
  return previous.some((t) => t.frame && Math.abs(t.frame[0] - frame.box[0]) <= tol && Math.abs(t.frame[2] - frame.box[2]) <= tol);
}

/**
 * A ruled table without the note rows closing its frame (issue 10 case 7): last rows of one cell
 * across every column opening like a note (`注：`, `说明：`, `Source:`) are about the table, not in it.
 */
function withoutNoteRows(t: PageTable): PageTable {
  let rows = t.nRows;
  while (rows > 2) {
    const last = t.cells.filter((c) => c.row + c.rowSpan - 1 === rows - 1);
    if (last.length !== 1 || last[0].row !== rows - 1 || last[0].colSpan !== t.nCols || !NOTE_START.test(last[0].text.trim())) break;
    rows--;
  }
  if (rows === t.nRows) return t;
  const rowBoxes = t.rowBoxes.slice(0, rows);
  return { ...t, nRows: rows, rowBoxes, cells: t.cells.filter((c) => c.row < rows), bbox: [t.bbox[0], t.bbox[1], t.bbox[2], rowBoxes[rows - 1][3]] };
}

const overlaps = (a: BBox, b: BBox) => Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);

/**
 * Frames and the borderless tables that overlap them, in clusters read together (a borderless
 * table may run across two frames); the borderless tables touching no frame apart.
 */
function frameClusters(frames: Frame[], stream: PageTable[]): { clusters: { frames: Frame[]; members: PageTable[] }[]; rest: PageTable[] } {
  const clusters: { frames: Frame[]; members: PageTable[] }[] = [];
  for (const frame of frames) {
    const touching = clusters.filter((c) => c.members.some((t) => overlaps(t.bbox, frame.box)));
    const members = stream.filter((t) => overlaps(t.bbox, frame.box));
    const merged = { frames: [frame, ...touching.flatMap((c) => c.frames)], members: [...new Set([...members, ...touching.flatMap((c) => c.members)])] };
    for (const c of touching) clusters.splice(clusters.indexOf(c), 1);
    clusters.push(merged);
  }
  for (const c of clusters) {
    c.frames.sort((a, b) => a.box[1] - b.box[1]);
    c.members.sort((a, b) => a.bbox[1] - b.bbox[1]);
  }
  const claimed = new Set(clusters.flatMap((c) => c.members));
  return { clusters, rest: stream.filter((t) => !claimed.has(t)) };
}

/**
 * A region framed by rules: the borderless tables found in it (as they are, or with rows from
 * the rules), or the whole frame read as one table.
 */
function framedReadings(page: PdfPage, text: PageText, frames: Frame[], found: PageTable[], s: TableSettings, previous: readonly PageTable[]): Reading[] {
  const within = found.flatMap((t) => withinFrames(t, frames));
  // One borderless table in one frame is framed by it as the frame's own readings are: its
  // fragments on other pages chain by the frame, whichever columns the text gives each page.
  const members = frames.length === 1 && within.length === 1 ? [{ ...within[0], frame: frames[0].box }] : within;
  const out: Reading[] = [{ finder: 'stream', tables: members }];
  // Rows from the rules only where rules part body rows: a 三线表's rule under its header bounds
  // the header, not every row (its body between two rules is one band of many rows).
  if (members.length && !onlyHeaderRule(text, frames)) {
    const ruledRows = ruledRowsReading(page, members, s);
    if (ruledRows) out.push({ finder: 'ruled-rows', tables: ruledRows });
  }
  const whole: PageTable[] = [];
  const plain: PageTable[] = [];
  let anyCentred = false;
  const continued = continuedReadings(page, text, frames, previous, s);
  for (const frame of frames) {
    const found = findStreamTablesWithin(page, frame.box, WHOLE_BOX).map((t) => ({ ...t, frame: frame.box }));
    if (found.length === 0) continue;
    // The rule under the header bounds the header band (else its first row of figures): its
    // lines are stacked cells. A frame with no rule inside it that continues the previous page's
    // table has no header: its first rows are body rows (label rows above the first figures).
    const headless = continued.length > 0 && frame.inner.length === 0;
    const headerRule = headless ? undefined : headerEnd(frame, found[0]);
    const tables = headerRule === undefined ? found : found.map((t, i) => (i === 0 ? restackHeader(t, text, frame.box[1], headerRule) : t));
    plain.push(...tables);
    const centred = withCentredRows(tables, text, (t, i) => (i === 0 && headerRule !== undefined ? headerRule : t.bbox[1] - 1));
    if (centred) anyCentred = true;
    whole.push(...(centred ?? tables));
  }
  if (plain.length) out.push({ finder: 'frame', tables: plain });
  if (anyCentred) out.push({ finder: 'frame+centred', tables: whole });
  // A frame continuing the previous page's table is read on its heads only when it opens with
  // that table's header again: the first band of a page ruled under every row is a body row.
  const headed = continued.length && !opensWithHeader(text, frames[0], previous, s) ? [] : headedReadings(page, text, frames, plain, s, previous);
  out.unshift(...(headed.length ? headed : continued));
  return out;
}

/** The previous page's table framed as wide as this frame, if any. */
function framedBefore(frame: Frame, previous: readonly PageTable[], s: TableSettings): PageTable | undefined {
  const tol = s.frames.extentTolerance;
  return previous.find((t) => t.frame && Math.abs(t.frame[0] - frame.box[0]) <= tol && Math.abs(t.frame[2] - frame.box[2]) <= tol);
}

/**
 * Whether the frame's first band (down to its first inner rule) repeats the header of the
 * previous page's table framed as wide: its characters are among those of that table's first
 * three rows (a header restacked over up to three rows).
 */
function opensWithHeader(text: PageText, frame: Frame, previous: readonly PageTable[], s: TableSettings): boolean {
  const before = framedBefore(frame, previous, s);
  if (!before || frame.inner.length === 0) return true;
  const [x0, top, x1] = frame.box;
  const band = text.lines.flatMap((l) => l.segments).filter((g) => containsPoint([x0, top, x1, frame.inner[0]], [(g.x0 + g.x1) / 2, (g.top + g.bottom) / 2]));
  const head = before.cells.filter((c) => c.row < 3).map((c) => c.text).join('');
  return repeats(band.flatMap((g) => g.runs.map((r) => r.text)).join(''), head, s.frames.headerRepeatShare);
}

/**
 * A frame with no header of its own, as wide as a frame the previous page's table was read in:
 * that table continued (a 三线表 whose header is not repeated), read on its columns (a column
 * with no text on this page stays), and that with centred rows. Listed first, like the headed
 * readings: the previous page's heads decide where the evidence cannot.
 */
function continuedReadings(page: PdfPage, text: PageText, frames: Frame[], previous: readonly PageTable[], s: TableSettings): Reading[] {
  const [frame] = frames;
  const before = frames.length === 1 ? framedBefore(frame, previous, s) : undefined;
  if (!before) return [];
  const xs = fitColumnsToText(before.colXs, text.lines, frame.box, DEFAULT_STREAM_SETTINGS);
  const cut = cutAtColumns(page, frame.box, xs);
  const read = readOnColumns(cut, frame.box, xs);
  if (!read) return [];
  const table: PageTable = { ...read, frame: frame.box };
  const out: Reading[] = [{ finder: 'frame+continued', tables: [table] }];
  // Rows from the rules, on the previous page's columns: merged level cells are the bands no
  // row rule crosses (rules drawn under the 三级 columns only). The frame's own two rules are
  // enough: the table it continues was framed the same way, and a page holding one merged group
  // draws no full-width rule between its rows. Before the centred rows, as the frame's own
  // readings are: on a tie, rows from drawn rules are kept over rows inferred from centring.
  // Not where the frame's one rule inside closes a repeated header (a 三线表 run on): that rule
  // bounds the header, and the body below it is one band of many rows.
  const headerOnly = frame.inner.length > 0 && onlyHeaderRule(text, frames);
  const ruledRows = headerOnly ? null : ruledRowsReading(cut, [table], { ...s, ruledRows: { ...s.ruledRows, minRules: 2 } });
  if (ruledRows) out.push({ finder: 'frame+continued+rules', tables: ruledRows });
  const centred = centredRows(table, pageText(cut, DEFAULT_STREAM_SETTINGS), frame.box[1]);
  if (centred) out.push({ finder: 'frame+continued+centred', tables: [centred] });
  return out;
}

/** Text with a blank between two of its characters: a run that may hold two cells' text. */
const HOLDS_BLANK = /\S\s+\S/u;

/**
 * The page with the runs inside `box` cut where they cross a column line by a clear margin: two
 * cells' text the producer wrote as one run (`万元 根据年`: a unit and the first line of the
 * description beside it, in narrow columns). A run of no blank is one cell's text: a group
 * heading centred across the figures' columns stays whole and spans them, and a long name
 * running past a column line drawn from another page's text stays in its cell.
 */
function cutAtColumns(page: PdfPage, box: BBox, xs: readonly number[]): PdfPage {
  const inner = xs.slice(1, -1);
  const inBox = page.runs.filter((r) => containsPoint(box, centre(r.bbox)));
  const cut = (r: TextRun): TextRun[] => {
    if (!HOLDS_BLANK.test(r.text)) return [r];
    const parts = splitRunAt(r, inner);
    return parts.length === 1 ? parts : meetAtColumns(parts, inner).map(withoutEndBlanks);
  };
  const inside = new Set(inBox);
  return { ...page, runs: page.runs.flatMap((r) => (inside.has(r) ? cut(r) : [r])) };
}

/**
 * The pieces of a cut run with their boxes meeting at the column line between them: the cut is
 * made because the run crosses that line, and glyph positions inside a run are estimates (off
 * by up to half a character), so a piece's box ending past the line would join it to the next
 * piece again (`11378.00 平方米` over 指标值 | 计量单位).
 */
function meetAtColumns(parts: TextRun[], xs: readonly number[]): TextRun[] {
  const out = parts.map((p) => ({ ...p, bbox: [...p.bbox] as BBox }));
  for (let i = 1; i < out.length; i++) {
    const at = out[i].bbox[0];
    const x = xs.reduce((best, x) => (Math.abs(x - at) < Math.abs(best - at) ? x : best), xs[0]);
    if (x > out[i - 1].bbox[0] && x < out[i].bbox[2]) {
      out[i - 1].bbox[2] = Math.min(out[i - 1].bbox[2], x);
      out[i].bbox[0] = Math.max(at, x);
    }
  }
  return out;
}

/** One frame with no rule inside it but one (the rule under its header), of any length. */
function onlyHeaderRule(text: PageText, frames: readonly Frame[]): boolean {
  if (frames.length !== 1) return false;
  const [x0, top, x1, bottom] = frames[0].box;
  return text.hRules.filter(([y, a, b]) => y > top + 1 && y < bottom - 1 && Math.min(b, x1) - Math.max(a, x0) > 0).length <= 1;
}

/**
 * A borderless table without the rows of one piece of text above the top rule of the frames it
 * overlaps: the title, project and 起始 lines the finder took for header lines are captions
 * outside the table the rules draw. (A header of several cells above the rules stays: its top
 * rule may be broken or missing. Rows below the last rule stay too: a table printed by
 * LibreOffice draws no rule at the foot of a page it runs on from.)
 */
function withinFrames(t: PageTable, frames: readonly Frame[]): PageTable[] {
  const top = Math.min(...frames.map((f) => f.box[1])) - 1;
  const caption = (r: number) => (t.rowBoxes[r][1] + t.rowBoxes[r][3]) / 2 < top && t.cells.filter((c) => c.row === r && c.text.trim()).length <= 1;
  let r0 = 0;
  while (r0 < t.nRows && caption(r0)) r0++;
  if (r0 === t.nRows) return [];
  return r0 === 0 ? [t] : [subTable(t, r0, t.nRows - 1)];
}

/**
 * A frame whose first inner rule closes a header band, with more heads than the text's own
 * columns (a column whose body is empty or sparse merged into its neighbour): the whole frame
 * read as one table on the columns its heads give (header-columns.ts), its header restacked,
 * and that with centred rows. Listed first: where the evidence cannot tell it from the text's
 * columns, the heads decide.
 */
function headedReadings(page: PdfPage, text: PageText, frames: Frame[], plain: readonly PageTable[], s: TableSettings, previous: readonly PageTable[]): Reading[] {
  const [frame] = frames;
  if (frames.length !== 1 || frame.inner.length === 0) return [];
  const headerRule = frame.inner[0];
  const xs = headerColumns(text, frame.box, headerRule, framedBefore(frame, previous, s)?.colXs);
  if (!xs || (plain.length === 1 && plain[0].nCols >= xs.length - 1 && bodyFillsColumns(plain[0], text, headerRule, xs, s.frames))) return [];
  const cut = cutAtColumns(page, frame.box, xs);
  const read = readOnColumns(cut, frame.box, xs);
  if (!read || !bodyHoldsDigits(read, headerRule)) return [];
  const table = restackHeader({ ...read, frame: frame.box }, text, frame.box[1], headerRule);
  const out: Reading[] = [{ finder: 'frame+heads', tables: [table] }];
  const centred = centredRows(table, pageText(cut, DEFAULT_STREAM_SETTINGS), headerRule);
  if (centred) out.push({ finder: 'frame+heads+centred', tables: [centred] });
  return out;
}

/**
 * Whether a table read on the text's own columns holds its body as the heads do: every column
 * has text of its own below the header rule, and a body cell spans columns only where its text
 * crosses a boundary between heads (a group heading centred over the figures). The text's
 * columns, as many as the heads, can still be shifted: a 序号 column whose body holds only the
 * levels' numbers merged with the names beside it, the names' head left over an empty column,
 * or a level name indented less than the names run on over two columns. Then the heads decide.
 */
function bodyFillsColumns(t: PageTable, text: PageText, headerRule: number, xs: readonly number[], s: FrameSettings): boolean {
  const body = t.cells.filter((c) => t.rowBoxes[c.row][1] >= headerRule - 1 && c.text.trim());
  if (new Set(body.map((c) => c.col)).size !== t.nCols) return false;
  const inner = xs.slice(1, -1);
  return body.every((c) => {
    if (c.colSpan === 1) return true;
    const segs = text.lines.flatMap((l) => l.segments).filter((g) => containsPoint(c.bbox, [(g.x0 + g.x1) / 2, (g.top + g.bottom) / 2]));
    if (segs.length === 0) return true;
    const x0 = Math.min(...segs.map((g) => g.x0));
    const x1 = Math.max(...segs.map((g) => g.x1));
    const em = Math.max(...segs.map((g) => g.fontSize || 10));
    const centred = Math.abs((x0 + x1) / 2 - (t.colXs[c.col] + t.colXs[c.col + c.colSpan]) / 2) <= s.centredSpanEm * em;
    return centred || inner.some((x) => x > x0 + 1 && x < x1 - 1);
  });
}

/**
 * Whether a table read on a frame's heads has a body: a cell below the header rule holding a
 * digit. A frame round the column heads alone (its one inner rule under a title line, the body
 * printed below the frame, public-tables camelot__budget) holds words only there, and read on
 * its heads it became a table of its own, parted from the body the stream finder reads.
 */
function bodyHoldsDigits(t: PageTable, headerRule: number): boolean {
  return t.cells.some((c) => t.rowBoxes[c.row][1] >= headerRule - 1 && /\d/u.test(c.text));
}

/**
 * Where a framed table's header ends: at the last rule of the frame above its first row of
 * figures (a table ruled under every row has rules inside its header too), at that row when no
 * rule is above it, or at the frame's first inner rule when no row holds figures.
 */
function headerEnd(frame: Frame, table: PageTable): number | undefined {
  const figures = headerBoundary(table);
  if (figures === null) return frame.inner[0];
  const above = frame.inner.filter((y) => y <= figures + 1);
  return above.length ? above[above.length - 1] : figures;
}

/** The tables with their rows read as centred rows where that changes them, or null when it changes none. */
function withCentredRows(tables: PageTable[], text: PageText, bodyTop: (t: PageTable, i: number) => number): PageTable[] | null {
  let changed = false;
  const out = tables.map((t, i) => {
    const c = t.finder === 'stream' ? centredRows(t, text, bodyTop(t, i)) : null;
    if (c) changed = true;
    return c ?? t;
  });
  return changed ? out : null;
}

function pad(b: BBox, d: number): BBox {
  return [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
}

/**
 * A ruled box: its grid, or the borderless readings of the text inside it (a box ruled only
 * between some rows, issue 10 case 2: its rows come from the baselines, its multi-line cells
 * from centred rows, its header from the band above the first figures).
 */
function latticeReadings(page: PdfPage, text: PageText, table: PageTable, s: TableSettings): Reading[] {
  const out: Reading[] = [{ finder: 'lattice', tables: [table] }];
  const labelled = withOutsideLabels(text, table, s.outsideLabels);
  if (labelled) out.push({ finder: 'lattice+labels', tables: [labelled] });
  if (rulesItsFigures(page, table)) return out;
  const stream = findStreamTablesWithin(page, table.bbox);
  // Read from its text or not, the table is framed by the box's rules: its fragments on other
  // pages chain by that frame (pdf-document.ts sameFrame), and where it has the grid's columns
  // their lines are the drawn ones, not the text's narrower edges (a continuation on the next
  // page, read as a grid, is matched by those lines).
  // The stream tables take those lines before their header is restacked: a heading centred over
  // its ruled columns is centred over the drawn lines, not over the text's edges.
  const framedTable = (t: PageTable): PageTable => ({
    ...t,
    frame: t.frame ?? table.bbox,
    ...(t.nCols === table.nCols ? { colXs: table.colXs, bbox: [table.bbox[0], t.bbox[1], table.bbox[2], t.bbox[3]] as BBox } : {}),
  });
  const framed = (r: Reading): Reading => ({ ...r, tables: r.tables.map(framedTable) });
  if (stream.length > 0) out.push(...borderlessReadings(page, text, stream.map(framedTable), s).map(framed));
  return out;
}

/**
 * Whether the box's rules part every two figures: no cell of its grid holds two, one above
 * the other or side by side. A box ruled only between some rows (issue 10 case 2) has cells
 * holding several body rows, so figures stacked; a box ruled only between rows (a frame and
 * row rules, no column rules) has figures side by side in one cell. A fully ruled grid has at
 * most one figure per cell, whatever its wrapped text cells hold, and is read by its grid
 * alone (the borderless readings of such a box cut its wrapped cells into rows).
 */
function rulesItsFigures(page: PdfPage, table: PageTable): boolean {
  const figures = page.runs.filter((r) => FIGURE.test(r.text.trim()));
  // Two runs are two figures when one lies wholly below the other, or a blank of more than a
  // quarter of the text height parts them on one line (pieces of one figure touch).
  const apart = (a: TextRun, b: TextRun) => {
    const h = a.bbox[3] - a.bbox[1];
    return b.bbox[1] >= a.bbox[3] - 0.1 * h || b.bbox[0] - a.bbox[2] > 0.25 * h;
  };
  const centres = figures.map((r) => centre(r.bbox));
  return table.cells.every((cell) => {
    const inside = figures.filter((_, i) => containsPoint(cell.bbox, centres[i]));
    return !inside.some((a) => inside.some((b) => a !== b && apart(a, b)));
  });
}

/** A borderless region: the borderless reading, rows from its horizontal rules, or centred rows; the previous page's table continued. */
function borderlessReadings(page: PdfPage, text: PageText, group: PageTable[], s: TableSettings, previous: readonly PageTable[] = []): Reading[] {
  const out: Reading[] = [...continuedBorderless(page, text, group, previous, s), { finder: 'stream', tables: group }];
  const ruledRows = ruledRowsReading(page, group, s);
  if (ruledRows) out.push({ finder: 'ruled-rows', tables: ruledRows });
  // Centred rows over the whole table, or, where its header does not read as centred rows (a
  // heading across column lines beside other heads), over the body below the header band.
  const centred = withCentredRows(group, text, (t) => t.bbox[1] - 1) ?? withCentredRows(group, text, (t) => headerBoundary(t) ?? t.bbox[1] - 1);
  if (centred) out.push({ finder: 'centred', tables: centred });
  // The header above the first row of figures, stacked per column with spans (of the plain
  // reading, and of the centred one: a header band over a body of multi-line cells).
  const headed = withHeaders(group, text);
  if (headed) out.push({ finder: 'stream+header', tables: headed });
  const both = centred && withHeaders(centred, text);
  if (both) out.push({ finder: 'centred+header', tables: both });
  // A header parted from the body by a blank line or a typed rule.
  const above = group[0].finder === 'stream' ? withHeaderAbove(page, text, group[0]) : null;
  if (above) out.push({ finder: 'stream+header-above', tables: [above, ...group.slice(1)] });
  // …and that header stacked per column with spans (a head wrapped over two lines, the heads
  // beside it on its lower line).
  const aboveHeaded = above && withHeaders([above], text);
  if (aboveHeaded) out.push({ finder: 'stream+header-above+header', tables: [...aboveHeaded, ...group.slice(1)] });
  return out;
}

/**
 * The previous page's last table, borderless or framed by rules only (a 三线表 whose next page,
 * its header not repeated, opens with no rule to frame it), run on over the page break into the
 * group's first table: no text on the page above it or beside it reaches out of that table's extent, its first
 * line does not repeat that table's header, and each run of its text (but a line's only one)
 * stands in one of that table's columns. Read on them from the page's first line, as is and with
 * centred rows. Listed first, like a frame continued: the previous page's columns decide where
 * the evidence cannot. The page's own columns lose a
 * column its text holds on one line only (序号 `2` beside a group heading), and a group heading
 * over the first row, a row's padding above it, stood apart from the table as a title does.
 */
function continuedBorderless(page: PdfPage, text: PageText, group: readonly PageTable[], previous: readonly PageTable[], s: TableSettings): Reading[] {
  const [table, ...rest] = group;
  const before = previous[previous.length - 1];
  if (!before || before.finder !== 'stream' || before.nCols <= 1) return [];
  const xs = midGapColumns(before);
  const tol = s.assembly.continuationStreamColTolerance;
  const inColumn = (x0: number, x1: number) => xs.slice(1).some((x, c) => x0 >= xs[c] - tol && x1 <= x + tol);
  const lines = text.lines.filter((l) => l.top < table.bbox[3]);
  if (lines.length === 0) return [];
  // The box holds whole the lines it takes: a description's last line, centred on a row's one
  // line, hangs below the box of the page's own reading.
  const bottom = Math.max(table.bbox[3], ...lines.map((l) => l.bottom));
  const box: BBox = [Math.min(xs[0], table.bbox[0]) - 0.5, lines[0].top - 0.5, Math.max(xs[xs.length - 1], table.bbox[2]) + 0.5, bottom + 0.5];
  if (lines.some((l) => l.segments.some((g) => g.x0 < box[0] || g.x1 > box[2]))) return [];
  const head = before.cells.filter((c) => c.row < headerRows(before)).map((c) => c.text).join('');
  if (repeats(lines[0].segments.flatMap((g) => g.runs.map((r) => r.text)).join(''), head, s.frames.headerRepeatShare)) return [];
  // Each run of the page's text, but a line's only one (a heading across columns), in one of the
  // columns; two cells' text the producer wrote as one run is cut at the column line.
  const runs = page.runs.filter((r) => containsPoint(box, centre(r.bbox)));
  const alone = (r: TextRun) => !runs.some((o) => o !== r && o.bbox[1] < r.bbox[3] && o.bbox[3] > r.bbox[1]);
  if (runs.some((r) => !alone(r) && !HOLDS_BLANK.test(r.text) && !inColumn(r.bbox[0], r.bbox[2]))) return [];
  const cut = cutAtColumns(page, box, xs);
  const read = readOnColumns(cut, box, [...xs]);
  if (!read) return [];
  const out: Reading[] = [{ finder: 'stream+continued', tables: [read, ...rest] }];
  const centred = centredRows(read, pageText(cut, DEFAULT_STREAM_SETTINGS), box[1]);
  if (centred) out.push({ finder: 'stream+continued+centred', tables: [centred, ...rest] });
  return out;
}

/** A figure that is not a year (a column head may name one: `2023年`). */
const BODY_FIGURE = /\d/u;
const YEAR_ONLY = /^(19|20)\d\d年?$/u;

/**
 * How many of a table's first rows can be its header (a header restacked over up to three
 * rows): those above its first row holding a figure that is not a year (a body row's value;
 * its name and description share many characters with the heads and the next page's rows);
 * none when the first row holds one (a page that is itself the table run on, its header not
 * repeated there).
 */
function headerRows(t: PageTable): number {
  const figureIn = (r: number) => t.cells.some((c) => c.row === r && BODY_FIGURE.test(c.text) && !YEAR_ONLY.test(c.text.trim()));
  if (figureIn(0)) return 0;
  let r = 1;
  while (r < Math.min(3, t.nRows) && !figureIn(r)) r++;
  return r;
}

/**
 * A borderless table's column lines moved to the middle of the gap between its columns' text
 * (the text of the cells of one column each): a line the page's own reading or a frame put near
 * one side of the gap (6 pt right of the names) leaves no room for a wider line of the same
 * column on the next page (a heading `社会公众或服务对象满意度` 5 pt past it).
 */
function midGapColumns(t: PageTable): number[] {
  const text = t.cells.filter((c) => c.colSpan === 1 && c.text);
  return t.colXs.map((x, i) => {
    if (i === 0 || i === t.colXs.length - 1) return x;
    const left = Math.max(...text.filter((c) => c.col === i - 1).map((c) => c.bbox[2]));
    const right = Math.min(...text.filter((c) => c.col === i).map((c) => c.bbox[0]));
    return Number.isFinite(left) && Number.isFinite(right) && left < x && x < right ? (left + right) / 2 : x;
  });
}

/** The tables with their header band restacked where that changes them, or null when it changes none. */
function withHeaders(tables: PageTable[], text: PageText): PageTable[] | null {
  let restacked = false;
  const out = tables.map((t) => {
    const boundary = headerBoundary(t);
    const r = boundary === null ? t : restackHeader(t, text, t.bbox[1] - 1, boundary);
    if (r !== t) restacked = true;
    return r;
  });
  return restacked ? out : null;
}

/**
 * Neighbouring borderless tables with the same columns, one under the other: the borderless
 * finder may have cut one table in two (the rules or the arbiter decide again).
 */
export function sameColumnGroups(tables: readonly PageTable[]): PageTable[][] {
  const groups: PageTable[][] = [];
  for (const table of tables) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (last && sameColumns(last, table)) group.push(table);
    else groups.push([table]);
  }
  return groups;
}

function sameColumns(a: PageTable, b: PageTable): boolean {
  return a.nCols === b.nCols && b.bbox[1] >= a.bbox[1] && Math.abs(a.bbox[0] - b.bbox[0]) <= 6 && Math.abs(a.bbox[2] - b.bbox[2]) <= 6;
}

export type { PageText };
