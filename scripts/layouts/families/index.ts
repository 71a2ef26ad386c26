// The family registry: every `*.ts` file in this folder (but this one) that exports a Family
// as `default` or a `families` array is a family. Add a file; touch nothing else.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Family } from '../family.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

let loaded: Promise<Family[]> | null = null;

export function loadFamilies(): Promise<Family[]> {
  loaded ??= (async () => {
    const files = readdirSync(HERE).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts')).sort();
    const out: Family[] = [];
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(HERE, f)).href)) as { default?: Family; families?: Family[] };
      const found = [...(mod.default ? [mod.default] : []), ...(mod.families ?? [])];
      if (found.length === 0) throw new Error(`scripts/layouts/families/${f} exports no family (default or families)`);
      out.push(...found);
    }
    const names = new Set<string>();
    for (const fam of out) {
      if (names.has(fam.name)) throw new Error(`two families are named ${fam.name}`);
      names.add(fam.name);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  })();
  return loaded;
}
