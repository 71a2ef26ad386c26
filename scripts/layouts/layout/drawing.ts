// What the layout engine hands the PDF writers: pages of positioned primitives in points,
// top-left origin, y growing down (the reader's frame too). A writer only converts frames.

export interface DrawText {
  t: 'text';
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  text: string;
  bold?: boolean;
  mono?: boolean;
  /** Extra space after each character (justified prose), points. */
  charSpacing?: number;
}

export interface DrawLine {
  t: 'line';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width: number;
}

export interface DrawRect {
  t: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0 black … 1 white. */
  gray: number;
}

export type DrawItem = DrawText | DrawLine | DrawRect;

export interface DrawPage {
  width: number;
  height: number;
  items: DrawItem[];
}

export interface Drawing {
  pages: DrawPage[];
}

/** Advance widths of one writer's fonts. */
export interface FontMetrics {
  /** Width of `text` at `size` points. */
  width(text: string, size: number, style?: { bold?: boolean; mono?: boolean }): number;
}

/** Every text string drawn, page by page (for the generator's own consistency checks). */
export function drawnText(drawing: Drawing): string[] {
  return drawing.pages.map((p) => p.items.filter((i): i is DrawText => i.t === 'text').map((i) => i.text).join(''));
}
