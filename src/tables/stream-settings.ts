// Every tolerance of the borderless (stream) table finder, with documented defaults.
// Distances given "in ems" are multiplied by the font size of the text concerned.

export interface StreamSettings {
  /** Runs of one line closer than this many ems are one segment (the words of one cell). */
  wordGap: number;
  /** A run holding this many consecutive spaces is split there (tables laid out with spaces). */
  splitSpaces: number;
  /**
   * Two figures side by side are two cells whenever this many ems or more of blank part them,
   * however narrow (issue 10 case 4: columns whose widest entries leave 0.2–0.55 em, monospace
   * figures one space apart): the digits of one figure are set without a gap (0 em), and a
   * space-grouped figure (`12 345`) is told apart by its groups of three digits, not by its gap.
   * 0.1: well below the narrowest space of a CJK font's Latin digits (~0.25 em) and well above
   * kerning.
   */
  numberGap: number;
  /**
   * A vertical rule is a drawn column boundary (hard: text is parted there, a gap the text
   * suggests inside its column is not one) when it runs through this share of a block's lines,
   * and through 3 lines or more. 0.8: a column rule of a partly ruled table runs through the
   * whole body and stops only under a spanning heading (1–3 header lines of 8–25); the sides of
   * boxes in a flow chart or a framed note run through a line or two of the text beside them.
   */
  columnRuleLines: number;
  /** A column gap is at least this many ems wide. */
  minColumnGap: number;
  /** Lines whose vertical gap exceeds this many ems belong to different blocks. */
  maxLineGap: number;
  /** A column gap may be crossed by this share of a block's lines (header cells spanning columns). */
  maxGapCrossing: number;
  /** A column must hold text in at least this many of the block's lines (else it merges with a neighbour). */
  minColumnLines: number;
  /** Fewest rows (after multi-line cells are merged) of a table. */
  minRows: number;
  /** Fewest rows of a two-column table (two short rows side by side are too weak a sign). */
  minRowsTwoCols: number;
  /** Fewest columns of a table. */
  minCols: number;
  /** Share of rows that must hold text in two or more cells. */
  minMultiCellRows: number;
  /** Fewest share of the grid's slots covered by non-empty cells (charts and scattered labels are sparse). */
  minFill: number;
  /** Column alignment is checked on columns with at least this many single-column cells… */
  alignMinCells: number;
  /** …whose left edges, right edges or centres must agree within this many ems… */
  alignTolerance: number;
  /** …for at least this share of the cells (else the "column" is gaps in prose or a figure). */
  minAlignedShare: number;
  /**
   * A column of figures only keeps one alignment (flush right, left or centred) in at least this
   * share of its rows (issue 10 case 7: a chart's values at the ends of its bars line up by chance
   * in half of them). 0.75: a figure column's odd entry (a footnoted or bracketed value set apart)
   * leaves most of it aligned.
   */
  minFigureAlignedShare: number;
  /** Most consecutive full-width single-segment lines (prose) kept inside a table; more split it. */
  maxProseLines: number;
  /** A vertical gap between two lines larger than this many times the block's usual gap… */
  tableGapFactor: number;
  /** …and larger than the usual gap plus this many ems separates two tables. */
  tableGapEm: number;
  /**
   * …unless at least this many other gaps of the block are as wide (within `rowStepEm`): then it
   * is the step between rows of wrapped cells (a cell's padding below and above the border of a
   * borderless table, 2–10 pt, while the lines inside a cell almost touch), not a break between
   * tables. 2: two tables of one block part at one gap; a table of three rows or more of
   * wrapped cells repeats its row step at least twice.
   */
  rowStepRepeats: number;
  /** Two gaps this many ems apart or less are the same step (a row step repeats to rounding). */
  rowStepEm: number;
  /** A header line above a table is at most this many ems further from it than the table's usual line gap (titles stand apart). */
  headerGap: number;
  /** A prose line starts within this many ems of the block's left edge (paragraph indents)… */
  proseIndent: number;
  /** …and fills at least this share of the block's width. */
  proseWidth: number;
  /**
   * Two-column body text (issue 10 case 3): a line of two pieces of running text, each at least
   * this many characters and this share of the block's width, in a run of two or more such lines,
   * is prose beside prose, not a row (see proseColumnLines). 12 characters: a table's text cells beside each other on one
   * line are shorter (labels of 2–10 characters) or stand beside figures; 0.3: each half of a
   * two-column page is ~0.45 of the text width, the last line of a paragraph at least a third.
   */
  proseColumnChars: number;
  /**
   * …and two-column body text is that many lines or more: a line of two long halves with the
   * lines next to it that go on in its columns (a long piece of running text inside one of them,
   * the other half short or blank). 2: a paragraph flowing down the left column into the right
   * one pairs its halves on a baseline on one line only when it is short (the left column's
   * last line stands alone), while a table's one row of two long text cells has no line of
   * running text inside its columns next to it (the rows around it are labels and figures).
   */
  proseColumnLines: number;
  /**
   * A run's blank between two CJK characters is a cell's end when a column boundary passes within
   * this many ems of it (cjk-blanks.ts; issue 10 case 4, two narrow header words in one run).
   * 1: positions inside a run are estimated from character widths, off by up to half an em;
   * Chinese sets no blank between the words of one cell.
   */
  cjkBlankEm: number;
  proseColumnWidth: number;
  /** A horizontal ruling counts as a row/table hint when it covers this share of the table's width. */
  rulingCover: number;
  /**
   * Header lines parted from the body by a blank line or a typed rule (issue 10 case 7) are read
   * with it as a candidate (header-above.ts) when they stand at most this many line heights above
   * it. 3.5: one blank line at line spacings up to 1.6 leaves ~2.7 line heights; a table's title
   * with the space around it is a single piece and never read as a header line.
   */
  headerBlankGap: number;
  /**
   * …or at most this many of the body's row pitches (the step between its lines' tops), whichever
   * is more: a table set with open line spacing (pitch 1.9–2.2 line heights) leaves more than
   * `headerBlankGap` line heights for one blank row. 3: the blank row's pitch, the padding of the
   * header row (often taller than a body row) and of the first body row, 2.3–2.4 pitches in
   * practice (issue 10 generic-details blank-after-header), with room; a title stands apart by a
   * blank line of the body text and is a single piece anyway.
   */
  headerBlankPitches: number;
  /**
   * A table whose every column holds running text is prose laid out in columns (issue 10 case 7,
   * two-column Chinese body text, where there are no word spaces to count): each column's pieces
   * are this many characters long (median) and this share of them hold a clause mark (，。；).
   * 8 characters: a table's labels are 2–8 characters, the lines of a two-column page 12–25 and a
   * paragraph's last line rarely fewer than 8 in the median; 0.5: half the lines of running text
   * hold a comma or a full stop, a column of labels or names almost none.
   */
  proseCellChars: number;
  proseCellShare: number;
  /**
   * Lines reaching into the box of the line above by at most this share of their height are set
   * tight (glyph boxes taller than the line pitch: a 9 pt CJK face's 12.9 pt boxes at a 12.3 pt
   * pitch overlap by 0.05), a gap of 0 when the usual gap between rows is measured. 0.1: a value
   * centred against a two-line label overlaps each of its lines by a fifth or more. Rows reaching
   * further into each other are one printed row when a table is tested for rows of several cells.
   */
  tightOverlap: number;
  /** A single piece above a table set this much larger than the table's text is its title, not a header line (bold titles one or two sizes up). */
  titleSize: number;
  /**
   * A piece whose centre lies within this share of the table's width of the table's centre is
   * centred over the whole table (a title set larger than the body). 0.1: a title centred on a
   * table sits within a few per cent of its centre as the columns are found from the gaps; a
   * heading over the figures' columns only stands off it by half the stub's width.
   */
  centredShare: number;
  /**
   * A line goes on with the row above it when the gap between them is at most the table's small
   * gap (the 20th percentile of its line gaps: the gap between a cell's wrapped lines) plus this
   * many ems. 0.35: a cell's lines stand a line pitch apart, give or take a glyph box's rounding;
   * rows parted by padding stand half a line or more further.
   */
  continuationGapEm: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  wordGap: 0.6,
  numberGap: 0.1,
  columnRuleLines: 0.8,
  splitSpaces: 2,
  minColumnGap: 0.6,
  maxLineGap: 2.2,
  maxGapCrossing: 0.15,
  minColumnLines: 2,
  minRows: 2,
  minRowsTwoCols: 3,
  minCols: 2,
  minMultiCellRows: 0.4,
  minFill: 0.4,
  alignMinCells: 2,
  alignTolerance: 0.25,
  minAlignedShare: 0.5,
  minFigureAlignedShare: 0.75,
  maxProseLines: 1,
  tableGapFactor: 2.5,
  tableGapEm: 0.8,
  rowStepRepeats: 2,
  rowStepEm: 0.25,
  headerGap: 0.5,
  proseIndent: 3,
  proseWidth: 0.6,
  rulingCover: 0.6,
  proseColumnChars: 12,
  proseColumnLines: 2,
  cjkBlankEm: 1,
  proseColumnWidth: 0.3,
  titleSize: 1.15,
  centredShare: 0.1,
  continuationGapEm: 0.35,
  tightOverlap: 0.1,
  headerBlankGap: 3.5,
  headerBlankPitches: 3,
  proseCellChars: 8,
  proseCellShare: 0.5,
};
