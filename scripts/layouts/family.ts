// What a family file exports. A family turns a seeded Rng into one DocSpec (blocks + truth);
// the registry (families/index.ts) finds every family file by itself.
import type { ProducerName } from './producers/index.ts';
import type { Rng } from './random.ts';
import type { DocSpec } from './spec.ts';

export interface FamilyContext {
  /** `family:seed:index`, to put into DocSpec.id. */
  id: string;
}

export interface Family {
  /** Unique, kebab-case; generic families start with `generic-`, form layouts with `form-`. */
  name: string;
  kind: 'generic' | 'indicators';
  /** One line: what layout this is and which issue case it stands for. */
  description: string;
  /** The producers this layout makes sense through (cases rotate over them). */
  producers: readonly ProducerName[];
  make(rng: Rng, ctx: FamilyContext): DocSpec;
}
