// Every tolerance the PDF table finders use, in one place, with documented defaults.
// All distances are PDF points (1/72 inch) in top-left page coordinates.

export interface LatticeSettings {
  /** Parallel edges whose positions differ by at most this are snapped to their average. */
  snapTolerance: number;
  /** Collinear edges with a gap of at most this are joined into one. */
  joinTolerance: number;
  /** A horizontal and a vertical edge meet when they come within this of each other. */
  intersectionTolerance: number;
  /** Edges shorter than this after joining are dropped (dots, dash pieces that stayed apart). */
  edgeMinLength: number;
  /** Grid lines closer than this are one line (double borders, thick rules drawn as two); no text row is this thin. */
  minCellSize: number;
  /** A ruling separates two adjacent grid slots when it covers at least this share of their common side. */
  separatorCoverage: number;
  /** Tables with fewer cells than this are not tables (a boxed paragraph has one). */
  minCells: number;
  /**
   * Close open sides: when the horizontal rules of a table run on past its outermost vertical
   * rule by at least `minCellSize` and end aligned, a virtual border is added at their end
   * (tables drawn without outer side borders); likewise for the top and bottom.
   */
  closeOpenSides: boolean;
  /**
   * Split a cell spanning several grid columns at the column lines none of its text crosses,
   * when text then stands in two or more pieces (bodies ruled only horizontally).
   */
  splitUnderRuled: boolean;
  /**
   * A column line with two runs of one visual line abutting across it (gap below this many ems)
   * is crossed by their text, though no run straddles it: renderers emit a line's glyphs in
   * pieces (LibreOffice ends one at `环节改`, the next starts `善` right at the line). Text set in
   * two columns stands two cell paddings apart, a word space ≥ 0.25 em.
   */
  splitAbutGapEm: number;
}

export interface TextSettings {
  /** Two runs of one visual line get a space between them when the gap is at least this many ems and both sides are Latin/digits. */
  wordGapEm: number;
  /** Two runs are on one visual line when their vertical overlap is at least this share of the smaller run's height. */
  lineOverlap: number;
  /**
   * A run lying across a ruled cell's top or bottom goes to the cell across the rule when it
   * stands from that cell's text at the line pitch of that text, within this share of its height
   * (the next line of one wrapped cell), and its own cell's text is further: a cell's text taller
   * than its row overflows past the rule. 0.15: lines of one cell step evenly to the rounding of
   * positions; lines of two cells overflowing towards each other stand closer than a pitch.
   */
  overflowPitchTolerance: number;
  /**
   * …when at least this share of its height lies across the rule. 0.25: a line set tight in its
   * cell may reach past the rule by its box's leading (under a tenth of its height); a line
   * overflowing a cell taller than its row stands up to half across it.
   */
  overflowShare: number;
  /** A run that crosses a column boundary by at least this share of an em on both sides is split there. */
  splitRunEm: number;
  /**
   * A run of dots (`........`) is a dot leader, dropped, when it starts within this many ems of
   * the end of a label on its line (issue 10 case 7). 0.6: producers leave a space or half an em
   * before the leader; a placeholder `.....` in the next column stands a column gap away, which
   * the stream finder puts at 0.6 em or more (StreamSettings.minColumnGap).
   */
  leaderGapEm: number;
}

