// API tokens from ZHIBIAO_API_TOKENS: `token` or `name:token`, comma-separated. Only their SHA-256
// is kept; a presented token is hashed and compared with every known hash in constant time (no
// early exit, no length leak), so neither the comparison nor its timing says how close it came.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface TokenSet {
  /** The name of the token that matches, or null. */
  verify(presented: string | undefined): string | null;
  readonly size: number;
}

const hash = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Parses ZHIBIAO_API_TOKENS; unnamed tokens are called token-1, token-2, … in order. Throws on an empty entry or a repeated name. */
export function parseTokens(spec: string | undefined): TokenSet {
  const entries: { name: string; digest: Buffer }[] = [];
  const parts = (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  parts.forEach((part, i) => {
    const colon = part.indexOf(':');
    const name = colon > 0 ? part.slice(0, colon) : `token-${i + 1}`;
    const token = colon > 0 ? part.slice(colon + 1) : part;
    if (!token) throw new Error(`ZHIBIAO_API_TOKENS: entry ${i + 1} (${name}) has no token`);
    if (entries.some((entry) => entry.name === name)) throw new Error(`ZHIBIAO_API_TOKENS: the name ${name} is used twice`);
    entries.push({ name, digest: hash(token) });
  });
  return {
    size: entries.length,
    verify(presented) {
      if (!presented) return null;
      const digest = hash(presented);
      let match: string | null = null;
      for (const entry of entries) {
        if (timingSafeEqual(entry.digest, digest) && match === null) match = entry.name;
      }
      return match;
    },
  };
}

/** The token of a request: `Authorization: Bearer …`, else `?token=` (browser pages). */
export function presentedToken(authorization: string | undefined, queryToken: unknown): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/iu.exec(authorization ?? '');
  if (bearer) return bearer[1];
  return typeof queryToken === 'string' && queryToken ? queryToken : undefined;
}
