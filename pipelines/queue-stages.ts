// The job graph of the queue. Each stage is a graphile-worker task of its own, so a machine runs
// only the stages it has the parts for (`zhibiao worker --stages convert,ocr,extract`):
//
//   upload ──► convert (DOC/WPS/XLS/ET → DOCX/XLSX/PDF: LibreOffice)  ──► extract
//          └─────────────────────────────────────────────────────────────► extract ──► done | failed
//                                                                             └──► ocr (scanned pages) ──► done | failed
//
// Today only `extract` has a handler. The other two plug in when their branches land: mark the
// stage available in STAGE_AVAILABILITY below and give it a handler in QueueWorker's
// `handlers` (pipelines/queue-worker.ts).
// - `convert` (branch legacy): read the blob, convert it in the LibreOffice listener, store the
//   converted bytes as a blob of their own, then `handOver(id, 'extract')` (queue-store.ts: the next
//   job is added in the same transaction as the state change). `firstStage` already sends OLE files
//   there once the stage is available.
// - `ocr` (branch ocr): `afterExtract` already hands a PDF whose pages are all scans to it once the
//   stage is available; its handler OCRs the pages and finishes the document.
// A worker asked for a stage this build lacks refuses to start and says which branch brings it.

export const STAGES = ['convert', 'extract', 'ocr'] as const;
export type Stage = (typeof STAGES)[number];

/** graphile-worker task identifier of a stage (prefixed: the graphile_worker schema may be shared). */
export function taskName(stage: Stage): string {
  return `zhibiao.${stage}`;
}

/** Stages this build can run, and where the missing ones come from. */
export const STAGE_AVAILABILITY: Record<Stage, true | string> = {
  convert: 'conversion of DOC/WPS/XLS/ET lands with branch `legacy` (LibreOffice listener)',
  extract: true,
  ocr: 'OCR of scanned pages lands with branch `ocr`',
};

export function availableStages(): Stage[] {
  return STAGES.filter((stage) => STAGE_AVAILABILITY[stage] === true);
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the convert stage takes this document first (legacy OLE files once conversion exists). */
const CONVERTIBLE = (head: Uint8Array): boolean => STAGE_AVAILABILITY.convert === true && OLE_MAGIC.every((b, i) => head[i] === b);

/** The first stage of a document, from the first bytes of the file. */
export function firstStage(head: Uint8Array): Stage {
  return CONVERTIBLE(head) ? 'convert' : 'extract';
}

/**
 * What follows a failed extraction: `ocr` for a PDF whose pages are all scans, once an OCR stage
 * exists; otherwise the failure is final.
 */
export function afterExtract(code: string): Stage | null {
  return code === 'scanned-pdf' && STAGE_AVAILABILITY.ocr === true ? 'ocr' : null;
}

/** Parses `--stages a,b`; throws with the reason for an unknown or unavailable stage. */
export function parseStages(text: string): Stage[] {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new Error('--stages needs at least one stage');
  const stages: Stage[] = [];
  for (const name of names) {
    if (!(STAGES as readonly string[]).includes(name)) throw new Error(`unknown stage ${name} (stages: ${STAGES.join(', ')})`);
    const availability = STAGE_AVAILABILITY[name as Stage];
    if (availability !== true) throw new Error(`stage ${name} is not in this build yet: ${availability}`);
    if (!stages.includes(name as Stage)) stages.push(name as Stage);
  }
  return stages;
}