export interface AssemblySettings {
  /** Most lines kept as a table's captions. */
  maxCaptionLines: number;
  /** A caption line further above its table than this is not a caption (points). */
  captionMaxGap: number;
  /** Column boundaries of two page fragments match when within this (points). */
  continuationColTolerance: number;
  /** The same for two borderless fragments, whose column lines come from text alignment. */
  continuationStreamColTolerance: number;
  /** Top/bottom page margins (share of page height) where only headers/footers may stand between a table and the page edge. */
  marginShare: number;
  /** A line repeated at the top of every page is a title, not a running head, when set this much larger than the text: running heads are set at the text size or smaller, and the smallest step up between 号 sizes is 1.14× (五号 10.5 → 小四 12; 小四 → 四号 is 1.17×, a 四号 title over 小四 form text). */
  titleSizeRatio: number;
  /**
   * A first row of a page fragment that leaves empty its key, the leftmost column holding text
   * of its own in at least this share of the rows (the names), while the row above the break has
   * text there, is the lower part of that row cut by the break (page-cuts.ts). Names fill
   * every body row; header rows, merged level cells and blank carry-forward leave some empty:
   * 0.8 keeps a two-row header over a table of ten rows in, and columns of merged or carried
   * levels (one own cell per group of rows) out.
   */
  cutRowOwnTextShare: number;
  /**
   * The cells of a row cut by the break run to the break: each one's last line is at most this
   * many line heights above the lowest line of the row there. A cell whose text fitted, centred
   * or top-aligned beside a taller one, ends 0.7 line heights or more above it.
   */
  cutRowFootGap: number;
  /**
   * A name cut by the break itself (`就业见习服务对象满` / `意度`) goes on below only when its last
   * line above ends at most this many line heights short of the cell's right side: a wrapped
   * line leaves less than the character that did not fit plus the padding (≈ 1.3 em); a short
   * name in a row of its own leaves more.
   */
  cutRowFullLineSlack: number;
  /**
   * In a borderless table, where no drawn side shows how far a line could run, a name cut by
   * the break goes on below only when its last line above ends at most this many line heights
   * short of the right end of its column's widest line: a wrapped line leaves less than the
   * character that did not fit (≈ 0.9 line heights at CJK line spacing); a short name ends further.
   */
  cutRowTextEdgeSlack: number;
  /**
   * The rest of a cell cut by the break is set as its lines above are: its first line starts
   * (or, centred, has its centre) at most this many line heights from where the last line above
   * does. The lines of one cell line up to rounding; an out-dented label row stands a character
   * or an indent (≥ 0.5 line heights) apart.
   */
  cutRowAlignSlack: number;
  /**
   * A line under a table's last row is the overflow of a merged cell cut by the page break
   * (page-cuts.ts) when at most this many of its own heights below: the text centred on the
   * break hangs half a line or so past the rule; a caption or note stands a blank line or more below.
   */
  overflowLineGap: number;
}

/** The ruled-rows reading (ruled-rows.ts): rows from horizontal rules, columns from text. */
export interface RuledRowsSettings {
  /** Fewest full-width rules: top, bottom and at least one between rows (fewer bound no row). */
  minRules: number;
  /** Share of the region's width a rule must cover to bound a band (rules under a spanning header cell are shorter). */
  fullWidth: number;
  /** Bands thinner than this (points) are a double rule: they hold no text and join what is above and below. */
  thinBand: number;
  /** Points above and below the borderless tables searched for rules: header rows the borderless reading left out as captions (three header lines). */
  slack: number;
}

/** Regions framed by long horizontal rules of one extent (frames.ts). */
export interface FrameSettings {
  /** A frame rule spans at least this share of the page width (a table's top rule; a rule under one header cell is shorter). */
  minWidthShare: number;
  /** Rules whose two ends agree within this many points are one frame's rules (a 1.5 pt thick rule and a hairline end a little apart). */
  extentTolerance: number;
  /**
   * A frame of two rules (a header's top rule and the one under it) runs on below them through
   * the lines that follow within its extent, each at most this many ems below the one above: 2,
   * the blank of a row's cell padding and a wrapped neighbour's centring (about a line) with room
   * to spare, less than the gap above a caption or the body text after a table (a blank line and more).
   */
  openBodyGap: number;
  /**
   * …and across a blank of up to this many ems where the lines after it go on in the columns of
   * those above (two pieces of one line ending or starting where pieces above do): row groups
   * parted by blank lines (issue 10 case 1), 1–2.5 lines of 1.2–1.6 em plus their padding, so 5;
   * body text after the table keeps no column edges.
   */
  openGroupGap: number;
  /**
   * A body cell the text's columns read across two columns or more is a heading centred over
   * them when its text's centre lies within this many ems of theirs (readings.ts
   * bodyFillsColumns); a name run on from a narrow 序号 column into the next starts at the
   * left of the span, many ems off its centre. 1: a centred line is off by rounding only.
   */
  centredSpanEm: number;
  /**
   * A band of one piece between two rules is a label row of the table (label-bands.ts) only when
   * at most this many times as tall as the table's thinnest band of two pieces or more (a row of
   * one line): 1.5, a label is one line with a row's padding; a caption or a paragraph between
   * two tables set off by a blank line is taller.
   */
  labelRowShare: number;
  /**
   * The band after a one-piece band repeats the table's first band (a header again: the piece
   * was a caption opening a new table) when this share of its characters or more are the first
   * band's. 0.8: a header cut at a page foot holds a part of the header's characters, a body
   * row's figures and names are not among them.
   */
  headerRepeatShare: number;
}

/** Row labels printed left of a grid that encloses only the figures (outside-labels.ts). */
export interface OutsideLabelSettings {
  /** Share of the grid's rows that must have a label beside them. */
  minRowShare: number;
  /** The labels' left (or right) edges agree within this many ems. */
  alignEm: number;
}

