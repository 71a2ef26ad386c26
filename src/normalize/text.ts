// Text cleaning shared by every stage (SPEC §3.1 "Text is cleaned").

/**
 * Characters NFKC would fold into something that means less: superscripts/subscripts
 * (米² → 米2), squared unit symbols (㎡ → m2), circled numbers, and ≧ ≦ ℃ which we map ourselves.
 */
const KEEP_AS_IS = /[\u00B2\u00B3\u00B9\u2070-\u209F\u2100-\u214F\u2460-\u24FF\u3200-\u33FF]/u;

/**
 * Word's Symbol font puts its glyphs in the private-use area U+F020–U+F0FF; DOCX runs and
 * PDFs made from them (LibreOffice, Word) carry those code points instead of ≥ ≤.
 */
const SYMBOL_FONT_CHARS: Record<string, string> = {
  '\uF0B3': '≥', '\uF0A3': '≤', '\uF0B9': '≠', '\uF03D': '=', '\uF03E': '>', '\uF03C': '<',
  '\uF0B1': '±', '\uF0B4': '×', '\uF0B8': '÷', '\uF025': '%', '\uF0B0': '°',
};

export function mapSymbolFontChars(text: string): string {
  return text.replace(/[\uF020-\uF0FF]/gu, (ch) => SYMBOL_FONT_CHARS[ch] ?? ch);
}

/** NFKC, except for characters whose folded form would change their meaning. */
export function safeNfkc(text: string): string {
  if (!KEEP_AS_IS.test(text)) return text.normalize('NFKC');
  let out = '';
  for (const ch of text) out += KEEP_AS_IS.test(ch) ? ch : ch.normalize('NFKC');
  return out;
}

/** CJK ideographs, kana, CJK symbols/punctuation and full-width forms. */
const CJK = /[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;
/** Punctuation that hugs its neighbours; a space beside it next to CJK is a wrap artefact. */
const HUGGING_PUNCT = /[,.;:!?()[\]{}%、，。；：！？（）《》〈〉「」『』【】〔〕…·/]/u;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

function isCjkSide(ch: string | undefined): boolean {
  return ch !== undefined && (CJK.test(ch) || HUGGING_PUNCT.test(ch));
}

/**
 * Collapses whitespace: none between CJK characters (or CJK and punctuation, or CJK and a
 * digit), a single space elsewhere, trimmed. `可持续影响指 标` → `可持续影响指标`, `2022 年` →
 * `2022年`, `ISO 9001` stays.
 */
export function collapseSpaces(text: string): string {
  const trimmed = text.replace(/[\s\u3000\u00A0]+/gu, ' ').trim();
  if (!trimmed.includes(' ')) return trimmed;
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (ch !== ' ') {
      out += ch;
      continue;
    }
    const before = out[out.length - 1];
    const after = trimmed[i + 1];
    // A space between a number and a Chinese word (`2022 年`, `12 月底`, `第 3 页`) is a gap a PDF
    // renderer left between a Latin and a CJK font run, never one a writer of Chinese types.
    const digitJoin = (/\d/u.test(before ?? '') && isCjk(after)) || (isCjk(before) && /\d/u.test(after ?? ''));
    const cjkJoin = digitJoin ||
      (isCjk(before) && isCjkSide(after)) || (isCjkSide(before) && isCjk(after)) ||
      (HUGGING_PUNCT.test(before ?? '') && HUGGING_PUNCT.test(after ?? '') && /[、，。；：]/u.test(before + after));
    if (!cjkJoin) out += ' ';
  }
  return out;
}

/** The cleaning every output string gets: safe NFKC, then CJK-aware whitespace. */
export function cleanText(text: string): string {
  return collapseSpaces(safeNfkc(mapSymbolFontChars(text)));
}

/**
 * Joins the visual lines of one cell: no separator where either side is CJK (or both are
 * punctuation that hugs its neighbours), one space between Latin words. A hyphen at a Latin line end is kept (we cannot tell soft from hard).
 */
export function joinCellLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) {
      out = line;
      continue;
    }
    const last = out[out.length - 1];
    const first = line[0];
    // A line wrap between a number and a Chinese word (`2025年9` / `月底前`) is no space either.
    out += isCjk(last) || isCjk(first) || (isCjkSide(last) && isCjkSide(first)) ? line : ` ${line}`;
  }
  return cleanText(out);
}
