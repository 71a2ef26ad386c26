// Exact, idempotent text replacements in an installed dependency (postinstall: scripts/patch-*.mjs).
// A patch whose marker is present is already applied; one whose original text is not there exactly
// once is not applied, and says so loudly (the dependency changed under it).
import { readFileSync, writeFileSync } from 'node:fs';

/** Applies PATCHES ({ name, marker, original, patched }) to the file at PATH; WHAT names it in messages. */
export function patchFile(path, patches, what, script) {
  let source = readFileSync(path, 'utf8');
  const applied = [];
  for (const patch of patches) {
    if (source.includes(patch.marker)) continue;
    if (source.split(patch.original).length !== 2) {
      console.warn(`zhibiao postinstall: WARNING ${what} changed, patch "${patch.name}" not applied to ${path}`);
      continue;
    }
    source = source.replace(patch.original, patch.patched);
    applied.push(patch.name);
  }
  if (applied.length > 0) {
    writeFileSync(path, source);
    console.log(`zhibiao postinstall: patched ${what} (${applied.join('; ')}); see ${script}`);
  }
}
