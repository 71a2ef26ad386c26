// The page cursor the layout engine fills: pages, the current y, the content box.
import type { DrawItem, DrawPage } from './drawing.ts';
import type { PageSetup } from '../spec.ts';
import { GENERATOR } from '../settings.ts';

export class Flow {
  readonly pages: DrawPage[] = [];
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  y: number;

  constructor(setup: PageSetup) {
    const { width, height } = GENERATOR.page.a4;
    [this.width, this.height] = setup.orientation === 'portrait' ? [width, height] : [height, width];
    this.left = setup.margins.left;
    this.right = this.width - setup.margins.right;
    this.top = setup.margins.top;
    this.bottom = this.height - setup.margins.bottom;
    this.y = this.top;
    this.newPage();
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  /** Nothing drawn on the current page yet. */
  get atTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  newPage(): void {
    this.pages.push({ width: this.width, height: this.height, items: [] });
    this.y = this.top;
  }

  /** Starts a new page unless `height` still fits below the cursor (or the page is empty). */
  ensure(height: number): void {
    if (!this.atTop && this.y + height > this.bottom) this.newPage();
  }

  draw(item: DrawItem, page = this.pageIndex): void {
    this.pages[page].items.push(item);
  }
}

/** Baseline of a text line whose line box starts at `top`: glyphs centred in the box. */
export function baselineIn(top: number, lineHeight: number, size: number): number {
  return top + lineHeight / 2 + size * 0.35;
}
