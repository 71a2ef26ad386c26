// The 一级 | 二级 | 三级 | … indicator table of SPEC §1 in its level layouts: merged cells
// (一级/二级 vertically merged over their rows), blank carry-forward (the level written in the
// first row of its run only), or repeated (every row states its levels). Value columns follow
// a ValueLayout; optional description, weight and self-evaluation columns.
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { CellSpec, RowKind, TableSpec, TableStyle, TruthIndicator, TruthTable } from '../spec.ts';
import { headerWords } from './headers.ts';
import { pickVocabulary, planIndicators, randomValueLayout, selfEvaluation, truthRow, valueCells, type PlannedRow, type ValueLayout } from './indicators.ts';
import { randomStyle, TableBuilder, type CellInput } from './table-builder.ts';

export type LevelMode = 'merged' | 'blank' | 'repeated';

export interface TreeTableOptions {
  id: string;
  levels: LevelMode;
  /** Two header rows: 三级指标 over its sub-columns. */
  twoRowHeader?: boolean;
  description?: boolean;
  /** 权重 / 分值 column after the value columns. */
  weight?: boolean;
  /** 实际完成值 | 分值 | 得分 | 偏差原因 columns (自评表), and a 总分 row at the end. */
  selfEvaluation?: boolean;
  style?: Partial<TableStyle>;
  layout?: Partial<ValueLayout>;
  plan?: PlannedRow[];
  /** Not-indicator rows for the unused second levels (不适用, 无, /, ''). */
  fillers?: readonly string[];
  /** Chance of a forced page break inside a merged 一级 run (PDF writers). */
  breakInsideMerge?: number;
}

/** Start row → run length for runs of equal keys (0 inside a run). */
export function runLengths(keys: string[]): number[] {
  const spans = keys.map(() => 0);
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i === keys.length || keys[i] !== keys[start]) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}

/** The tree's rows as a caller places them (alone, or under a form's header block). */
export interface TreeRows {
  nCols: number;
  rows: { kind: RowKind; cells: CellInput[] }[];
  headerRows: number;
  widths: number[];
  /** Body row indexes (from 0 = first body row) where a merged 一级 run of ≥ 2 rows starts. */
  mergedStarts: number[];
  truth: Omit<TruthTable, 'title'>;
  nonIndicators: string[];
}

