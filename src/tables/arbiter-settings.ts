// Every weight and tolerance of the arbiter (src/tables/arbiter.ts), with the reason for its
// value. Weights are in one unit: what one pair of text pieces placed against the evidence
// costs. A drawn rule is the producer saying where cells end, so it outweighs what text
// geometry suggests; geometry alone (parallel lines, centring) counts one.

export interface ArbiterSettings {
  /**
   * A horizontal rule between two vertically adjacent pieces (or a vertical rule between two
   * pieces of one line) that covers their common extent: they are in different cells. 2, because
   * a rule is drawn on purpose at a cell border and should beat one piece of text geometry (1)
   * but not two (a band of lines ruled only at its ends holds many rows: its lines give the
   * parallel evidence many times).
   */
  rule: number;
  /**
   * Two columns that both step to a new line at the same baselines: a new row (two or more columns
   * with lines on the same baselines). 1: the unit.
   */
  parallel: number;
  /**
   * No rule between two pieces where the region draws rules between its rows: they are one cell
   * (a wrapped line, a merged cell). Multiplied by the share of the region's row steps that are
   * ruled, so a three-line table (rules under the header only) gives almost nothing and a full
   * grid almost `rule`.
   */
  unruled: number;
  /**
   * No more than the line pitch between two pieces where the region parts its rows of figures by
   * their cell padding as well: they are one cell (a stacked header cell bottom-aligned beside
   * shorter ones, a wrapped row label), as `unruled` says for rules. 2 × the share of the rows of
   * figures so parted, so it outweighs the parallel steps of two stacked cells side by side (1),
   * and tables printed at one pitch throughout give nothing.
   */
  leading: number;
  /** Rows of figures are parted by padding when they stand at least this many ems further apart than the line pitch (the generator's least padding, 1 pt a side, is 0.2 em of 10 pt type); a wrapped line so far below the line above it crosses a cell border (evidence.ts markWraps). */
  leadingGapEm: number;
  /** A step is at the line pitch within this many ems (the rounding of producers' positions). */
  leadingPitchEm: number;
  /**
   * The evidence holds only where most rows of figures are so parted (half or more): a table set at
   * one pitch whose total or a group stands a blank line apart has rows at the line pitch, and
   * those are rows, not lines of one cell.
   */
  leadingMinShare: number;
  /**
   * A single line of another column whose centre sits between the two pieces' lines (off both by
   * a quarter line or more): the two are one multi-line cell, vertically centred. 1, like any
   * geometric sign.
   */
  centred: number;
  /** Share of a line's height by which such a centred line must sit off both lines. */
  centredOffset: number;
  /**
   * Wrapped text: the first word of the lower line would not have fitted at the end of the upper
   * one within their column's width, so the producer broke the line inside one cell. 1.
   */
  wrap: number;
  /** Two pieces are one column's text when their left edges or centres agree within this many ems. */
  alignEm: number;
  /**
   * Two numbers side by side on one line are never one cell (`12 345` is written without a gap
   * wider than a space; two amounts stand at least a space apart): 2, as strong as a rule.
   */
  numbers: number;
  /** Two pieces of one line are "side by side" when the gap between them is at least this many ems. */
  numberGapEm: number;
  /**
   * A row whose cells differ in height reads as one row only when they share a top, a centre or a
   * bottom (how producers place a shorter cell in a taller row); a merged cell's text likewise
   * within the rows it spans. Each cell aligned counts +1, each one that is not −1; rows whose
   * cells are all of one height say nothing.
   */
  alignment: number;
  /** Tolerance of that alignment, as a share of the line height. */
  alignTolerance: number;
  /** Vertically adjacent pieces further apart than this many line heights are not compared. */
  maxPairGap: number;
  /**
   * Two pieces one above the other that start, end or are centred at one x (within
   * `columnAlignEm`) are one column of one table, blank lines between them or not (row groups
   * parted by blank lines): a reading that puts them in different tables, or leaves one out,
   * loses 1; one that keeps them in one table gains 1.
   */
  column: number;
  columnAlignEm: number;
  /**
   * A heading centred over two or more pieces of the line below it spans their columns: a reading
   * whose cell for it covers each of their columns gains 1 per piece, one that does not loses 1.
   */
  spans: number;
  /** …pieces at least this many ems apart from each other (the words of a wrapped line stand closer). */
  spanGapEm: number;
  /**
   * …and at most this many line heights below the heading. 1.5: headings set on the next line
   * stand a line apart or less, and a rule drawn under the heading with its cell padding above
   * and below (partly ruled tables, issue 10 case 2) adds up to half a line.
   */
  spanLineGap: number;
  /**
   * A heading whose left or right edge is flush (within this many ems) with a piece right under
   * it is a line of a stacked cell, not a heading over columns. 0.15: lines of one cell set flush
   * share the edge to the glyph; a centred heading is off its first head's edge by its padding.
   */
  stackedFlushEm: number;
  /**
   * Two lines are lines of one cell only when their sizes differ by less than this share: a cell
   * is set in one size; a heading set a size or two up over its heads (1–2 pt in 8–12) is no
   * line of theirs, whichever edge it happens to share with one.
   */
  cellSizeShare: number;
  /** How far apart (line heights) such pieces may be: blank lines part groups by 1–2.5 lines, a title and its gap above the next table by more. */
  maxGroupGap: number;
}

export const DEFAULT_ARBITER: ArbiterSettings = {
  rule: 2,
  parallel: 1,
  unruled: 2,
  leading: 2,
  leadingGapEm: 0.15,
  leadingPitchEm: 0.05,
  leadingMinShare: 0.5,
  centred: 1,
  centredOffset: 0.25,
  wrap: 1,
  alignEm: 0.5,
  numbers: 2,
  numberGapEm: 0.2,
  alignment: 1,
  alignTolerance: 0.3,
  maxPairGap: 2.5,
  column: 1,
  spans: 1,
  spanGapEm: 1,
  spanLineGap: 1.5,
  stackedFlushEm: 0.15,
  cellSizeShare: 0.08,
  columnAlignEm: 0.3,
  maxGroupGap: 6,
};
