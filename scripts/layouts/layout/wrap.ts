// Greedy line breaking for cells and prose: CJK text breaks between any two characters,
// Latin words and numbers only at spaces (a word longer than the line is cut).
import type { FontMetrics } from './drawing.ts';

const BREAKABLE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;
/** Characters that may not open a line (Chinese line-breaking rules, 避头). */
const NO_LINE_START = /^[，。、；：？！）》〕」』%,.;:?!)\]]/u;

/** A number whose thousands are grouped by spaces (`4 967.6`) is one word: it never wraps. */
const GROUPED_NUMBER = /^[-+]?\d{1,3}( \d{3})+([.,]\d+)?/u;

/** Tokens: one CJK character each, or a run of non-space non-CJK characters, or a space. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (word === '' && /[-+\d]/u.test(ch)) {
      const grouped = GROUPED_NUMBER.exec(chars.slice(i).join(''));
      if (grouped && grouped[0].includes(' ')) {
        out.push(grouped[0]);
        i += [...grouped[0]].length - 1;
        continue;
      }
    }
    if (ch === ' ' || BREAKABLE.test(ch)) {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/** The tokens a line may not be broken inside (CJK characters and spaces left out). */
export function unbreakable(text: string): string[] {
  return tokens(text).filter((t) => t !== ' ' && !(t.length === 1 && BREAKABLE.test(t)));
}

export function wrapText(text: string, width: number, size: number, metrics: FontMetrics, style: { bold?: boolean; mono?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const tok of tokens(paragraph)) {
      const candidate = line + tok;
      if (line === '' || metrics.width(candidate.trimEnd(), size, style) <= width || (NO_LINE_START.test(tok) && line.length > 1)) {
        line = tok === ' ' && line === '' ? '' : candidate;
        continue;
      }
      lines.push(line.trimEnd());
      if (tok === ' ') {
        line = '';
        continue;
      }
      // A token wider than the line on its own: cut it by characters.
      line = '';
      for (const ch of tok) {
        if (line && metrics.width(line + ch, size, style) > width) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
