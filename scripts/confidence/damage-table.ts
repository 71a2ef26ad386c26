// Damages for DOCX and XLSX tables, applied to the matrix of slot texts + merges between the
// reader and the table finder (FlowBlock[] / SheetLayout[]). Each returns a short description
// of what it did, or null when it does not apply to this table (then the variant is skipped).
import type { ColumnRole } from '../../src/model/schema.ts';
import { type Matrix, type Merge, type TableRef, deleteRow, isCovered, mergeAt, padRows, width } from './matrix.ts';
import { FONT_CLASSES, GARBLES, type Rng, garble, int, pick } from './text.ts';

export type TableDamage = (t: TableRef & { cut: (k: number, repeatHeader: boolean) => void }, rng: Rng) => string | null;

const BODY_ROLES: ColumnRole[] = ['level3', 'operator', 'value', 'unit', 'description'];

function bodyRows(t: TableRef): number[] {
  const rows: number[] = [];
  for (let r = t.he + 1; r <= t.r1; r++) rows.push(r);
  return rows;
}

function colsWithRole(t: TableRef, roles: ColumnRole[]): number[] {
  return t.roles.map((role, i) => (roles.includes(role) ? t.c0 + i : -1)).filter((c) => c >= 0);
}

function roleAt(t: TableRef, c: number): ColumnRole {
  return t.roles[c - t.c0] ?? 'other';
}

function bodyMerges(t: TableRef): Merge[] {
  return t.m.merges.filter((g) => g.r0 > t.he && g.r0 <= t.r1 && g.c0 >= t.c0 && g.c1 <= t.c1);
}

/** Rows whose slots c..c1 are all plain (no merge starts or covers them). */
function plainFrom(m: Matrix, r: number, c: number, c1: number): boolean {
  for (let x = c; x <= c1; x++) if (mergeAt(m, r, x)) return false;
  return true;
}

/** Merged body cells lose their merge: text stays in the top-left slot (or is copied to every slot). */
export const breakMerge: TableDamage = (t, rng) => {
  const merges = bodyMerges(t).filter((g) => g.r1 > g.r0);
  if (merges.length === 0) return null;
  if (rng() < 0.5) {
    t.m.merges = t.m.merges.filter((g) => !merges.includes(g));
    return `${merges.length} vertical merges broken (text left in the first row)`;
  }
  const g = pick(rng, merges);
  t.m.merges.splice(t.m.merges.indexOf(g), 1);
  const text = t.m.values[g.r0][g.c0];
  for (let r = g.r0; r <= g.r1; r++) t.m.values[r][g.c0] = text;
  return `merge at row ${g.r0 + 1} col ${g.c0 + 1} unmerged, text copied to ${g.r1 - g.r0 + 1} rows`;
};

/** One or two rows lose (or gain) a cell: their cells from some column on move by one. */
export const shiftColumn: TableDamage = (t, rng) => {
  const candidates = colsWithRole(t, BODY_ROLES).filter((c) => c < t.c1 || roleAt(t, c) !== 'description');
  const rows = bodyRows(t).filter((r) => candidates.some((c) => plainFrom(t.m, r, c, t.c1) && t.m.values[r][c]));
  if (rows.length === 0) return null;
  const right = rng() < 0.5;
  const n = int(rng, 1, Math.min(2, rows.length));
  const start = int(rng, 0, rows.length - n);
  const done: string[] = [];
  for (const r of rows.slice(start, start + n)) {
    const cs = candidates.filter((c) => plainFrom(t.m, r, c, t.c1));
    if (cs.length === 0) continue;
    const c = pick(rng, cs);
    const row = t.m.values[r];
    if (right) {
      if (t.c1 + 1 >= width(t.m)) padRows(t.m, t.c1 + 2);
      for (let x = t.c1 + 1; x > c; x--) row[x] = row[x - 1];
      row[c] = '';
    } else {
      for (let x = c; x < t.c1; x++) row[x] = row[x + 1];
      row[t.c1] = '';
    }
    done.push(`row ${r + 1} from col ${c + 1}`);
  }
  return done.length ? `cells shifted ${right ? 'right' : 'left'}: ${done.join(', ')}` : null;
};

