// Every tolerance of the borderless (stream) table finder, with documented defaults.
// Distances given "in ems" are multiplied by the font size of the text concerned.

export interface StreamSettings {
  /** Runs of one line closer than this many ems are one segment (the words of one cell). */
  wordGap: number;
  /** A run holding this many consecutive spaces is split there (tables laid out with spaces). */
  splitSpaces: number;
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
  /** Most consecutive full-width single-segment lines (prose) kept inside a table; more split it. */
  maxProseLines: number;
  /** A vertical gap between two lines larger than this many times the block's usual gap… */
  tableGapFactor: number;
  /** …and larger than the usual gap plus this many ems separates two tables. */
  tableGapEm: number;
  /** A header line above a table is at most this many ems further from it than the table's usual line gap (titles stand apart). */
  headerGap: number;
  /** A prose line starts within this many ems of the block's left edge (paragraph indents)… */
  proseIndent: number;
  /** …and fills at least this share of the block's width. */
  proseWidth: number;
  /** A horizontal ruling counts as a row/table hint when it covers this share of the table's width. */
  rulingCover: number;
  /** A single piece above a table set this much larger than the table's text is its title, not a header line (bold titles one or two sizes up). */
  titleSize: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  wordGap: 0.6,
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
  maxProseLines: 1,
  tableGapFactor: 2.5,
  tableGapEm: 0.8,
  headerGap: 0.5,
  proseIndent: 3,
  proseWidth: 0.6,
  rulingCover: 0.6,
  titleSize: 1.15,
};
