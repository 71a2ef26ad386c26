// Chinese full-text search in PostgreSQL without a word segmenter: the text is cut into runs of
// letters and digits; a run of Han characters is indexed as its character bigrams, in order (so a
// phrase query of the bigrams of any substring of two or more characters finds it), every Han
// character also on its own (one-character queries), other words whole. The tsvector and tsquery
// are written here as literals (no parser of PostgreSQL in between, so both sides cut the same way).
// pg_trgm is no help: its index needs three characters and its similarity is 0 on Chinese.
import { mapSymbolFontChars, safeNfkc } from '../../normalize/text.ts';

const RUN = /[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;
/** Positions left free between two fields: a phrase never runs from one field into the next. */
const FIELD_GAP = 2;
/** PostgreSQL's largest tsvector position. */
const MAX_POSITION = 16_383;

/** The tokens of TEXT in order: Han bigrams (a lone Han character as itself), other words whole, lowercased. */
export function phraseTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of safeNfkc(mapSymbolFontChars(text)).toLowerCase().matchAll(RUN)) {
    let han: string[] = [];
    let word = '';
    const flushHan = () => {
      if (han.length === 1) tokens.push(han[0]);
      for (let i = 0; i + 1 < han.length; i++) tokens.push(han[i] + han[i + 1]);
      han = [];
    };
    for (const ch of run) {
      if (HAN.test(ch)) {
        if (word) { tokens.push(word); word = ''; }
        han.push(ch);
      } else {
        if (han.length) flushHan();
        word += ch;
      }
    }
    if (word) tokens.push(word);
    flushHan();
  }
  return tokens;
}

export type Weight = 'A' | 'B' | 'C' | 'D';

/** A tsvector literal of the weighted fields (empty ones skipped), single Han characters appended. */
export function tsvectorOf(fields: [string | null | undefined, Weight][]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (token: string, weight: Weight) => {
    if (position >= MAX_POSITION) return;
    position++;
    const list = positions.get(token) ?? [];
    if (list.length < 256) list.push(`${position}${weight}`);
    positions.set(token, list);
  };
  const singles = new Map<string, Weight>();
  for (const [text, weight] of fields) {
    if (!text) continue;
    for (const token of phraseTokens(text)) add(token, weight);
    for (const ch of safeNfkc(mapSymbolFontChars(text))) if (HAN.test(ch) && !singles.has(ch)) singles.set(ch, weight);
    position += FIELD_GAP;
  }
  for (const [ch, weight] of singles) if (!positions.has(ch)) add(ch, weight);
  return [...positions.entries()].map(([token, list]) => `'${token}':${list.join(',')}`).join(' ');
}

/** A tsquery literal: every term (AND), each the phrase of its tokens; null when no term has a token. */
export function tsqueryOf(terms: string[]): string | null {
  const phrases = terms.map((term) => phraseTokens(term).map((token) => `'${token}'`).join(' <-> ')).filter(Boolean);
  return phrases.length ? phrases.map((phrase) => `(${phrase})`).join(' & ') : null;
}
