// Resource limits for hostile input (README "Limits"). Every limit has a default and an
// environment variable, read when a document is extracted (worker threads inherit the
// environment, so `ZHIBIAO_MAX_PAGES=50 zhibiao extract …` applies to the whole batch).

export interface InputLimits {
  /** Largest input file read at all, bytes (`ZHIBIAO_MAX_FILE_MB`). */
  maxFileBytes: number;
  /** Most entries in a DOCX/XLSX archive (`ZHIBIAO_MAX_ZIP_ENTRIES`). */
  maxZipEntries: number;
  /** Largest total of a DOCX/XLSX archive's uncompressed entries, bytes (`ZHIBIAO_MAX_UNZIPPED_MB`). */
  maxUnzippedBytes: number;
  /** Highest compression ratio of one entry of at least 1 MiB uncompressed (`ZHIBIAO_MAX_ZIP_RATIO`). */
  maxZipRatio: number;
  /** Most pages of a PDF (`ZHIBIAO_MAX_PAGES`). */
  maxPages: number;
  /** Largest decoded size of one PDF stream, bytes (`ZHIBIAO_MAX_PDF_STREAM_MB`): pdfjs holds it in one buffer outside the heap limit. */
  maxPdfStreamBytes: number;
  /** Most pixels of one image of a scanned page, and of the page raster OCR reads (`ZHIBIAO_MAX_IMAGE_MPIX`): decoded images live outside the heap limit. */
  maxImagePixels: number;
  /** Rows read per sheet; rows past it are cut with a warning (`ZHIBIAO_MAX_SHEET_ROWS`). */
  maxSheetRows: number;
  /** Columns read per sheet (`ZHIBIAO_MAX_SHEET_COLS`). */
  maxSheetCols: number;
  /** Most cells (rows × columns read) of a whole workbook (`ZHIBIAO_MAX_CELLS`). */
  maxCells: number;
}

export const MIB = 1024 * 1024;

/** Ratios below this entry size are not judged: small XML parts compress very well. */
export const RATIO_MIN_BYTES = MIB;

export const DEFAULT_LIMITS: InputLimits = {
  maxFileBytes: 200 * MIB,
  maxZipEntries: 10_000,
  maxUnzippedBytes: 200 * MIB,
  maxZipRatio: 100,
  maxPages: 2_000,
  maxPdfStreamBytes: 256 * MIB,
  // An A4 page at 600 dpi is 35 MP; 60 MP of RGBA is 240 MB outside the heap.
  maxImagePixels: 60_000_000,
  maxSheetRows: 100_000,
  maxSheetCols: 200,
  maxCells: 2_000_000,
};

const ENV: Record<keyof InputLimits, [name: string, scale: number]> = {
  maxFileBytes: ['ZHIBIAO_MAX_FILE_MB', MIB],
  maxZipEntries: ['ZHIBIAO_MAX_ZIP_ENTRIES', 1],
  maxUnzippedBytes: ['ZHIBIAO_MAX_UNZIPPED_MB', MIB],
  maxZipRatio: ['ZHIBIAO_MAX_ZIP_RATIO', 1],
  maxPages: ['ZHIBIAO_MAX_PAGES', 1],
  maxPdfStreamBytes: ['ZHIBIAO_MAX_PDF_STREAM_MB', MIB],
  maxImagePixels: ['ZHIBIAO_MAX_IMAGE_MPIX', 1_000_000],
  maxSheetRows: ['ZHIBIAO_MAX_SHEET_ROWS', 1],
  maxSheetCols: ['ZHIBIAO_MAX_SHEET_COLS', 1],
  maxCells: ['ZHIBIAO_MAX_CELLS', 1],
};

/** The defaults, overridden by positive numbers in the environment (others are ignored). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): InputLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV) as (keyof InputLimits)[]) {
    const [name, scale] = ENV[key];
    const value = Number(env[name]);
    if (env[name] !== undefined && Number.isFinite(value) && value > 0) limits[key] = Math.floor(value * scale);
  }
  return limits;
}

/** Environment variable names of the limits, for the README and error messages. */
export function limitVariable(key: keyof InputLimits): string {
  return ENV[key][0];
}
