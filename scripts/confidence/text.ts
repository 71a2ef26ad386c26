// Seeded randomness and the ways text gets garbled or lost in real files.

import { type Rng, makeRng } from '../lib/rng.ts';

export { type Rng, makeRng };

export function seedOf(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

const CJK = /\p{Script=Han}/u;

/** Some CJK characters become U+FFFD (a decoder that met bytes it could not map). */
export function replacementChars(text: string, rng: Rng): string {
  const chars = [...text];
  const hanIdx = chars.map((ch, i) => (CJK.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (hanIdx.length === 0) return chars.length ? `${text}\uFFFD` : text;
  const n = Math.max(1, Math.round(hanIdx.length * 0.3));
  for (let k = 0; k < n; k++) chars[pick(rng, hanIdx)] = '\uFFFD';
  return chars.join('');
}

/** Every character becomes a private-use code point (a font without ToUnicode: glyph ids as text). */
export function privateUse(text: string): string {
  return [...text].map((ch) => (/\s/u.test(ch) ? ch : String.fromCodePoint(0xe000 + ((ch.codePointAt(0) ?? 0) % 0x1800)))).join('');
}

/** UTF-8 bytes read as Latin-1 (`完成` → `å®Œæˆ`). */
export function mojibake(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export type Garble = 'replacement' | 'private-use' | 'mojibake';
export const GARBLES: Garble[] = ['replacement', 'private-use', 'mojibake'];

export function garble(text: string, how: Garble, rng: Rng): string {
  if (!text) return text;
  if (how === 'replacement') return replacementChars(text, rng);
  if (how === 'private-use') return privateUse(text);
  return mojibake(text);
}

/** The glyph classes a stripped font takes with it. */
export const FONT_CLASSES = {
  symbols: /[≥≤≧≦＞＜>＝=<]/gu,
  digits: /[0-9.%]/gu,
} as const;
