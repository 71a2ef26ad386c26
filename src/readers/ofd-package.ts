// The OFD package (GB/T 33190 §7): a ZIP already judged by the ZIP guard, read part by part.
// Parts are named by ST_Loc paths, absolute (`/Doc_0/Document.xml`) or relative to the part
// that names them; real producers also write backslashes, other letter case (`DOC_0/Res`
// for `Doc_0/Res`) and percent-escapes, so a path that is not found as written is looked up
// case-insensitively and unescaped. A path never climbs out of the package (`..` past the
// root finds nothing); nothing is read from disk.
import { ExtractError } from '../model/errors.ts';
import { inflateEntry, type ZipEntryInfo } from './zip-guard.ts';
import { parseXml, rootElement, type XmlElement, type XmlLimits } from './ofd-xml.ts';

export interface OfdLimits extends XmlLimits {
  /** Most documents (DocBody) read from one package. */
  maxDocuments: number;
  /** Deepest nesting of CompositeObjects (a unit drawing a unit drawing …) and of templates. */
  maxNesting: number;
  /** Most objects drawn on one page, composite units and templates expanded. */
  maxObjectsPerPage: number;
  /** Longest ST_Loc path followed. */
  maxPathLength: number;
}

/**
 * Why these values: real OFD parts hold a few hundred to ~20,000 elements (a 500-path form's
 * Content.xml: ~2,000) and nest ~10 deep; composite units nest once or twice; a page draws at
 * most tens of thousands of objects. The limits sit far above that and far below what would
 * exhaust a worker's heap (500,000 elements ≈ 100 MB of tree).
 */
export const OFD_LIMITS: OfdLimits = {
  maxElements: 500_000,
  maxDepth: 64,
  maxDocuments: 64,
  maxNesting: 8,
  maxObjectsPerPage: 200_000,
  maxPathLength: 1024,
};

export function corruptOfd(why: string): ExtractError {
  return new ExtractError('corrupt-ofd', `the OFD package cannot be read: ${why}`);
}

export class OfdPackage {
  private readonly byName = new Map<string, ZipEntryInfo>();
  private readonly byLowerName = new Map<string, ZipEntryInfo>();
  private readonly parsed = new Map<string, XmlElement | null>();

  constructor(private readonly bytes: Uint8Array, entries: readonly ZipEntryInfo[], readonly limits: OfdLimits = OFD_LIMITS) {
    for (const e of entries) {
      if (e.name.endsWith('/')) continue;
      const name = e.name.replace(/\\/gu, '/');
      this.byName.set(name, e);
      if (!this.byLowerName.has(name.toLowerCase())) this.byLowerName.set(name.toLowerCase(), e);
    }
  }

  /** The package path that `loc` names from the part `base` ('' = the package root), or null. */
  resolve(base: string, loc: string | undefined): string | null {
    if (!loc) return null;
    const path = loc.trim().replace(/\\/gu, '/');
    if (!path || path.length > this.limits.maxPathLength) return null;
    const parts = path.startsWith('/') ? [] : base.split('/').slice(0, -1);
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length === 0) return null;
        parts.pop();
      } else parts.push(part);
    }
    return parts.length > 0 ? parts.join('/') : null;
  }

  /** The entry at `path`: as written, else in other letter case, else percent-unescaped. */
  entry(path: string | null): ZipEntryInfo | undefined {
    if (!path) return undefined;
    const found = this.byName.get(path) ?? this.byLowerName.get(path.toLowerCase());
    if (found || !path.includes('%')) return found;
    try {
      const unescaped = decodeURIComponent(path);
      return this.byName.get(unescaped) ?? this.byLowerName.get(unescaped.toLowerCase());
    } catch {
      return undefined;
    }
  }

  /** The bytes of the part at `path`, or null when the package has no such part. */
  bytesOf(path: string | null): Buffer | null {
    const e = this.entry(path);
    return e ? inflateEntry(this.bytes, e, 'corrupt-ofd') : null;
  }

  /**
   * The root element of the XML part at `path`, or null when it is missing or empty. Parts
   * read again (resources, templates) are kept once parsed; `keep: false` for a page's own.
   */
  xml(path: string | null, keep = true): XmlElement | null {
    if (!path) return null;
    const key = this.entry(path)?.name;
    if (!key) return null;
    const cached = this.parsed.get(key);
    if (cached !== undefined) return cached;
    const data = this.bytesOf(path);
    const root = data ? rootElement(parseXml(data, key, this.limits)) ?? null : null;
    if (keep) this.parsed.set(key, root);
    return root;
  }

  /** The package path of the part that `path` resolved to (its real entry name), for resolving paths inside it. */
  partName(path: string | null): string {
    return this.entry(path)?.name.replace(/\\/gu, '/') ?? path ?? '';
  }

  /** Every entry name (for the root OFD.xml lookup and encrypted-package detection). */
  names(): string[] {
    return [...this.byName.keys()];
  }
}
