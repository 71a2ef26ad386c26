// Builds a TableSpec row by row the way HTML and Word declare tables: each row lists its cells
// left to right, skipping slots that a rowSpan from above already covers. Slots nobody
// claims become empty cells, so every slot is covered exactly once.
import type { CellSpec, RowKind, TableSpec, TableStyle } from '../spec.ts';
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';

export type CellInput = string | (Partial<Omit<CellSpec, 'row' | 'col'>> & { text: string });

export class TableBuilder {
  private readonly cells: CellSpec[] = [];
  private readonly kinds: RowKind[] = [];
  private readonly covered = new Set<string>();

  constructor(readonly nCols: number) {}

  get rowCount(): number {
    return this.kinds.length;
  }

  /** Appends a row; returns its index. Defaults (align etc.) apply to every cell of the row. */
  row(kind: RowKind, cells: CellInput[], defaults: Partial<CellSpec> = {}): number {
    const r = this.kinds.length;
    this.kinds.push(kind);
    let c = 0;
    for (const input of cells) {
      while (this.covered.has(`${r},${c}`)) c++;
      if (c >= this.nCols) throw new Error(`table row ${r}: more cells than ${this.nCols} columns`);
      const spec = typeof input === 'string' ? { text: input } : input;
      const cell: CellSpec = { ...defaults, rowSpan: 1, colSpan: 1, ...spec, row: r, col: c };
      cell.colSpan = Math.min(cell.colSpan, this.nCols - c);
      this.cells.push(cell);
      for (let rr = r; rr < r + cell.rowSpan; rr++) for (let cc = c; cc < c + cell.colSpan; cc++) this.covered.add(`${rr},${cc}`);
      c += cell.colSpan;
    }
    return r;
  }

  /** An empty row (blank line). */
  blank(): number {
    return this.row('blank', []);
  }

  build(p: { id: string; colWidths: number[]; style: TableStyle; widthShare?: number; breakBefore?: number[]; labelsOutside?: boolean; fillMerged?: boolean; sheetCol?: number; minColEm?: number[] }): TableSpec {
    const nRows = this.kinds.length;
    // A rowSpan reaching past the last row is cut there.
    for (const c of this.cells) c.rowSpan = Math.min(c.rowSpan, nRows - c.row);
    const cells = [...this.cells];
    for (let r = 0; r < nRows; r++) {
      for (let c = 0; c < this.nCols; c++) if (!this.covered.has(`${r},${c}`)) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: '' });
    }
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
    if (p.colWidths.length !== this.nCols) throw new Error(`${p.id}: ${p.colWidths.length} widths for ${this.nCols} columns`);
    return {
      id: p.id, nRows, nCols: this.nCols, colWidths: p.colWidths, widthShare: p.widthShare ?? 1, rowKinds: [...this.kinds], cells,
      style: p.style, breakBefore: p.breakBefore ?? [], labelsOutside: p.labelsOutside ?? false, fillMerged: p.fillMerged, sheetCol: p.sheetCol, minColEm: p.minColEm,
    };
  }
}

/** A table style drawn from the settings' ranges; `over` fixes what the family needs. */
export function randomStyle(rng: Rng, over: Partial<TableStyle> = {}): TableStyle {
  const t = GENERATOR.table;
  const fontSize = over.fontSize ?? rng.realIn(t.fontSize, 0.5);
  return {
    ruling: 'grid',
    fontSize,
    headerFontSize: Math.min(12, fontSize + rng.realIn(t.headerExtra, 0.5)),
    lineSpacing: rng.realIn(t.lineSpacing, 0.05),
    padX: rng.realIn(t.padX, 0.5),
    padY: rng.realIn(t.padY, 0.5),
    ruleWidth: rng.realIn(t.ruleWidth, 0.25),
    thickRuleWidth: rng.realIn(t.thickRuleWidth, 0.25),
    underlineSpans: false,
    repeatHeader: rng.chance(0.5),
    blankLines: rng.realIn(t.blankLines, 0.25),
    groupRules: [],
    cutText: rng.chance(0.7) ? 'first' : 'middle',
    fillGray: rng.realIn(t.fillGray, 0.01),
    ...over,
  };
}
