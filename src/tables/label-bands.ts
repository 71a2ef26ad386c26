// Bands between the rules of a table ruled under every row that hold one piece of text: a label
// row of the table (a 二级 heading `数量指标`, a group label ruled like every row), or a caption
// between two tables (`督察检查类` between two ruled tables, as thin as a row). A caption opens a
// new table: the next band of two pieces or more is that table's header again, the characters
// of the first table's first band. A label row is followed by more body rows of the same table.

/**
 * One band between two rules: its height, how many pieces of text it holds, their text, and
 * whether it reads as one piece: a single piece, or lines of one piece each starting flush at
 * one edge (a caption and its wrapped lines, a note; no row of cells side by side).
 */
export interface Band {
  height: number;
  pieces: number;
  text: string;
  single: boolean;
}

/**
 * For each band, whether it is a one-piece label row of the table around it: a band of cells
 * side by side stands before it (since the last caption) and one after it, it is no taller than
 * `rowShare` times the thinnest band of cells (a one-line row), and the next band of cells does
 * not repeat the first band of its table (a header again).
 */
export function labelBands(bands: readonly Band[], rowShare: number, headerShare: number): boolean[] {
  const rowBand = Math.min(...bands.filter((b) => !b.single && b.pieces >= 2).map((b) => b.height));
  const out = bands.map(() => false);
  let first: Band | null = null; // the first band of two pieces or more of the current table
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i];
    if (band.pieces === 0) continue;
    if (!band.single) {
      first ??= band;
      continue;
    }
    // The next band of two pieces or more (a label row may follow another: `.....`, then a 二级 heading).
    const next = bands.slice(i + 1).find((b) => b.pieces > 0 && !b.single);
    const label = first !== null && next !== undefined && band.height <= rowShare * rowBand && !repeats(next.text, first.text, headerShare);
    out[i] = label;
    if (!label) first = null;
  }
  return out;
}

/** `text` repeats `head` when `share` of its characters or more are found among head's. */
export function repeats(text: string, head: string, share: number): boolean {
  const squash = (t: string) => [...t.replace(/\s+/gu, '')];
  const pool = new Map<string, number>();
  for (const ch of squash(head)) pool.set(ch, (pool.get(ch) ?? 0) + 1);
  const chars = squash(text);
  let found = 0;
  for (const ch of chars) {
    const n = pool.get(ch) ?? 0;
    if (n > 0) {
      found++;
      pool.set(ch, n - 1);
    }
  }
  return chars.length > 0 && found >= share * chars.length;
}
