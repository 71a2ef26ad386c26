// Skew of a scanned page by projection profiles: ink projected across lines at the right
// angle piles up into sharp peaks (text lines, table rules), so the angle whose profile has
// the largest sum of squares is the page's skew. Searched coarse then fine, on a thinned
// sample of the ink pixels, along rows and columns both (a page of vertical lines of text
// still has its rows of characters).
import { OCR_SETTINGS } from './settings.ts';

/**
 * The angle (degrees) the page content was turned by, clockwise on the raster; `rotateSmall`
 * by its negative straightens the page.
 */
export function estimateSkew(ink: Uint8Array, width: number, height: number): number {
  const s = OCR_SETTINGS.skew;
  // Every ink pixel of every second row and column: enough for a sharp profile, 4× fewer points.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += 2) for (let x = 0; x < width; x += 2) if (ink[y * width + x]) xs.push(x - width / 2), ys.push(y - height / 2);
  if (xs.length < 100) return 0;
  const sharpness = (degrees: number) => {
    const t = (degrees * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    return profileEnergy(xs, ys, -sin, cos, height) + profileEnergy(ys, xs, sin, cos, width);
  };
  let best = 0;
  let bestScore = sharpness(0);
  const search = (from: number, to: number, step: number) => {
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = sharpness(a);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
  };
  // The peak of a long thin rule is narrow (3 px over 2000 px ≈ 0.09°): the coarse step must not jump it.
  search(-s.maxDegrees, s.maxDegrees, s.coarseStepDegrees);
  const coarse = best;
  search(coarse - s.coarseStepDegrees, coarse + s.coarseStepDegrees, s.stepDegrees);
  return Math.round(best * 100) / 100;
}

/**
 * Sum of squared bin counts of the projection a·u + b·v. Bins are as wide as the sampling step
 * (2 px): with 1-px bins the angle 0 would put the points of a 2-px grid into every other bin
 * only and double its score, a false peak stronger than the true skew.
 */
function profileEnergy(us: number[], vs: number[], a: number, b: number, span: number): number {
  const size = Math.ceil(span * 0.75) + 2;
  const offset = Math.floor(size / 2);
  const bins = new Float64Array(size);
  for (let i = 0; i < us.length; i++) {
    const bin = Math.round((a * us[i] + b * vs[i]) / 2) + offset;
    if (bin >= 0 && bin < size) bins[bin]++;
  }
  let energy = 0;
  for (let i = 0; i < size; i++) energy += bins[i] * bins[i];
  return energy;
}
