// The directory of an OLE compound file (Word 97 DOC, WPS, Excel 97 XLS, ET, and
// password-protected OOXML), read by hand so that the sniffer can tell a word-processing file
// from a workbook by its streams without loading SheetJS. Every chain is bounded: a loop or a
// sector past the end of the file is an error, never a hang.
import { ExtractError } from '../model/errors.ts';
import type { LegacyFormat } from '../model/layout.ts';

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const NO_STREAM = 0xffffffff;
const HEADER_DIFAT = 109;

export interface OleEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

class OleError extends Error {}

interface Container {
  bytes: Uint8Array;
  view: DataView;
  sectorSize: number;
  sectorCount: number;
  /** The sectors holding the FAT, in order (entries are read from them when needed). */
  fatSectors: number[];
  miniCutoff: number;
}

function sectorOffset(c: Container, sector: number): number {
  if (sector >= c.sectorCount) throw new OleError(`sector ${sector} lies past the end of the file`);
  return (sector + 1) * c.sectorSize;
}

function open(bytes: Uint8Array): Container {
  if (bytes.length < 512) throw new OleError('the file is shorter than an OLE header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(30, true);
  if (view.getUint16(28, true) !== 0xfffe || (shift !== 9 && shift !== 12)) throw new OleError('the OLE header is damaged');
  const sectorSize = 1 << shift;
  // A truncated last sector still counts: its start lies in the file.
  const sectorCount = Math.max(0, Math.ceil(bytes.length / sectorSize) - 1);
  const fatSectors: number[] = [];
  const c: Container = { bytes, view, sectorSize, sectorCount, fatSectors, miniCutoff: view.getUint32(56, true) };
  const fatCount = view.getUint32(44, true);
  if (fatCount > sectorCount) throw new OleError(`the header declares ${fatCount} FAT sectors in a file of ${sectorCount}`);
  for (let i = 0; i < HEADER_DIFAT && fatSectors.length < fatCount; i++) fatSectors.push(view.getUint32(76 + 4 * i, true));
  const seen = new Set<number>();
  for (let difat = view.getUint32(68, true); fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE;) {
    if (seen.has(difat)) throw new OleError('the DIFAT chain loops');
    seen.add(difat);
    const offset = sectorOffset(c, difat);
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(readU32(c, offset + 4 * i));
    difat = readU32(c, offset + sectorSize - 4);
  }
  return c;
}

function readU32(c: Container, offset: number): number {
  if (offset + 4 > c.bytes.length) throw new OleError('the file ends inside a sector');
  return c.view.getUint32(offset, true);
}

function chain(c: Container, start: number): number[] {
  const sectors: number[] = [];
  const seen = new Set<number>();
  for (let sector = start; sector !== END_OF_CHAIN;) {
    if (sector >= c.sectorCount || seen.has(sector)) throw new OleError(seen.has(sector) ? 'a sector chain loops' : `sector ${sector} lies past the end of the file`);
    seen.add(sector);
    sectors.push(sector);
    const perSector = c.sectorSize / 4;
    const fatSector = c.fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) throw new OleError(`sector ${sector} has no FAT entry`);
    sector = readU32(c, sectorOffset(c, fatSector) + 4 * (sector % perSector));
  }
  return sectors;
}

interface DirectoryEntry extends OleEntry {
  /** Where the entry's 128 bytes start in the file. */
  offset: number;
  left: number;
  right: number;
  child: number;
}

/** Directory entry ID, read from the directory's sector chain (entries are 128 bytes). */
function entryReader(c: Container): (id: number) => DirectoryEntry | undefined {
  const sectors = chain(c, c.view.getUint32(48, true));
  const perSector = c.sectorSize / 128;
  return (id) => {
    const sector = sectors[Math.floor(id / perSector)];
    if (sector === undefined) return undefined;
    const offset = sectorOffset(c, sector) + 128 * (id % perSector);
    if (offset + 128 > c.bytes.length) return undefined;
    const nameBytes = c.view.getUint16(offset + 64, true);
    return {
      offset,
      name: nameBytes >= 2 && nameBytes <= 64 ? Buffer.from(c.bytes.subarray(offset, offset + nameBytes - 2)).toString('utf16le') : '',
      type: c.bytes[offset + 66],
      left: c.view.getUint32(offset + 68, true),
      right: c.view.getUint32(offset + 72, true),
      child: c.view.getUint32(offset + 76, true),
      start: c.view.getUint32(offset + 116, true),
      size: c.view.getUint32(offset + 120, true),
    };
  };
}

/** More entries directly under the root than any real document has: the tree is hostile. */
const MAX_ROOT_ENTRIES = 10_000;

