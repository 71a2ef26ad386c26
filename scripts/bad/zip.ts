// A small ZIP reader/writer for making hostile DOCX/XLSX files (tests, fuzzing): rewrite
// entries, add entries with any name, and stream a deflate bomb to disk without ever
// holding its inflated size in memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { readCentralDirectory } from '../../src/readers/zip-guard.ts';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
}

/** Every entry of a ZIP, inflated, in directory order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readCentralDirectory(bytes).map((e) => {
    const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return { name: e.name, data: e.method === 8 ? inflateRawSync(raw) : Buffer.from(raw), method: e.method === 0 ? 0 : 8 };
  });
}

/** One entry as it is stored: compressed bytes and the sizes the headers will declare. */
export interface RawEntry {
  name: string;
  method: number;
  crc: number;
  compressed: Buffer;
  /** Declared uncompressed size (a lying one makes a bomb that hides). */
  size: number;
}

export function rawEntry(entry: ZipEntry): RawEntry {
  const method = entry.method ?? 8;
  return { name: entry.name, method, crc: crc32(entry.data), compressed: method === 8 ? deflateRawSync(entry.data) : entry.data, size: entry.data.length };
}

function localHeader(e: { name: Buffer; method: number; crc: number; compSize: number; size: number }): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(0x5921, 12); // 2024-09-01
  h.writeUInt32LE(e.crc >>> 0, 14);
  h.writeUInt32LE(e.compSize, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, e.name]);
}

function centralHeader(e: { name: Buffer; method: number; crc: number; compSize: number; size: number; offset: number }): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt16LE(0, 12);
  h.writeUInt16LE(0x5921, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(e.compSize, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  return Buffer.concat([h, e.name]);
}

function endRecord(count: number, cdSize: number, cdOffset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(count, 8);
  h.writeUInt16LE(count, 10);
  h.writeUInt32LE(cdSize, 12);
  h.writeUInt32LE(cdOffset, 16);
  return h;
}

export function writeRawZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const fields = { name, method: e.method, crc: e.crc, compSize: e.compressed.length, size: e.size, offset };
    const local = localHeader(fields);
    parts.push(local, e.compressed);
    central.push(centralHeader(fields));
    offset += local.length + e.compressed.length;
  }
  const cd = Buffer.concat(central);
  return Buffer.concat([...parts, cd, endRecord(entries.length, cd.length, offset)]);
}

export function writeZip(entries: ZipEntry[]): Buffer {
  return writeRawZip(entries.map(rawEntry));
}

// --- CRC-32 of long repeated data without reading it: zlib's crc32_combine (GF(2) matrices).

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i];
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]);
}

/** CRC-32 of A‖B from crc(A), crc(B) and the length of B. */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row >>> 0;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crc1 >>> 0;
  let len = len2;
  do {
    gf2Square(even, odd);
    if (len % 2) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc ^ crc2) >>> 0;
}

/** CRC-32 of `chunk` repeated `times` times, by doubling. */
export function crc32Repeated(chunk: Buffer, times: number): number {
  let result = 0;
  let resultLen = 0;
  let block = crc32(chunk);
  let blockLen = chunk.length;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2) {
      result = resultLen === 0 ? block : crc32Combine(result, block, blockLen);
      resultLen += blockLen;
    }
    block = crc32Combine(block, block, blockLen);
    blockLen *= 2;
  }
  return result >>> 0;
}

export interface BombOptions {
  /** Inflated size of the bomb entry, in MiB (at most 4095: no ZIP64 needed). */
  mib: number;
  /** Declare this uncompressed size instead of the true one (a bomb that hides from ratio checks). */
  declaredSize?: number;
}

/**
 * Writes a ZIP to `path` whose entry `bombName` inflates to `mib` MiB of spaces while the
 * file stays ~1/1000 of that: one 1 MiB deflate chunk (full-flushed, so it stands alone)
 * written `mib` times, then a final empty block. `others` are written before it as usual.
 */
export function writeZipBomb(path: string, others: ZipEntry[], bombName: string, opts: BombOptions): void {
  const chunkData = Buffer.alloc(1024 * 1024, 0x20);
  const chunk = deflateRawSync(chunkData, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const tail = Buffer.from([0x03, 0x00]); // final fixed-Huffman block holding only end-of-block
  const size = opts.mib * chunkData.length;
  if (size > 0xffffffff) throw new Error('the bomb must stay under 4 GiB');
  const crc = crc32Repeated(chunkData, opts.mib);
  const fd = openSync(path, 'w');
  try {
    let offset = 0;
    const central: Buffer[] = [];
    const write = (b: Buffer) => {
      writeSync(fd, b);
      offset += b.length;
    };
    for (const e of others.map(rawEntry)) {
      const fields = { name: Buffer.from(e.name), method: e.method, crc: e.crc, compSize: e.compressed.length, size: e.size, offset };
      central.push(centralHeader(fields));
      write(localHeader(fields));
      write(e.compressed);
    }
    const fields = { name: Buffer.from(bombName), method: 8, crc, compSize: chunk.length * opts.mib + tail.length, size: opts.declaredSize ?? size, offset };
    central.push(centralHeader(fields));
    write(localHeader(fields));
    for (let i = 0; i < opts.mib; i++) write(chunk);
    write(tail);
    const cd = Buffer.concat(central);
    const cdOffset = offset;
    write(cd);
    write(endRecord(central.length, cd.length, cdOffset));
  } finally {
    closeSync(fd);
  }
}
