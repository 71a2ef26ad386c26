// A small PDF encryptor (standard security handler, RC4 128-bit, revision 3) for making
// password-protected test files from the sample PDFs without qpdf. RC4 keeps lengths, so
// every stream is encrypted in place and the xref table stays valid; the /Encrypt
// dictionary goes into the trailer (after the xref, so no offset moves). Works on PDFs with
// a classic xref table (as LibreOffice writes them); literal strings outside streams (the
// /Info dictionary is dropped, a catalog /Lang stays) are left as they are.
import { createHash } from 'node:crypto';

const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');

export function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

const md5 = (...parts: Buffer[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

function padded(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);
}

const KEY_BYTES = 16;

/** Algorithm 3 (the /O value), revision 3. */
function ownerValue(owner: string, user: string): Buffer {
  let h = md5(padded(owner || user));
  for (let i = 0; i < 50; i++) h = md5(h.subarray(0, KEY_BYTES));
  const key = h.subarray(0, KEY_BYTES);
  let out = rc4(key, padded(user));
  for (let i = 1; i <= 19; i++) out = rc4(Buffer.from(key.map((b) => b ^ i)), out);
  return out;
}

/** Algorithm 2 (the file key), revision 3. */
function fileKey(user: string, o: Buffer, p: number, id0: Buffer): Buffer {
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p);
  let h = md5(padded(user), o, pBytes, id0);
  for (let i = 0; i < 50; i++) h = md5(h.subarray(0, KEY_BYTES));
  return h.subarray(0, KEY_BYTES);
}

/** Algorithm 5 (the /U value), revision 3. */
function userValue(key: Buffer, id0: Buffer): Buffer {
  let out = rc4(key, md5(PAD, id0));
  for (let i = 1; i <= 19; i++) out = rc4(Buffer.from(key.map((b) => b ^ i)), out);
  return Buffer.concat([out, Buffer.alloc(16)]);
}

function objectKey(key: Buffer, num: number, gen: number): Buffer {
  const extra = Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]);
  return md5(key, extra).subarray(0, Math.min(KEY_BYTES + 5, 16));
}

/**
 * The PDF encrypted with RC4-128. An empty `userPassword` makes an owner-password-only file
 * (anyone may open it; permissions restrict printing and copying): readers open it as usual.
 */
export function encryptPdf(pdf: Uint8Array, opts: { userPassword: string; ownerPassword: string }): Buffer {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const trailerAt = text.lastIndexOf('trailer');
  if (trailerAt < 0) throw new Error('encryptPdf needs a classic xref trailer');
  const idMatch = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>/u.exec(text.slice(trailerAt));
  const id0 = idMatch ? Buffer.from(idMatch[1], 'hex') : Buffer.alloc(16, 0x33);
  const p = -3904; // no print, no copy, no modify
  const o = ownerValue(opts.ownerPassword, opts.userPassword);
  const key = fileKey(opts.userPassword, o, p, id0);
  const u = userValue(key, id0);

  const directLength = (num: number): number | null => {
    const m = new RegExp(`(?:^|\\s)${num} 0 obj\\s*(\\d+)\\s*endobj`, 'u').exec(text);
    return m ? Number(m[1]) : null;
  };
  const objRe = /(\d+) (\d+) obj\b/gu;
  for (let m = objRe.exec(text); m; m = objRe.exec(text)) {
    if (m.index > trailerAt) break;
    const end = text.indexOf('endobj', m.index);
    if (end < 0) break;
    const body = text.slice(m.index, end);
    const streamAt = /stream\r?\n/u.exec(body);
    if (!streamAt) continue;
    const dict = body.slice(0, streamAt.index);
    const len = /\/Length\s+(\d+)(\s+\d+\s+R)?/u.exec(dict);
    if (!len) continue;
    const length = len[2] ? directLength(Number(len[1])) : Number(len[1]);
    if (length === null) continue;
    const start = m.index + streamAt.index + streamAt[0].length;
    const data = bytes.subarray(start, start + length);
    rc4(objectKey(key, Number(m[1]), Number(m[2])), data).copy(bytes, start);
    objRe.lastIndex = start + length;
  }
  const head = bytes.subarray(0, trailerAt).toString('latin1');
  const trailer = text
    .slice(trailerAt)
    .replace(/\/Info\s+\d+\s+\d+\s+R/u, '')
    .replace('<<', `<< /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P ${p} /O <${o.toString('hex')}> /U <${u.toString('hex')}> >>`);
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(trailer, 'latin1')]);
}
