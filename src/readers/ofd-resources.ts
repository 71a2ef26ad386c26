// OFD resources (GB/T 33190 §7.9): fonts, drawing parameters, colour spaces, composite
// graphic units and multimedia, declared in PublicRes/DocumentRes (the whole document) and
// PageRes (one page). A page looks an ID up in its own resources first, then the document's.
import type { OfdPackage } from './ofd-package.ts';
import { child, children, type XmlElement } from './ofd-xml.ts';

export interface OfdFont {
  name: string;
  family: string | null;
}

export interface OfdMedia {
  /** Package path of the media file (null when the file is not in the package). */
  path: string | null;
  type: string;
  format: string | null;
}

interface ResourceMaps {
  fonts: Map<string, OfdFont>;
  drawParams: Map<string, XmlElement>;
  colorSpaces: Map<string, string>;
  units: Map<string, XmlElement>;
  media: Map<string, OfdMedia>;
}

function emptyMaps(): ResourceMaps {
  return { fonts: new Map(), drawParams: new Map(), colorSpaces: new Map(), units: new Map(), media: new Map() };
}

/** A resource scope: its own maps, falling back to its parent's. */
export class OfdResources {
  private readonly own: ResourceMaps = emptyMaps();

  constructor(private readonly parent: OfdResources | null = null) {}

  /** Adds the resource file at `path` (missing files add nothing); returns whether it was found. */
  load(pkg: OfdPackage, path: string | null): boolean {
    const res = pkg.xml(path);
    if (!res || res.name !== 'Res') return false;
    const part = pkg.partName(path);
    // Files of the resources live under the Res's BaseLoc, relative to the Res file itself.
    const base = pkg.resolve(part, `${res.attrs.BaseLoc ?? '.'}/x`) ?? part;
    for (const group of res.children) {
      for (const item of group.children) {
        const id = item.attrs.ID;
        if (!id) continue;
        switch (item.name) {
          case 'Font':
            this.own.fonts.set(id, { name: item.attrs.FontName ?? item.attrs.FamilyName ?? '', family: item.attrs.FamilyName ?? null });
            break;
          case 'DrawParam':
            this.own.drawParams.set(id, item);
            break;
          case 'ColorSpace':
            this.own.colorSpaces.set(id, (item.attrs.Type ?? 'RGB').toUpperCase());
            break;
          case 'CompositeGraphicUnit':
            this.own.units.set(id, item);
            break;
          case 'MultiMedia': {
            const file = child(item, 'MediaFile')?.text.trim();
            const resolved = pkg.resolve(base, file);
            this.own.media.set(id, { path: pkg.entry(resolved) ? pkg.partName(resolved) : null, type: item.attrs.Type ?? '', format: item.attrs.Format ?? null });
            break;
          }
        }
      }
    }
    return true;
  }

  private find<K extends keyof ResourceMaps>(kind: K, id: string | undefined): (ResourceMaps[K] extends Map<string, infer V> ? V : never) | undefined {
    if (!id) return undefined;
    const hit = this.own[kind].get(id) as (ResourceMaps[K] extends Map<string, infer V> ? V : never) | undefined;
    return hit ?? this.parent?.find(kind, id);
  }

  font(id: string | undefined): OfdFont | undefined {
    return this.find('fonts', id);
  }

  drawParam(id: string | undefined): XmlElement | undefined {
    return this.find('drawParams', id);
  }

  unit(id: string | undefined): XmlElement | undefined {
    return this.find('units', id);
  }

  media(id: string | undefined): OfdMedia | undefined {
    return this.find('media', id);
  }

  colorSpace(id: string | undefined): string {
    return this.find('colorSpaces', id) ?? 'RGB';
  }
}

/** Loads every PageRes/PublicRes/DocumentRes named under `element` into `into`. */
export function loadResourceList(pkg: OfdPackage, part: string, element: XmlElement | undefined, names: string[], into: OfdResources): void {
  for (const name of names) for (const ref of children(element, name)) into.load(pkg, pkg.resolve(part, ref.text));
}
