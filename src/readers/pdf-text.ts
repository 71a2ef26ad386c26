// Text fixes for the PDF reader: real font names and private-use glyphs of symbol fonts.

/** The base font name without its subset tag: `FAAAAA+OpenSymbol` → `OpenSymbol`. */
export function baseFontName(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '');
}

/**
 * Symbol-encoded fonts (Symbol, OpenSymbol, SymbolMT) without a Unicode map come out of
 * pdfjs in the private-use area U+F020–U+F0FF (Word writes `≥` as Symbol F0B3). This maps
 * the printable Symbol encoding back to Unicode.
 */
const SYMBOL: Record<number, string> = {
  0x20: ' ', 0x21: '!', 0x22: '∀', 0x23: '#', 0x24: '∃', 0x25: '%', 0x26: '&', 0x27: '∋', 0x28: '(', 0x29: ')',
  0x2a: '∗', 0x2b: '+', 0x2c: ',', 0x2d: '−', 0x2e: '.', 0x2f: '/', 0x3a: ':', 0x3b: ';', 0x3c: '<', 0x3d: '=',
  0x3e: '>', 0x3f: '?', 0x40: '≅', 0x5b: '[', 0x5c: '∴', 0x5d: ']', 0x5e: '⊥', 0x5f: '_', 0x7b: '{', 0x7c: '|',
  0x7d: '}', 0x7e: '∼', 0xa1: 'ϒ', 0xa2: '′', 0xa3: '≤', 0xa4: '⁄', 0xa5: '∞', 0xa6: 'ƒ', 0xab: '↔', 0xac: '←',
  0xad: '↑', 0xae: '→', 0xaf: '↓', 0xb0: '°', 0xb1: '±', 0xb2: '″', 0xb3: '≥', 0xb4: '×', 0xb5: '∝', 0xb6: '∂',
  0xb7: '•', 0xb8: '÷', 0xb9: '≠', 0xba: '≡', 0xbb: '≈', 0xbc: '…', 0xc4: '⊗', 0xc5: '⊕', 0xc6: '∅', 0xc7: '∩',
  0xc8: '∪', 0xc9: '⊃', 0xca: '⊇', 0xcb: '⊄', 0xcc: '⊂', 0xcd: '⊆', 0xce: '∈', 0xcf: '∉', 0xd0: '∠', 0xd1: '∇',
  0xd5: '∏', 0xd6: '√', 0xd7: '⋅', 0xd8: '¬', 0xd9: '∧', 0xda: '∨', 0xdb: '⇔', 0xdc: '⇐', 0xdd: '⇑', 0xde: '⇒',
  0xdf: '⇓', 0xe0: '◊', 0xe1: '〈', 0xe5: '∑', 0xf1: '〉', 0xf2: '∫',
};
const GREEK_UPPER = 'ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ';
const GREEK_LOWER = 'αβχδεφγηιϕκλμνοπθρστυϖωξψζ';
for (let i = 0; i < 26; i++) {
  SYMBOL[0x41 + i] = GREEK_UPPER[i];
  SYMBOL[0x61 + i] = GREEK_LOWER[i];
}
for (let d = 0; d < 10; d++) SYMBOL[0x30 + d] = String(d);

/** The few Wingdings glyphs that carry meaning in forms (check boxes, bullets). */
const WINGDINGS: Record<number, string> = { 0xfc: '✓', 0xfb: '✗', 0xfe: '☑', 0xfd: '☒', 0xa8: '□', 0x6f: '□', 0x6c: '●', 0x6e: '■', 0x9f: '•' };

/** Maps private-use glyphs of symbol fonts to Unicode; other text is returned unchanged. */
export function mapSymbolFontText(text: string, fontName: string): string {
  if (!/[\uF020-\uF0FF]/u.test(text)) return text;
  const table = /wingding/i.test(fontName) ? WINGDINGS : /symbol/i.test(fontName) || fontName === '' ? SYMBOL : null;
  if (!table) return text;
  return text.replace(/[\uF020-\uF0FF]/gu, (ch) => table[ch.charCodeAt(0) - 0xf000] ?? ch);
}
