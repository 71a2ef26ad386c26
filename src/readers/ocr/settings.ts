// Every threshold of the OCR stage, with the reason for its value. Values marked "PaddleOCR"
// are the defaults its DB/CTC post-processing ships with; the others were chosen on the scan
// twins of samples/pdf (scripts/samples/scan-twins.ts) and checked on the real book scan.
export const OCR_SETTINGS = {
  raster: {
    /** Coarser scans are upsampled to this: below it 10.5 pt table text is under ~20 px high. */
    minDpi: 150,
    /** Finer scans are downsampled to this: the models gain nothing above it, and time grows with the square. */
    maxDpi: 300,
  },
  detection: {
    /** Detector input as a share of a 200-dpi raster (text of 10.5 pt stays ~22 px high, what the DB model reads best). */
    targetDpi: 150,
    /** PaddleOCR: a map pixel is text above this probability. */
    binaryThreshold: 0.3,
    /** PaddleOCR: a region is kept when its mean probability is at least this. */
    boxThreshold: 0.6,
    /** PaddleOCR: DB shrinks text regions by this ratio in training; the boxes are grown back by it. */
    unclipRatio: 1.5,
    /** PaddleOCR: regions thinner than this (map pixels) are noise. */
    minSide: 3,
  },
  recognition: {
    /** PP-OCRv4's recogniser input height. */
    height: 48,
    /** Widest crop, pixels at height 48 (a 60-character line); wider boxes are cut into pieces. */
    maxWidth: 2880,
    /** Crops per inference call: batches of similar widths waste little padding. */
    batch: 8,
    /**
     * Margin kept above and below a line's ink in the crop the recogniser reads, as a share of
     * the ink's height (crop.ts). Chosen on xiangfuban-2024-40's 200-dpi twins: 0.05–0.12 read
     * lone unit cells (篇) the detector's taller box read as nothing, 0.2 loses them again.
     */
    cropMargin: 0.12,
    /** A character dropped between two read ones (recognize.ts markLostCharacters). */
    lostCharacter: {
      /** Steps from a read character's peak within which its own spread probability lies (a character covers ~4 steps; its peak is one). */
      clearSteps: 2,
      /** Steps searched before the first and after the last character (a character lost at either end of the line). */
      edgeSteps: 4,
      /** Probability left off the blank at a step away from every read character: 0.09–0.55 where 缮 was dropped (the seed notice's twins); between clean characters < 0.05. */
      minMass: 0.05,
      /** Probability given to the character after such a gap: under the review threshold (0.8), so the row is flagged. */
      lostConfidence: 0.5,
    },
    /** Probability of the digit at a lone (or digit-flanked) o/O/l/I's step above which it is the digit (0.45–0.5 where a lone 0 was read o). */
    minDigitProbability: 0.2,
    /** A dash read beside Han text that is 一 (recognize.ts hanDashes). */
    hanDash: {
      /** Steps between two dashes read on one stroke (a character is ~5 steps wide at height 48). */
      sameStrokeSteps: 3,
      /** Steps to the Han character beside it: one character pitch and a little (~5–6 steps). */
      neighbourSteps: 8,
      /** Probability the recogniser gives 一 at the dash's step: 0.19 where 一级 was read —-级; a real dash between digits gives it ~0. */
      minOneProbability: 0.05,
    },
    /** Runs below this recogniser confidence are dropped as noise (specks read as `一` or `.`). */
    minConfidence: 0.5,
  },
  rulings: {
    /**
     * A horizontal rule is a dark run at least this long, inches: longer than a line of four
     * Chinese characters of 10.5 pt, whose strokes at one height can look like a rule (table
     * rules run across several columns, so they are far longer).
     */
    horizontalMinLengthIn: 0.8,
    /** A vertical rule at least this long, inches: taller than a character (one table row is ~0.25 in). */
    verticalMinLengthIn: 0.2,
    /** Gaps up to this, pixels, inside a line (broken or dashed rules, noise) are bridged. */
    maxGapPx: 4,
    /** Share of a rule's length that must be ink (the rest is bridged gaps); a row through text has far less. */
    minFill: 0.85,
    /** Thickest ruling, inches (≈ 2 pt; a filled bar thicker than that is not a rule). */
    maxThicknessIn: 0.03,
  },
  cells: {
    /** A vertical rule belongs to the grid when it ends on (or crosses) a horizontal one within this, inches (residual skew, a rule's thickness). */
    joinReachIn: 0.04,
    /** A piece of a line box cut at a rule narrower than this, inches, is the unclip margin run over the rule, not text (half a 10.5-pt character is 0.07 in). */
    minPieceIn: 0.05,
    /** Two boxes are one line when they share this much of the lower one's height. */
    sameLineShare: 0.5,
  },
  skew: {
    /** Largest skew searched, degrees (hand-fed scans; beyond it a page is turned, not skewed). */
    maxDegrees: 3,
    /** First search step, degrees: under the width of a long rule's profile peak (~0.1°). */
    coarseStepDegrees: 0.08,
    /** Fine search step, degrees. */
    stepDegrees: 0.02,
    /** Smaller skews are left alone: a line drifts < 3 px across an A4 page at 200 dpi, and resampling blurs a bilevel scan. */
    minCorrectDegrees: 0.1,
  },
  rotation: {
    /** Share of text boxes taller than wide above which the page is read turned by 90°. */
    tallShare: 0.6,
    /** Text lines sampled for the 180° classifier. */
    sample: 24,
  },
} as const;
