// Every randomness range of the generator, in one place, with the reason for its value.
// Families read these instead of writing their own numbers, so widening a range (to find
// where a finder breaks) is a one-line change here.

export const GENERATOR = {
  page: {
    /** A4 in points; every form and notice we have seen is A4. */
    a4: { width: 595.28, height: 841.89 },
    /** Margins of 公文 (GB/T 9704: 37 mm top, 28 mm left) down to tight exports (~14 mm). */
    margin: [40, 105] as [number, number],
    /** Share of landscape pages: wide forms (自评表, 10-column 序号 tables) are often printed landscape. */
    landscapeShare: 0.25,
  },
  table: {
    /** The range: 7.5 pt (dense statistics) to 12 pt (小四 in Word forms). */
    fontSize: [7.5, 12] as [number, number],
    /** Header text is the body size or up to 1.5 pt larger. */
    headerExtra: [0, 1.5] as [number, number],
    /** Single spacing in PDF exports is ~1.15–1.25 em; Word forms go to 1.6. */
    lineSpacing: [1.15, 1.6] as [number, number],
    /** Cell padding: 1.5 pt (tight exports) to 6 pt (Word's default 5.4 pt plus). */
    padX: [1.5, 6] as [number, number],
    padY: [1, 5] as [number, number],
    /** Hairline 0.25 pt to 1 pt rules; the 三线表's outer rules are 1–1.5 pt. */
    ruleWidth: [0.25, 1] as [number, number],
    thickRuleWidth: [1, 1.5] as [number, number],
    /** Blank lines parting row groups: the issue measured 4–9× the row gap, i.e. ~1–2.5 line heights. */
    blankLines: [1, 2.5] as [number, number],
    /** Tables take 70–100% of the text width. */
    widthShare: [0.7, 1] as [number, number],
    /** Grey of cell fills: light enough to print text on. */
    fillGray: [0.78, 0.93] as [number, number],
  },
  text: {
    /** Body text of notices: 三号 16 pt in 公文, 10.5–12 pt in attachments and statistics. */
    bodySize: [9, 16] as [number, number],
    titleSize: [14, 22] as [number, number],
    /** Column gutter of two-column prose: 12–30 pt. */
    gutter: [12, 30] as [number, number],
  },
  generic: {
    /** Case 1 of the issue: 2–6 row groups, 4–10 number columns, 8–9.5 pt. */
    groups: [2, 6] as [number, number],
    groupRows: [1, 6] as [number, number],
    numberCols: [4, 10] as [number, number],
    denseFont: [8, 9.5] as [number, number],
    /** Case 2: 8–25 body rows under a two-level header, 2–3 ruled groups. */
    partlyRows: [8, 25] as [number, number],
    partlyGroups: [2, 3] as [number, number],
  },
  indicators: {
    /** Indicator rows per 二级 group: real forms hold 1–4. */
    rowsPerLevel2: [1, 4] as [number, number],
    /** 二级 groups per 一级: the national vocabulary has 1–4. */
    level2PerLevel1: [1, 4] as [number, number],
    /** Tables per notice attachment (the seed notice has 13 categories). */
    tablesPerNotice: [1, 4] as [number, number],
    /** Projects (sheets) per real workbook: 13–20 in the 松岗 exports. */
    sheetsPerWorkbook: [2, 20] as [number, number],
  },
} as const;

export type GeneratorSettings = typeof GENERATOR;
