// A PDF "flate bomb": one page whose content stream is about 1 KB per MiB compressed and
// `mib` MiB of spaces decoded. Like the zip bombs it is a repeated deflate block, written
// without ever holding the decoded bytes.
import { constants, deflateRawSync } from 'node:zlib';
import { pdfFile } from '../lib/pdf-file.ts';

const MIB = 1024 * 1024;
const ADLER_BASE = 65521;

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % ADLER_BASE;
    b = (b + a) % ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib's adler32_combine: the Adler-32 of A followed by B, from A's, B's and B's length. */
export function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const rem = lengthB % ADLER_BASE;
  const a1 = adlerA & 0xffff;
  const b1 = adlerA >>> 16;
  const a2 = adlerB & 0xffff;
  const b2 = adlerB >>> 16;
  const a = (a1 + a2 + ADLER_BASE - 1) % ADLER_BASE;
  const b = (((rem * a1) % ADLER_BASE) + b1 + b2 + ADLER_BASE - rem) % ADLER_BASE;
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream of `mib` MiB of spaces. */
export function zlibBomb(mib: number): Buffer {
  const chunkData = Buffer.alloc(MIB, 0x20);
  const chunk = deflateRawSync(chunkData, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const chunkAdler = adler32(chunkData);
  let adler = 1;
  for (let i = 0; i < mib; i++) adler = adler32Combine(adler, chunkAdler, chunkData.length);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(adler);
  // header (deflate, 32 KiB window, best compression), the blocks, a final empty fixed-Huffman block
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...new Array<Buffer>(mib).fill(chunk), Buffer.from([0x03, 0x00]), checksum]);
}

/** A one-page PDF whose content stream inflates to `mib` MiB. */
export function pdfFlateBomb(mib: number): Buffer {
  const content = zlibBomb(mib);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdfFile(objects, { root: 1, header: '%PDF-1.7\n' });
}
