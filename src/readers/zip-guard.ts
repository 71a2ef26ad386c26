// Checks a DOCX/XLSX/OFD archive BEFORE mammoth (JSZip), SheetJS or the OFD reader inflate
// it: the central directory is read here, entry names, counts, declared sizes and compression
// ratios are judged against the limits, then every entry is inflated once with a hard output
// cap (zlib's maxOutputLength), so an entry that lies about its size is caught without ever
// holding more than its declared size, and its CRC is verified. The inflated XML parts are
// searched for DTDs: OOXML and OFD never use them, and refusing them rules out XXE and entity
// expansion in any XML parser behind us.
import { crc32, inflateRawSync } from 'node:zlib';
import { ExtractError, type ErrorCode } from '../model/errors.ts';
import { MIB, RATIO_MIN_BYTES, limitVariable, type InputLimits } from './limits.ts';

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local file header. */
  localOffset: number;
  /** Offset of the entry's data (after the local header). */
  dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const DTD_MARKERS = ['<!DOCTYPE', '<!ENTITY'].flatMap((m) => [Buffer.from(m, 'latin1'), Buffer.from(m, 'utf16le'), Buffer.from(m, 'utf16le').swap16()]);

function fmt(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MB` : `${bytes} bytes`;
}

/** Reads the central directory; throws ExtractError(`corruptCode`) when it is not a sound ZIP. */
export function readCentralDirectory(bytes: Uint8Array, corruptCode: ErrorCode = 'corrupt-docx'): ZipEntryInfo[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) => new ExtractError(corruptCode, `a damaged ZIP archive: ${why}`);
  // The end-of-central-directory record: the last signature whose comment ends the file.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('its central directory is missing');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR) throw corrupt('a ZIP64 directory without its locator');
    const z64 = Number(buf.readBigUInt64LE(loc + 8));
    if (z64 < 0 || z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD) throw corrupt('a broken ZIP64 directory record');
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdSize = Number(buf.readBigUInt64LE(z64 + 40));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  if (cdOffset + cdSize > buf.length) throw corrupt('its central directory lies past the end of the file');
  if (count * 46 > cdSize) throw corrupt(`its directory cannot hold ${count} entries`);
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== CENTRAL) throw corrupt(`directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize) throw corrupt(`directory entry ${n + 1} runs past the directory`);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = nameBytes.toString('utf8');
    // ZIP64 extra field: the 8-byte values stand in for the 0xffffffff ones, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x);
      const size = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const take = (): number => {
          if (q + 8 > x + 4 + size) throw corrupt(`entry ${name}: a short ZIP64 field`);
          const v = Number(buf.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + size;
    }
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw corrupt(`entry ${name}: its local header is missing`);
    const localNameLen = buf.readUInt16LE(localOffset + 26);
    const localExtraLen = buf.readUInt16LE(localOffset + 28);
    const dataOffset = localOffset + 30 + localNameLen + localExtraLen;
    if (dataOffset + compressedSize > buf.length) throw corrupt(`entry ${name}: its data runs past the end of the file`);
    if (!buf.subarray(localOffset + 30, localOffset + 30 + localNameLen).equals(nameBytes)) throw corrupt(`entry ${name}: its local header names another entry`);
    // Without a data descriptor (flag bit 3) the local header repeats the sizes: they must agree.
    if ((flags & 8) === 0) {
      const localComp = buf.readUInt32LE(localOffset + 18);
      const localUncomp = buf.readUInt32LE(localOffset + 22);
      if ((localComp !== 0xffffffff && localComp !== compressedSize) || (localUncomp !== 0xffffffff && localUncomp !== uncompressedSize)) {
        throw corrupt(`entry ${name}: its local header gives other sizes than the directory`);
      }
    }
    entries.push({ name, method, flags, crc, compressedSize, uncompressedSize, localOffset, dataOffset });
    p = end;
  }
  return entries;
}

