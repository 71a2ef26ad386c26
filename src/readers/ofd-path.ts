// OFD path data (GB/T 33190 §9.1, AbbreviatedData) → the draw-op buffer the PDF reader's
// path geometry reads (src/readers/pdf-paths.ts), so stroked lines, thin filled rectangles
// and rectangle outlines become rulings by the same rules as in a PDF.
//
//   S x y / M x y  start / move      L x y  line        Q x1 y1 x y  quadratic Bézier
//   B x1 y1 x2 y2 x y  cubic Bézier  A rx ry angle large sweep x y  elliptic arc
//   C (also Z, which some producers write)  close the subpath
//
// Curves and arcs keep only their end point (they are never rulings). Numbers after a
// command's operands repeat the command (`L 1 2 3 4` is two lines), as in SVG.
import { DRAW_CLOSE, DRAW_CURVE, DRAW_LINE, DRAW_MOVE, DRAW_QUAD } from './pdf-paths.ts';

const OPERANDS = new Map<string, number>([['S', 2], ['M', 2], ['L', 2], ['Q', 4], ['B', 6], ['A', 7], ['C', 0], ['Z', 0]]);

/** The draw-op buffer of an AbbreviatedData string (its first `maxTokens` tokens); unknown tokens end the path there. */
export function abbreviatedPath(data: string, maxTokens: number): number[] {
  const tokens: string[] = [];
  for (const m of data.matchAll(/[^\s,]+/gu)) if (tokens.push(m[0]) >= maxTokens) break;
  const out: number[] = [];
  let i = 0;
  let command = '';
  while (i < tokens.length) {
    const token = tokens[i];
    if (OPERANDS.has(token)) {
      command = token;
      i++;
      if (OPERANDS.get(command) === 0) {
        out.push(DRAW_CLOSE);
        command = '';
      }
      continue;
    }
    const n = OPERANDS.get(command);
    if (!n || i + n > tokens.length) break;
    const v = tokens.slice(i, i + n).map(Number);
    if (v.some((x) => !Number.isFinite(x))) break;
    i += n;
    switch (command) {
      case 'S':
      case 'M':
        out.push(DRAW_MOVE, v[0], v[1]);
        command = 'L'; // further pairs draw lines
        break;
      case 'L':
        out.push(DRAW_LINE, v[0], v[1]);
        break;
      case 'Q':
        out.push(DRAW_QUAD, v[0], v[1], v[2], v[3]);
        break;
      case 'B':
        out.push(DRAW_CURVE, v[0], v[1], v[2], v[3], v[4], v[5]);
        break;
      case 'A':
        out.push(DRAW_CURVE, v[5], v[6], v[5], v[6], v[5], v[6]);
        break;
    }
  }
  return out;
}
