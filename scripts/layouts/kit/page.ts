// Page set-up drawn from the settings.
import type { Rng } from '../random.ts';
import { GENERATOR } from '../settings.ts';
import type { PageSetup } from '../spec.ts';

export function randomPage(rng: Rng, over: Partial<PageSetup> = {}): PageSetup {
  const m = () => rng.realIn(GENERATOR.page.margin, 1);
  const side = m();
  return {
    orientation: rng.chance(GENERATOR.page.landscapeShare) ? 'landscape' : 'portrait',
    margins: { top: m(), bottom: m(), left: side, right: side },
    ...over,
  };
}
