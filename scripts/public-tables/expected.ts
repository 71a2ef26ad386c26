// Reads ../shared/bench/public-tables/expected.jsonl: what the test suites of camelot and
// tabula-java assert about their own output on these PDFs (see that folder's README: the peers'
// reviewed output, not an independent truth).

import { readFileSync } from 'node:fs';

/** What a `checks` record asserts instead of (or besides) full rows. */
export interface Checks {
  n_tables?: number;
  n_tables_min?: number;
  shape?: [number, number];
  /** [row, col, text], 0-based; -1 = last. */
  cells?: [number, number, string][];
  row?: [number, string[]];
  isTabular?: boolean;
  tables_sorted_by_top?: boolean;
  warning?: string;
  text_absent?: string[];
  rows_containing?: string;
  min_rows?: number;
  each_row_text_matches?: string;
  xfail?: boolean;
}

export type PeerMethod = 'lattice' | 'stream' | 'hybrid' | 'network' | 'auto';

export interface ExpectedRecord {
  file: string;
  /** 1-based page numbers the peer was asked to read. */
  pages: number[];
  source: string;
  method: PeerMethod;
  options: Record<string, unknown>;
  tableIndex: number | null;
  rows?: string[][];
  checks?: Checks;
  /** Line number in expected.jsonl (1-based), to name a record. */
  line: number;
}

export function loadExpected(path: string): ExpectedRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      const raw = JSON.parse(text) as Record<string, unknown>;
      return {
        file: String(raw.file),
        pages: String(raw.pages).split(',').map(Number),
        source: String(raw.source),
        method: raw.method as PeerMethod,
        options: (raw.options ?? {}) as Record<string, unknown>,
        tableIndex: raw.table_index === null || raw.table_index === undefined ? null : Number(raw.table_index),
        rows: raw.rows as string[][] | undefined,
        checks: raw.checks as Checks | undefined,
        line,
      };
    });
}

/** Ruled (lattice) or borderless (stream-like: camelot stream, network and hybrid, tabula basic). */
export function methodGroup(method: PeerMethod): 'ruled' | 'borderless' | 'auto' {
  if (method === 'lattice') return 'ruled';
  return method === 'auto' ? 'auto' : 'borderless';
}

/** [x0, top, x1, bottom], top-left origin, PDF points — the frame of our PageTable boxes. */
export type Area = [number, number, number, number];

/**
 * The page areas a record's peer was told to read, in our frame, or null for the whole page.
 * tabula `area` is [top, left, bottom, right] from the top-left corner; `area_percent` the same in
 * per cent of the page; camelot `table_areas` / `table_regions` are "x1,y1,x2,y2" (left-top and
 * right-bottom corners, origin bottom-left).
 */
export function recordAreas(options: Record<string, unknown>, pageWidth: number, pageHeight: number): Area[] | null {
  const area = options.area as number[] | undefined;
  if (Array.isArray(area) && area.length === 4) return [[area[1], area[0], area[3], area[2]]];
  const percent = options.area_percent as number[][] | undefined;
  if (Array.isArray(percent)) {
    return percent.map(([t, l, b, r]) => [(l / 100) * pageWidth, (t / 100) * pageHeight, (r / 100) * pageWidth, (b / 100) * pageHeight]);
  }
  const camelot = (options.table_areas ?? options.table_regions) as string[] | undefined;
  if (Array.isArray(camelot)) {
    return camelot.map((s) => {
      const [x1, y1, x2, y2] = s.split(',').map(Number);
      return [Math.min(x1, x2), pageHeight - Math.max(y1, y2), Math.max(x1, x2), pageHeight - Math.min(y1, y2)];
    });
  }
  return null;
}

/** A record that cannot be read without options zhibiao does not take (a password). */
export function needsPassword(record: ExpectedRecord): boolean {
  return typeof record.options.password === 'string' || /--password|-s \S+/u.test(String(record.options.cli ?? ''));
}