/** The streams and storages directly under the root storage, by name. */
function rootEntries(c: Container): Map<string, DirectoryEntry> {
  const entry = entryReader(c);
  const root = entry(0);
  if (!root || root.type !== 5) throw new OleError('the OLE directory has no root storage');
  const found = new Map<string, DirectoryEntry>();
  // The root's children form one binary tree through left/right; `child` would go a level down.
  const stack = [root.child];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === NO_STREAM) continue;
    const child = entry(id);
    if (!child || seen.has(id) || seen.size >= MAX_ROOT_ENTRIES) throw new OleError('the OLE directory tree is damaged');
    seen.add(id);
    found.set(child.name, child);
    stack.push(child.left, child.right);
  }
  return found;
}

/**
 * A copy of BYTES in which the root streams named NAMES are renamed (first character → `_`), so
 * that a reader looking for them does not find them. Other streams and all sectors are unchanged.
 */
export function hideOleStreams(bytes: Uint8Array, names: string[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  let streams: Map<string, DirectoryEntry>;
  try {
    streams = rootEntries(open(copy));
  } catch {
    return copy;
  }
  for (const name of names) {
    const entry = streams.get(name);
    if (entry) copy.set([0x5f, 0x00], entry.offset);
  }
  return copy;
}

/** The first LENGTH bytes of a stream kept in regular sectors (null for a small one in the mini stream). */
function streamHead(c: Container, entry: OleEntry, length: number): Uint8Array | null {
  if (entry.size < c.miniCutoff || entry.size < length) return null;
  const offset = sectorOffset(c, entry.start);
  return c.bytes.subarray(offset, Math.min(offset + length, c.bytes.length));
}

/** Word's File Information Block: magic 0xA5EC, flags at 0x0A with fEncrypted = 0x0100. */
function wordIsEncrypted(c: Container, entry: OleEntry): boolean {
  const fib = streamHead(c, entry, 12);
  if (!fib || fib.length < 12) return false;
  const view = new DataView(fib.buffer, fib.byteOffset, fib.byteLength);
  return view.getUint16(0, true) === 0xa5ec && (view.getUint16(10, true) & 0x0100) !== 0;
}

/** How far into a damaged file stream starts are looked for. */
const SCAN_BYTES = 1 << 20;

/**
 * Which family a damaged container belongs to, from what survives: a stream name in the directory,
 * or a stream starting at a sector boundary (Word's FIB begins with wIdent 0xA5EC, a BIFF8
 * workbook with its BOF record 0x0809 of 16 bytes).
 */
function damagedFamily(bytes: Uint8Array): 'corrupt-doc' | 'corrupt-xls' | 'unsupported-format' {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let word = buffer.includes(Buffer.from('WordDocument', 'utf16le'));
  let workbook = buffer.includes(Buffer.from('Workbook', 'utf16le'));
  for (let offset = 512; offset + 4 <= Math.min(bytes.length, SCAN_BYTES) && !word && !workbook; offset += 512) {
    const head = buffer.readUInt32LE(offset);
    word = (head & 0xffff) === 0xa5ec;
    workbook = head === 0x0010_0809;
  }
  return word ? 'corrupt-doc' : workbook ? 'corrupt-xls' : 'unsupported-format';
}

/**
 * What an OLE compound file holds, from its root streams: `WordDocument` is a Word 97 document
 * (`wps` when WPS Writer wrote it: a `WpsCustomData` stream), `Workbook`/`Book` an Excel 97/95
 * workbook (`et` when WPS Spreadsheets wrote it: `ETExtData`). The file name is never asked.
 */
export function oleFormat(bytes: Uint8Array): LegacyFormat {
  let streams: Map<string, OleEntry>;
  let wordEncrypted = false;
  try {
    const c = open(bytes);
    streams = rootEntries(c);
    const word = streams.get('WordDocument');
    wordEncrypted = word !== undefined && wordIsEncrypted(c, word);
  } catch (error) {
    if (!(error instanceof OleError)) throw error;
    throw new ExtractError(damagedFamily(bytes), `a damaged OLE compound file (${error.message})`);
  }
  if (streams.has('EncryptedPackage')) throw new ExtractError('encrypted', 'a password-protected Office document (an encrypted DOCX/XLSX); remove the password and try again');
  if (streams.has('WordDocument')) {
    if (wordEncrypted) throw new ExtractError('encrypted', 'a password-protected Word document; remove the password and try again');
    return streams.has('WpsCustomData') ? 'wps' : 'doc';
  }
  if (streams.has('Workbook') || streams.has('Book')) return streams.has('ETExtData') ? 'et' : 'xls';
  if (streams.has('PowerPoint Document')) throw new ExtractError('unsupported-format', 'a PowerPoint presentation (PPT/DPS), not a document with tables');
  const names = [...streams.keys()].map((name) => name.replace(/[\u0000-\u001f]/gu, '')).slice(0, 8).join(', ');
  throw new ExtractError('unsupported-format', `an OLE compound file that is neither a Word document nor a workbook (streams: ${names || 'none'})`);
}
