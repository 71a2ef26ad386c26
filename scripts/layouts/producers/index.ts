// The producers: the same DocSpec through different writers. Direct ones render in memory;
// the LibreOffice ones render DOCX/XLSX first and convert them in batches (cached).
import { landscapeXlsx, withMargins } from '../../samples/pdf.ts';
import type { DocSpec } from '../spec.ts';
import type { Drawing } from '../layout/drawing.ts';
import { layoutDocument } from '../layout/document.ts';
import { specToDocx } from './docx.ts';
import { NOTO_DIR, notoAvailable, notoMetrics, STSONG_METRICS } from './fonts.ts';
import { conversionKey, convertMany, libreOfficeMissing, type Conversion } from './libreoffice.ts';
import { notoPdf } from './pdf-noto.ts';
import { stSongPdf } from './pdf-stsong.ts';
import { specToXlsx } from './xlsx.ts';

export const PRODUCERS = ['pdf-noto', 'pdf-stsong', 'docx', 'xlsx', 'lo-docx', 'lo-xlsx'] as const;
export type ProducerName = (typeof PRODUCERS)[number];

export const PRODUCER_NOTES: Record<ProducerName, string> = {
  'pdf-noto': 'pdfkit, exact geometry, Noto CJK embedded as a subset',
  'pdf-stsong': 'hand-written PDF, exact geometry, STSong-Light not embedded (UniGB-UCS2-H)',
  docx: 'docx package, read by zhibiao directly',
  xlsx: 'SheetJS, read by zhibiao directly',
  'lo-docx': 'the DOCX converted to PDF by LibreOffice',
  'lo-xlsx': 'the XLSX converted to PDF by LibreOffice (landscape, gridlines, fitted to width)',
};

export function isLibreOffice(p: ProducerName): p is 'lo-docx' | 'lo-xlsx' {
  return p === 'lo-docx' || p === 'lo-xlsx';
}

/** Null when the producer can run on this machine, else why not. */
export function producerMissing(p: ProducerName): string | null {
  if (isLibreOffice(p)) return libreOfficeMissing();
  if (p === 'pdf-noto' && !notoAvailable()) return `fonts-noto-cjk not found in ${NOTO_DIR}: pdf-noto cases are skipped (apt-get install fonts-noto-cjk)`;
  return null;
}

export interface Rendered {
  bytes: Buffer;
  ext: 'pdf' | 'docx' | 'xlsx';
  /** The PDF writers' page drawing (for consistency checks). */
  drawing?: Drawing;
}

export function drawingFor(spec: DocSpec, producer: 'pdf-noto' | 'pdf-stsong'): Drawing {
  return layoutDocument(spec, producer === 'pdf-noto' ? notoMetrics(spec.face) : STSONG_METRICS);
}

/** A direct producer's output. */
export async function renderDirect(spec: DocSpec, producer: Exclude<ProducerName, 'lo-docx' | 'lo-xlsx'>): Promise<Rendered> {
  switch (producer) {
    case 'pdf-noto': {
      const drawing = drawingFor(spec, producer);
      return { bytes: await notoPdf(drawing, spec.face), ext: 'pdf', drawing };
    }
    case 'pdf-stsong': {
      const drawing = drawingFor(spec, producer);
      return { bytes: stSongPdf(drawing), ext: 'pdf', drawing };
    }
    case 'docx':
      return { bytes: await specToDocx(spec), ext: 'docx' };
    case 'xlsx':
      return { bytes: specToXlsx(spec), ext: 'xlsx' };
  }
}

/** What LibreOffice is given for a spec, keyed by content. */
export async function officeJob(spec: DocSpec, producer: 'lo-docx' | 'lo-xlsx'): Promise<Conversion> {
  const ext = producer === 'lo-docx' ? 'docx' : 'xlsx';
  const key = conversionKey(JSON.stringify({ page: spec.page, face: spec.face, blocks: spec.blocks }), ext);
  return { key, ext, input: Buffer.alloc(0) };
}

export async function officeInput(spec: DocSpec, producer: 'lo-docx' | 'lo-xlsx'): Promise<Buffer> {
  return producer === 'lo-docx' ? specToDocx(spec) : landscapeXlsx(withMargins(specToXlsx(spec)));
}

/**
 * Renders many specs; LibreOffice cases are converted together (cache first). A LibreOffice
 * case gives null when soffice is missing or failed on it (`why` says which).
 */
export async function renderMany(items: { spec: DocSpec; producer: ProducerName }[]): Promise<({ rendered: Rendered } | { rendered: null; why: string })[]> {
  const results: ({ rendered: Rendered } | { rendered: null; why: string })[] = new Array(items.length);
  const office: { i: number; job: Conversion }[] = [];
  for (let i = 0; i < items.length; i++) {
    const { spec, producer } = items[i];
    const missing = producer === 'pdf-noto' ? producerMissing(producer) : null;
    if (isLibreOffice(producer)) office.push({ i, job: await officeJob(spec, producer) });
    else results[i] = missing ? { rendered: null, why: missing } : { rendered: await renderDirect(spec, producer) };
  }
  if (office.length) {
    const { cachedPdf } = await import('./libreoffice.ts');
    const needInput = office.filter((o) => !cachedPdf(o.job.key));
    const missing = needInput.length ? libreOfficeMissing() : null;
    if (missing) {
      for (const o of office) results[o.i] = cachedPdf(o.job.key) ? { rendered: { bytes: cachedPdf(o.job.key)!, ext: 'pdf' } } : { rendered: null, why: missing };
    } else {
      for (const o of needInput) o.job.input = await officeInput(items[o.i].spec, items[o.i].producer as 'lo-docx' | 'lo-xlsx');
      const pdfs = convertMany(office.map((o) => o.job));
      for (const o of office) {
        const pdf = pdfs.get(o.job.key);
        results[o.i] = pdf ? { rendered: { bytes: pdf, ext: 'pdf' } } : { rendered: null, why: 'LibreOffice produced no PDF' };
      }
    }
  }
  return results;
}
