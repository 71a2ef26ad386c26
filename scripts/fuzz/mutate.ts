// Mutations for the fuzzer: byte-level damage for any file, and ZIP-entry damage for
// DOCX/XLSX (an entry's inflated bytes damaged and the archive rebuilt with correct CRCs,
// so the damage reaches mammoth/SheetJS instead of stopping at the ZIP guard; or an entry
// deleted or duplicated). Everything is drawn from a seeded PRNG: (seed, iteration) → bytes.
import { rng } from '../make-bad-files.ts';
import { readZip, writeZip } from '../bad/zip.ts';

export type Random = () => number;

const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];

const INTERESTING = ['0', '-1', '1', '65535', '4294967295', '2147483648', '99999999999', '1e308', 'NaN', '-0', '00000000000000000001'];

/** Byte-level mutations; each returns new bytes. */
export const BYTE_MUTATIONS = {
  truncate(b: Buffer, r: Random): Buffer {
    return b.subarray(0, int(r, b.length));
  },
  bitflips(b: Buffer, r: Random): Buffer {
    const out = Buffer.from(b);
    const n = 1 + int(r, 32);
    for (let i = 0; i < n && out.length; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
    return out;
  },
  duplicateChunk(b: Buffer, r: Random): Buffer {
    if (b.length < 2) return b;
    const start = int(r, b.length);
    const len = 1 + int(r, Math.min(4096, b.length - start));
    const at = int(r, b.length);
    const times = 1 + int(r, 4);
    return Buffer.concat([b.subarray(0, at), ...Array<Buffer>(times).fill(b.subarray(start, start + len)), b.subarray(at)]);
  },
  deleteChunk(b: Buffer, r: Random): Buffer {
    const start = int(r, b.length);
    const len = 1 + int(r, Math.min(4096, b.length - start));
    return Buffer.concat([b.subarray(0, start), b.subarray(start + len)]);
  },
  overwriteBytes(b: Buffer, r: Random): Buffer {
    const out = Buffer.from(b);
    const at = int(r, out.length);
    const len = 1 + int(r, 16);
    const value = pick(r, [0x00, 0xff, 0x7f, 0x80, 0x20, 0x3c, 0x3e, 0x28, 0x29]);
    out.fill(value, at, Math.min(out.length, at + len));
    return out;
  },
  /** Replaces an ASCII number (an offset, a length, a row index, a span…) with an extreme one. */
  number(b: Buffer, r: Random): Buffer {
    const text = b.toString('latin1');
    const re = /\d+/gu;
    const found: [number, number][] = [];
    for (let m = re.exec(text); m && found.length < 5000; m = re.exec(text)) found.push([m.index, m[0].length]);
    if (found.length === 0) return b;
    const [at, len] = pick(r, found);
    const value = r() < 0.5 ? pick(r, INTERESTING) : String(int(r, 10 ** (1 + int(r, 9))));
    return Buffer.concat([b.subarray(0, at), Buffer.from(value, 'latin1'), b.subarray(at + len)]);
  },
};

type ByteMutation = keyof typeof BYTE_MUTATIONS;
const BYTE_NAMES = Object.keys(BYTE_MUTATIONS) as ByteMutation[];

function isZip(b: Buffer): boolean {
  return b.length > 4 && b.readUInt32LE(0) === 0x04034b50;
}

/** ZIP-entry mutations: damage inside an entry (rezipped with right CRCs), delete or duplicate one. */
function mutateZip(b: Buffer, r: Random, steps: string[]): Buffer {
  let entries;
  try {
    entries = readZip(b);
  } catch {
    return b;
  }
  if (entries.length === 0) return b;
  const roll = r();
  if (roll < 0.12) {
    const i = int(r, entries.length);
    steps.push(`zip-delete:${entries[i].name}`);
    entries.splice(i, 1);
  } else if (roll < 0.18) {
    const i = int(r, entries.length);
    steps.push(`zip-duplicate:${entries[i].name}`);
    entries.splice(int(r, entries.length), 0, entries[i]);
  } else {
    // Prefer the parts the readers parse: XML.
    const xml = entries.map((e, i) => [e, i] as const).filter(([e]) => /\.(xml|rels)$/u.test(e.name));
    const [entry, i] = xml.length && r() < 0.9 ? pick(r, xml) : [entries[int(r, entries.length)], 0];
    const index = xml.length ? i : entries.indexOf(entry);
    const name = pick(r, BYTE_NAMES);
    steps.push(`zip-entry:${entry.name}:${name}`);
    entries[index] = { ...entry, data: BYTE_MUTATIONS[name](entry.data, r) };
  }
  return writeZip(entries);
}

/** The mutated bytes for one iteration and the steps taken (for the crash report). */
export function mutate(input: Buffer, seed: number, iteration: number): { bytes: Buffer; steps: string[] } {
  const r = rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(iteration + 1, 0x85ebca77)) >>> 0);
  const steps: string[] = [];
  let bytes = input;
  const n = 1 + int(r, 3);
  for (let k = 0; k < n; k++) {
    if (isZip(bytes) && r() < 0.6) bytes = mutateZip(bytes, r, steps);
    else {
      const name = pick(r, BYTE_NAMES);
      steps.push(name);
      bytes = BYTE_MUTATIONS[name](bytes, r);
    }
  }
  return { bytes, steps };
}

/** Which sample an iteration starts from. */
export function pickSample<T>(samples: readonly T[], seed: number, iteration: number): T {
  const r = rng((seed ^ Math.imul(iteration + 7, 0x27d4eb2f)) >>> 0);
  return samples[int(r, samples.length)];
}
