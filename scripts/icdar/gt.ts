// Reads the ICDAR 2013 ground truth: NAME-str.xml (table structure) and NAME-reg.xml
// (table regions). Each <table> of this data set has exactly one <region>, so a ground-truth
// table here is one region on one page.

import { existsSync, readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Parser } from 'htmlparser2';
import type { ScoreCell, ScoreTable } from './adjacency.ts';

/** A box in the ground truth's frame: PDF points, origin bottom-left: [x1, y1, x2, y2] with y1 < y2. */
export type GtBox = [number, number, number, number];

export interface GtDocument {
  /** File stem of the -str.xml, e.g. `eu-009b`. */
  name: string;
  /** Absolute path of the PDF the ground truth describes. */
  pdfPath: string;
  tables: ScoreTable[];
}

interface RawElement {
  name: string;
  attrs: Record<string, string>;
}

/** Calls `onOpen` for every element and `onText` with the text of every <content>. */
function walkXml(xml: string, onOpen: (el: RawElement) => void, onClose: (name: string, content: string) => void): void {
  let content = '';
  let inContent = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'content') {
          inContent = true;
          content = '';
        }
        onOpen({ name, attrs });
      },
      ontext(text) {
        if (inContent) content += text;
      },
      onclosetag(name) {
        if (name === 'content') inContent = false;
        onClose(name, content);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

function num(value: string | undefined, fallback = NaN): number {
  return value === undefined ? fallback : Number(value);
}

/** The structure file: tables → region (page) → cells. Bounding boxes are the union of cell boxes. */
export function parseStructureXml(xml: string): { filename: string | null; tables: (ScoreTable & { id: string })[] } {
  const tables: (ScoreTable & { id: string })[] = [];
  let filename: string | null = null;
  let table: (ScoreTable & { id: string }) | null = null;
  let cell: (ScoreCell & { box?: GtBox }) | null = null;
  walkXml(
    xml,
    (el) => {
      if (el.name === 'document') filename = el.attrs.filename ?? null;
      else if (el.name === 'table') table = { id: el.attrs.id ?? String(tables.length + 1), page: 0, bbox: [0, 0, 0, 0], cells: [] };
      else if (el.name === 'region' && table) table.page = num(el.attrs.page, 1);
      else if (el.name === 'cell' && table) {
        const row = num(el.attrs['start-row']);
        const col = num(el.attrs['start-col']);
        const endRow = num(el.attrs['end-row'], row);
        const endCol = num(el.attrs['end-col'], col);
        cell = { row, col, rowSpan: endRow - row + 1, colSpan: endCol - col + 1, text: '' };
      } else if (el.name === 'bounding-box' && cell) {
        const a = el.attrs;
        cell.box = [num(a.x1), num(a.y1), num(a.x2), num(a.y2)];
      }
    },
    (name, content) => {
      if (name === 'content' && cell) cell.text = content;
      else if (name === 'cell' && cell && table) {
        const { box, ...plain } = cell;
        table.cells.push(plain);
        if (box) table.bbox = table.cells.length === 1 ? box : unionBox(table.bbox, box);
        cell = null;
      } else if (name === 'table' && table) {
        tables.push(table);
        table = null;
      }
    },
  );
  return { filename, tables };
}

/** The region file: table id → (page, bounding box). */
export function parseRegionXml(xml: string): Map<string, { page: number; bbox: GtBox }> {
  const regions = new Map<string, { page: number; bbox: GtBox }>();
  let tableId: string | null = null;
  let page = 1;
  walkXml(
    xml,
    (el) => {
      if (el.name === 'table') tableId = el.attrs.id ?? String(regions.size + 1);
      else if (el.name === 'region') page = num(el.attrs.page, 1);
      else if (el.name === 'bounding-box' && tableId !== null && !regions.has(tableId)) {
        const a = el.attrs;
        regions.set(tableId, { page, bbox: [num(a.x1), num(a.y1), num(a.x2), num(a.y2)] });
      }
    },
    () => {},
  );
  return regions;
}

function unionBox(a: GtBox, b: GtBox): GtBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * The PDF a structure file describes: NAME.pdf when it exists, else the one named by
 * `<document filename="bm_eu-009-str.xml">` (eu-009.pdf, or the first eu-009*.pdf).
 */
function pdfFor(dir: string, name: string, filename: string | null): string | null {
  const own = join(dir, `${name}.pdf`);
  if (existsSync(own)) return own;
  if (!filename) return null;
  const stem = basename(filename).replace(/^bm_/, '').replace(/-(str|reg)\.xml$/, '');
  const exact = join(dir, `${stem}.pdf`);
  if (existsSync(exact)) return exact;
  const candidate = readdirSync(dir).filter((f) => f.startsWith(stem) && f.endsWith('.pdf')).sort()[0];
  return candidate ? join(dir, candidate) : null;
}

/** Loads one document's ground truth from `DIR/NAME-str.xml` (+ `NAME-reg.xml` when present). */
export function loadGtDocument(strPath: string): GtDocument {
  const dir = dirname(strPath);
  const name = basename(strPath).replace(/-str\.xml$/, '');
  const { filename, tables } = parseStructureXml(readFileSync(strPath, 'utf8'));
  const regPath = join(dir, `${name}-reg.xml`);
  const regions = existsSync(regPath) ? parseRegionXml(readFileSync(regPath, 'utf8')) : new Map();
  for (const table of tables) {
    const region = regions.get(table.id);
    if (region && region.page === table.page) table.bbox = region.bbox;
  }
  const pdfPath = pdfFor(dir, name, filename);
  if (!pdfPath) throw new Error(`${strPath}: no PDF found`);
  return { name, pdfPath, tables: tables.map(({ id: _id, ...t }) => t) };
}

/** Every `*-str.xml` in a directory, sorted by name. */
export function loadGtDirectory(dir: string): GtDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('-str.xml'))
    .sort()
    .map((f) => loadGtDocument(join(dir, f)));
}