/** Body text in a column beside a table (issue 10 case 3), taken off the page before the finders run (prose-columns.ts). */
export interface ProseColumnSettings {
  /**
   * Fewest lines of the column, two of them or more full ones (each `lineChars` characters or
   * more, ending at the column's right edge), the others paragraphs' short last lines. 3: two
   * paragraphs of two lines make a column; a wrapped cell of two lines beside its row does not.
   */
  minLines: number;
  /** A full line holds at least this many characters (a table's labels hold 2–10). */
  lineChars: number;
  /**
   * The column is at least this share of the page's text width. 0.4: each half of a two-column
   * page is ~0.45–0.48 of it; a table's description column is most often a third or less.
   */
  widthShare: number;
  /** Justified lines end within this many ems of each other; paragraph indents are at most `indentEm`. */
  edgeEm: number;
  indentEm: number;
  /**
   * Consecutive lines step down by one pitch (or two: a blank line between paragraphs) within
   * this many ems. 0.15: a producer places body lines at a fixed leading; a table's wrapped text
   * column steps by its line pitch inside a cell but by pitch + the row padding across rows.
   */
  pitchEm: number;
  /**
   * At most this share of the column's lines stand on a baseline (within `pitchEm`) of text
   * outside it. 0.5: a table's text column shares the first line of each cell with its row
   * (top-aligned) or its centre line (centred); body text beside a table keeps its own leading.
   */
  sharedBaselines: number;
}

export interface TableSettings {
  lattice: LatticeSettings;
  outsideLabels: OutsideLabelSettings;
  ruledRows: RuledRowsSettings;
  frames: FrameSettings;
  text: TextSettings;
  assembly: AssemblySettings;
  /** Body text in a column beside a table, taken off the page before the finders run (prose-columns.ts). */
  proseColumns: ProseColumnSettings;
}

export const DEFAULT_SETTINGS: TableSettings = {
  lattice: {
    snapTolerance: 3,
    joinTolerance: 3,
    intersectionTolerance: 3,
    edgeMinLength: 3,
    minCellSize: 4.5,
    separatorCoverage: 0.5,
    minCells: 2,
    closeOpenSides: true,
    splitUnderRuled: true,
    // 0.15 em: glyph pieces of one word abut (0–0.05 em); a word space is ≥ 0.25 em.
    splitAbutGapEm: 0.15,
  },
  outsideLabels: {
    // 0.6: a header row or a blank row may have no label; prose beside a grid does not keep to its rows.
    minRowShare: 0.6,
    // 0.5: a stub column is set flush left (or right); half an em absorbs glyph side bearings.
    alignEm: 0.5,
  },
  frames: {
    minWidthShare: 0.3,
    extentTolerance: 6,
    openBodyGap: 2,
    openGroupGap: 5,
    centredSpanEm: 1,
    labelRowShare: 1.5,
    headerRepeatShare: 0.8,
  },
  ruledRows: {
    minRules: 3,
    fullWidth: 0.9,
    thinBand: 4,
    slack: 40,
  },
  text: {
    wordGapEm: 0.15,
    lineOverlap: 0.5,
    overflowPitchTolerance: 0.15,
    overflowShare: 0.25,
    splitRunEm: 0.4,
    leaderGapEm: 0.6,
  },
  assembly: {
    maxCaptionLines: 4,
    captionMaxGap: 120,
    continuationColTolerance: 4,
    continuationStreamColTolerance: 6,
    marginShare: 0.12,
    titleSizeRatio: 1.1,
    cutRowOwnTextShare: 0.8,
    cutRowFootGap: 0.5,
    cutRowFullLineSlack: 1.5,
    cutRowTextEdgeSlack: 0.8,
    cutRowAlignSlack: 0.25,
    overflowLineGap: 1.5,
  },
  proseColumns: {
    minLines: 3,
    lineChars: 12,
    widthShare: 0.4,
    edgeEm: 1,
    indentEm: 2.5,
    pitchEm: 0.15,
    sharedBaselines: 0.5,
  },
};

export type PartialSettings = { [K in keyof TableSettings]?: Partial<TableSettings[K]> };

/** Defaults overridden by whatever `partial` sets. */
export function resolveSettings(partial: PartialSettings = {}): TableSettings {
  return {
    lattice: { ...DEFAULT_SETTINGS.lattice, ...partial.lattice },
    ruledRows: { ...DEFAULT_SETTINGS.ruledRows, ...partial.ruledRows },
    outsideLabels: { ...DEFAULT_SETTINGS.outsideLabels, ...partial.outsideLabels },
    frames: { ...DEFAULT_SETTINGS.frames, ...partial.frames },
    text: { ...DEFAULT_SETTINGS.text, ...partial.text },
    assembly: { ...DEFAULT_SETTINGS.assembly, ...partial.assembly },
    proseColumns: { ...DEFAULT_SETTINGS.proseColumns, ...partial.proseColumns },
  };
}