/** An entry name that would land outside the folder it is unpacked into. */
export function unsafeEntryName(name: string): boolean {
  if (name.includes('\0')) return true;
  if (/^[/\\]/u.test(name) || /^[a-z]:/iu.test(name)) return true;
  return name.split(/[/\\]/u).some((part) => part === '..');
}

/**
 * One entry's bytes, inflated with a hard cap at its declared size + 1 and checked against its
 * CRC. Codes: `zip-bomb` (inflating past the declared size), `corruptCode` otherwise.
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntryInfo, corruptCode: ErrorCode): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new ExtractError(corruptCode, `the stored archive entry ${e.name} has two different sizes`);
    data = raw;
  } else {
    try {
      // One byte more than declared is enough to know the entry lies.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new ExtractError('zip-bomb', `the archive entry ${e.name} inflates past its declared ${fmt(e.uncompressedSize)}`);
      }
      throw new ExtractError(corruptCode, `the archive entry ${e.name} cannot be inflated (${(error as Error).message.split('\n')[0]})`);
    }
    if (data.length > e.uncompressedSize) throw new ExtractError('zip-bomb', `the archive entry ${e.name} inflates past its declared ${fmt(e.uncompressedSize)}`);
    if (data.length !== e.uncompressedSize) throw new ExtractError(corruptCode, `the archive entry ${e.name} is shorter than declared`);
  }
  if (crc32(data) !== e.crc) throw new ExtractError(corruptCode, `the archive entry ${e.name} fails its CRC check`);
  return data;
}

/**
 * Judges a DOCX/XLSX/OFD archive against the limits, before any other code inflates it.
 * Codes: `unsafe-zip` (entry names escaping the archive), `encrypted` (ZIP encryption),
 * `too-large` (entry count, total size), `zip-bomb` (compression ratio, an entry inflating
 * past its declared size), `unsafe-xml` (a DTD in an XML part), `corruptCode` otherwise.
 */
export function checkZip(bytes: Uint8Array, limits: InputLimits, corruptCode: ErrorCode): ZipEntryInfo[] {
  const entries = readCentralDirectory(bytes, corruptCode);
  if (entries.length > limits.maxZipEntries) {
    throw new ExtractError('too-large', `the archive has ${entries.length} entries (limit ${limits.maxZipEntries}, ${limitVariable('maxZipEntries')})`);
  }
  let total = 0;
  for (const e of entries) {
    if (unsafeEntryName(e.name)) throw new ExtractError('unsafe-zip', `the archive has an entry named ${JSON.stringify(e.name.slice(0, 80))} that points outside it`);
    if (e.flags & 1) throw new ExtractError('encrypted', `the archive entry ${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw new ExtractError(corruptCode, `the archive entry ${e.name} uses compression method ${e.method} (only stored and deflate exist in Office and OFD files)`);
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize >= RATIO_MIN_BYTES && ratio > limits.maxZipRatio) {
      throw new ExtractError('zip-bomb', `the archive entry ${e.name} inflates ${Math.round(ratio)}× (${fmt(e.compressedSize)} → ${fmt(e.uncompressedSize)}; limit ${limits.maxZipRatio}×, ${limitVariable('maxZipRatio')})`);
    }
    total += e.uncompressedSize;
    if (total > limits.maxUnzippedBytes) {
      throw new ExtractError('too-large', `the archive unpacks to more than ${fmt(limits.maxUnzippedBytes)} (limit ${limitVariable('maxUnzippedBytes')})`);
    }
  }
  for (const e of entries) {
    const data = inflateEntry(bytes, e, corruptCode);
    if (/\.(xml|rels|vml)$/iu.test(e.name) || data.subarray(0, 8).includes('<')) {
      if (DTD_MARKERS.some((m) => data.includes(m))) {
        throw new ExtractError('unsafe-xml', `the XML part ${e.name} declares a DTD or entities (refused: OOXML and OFD never use them; external entities are never loaded)`);
      }
    }
  }
  return entries;
}
