// Detects a document's format from its bytes, never from its file name.
import { ExtractError } from '../model/errors.ts';
import type { Format } from '../model/layout.ts';
import { oleFormat } from './legacy-ole.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  return magic.every((b, i) => bytes[offset + i] === b);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/** The end-of-central-directory record sits in the last 64 KiB + 22 bytes of a whole ZIP. */
function hasZipDirectory(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 65_557));
  return tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

/** The format of a document, or an ExtractError saying what the bytes are instead. */
export function sniffFormat(bytes: Uint8Array): Format {
  if (bytes.length === 0) throw new ExtractError('empty-file', 'the file is empty');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (!hasZipDirectory(bytes)) {
      const code = containsAscii(bytes, 'word/') ? 'corrupt-docx' : containsAscii(bytes, 'xl/') ? 'corrupt-xlsx' : containsAscii(bytes, 'OFD.xml') ? 'corrupt-ofd' : 'unsupported-format';
      throw new ExtractError(code, 'a truncated or damaged ZIP archive (its central directory is missing)');
    }
    // Entry names sit in plain text in the local headers and the central directory.
    if (containsAscii(bytes, 'word/document.xml')) return 'docx';
    if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    if (containsAscii(bytes, 'OFD.xml')) return 'ofd';
    throw new ExtractError('unsupported-format', 'a ZIP archive that is neither DOCX, XLSX nor OFD');
  }
  if (startsWith(bytes, OLE_MAGIC)) return oleFormat(bytes);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) throw new ExtractError('unsupported-format', 'a PNG image, not a document');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) throw new ExtractError('unsupported-format', 'a JPEG image, not a document');
  throw new ExtractError('unsupported-format', 'not a PDF, DOCX or XLSX file');
}