/** Characters garbled: a few body cells, a merged level cell, or a header cell. */
export const garbleText: TableDamage = (t, rng) => {
  const how = pick(rng, GARBLES);
  const variant = rng();
  const filled = (rows: number[], cols: number[]) => rows.flatMap((r) => cols.filter((c) => !isCovered(t.m, r, c) && t.m.values[r][c]).map((c) => [r, c] as const));
  let targets: (readonly [number, number])[];
  if (variant < 0.2) targets = filled(rowsOf(t.hs, t.he), colsWithRole(t, [...BODY_ROLES, 'level1', 'level2']));
  else if (variant < 0.45) targets = filled(bodyRows(t), colsWithRole(t, ['level1', 'level2']));
  else targets = filled(bodyRows(t), colsWithRole(t, BODY_ROLES));
  if (targets.length === 0) return null;
  const n = variant < 0.45 ? 1 : int(rng, 1, 3);
  const chosen = new Set<string>();
  for (let k = 0; k < n; k++) {
    const [r, c] = pick(rng, targets);
    if (chosen.has(`${r},${c}`)) continue;
    chosen.add(`${r},${c}`);
    t.m.values[r][c] = garble(t.m.values[r][c], how, rng);
  }
  return `${how} in ${chosen.size} ${variant < 0.2 ? 'header' : variant < 0.45 ? 'level' : 'body'} cell(s) ${[...chosen].join(' ')}`;
};

function rowsOf(a: number, b: number): number[] {
  const out: number[] = [];
  for (let r = a; r <= b; r++) out.push(r);
  return out;
}

/** The header band is gone. */
export const dropHeader: TableDamage = (t) => {
  for (let r = t.he; r >= t.hs; r--) deleteRow(t.m, r);
  return `header rows ${t.hs + 1}-${t.he + 1} dropped`;
};

/** Two adjacent columns swap their body contents (the header stays). */
export const swapColumns: TableDamage = (t, rng) => {
  const pairs: number[] = [];
  for (let c = t.c0; c < t.c1; c++) {
    if (roleAt(t, c) === 'other' && roleAt(t, c + 1) === 'other') continue;
    if (roleAt(t, c) === 'seq' || roleAt(t, c + 1) === 'seq') continue;
    const straddles = bodyMerges(t).some((g) => g.c0 <= c && g.c1 >= c + 1);
    if (!straddles) pairs.push(c);
  }
  if (pairs.length === 0) return null;
  const c = pick(rng, pairs);
  for (const r of bodyRows(t)) {
    const row = t.m.values[r];
    [row[c], row[c + 1]] = [row[c + 1], row[c]];
  }
  for (const g of bodyMerges(t)) {
    if (g.c0 === c && g.c1 === c) g.c0 = g.c1 = c + 1;
    else if (g.c0 === c + 1 && g.c1 === c + 1) g.c0 = g.c1 = c;
  }
  return `body columns ${c + 1} (${roleAt(t, c)}) and ${c + 2} (${roleAt(t, c + 1)}) swapped`;
};

/** A font goes missing and its text with it: operator symbols, digits, or a whole column's text. */
export const stripFonts: TableDamage = (t, rng) => {
  const variant = pick(rng, ['symbols', 'digits', 'column'] as const);
  const rows = bodyRows(t);
  if (variant === 'column') {
    const cols = colsWithRole(t, [...BODY_ROLES, 'level1', 'level2']);
    const c = pick(rng, cols);
    let n = 0;
    for (const r of rows) if (t.m.values[r][c]) { t.m.values[r][c] = ''; n++; }
    return n ? `text of column ${c + 1} (${roleAt(t, c)}) lost in ${n} rows` : null;
  }
  const pattern = FONT_CLASSES[variant];
  let n = 0;
  for (const r of rows) {
    for (let c = t.c0; c <= t.c1; c++) {
      const before = t.m.values[r][c];
      const after = before.replace(pattern, '');
      if (after !== before) { t.m.values[r][c] = after; n++; }
    }
  }
  return n ? `${variant} font stripped: ${n} cells lost characters` : null;
};

/** The table is cut at a page break: a blank row (XLSX) or a second table (DOCX), header repeated or not. */
export const cutAtPageBreak: TableDamage = (t, rng) => {
  const rows = bodyRows(t).slice(1);
  if (rows.length === 0) return null;
  const k = pick(rng, rows);
  const repeat = rng() < 0.5;
  t.cut(k, repeat);
  return `cut before row ${k + 1}${repeat ? ', header repeated' : ''}`;
};

export const TABLE_DAMAGES: Record<string, TableDamage> = {
  'break-merge': breakMerge,
  'shift-column': shiftColumn,
  'garble-characters': garbleText,
  'drop-header': dropHeader,
  'swap-columns': swapColumns,
  'strip-fonts': stripFonts,
  'cut-at-page-break': cutAtPageBreak,
};
