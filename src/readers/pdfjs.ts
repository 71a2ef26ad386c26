// pdfjs-dist's legacy build, loaded so that it does not slow down the rest of the process.
//
// The core-js bundled in it replaces Array.prototype.push, JSON.parse and JSON.stringify on
// Node 20 (V8 there lacks the TypeError for push on a fixed-length array, and JSON.rawJSON),
// process-wide, with JavaScript versions: every push and JSON call of the whole pipeline went
// through them. The worker code is imported here too (pdfjs takes `globalThis.pdfjsWorker`
// instead of importing it on first use), so both copies of core-js have run before the native
// functions are put back. What core-js adds (Promise.withResolvers, Map#getOrInsert, …) stays.
const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };

// Nothing here renders a page: no glyph outlines for a canvas and no font programs for one
// (scripts/patch-pdfjs.mjs, patches 4 and 7).
(globalThis as { zhibiaoNoGlyphPaths?: boolean }).zhibiaoNoGlyphPaths = true;
// Operator lists reach us as built, not as a structuredClone of them (scripts/patch-pdfjs.mjs, patch 6).
(globalThis as { zhibiaoPassOperatorLists?: boolean }).zhibiaoPassOperatorLists = true;

/**
 * Image XObjects pdfjs has not decoded, by document (`g_` + the loading task's docId) and object
 * id: the reader wants the pixels of scanned pages only (scripts/patch-pdfjs.mjs, patch 8).
 */
const deferredImages = new Map<string, Map<string, () => void>>();
(globalThis as { zhibiaoDeferredImages?: unknown }).zhibiaoDeferredImages = deferredImages;

/** Has pdfjs decode image `objId` of document `docId` (it then resolves in page.objs or commonObjs). */
export function decodeDeferredImage(docId: string, objId: string): void {
  const images = deferredImages.get(`g_${docId}`);
  const decode = images?.get(objId);
  if (!decode) return;
  images!.delete(objId);
  decode();
}

/** Drops the undecoded images of document `docId` (call when it is destroyed). */
export function forgetDeferredImages(docId: string): void {
  deferredImages.delete(`g_${docId}`);
}

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerModule);

Array.prototype.push = natives.push;
JSON.parse = natives.parse;
JSON.stringify = natives.stringify;

export { pdfjs };