export function treeRows(rng: Rng, o: Omit<TreeTableOptions, 'id' | 'style' | 'breakInsideMerge'>): TreeRows {
  const plan = o.plan ?? planIndicators(rng, pickVocabulary(rng), { fillers: o.fillers });
  const layout = randomValueLayout(rng, o.layout);
  const words = headerWords(rng);
  const twoRow = o.twoRowHeader ?? rng.chance(0.5);
  const sub = [words.name, ...(layout.opColumn ? [words.op] : []), words.value, ...(layout.unitColumn ? [words.unit] : [])];
  const tail = [
    ...(o.weight ? [rng.pick(['权重', '分值', '指标权重'])] : []),
    ...(o.selfEvaluation ? ['实际完成值', '分值', '得分', rng.pick(['偏差原因分析及改进措施', '偏差原因', '未完成原因分析'])] : []),
    ...(o.description ? [words.description] : []),
  ];
  const nCols = 2 + sub.length + tail.length;
  const collected: TreeRows['rows'] = [];
  const b = { row: (kind: RowKind, cells: CellInput[], defaults: Partial<CellSpec> = {}) => collected.push({ kind, cells: cells.map((c) => ({ ...defaults, ...(typeof c === 'string' ? { text: c } : c) })) }) };
  const head = { align: 'center' as const, bold: rng.chance(0.6) };
  if (twoRow) {
    b.row('header', [
      { text: words.level1, rowSpan: 2 }, { text: words.level2, rowSpan: 2 }, { text: words.level3Group, colSpan: sub.length },
      ...tail.map((text) => ({ text, rowSpan: 2 })),
    ], head);
    b.row('header', sub, head);
  } else {
    b.row('header', [words.level1, words.level2, words.level3, ...sub.slice(1), ...tail], head);
  }
  const headerRows = collected.length;
  const l1 = runLengths(plan.map((p) => p.level1));
  let run = 0;
  const l2 = runLengths(plan.map((p, i) => `${(run += l1[i] > 0 ? 1 : 0)}\u0000${p.level2}`));
  const rows: TruthIndicator[] = [];
  const nonIndicators: string[] = [];
  plan.forEach((p, i) => {
    const cells = p.filler !== undefined ? { op: '', value: p.filler, unit: '', truth: { operator: null, value: null, unit: null } } : valueCells(p.idea, layout);
    const out: CellInput[] = [];
    const level = (text: string, span: number) => {
      if (o.levels === 'merged') {
        if (span > 0) out.push({ text, rowSpan: span, align: 'center' });
      } else out.push({ text: o.levels === 'repeated' || span > 0 ? text : '', align: 'center' });
    };
    level(p.level1, l1[i]);
    level(p.level2, l2[i]);
    out.push(p.idea.name);
    if (p.filler !== undefined) {
      // The columns after 一级 | 二级 | 三级 (merged level cells above cover theirs).
      out.push(...Array.from({ length: nCols - 3 }, (_, k) => ({ text: k === 0 || o.description ? p.filler! : '' })));
      b.row('body', out);
      if (p.filler) nonIndicators.push(p.filler);
      return;
    }
    if (layout.opColumn) out.push({ text: cells.op, align: 'center' });
    const percent = /^(\d+)%$/u.exec(cells.value);
    out.push({ text: cells.value, align: 'center', ...(percent && layout.percentNumbers ? { number: { value: Number(percent[1]) / 100, format: '0%' } } : {}) });
    if (layout.unitColumn) out.push({ text: cells.unit, align: 'center' });
    const extra: Partial<TruthIndicator> = {};
    if (o.weight) {
      const w = String(rng.pick([5, 10, 10, 15, 20]));
      out.push({ text: w, align: 'center' });
      extra.weight = w;
    }
    if (o.selfEvaluation) {
      const se = selfEvaluation(rng, p.idea);
      out.push({ text: se.actual, align: 'center' }, { text: se.weight, align: 'center' }, { text: se.score, align: 'center' }, se.deviation);
      Object.assign(extra, { actual: se.actual, weight: se.weight, score: se.score, deviation: se.deviation || null });
    }
    if (o.description) out.push(p.description);
    b.row('body', out);
    rows.push(truthRow({ level1: p.level1, level2: p.level2, level3: p.idea.name, description: o.description ? p.description : null }, cells, extra));
  });
  if (o.selfEvaluation) {
    const total = rows.reduce((s, r) => s + Number(r.weight ?? 0), 0);
    const got = rows.reduce((s, r) => s + Number(r.score ?? 0), 0);
    const scoreCol = 2 + sub.length + (o.weight ? 1 : 0) + 1;
    b.row('total', [{ text: '总分', colSpan: scoreCol, align: 'center' }, { text: String(total), align: 'center' }, { text: String(got), align: 'center' }]);
  }
  const widths = [
    rng.real(1, 1.6), rng.real(1.2, 2), rng.real(2.5, 4), ...(layout.opColumn ? [0.8] : []), rng.real(1.2, 2), ...(layout.unitColumn ? [0.9] : []),
    ...tail.map((t) => (t.length > 4 ? rng.real(2, 3.5) : 0.9)),
  ];
  const mergedStarts = o.levels === 'merged' ? l1.map((s, i) => (s > 1 ? i : -1)).filter((i) => i >= 0) : [];
  return { nCols, rows: collected, headerRows, widths, mergedStarts, truth: { unitColumn: layout.unitColumn, rows }, nonIndicators };
}

export function treeTable(rng: Rng, o: TreeTableOptions): { table: TableSpec; truth: Omit<TruthTable, 'title'>; nonIndicators: string[] } {
  const tree = treeRows(rng, o);
  const b = new TableBuilder(tree.nCols);
  for (const r of tree.rows) b.row(r.kind, r.cells);
  const style = randomStyle(rng, o.style);
  const breakBefore = tree.mergedStarts.length && rng.chance(o.breakInsideMerge ?? 0.4) ? [tree.headerRows + rng.pick(tree.mergedStarts) + 1] : [];
  return {
    table: b.build({ id: o.id, colWidths: tree.widths, style, breakBefore, widthShare: rng.realIn(GENERATOR.table.widthShare, 0.05) }),
    truth: tree.truth,
    nonIndicators: tree.nonIndicators,
  };
}
