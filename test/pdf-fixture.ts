// Builds tiny, valid PDFs in memory for reader tests (no external tools needed).
import { pdfFile } from '../scripts/lib/pdf-file.ts';

/** One page: its content stream and optional /Rotate and MediaBox size. */
export interface FixturePage {
  content: string;
  width?: number;
  height?: number;
  rotate?: number;
}

/** A PDF with Helvetica as /F1 and (when `cjk`) the non-embedded STSong-Light/UniGB-UCS2-H as /F2. */
export function makePdf(pages: FixturePage[], opts: { lockedWithPassword?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const helv = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const cidDesc = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${cidDesc} 0 R /DW 1000 >>`,
  );
  const song = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  const kids: number[] = [];
  for (const p of pages) {
    const stream = add(`<< /Length ${Buffer.byteLength(p.content, 'latin1')} >>\nstream\n${p.content}\nendstream`);
    const rot = p.rotate ? ` /Rotate ${p.rotate}` : '';
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${p.width ?? 595} ${p.height ?? 842}]${rot} /Resources << /Font << /F1 ${helv} 0 R /F2 ${song} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  // A standard security handler whose /U matches no password: readers must ask for one.
  const encrypt = opts.lockedWithPassword
    ? ` /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> >> /ID [<${'33'.repeat(16)}> <${'33'.repeat(16)}>]`
    : '';
  return new Uint8Array(pdfFile(objects, { root: catalog, trailer: encrypt }));
}

/** UTF-16BE hex string for a CID text show with UniGB-UCS2-H. */
export function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) hex += ch.charCodeAt(0).toString(16).padStart(4, '0');
  return `<${hex}>`;
}
