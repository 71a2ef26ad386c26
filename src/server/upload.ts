// POST /v1/documents: the multipart field `file` streamed to a temp file and hashed on the way,
// never held in memory; past the size limit the upload stops at once with 413.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // request.file()
import { HttpError } from './errors.ts';

export interface ReceivedFile {
  path: string;
  sha256: string;
  size: number;
  name: string;
}

/** A file name fit to be a source.path: its last component, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = basename((name ?? '').replace(/\\/gu, '/')).replace(/[\u0000-\u001f\u007f]/gu, '').trim();
  return [...base].slice(0, 200).join('') || 'upload';
}

/** Streams the request's `file` part into DIR; the caller removes the file when done with it. */
export async function receiveUpload(request: FastifyRequest, dir: string, maxBytes: number): Promise<ReceivedFile> {
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 30 } });
  if (!part) throw new HttpError(400, 'bad-request', 'the multipart body has no file (field "file")');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new HttpError(400, 'bad-request', `the file must be in the multipart field "file" (got "${part.fieldname}")`);
  }
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(part.file, count, createWriteStream(path));
    if (part.file.truncated) throw new HttpError(413, 'too-large', tooLarge(maxBytes));
  } catch (error) {
    await rm(path, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, 'too-large', tooLarge(maxBytes));
    throw error;
  }
  return { path, sha256: hash.digest('hex'), size, name: cleanFileName(part.filename) };
}

export function tooLarge(maxBytes: number): string {
  return `the file is larger than the limit of ${+(maxBytes / 2 ** 20).toFixed(2)} MB (ZHIBIAO_MAX_FILE_MB)`;
}
