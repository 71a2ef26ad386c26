// DocSpec → XLSX (SheetJS): one sheet per `sheet` block (one in all when there is none); text
// blocks as rows above and between the tables, tables with their merges, numbers stored as
// numbers where the spec says so (100% as 1 with a % format).
import * as XLSX from 'xlsx';
import type { Block, DocSpec } from '../spec.ts';

interface SheetDraft {
  name: string;
  rows: Map<number, Map<number, XLSX.CellObject>>;
  merges: XLSX.Range[];
  widths: number[];
  r: number;
}

function draft(name: string): SheetDraft {
  return { name, rows: new Map(), merges: [], widths: [], r: 0 };
}

function put(s: SheetDraft, r: number, c: number, cell: XLSX.CellObject): void {
  if (!s.rows.has(r)) s.rows.set(r, new Map());
  s.rows.get(r)!.set(c, cell);
}

const text = (v: string): XLSX.CellObject => ({ t: 's', v });

/** Width in spreadsheet character units: CJK and full-width forms count two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2265\u2264\u2266\u2267]/u.test(ch) ? 2 : 1;
  return w;
}

function emit(s: SheetDraft, b: Block, width: number): void {
  switch (b.kind) {
    case 'line':
      put(s, s.r, 0, text(b.text));
      if (b.align === 'center' && width > 1) s.merges.push({ s: { r: s.r, c: 0 }, e: { r: s.r, c: width - 1 } });
      s.r++;
      break;
    case 'paragraph':
      put(s, s.r++, 0, text(b.text));
      break;
    case 'columns':
      for (const p of b.paragraphs) put(s, s.r++, 0, text(p));
      break;
    case 'bullets':
      for (const item of b.items) put(s, s.r++, 0, text(`${b.symbol} ${item}`));
      break;
    case 'table':
    case 'beside': {
      const t = b.table;
      const c0 = t.sheetCol ?? 0;
      for (const c of t.cells) {
        const cell: XLSX.CellObject = c.number ? { t: 'n', v: c.number.value, z: c.number.format } : text(c.text);
        if (c.text || c.number) put(s, s.r + c.row, c0 + c.col, cell);
        if (c.rowSpan > 1 || c.colSpan > 1) {
          s.merges.push({ s: { r: s.r + c.row, c: c0 + c.col }, e: { r: s.r + c.row + c.rowSpan - 1, c: c0 + c.col + c.colSpan - 1 } });
          if (t.fillMerged && c.text) {
            for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) if (r !== c.row || k !== c.col) put(s, s.r + r, c0 + k, { ...cell });
          }
        }
      }
      // Columns as wide as their longest single-column text (CJK counts two), so LibreOffice
      // never clips a cell: SheetJS CE cannot write wrap-text styles.
      for (const c of t.cells) {
        if (c.colSpan > 1) continue;
        const longest = Math.max(0, ...c.text.split('\n').map(displayWidth));
        s.widths[c0 + c.col] = Math.max(s.widths[c0 + c.col] ?? 6, Math.min(120, longest + 2));
      }
      s.r += t.nRows;
      if (b.kind === 'beside') for (const p of b.paragraphs) put(s, s.r++, 0, text(p));
      s.r++;
      break;
    }
    case 'gap':
      s.r += b.lines;
      break;
    case 'chart':
    case 'pageBreak':
    case 'sheet':
      break;
  }
}

function toSheet(s: SheetDraft): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let maxR = 0;
  let maxC = 0;
  for (const [r, cols] of s.rows) {
    for (const [c, cell] of cols) {
      ws[XLSX.utils.encode_cell({ r, c })] = cell;
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }
  }
  for (const m of s.merges) {
    maxR = Math.max(maxR, m.e.r);
    maxC = Math.max(maxC, m.e.c);
  }
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
  if (s.merges.length) ws['!merges'] = s.merges;
  ws['!cols'] = Array.from({ length: maxC + 1 }, (_, i) => ({ wch: s.widths[i] ?? 10 }));
  return ws;
}

export function specToXlsx(spec: DocSpec): Buffer {
  const width = Math.max(1, ...spec.blocks.map((b) => (b.kind === 'table' || b.kind === 'beside' ? b.table.nCols + (b.table.sheetCol ?? 0) : 1)));
  const sheets: SheetDraft[] = [];
  let cur: SheetDraft | null = null;
  for (const b of spec.blocks) {
    if (b.kind === 'sheet' || !cur) {
      cur = draft(b.kind === 'sheet' ? b.name : 'Sheet1');
      sheets.push(cur);
      if (b.kind === 'sheet') continue;
    }
    emit(cur, b, width);
  }
  const wb = XLSX.utils.book_new();
  const used = new Set<string>();
  for (const s of sheets) {
    // Sheet names: at most 31 characters, unique, none of []:*?/\.
    let name = s.name.replace(/[[\]:*?/\\]/gu, '').slice(0, 31) || 'Sheet';
    for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)}_${i}`;
    used.add(name);
    XLSX.utils.book_append_sheet(wb, toSheet(s), name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
