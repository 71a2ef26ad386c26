// The non-embedded CID font of the hand-written PDFs: STSong-Light (Adobe-GB1) through the
// UniGB-UCS2-H CMap, so strings are UCS-2 and the reader needs pdfjs's CMaps. Used by the CID
// sample (scripts/samples/pdf.ts) and the layout generator's STSong writer.

/** Text width in points: STSong-Light CIDs for ASCII are half width (see /W), the rest full width. */
export function stSongWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0)! < 0x80 ? 0.5 : 1) * size;
  return w;
}

/** A PDF hex string of the text in UCS-2 (the BMP only: UniGB-UCS2-H has no surrogates). */
export function ucs2Hex(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0xffff) throw new Error('cid pdf: BMP only');
    out += cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return `<${out}>`;
}

/**
 * The three font objects: Type0 font, CIDFontType0 descendant, descriptor (no FontFile: not
 * embedded). `first` is the object number the Type0 font gets; the others follow it.
 */
export function stSongFontObjects(first: number): string[] {
  return [
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${first + 1} 0 R] >>`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light '
      + '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> '
      + `/FontDescriptor ${first + 2} 0 R /DW 1000 /W [1 95 500] >>`,
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] '
      + '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
}
