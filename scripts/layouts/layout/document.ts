// DocSpec → Drawing: blocks flowed down A4 pages (portrait or landscape) with one writer's
// font metrics. Both PDF writers run the same layout with their own metrics.
import type { Block, DocSpec } from '../spec.ts';
import type { Drawing, FontMetrics } from './drawing.ts';
import { baselineIn, Flow } from './flow.ts';
import { layoutTable } from './table.ts';
import { wrapText } from './wrap.ts';

const PROSE_SPACING = 1.5;

export function layoutDocument(spec: DocSpec, metrics: FontMetrics): Drawing {
  const flow = new Flow(spec.page);
  for (const block of spec.blocks) placeBlock(flow, block, metrics);
  return { pages: flow.pages };
}

function placeBlock(flow: Flow, block: Block, metrics: FontMetrics): void {
  switch (block.kind) {
    case 'line': {
      const lh = block.size * PROSE_SPACING;
      for (const text of wrapText(block.text, flow.contentWidth, block.size, metrics, block)) {
        flow.ensure(lh);
        const w = metrics.width(text, block.size, block);
        const x = block.align === 'left' ? flow.left : block.align === 'right' ? flow.right - w : (flow.left + flow.right - w) / 2;
        flow.draw({ t: 'text', x, y: baselineIn(flow.y, lh, block.size), size: block.size, text, bold: block.bold });
        flow.y += lh;
      }
      break;
    }
    case 'paragraph':
      proseLines(flow, [block.text], flow.left, flow.contentWidth, block.size, metrics, block.indent);
      break;
    case 'columns': {
      const colW = (flow.contentWidth - block.gutter) / 2;
      const lh = block.size * PROSE_SPACING;
      const lines = justifiedLines(block.paragraphs, colW, block.size, metrics);
      let i = 0;
      while (i < lines.length) {
        flow.ensure(lh);
        const fit = Math.max(1, Math.floor((flow.bottom - flow.y) / lh));
        const left = lines.slice(i, i + Math.min(fit, Math.ceil((lines.length - i) / 2)));
        const right = lines.slice(i + left.length, i + left.length + left.length);
        [left, right].forEach((col, side) => col.forEach((l, k) => {
          if (l.text) flow.draw({ t: 'text', x: flow.left + side * (colW + block.gutter), y: baselineIn(flow.y + k * lh, lh, block.size), size: block.size, text: l.text, charSpacing: l.spacing });
        }));
        i += left.length + right.length;
        flow.y += left.length * lh;
        if (i < lines.length) flow.newPage();
      }
      break;
    }
    case 'table': {
      const width = flow.contentWidth * block.table.widthShare;
      layoutTable(flow, block.table, metrics, flow.left + (flow.contentWidth - width) / 2, width);
      flow.y += block.table.style.fontSize;
      break;
    }
    case 'beside': {
      const colW = (flow.contentWidth - block.gutter) / 2;
      const tableX = block.side === 'left' ? flow.left : flow.left + colW + block.gutter;
      const textX = block.side === 'left' ? flow.left + colW + block.gutter : flow.left;
      const top = flow.y;
      const placed = layoutTable(flow, block.table, metrics, tableX, colW);
      const tableBottom = flow.y;
      const page = flow.pageIndex;
      // The prose starts at the table's top on the table's first page.
      flow.y = placed.rows[0].top;
      const firstPage = placed.rows[0].page;
      const lh = block.size * PROSE_SPACING;
      const lines = justifiedLines(block.paragraphs, colW, block.size, metrics);
      let y = flow.y;
      for (const l of lines) {
        if (y + lh > flow.bottom) break;
        if (l.text) flow.draw({ t: 'text', x: textX, y: baselineIn(y, lh, block.size), size: block.size, text: l.text, charSpacing: l.spacing }, firstPage);
        y += lh;
      }
      flow.y = page === firstPage ? Math.max(tableBottom, y) : tableBottom;
      flow.y += block.size;
      void top;
      break;
    }
    case 'bullets': {
      const lh = block.size * PROSE_SPACING;
      const hang = metrics.width(`${block.symbol} `, block.size);
      for (const item of block.items) {
        wrapText(item, flow.contentWidth - hang, block.size, metrics).forEach((text, k) => {
          flow.ensure(lh);
          const y = baselineIn(flow.y, lh, block.size);
          if (k === 0) flow.draw({ t: 'text', x: flow.left, y, size: block.size, text: block.symbol });
          flow.draw({ t: 'text', x: flow.left + hang, y, size: block.size, text });
          flow.y += lh;
        });
      }
      break;
    }
    case 'chart': {
      const lh = block.size * 2;
      const labelW = Math.max(...block.bars.map((b) => metrics.width(b.label, block.size))) + block.size;
      const max = Math.max(...block.bars.map((b) => b.value), 1);
      const barMax = flow.contentWidth - labelW - 4 * block.size;
      flow.ensure(lh * block.bars.length);
      for (const bar of block.bars) {
        const w = (bar.value / max) * barMax;
        flow.draw({ t: 'text', x: flow.left, y: baselineIn(flow.y, lh, block.size), size: block.size, text: bar.label });
        flow.draw({ t: 'rect', x: flow.left + labelW, y: flow.y + lh * 0.2, w, h: lh * 0.6, gray: 0.55 });
        flow.draw({ t: 'text', x: flow.left + labelW + w + 3, y: baselineIn(flow.y, lh, block.size), size: block.size, text: String(bar.value) });
        flow.y += lh;
      }
      flow.draw({ t: 'line', x0: flow.left + labelW, y0: flow.y - lh * block.bars.length, x1: flow.left + labelW, y1: flow.y, width: 0.5 });
      flow.y += block.size;
      break;
    }
    case 'gap':
      flow.y += block.lines * 12;
      break;
    case 'pageBreak':
    case 'sheet':
      if (!flow.atTop) flow.newPage();
      break;
  }
}

interface ProseLine {
  text: string;
  spacing?: number;
}

/** Lines of justified prose: every line but a paragraph's last is spread to the full width. */
function justifiedLines(paragraphs: string[], width: number, size: number, metrics: FontMetrics): ProseLine[] {
  const out: ProseLine[] = [];
  for (const p of paragraphs) {
    const lines = wrapText(`\u3000\u3000${p}`, width, size, metrics);
    lines.forEach((text, k) => {
      const n = [...text].length;
      const last = k === lines.length - 1;
      const spare = width - metrics.width(text, size);
      out.push({ text, spacing: !last && n > 1 && spare > 0 ? spare / (n - 1) : undefined });
    });
  }
  return out;
}

function proseLines(flow: Flow, paragraphs: string[], x: number, width: number, size: number, metrics: FontMetrics, indent: number): void {
  const lh = size * PROSE_SPACING;
  for (const p of paragraphs) {
    for (const text of wrapText('\u3000'.repeat(indent) + p, width, size, metrics)) {
      flow.ensure(lh);
      flow.draw({ t: 'text', x, y: baselineIn(flow.y, lh, size), size, text });
      flow.y += lh;
    }
  }
}
