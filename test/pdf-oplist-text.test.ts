// Text runs rebuilt from the operator list (one content-stream parse per page) must be the runs
// getTextContent gives: on every sample PDF, and on a hand-made PDF that uses every text-state
// operator, TJ spacing, form XObjects, an annotation appearance and a soft mask (neither of
// which getTextContent reads), and the cases that fall back to getTextContent.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfFile } from '../scripts/lib/pdf-file.ts';
import { compareFile } from '../scripts/lib/compare-text-runs.ts';
import { readPdf } from '../src/readers/pdf.ts';
import { pdfjs } from '../src/readers/pdfjs.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples', 'pdf');

function stream(dict: string, content: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

function hex(text: string): string {
  return `<${[...text].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`;
}

/** Page 1: horizontal text in many states; page 2 a vertical CID font; page 3 a Type 3 font; page 4 plain text. */
function textStatePdf(): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pages = add('');
  const helv = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const desc = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cid = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${desc} 0 R /DW 1000 >>`);
  const songH = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cid} 0 R] >>`);
  const songV = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V /DescendantFonts [${cid} 0 R] >>`);
  const glyph = add(stream('', '1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f'));
  const type3 = add(`<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a ${glyph} 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << >> >>`);
  const fonts = `/Font << /F1 ${helv} 0 R /F2 ${songH} 0 R /F3 ${songV} 0 R /F4 ${type3} 0 R >>`;
  const form = add(stream(`/Type /XObject /Subtype /Form /BBox [0 0 400 100] /Matrix [0.8 0 0 0.8 60 80] /Resources << ${fonts} >>`, 'BT /F1 10 Tf 5 5 Td (Inside a form) Tj ( next) Tj ET'));
  const maskForm = add(stream(`/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Group << /S /Transparency /CS /DeviceGray >> /Resources << ${fonts} >>`, '1 g 0 0 595 842 re f BT /F1 30 Tf 100 100 Td (Mask text) Tj ET'));
  const appearance = add(stream(`/Type /XObject /Subtype /Form /BBox [0 0 200 30] /Resources << ${fonts} >>`, 'BT /F1 12 Tf 2 10 Td (Annotation text) Tj ET'));
  const annot = add(`<< /Type /Annot /Subtype /FreeText /Rect [300 40 500 70] /F 4 /Contents (note) /DA (/F1 12 Tf 0 g) /AP << /N ${appearance} 0 R >> >>`);
  const content1 = [
    'BT /F1 12 Tf 72 780 Td (Plain line) Tj ET',
    'BT /F1 11 Tf 14 TL 72 760 Td (first) Tj T* (second line) Tj (third) \' 2 1 (fourth) " ET',
    'BT /F1 10 Tf 72 700 Td [(Spa) -120 (ced) -600 (words) 250 (back) -3000 (far)] TJ ET',
    'BT /F1 10 Tf 1.5 Tc 3 Tw 72 680 Td (char and word spacing) Tj 0 Tc 0 Tw ET',
    'BT /F1 10 Tf 150 Tz 72 660 Td (wide text) Tj 100 Tz 4 Ts (raised) Tj 0 Ts ET',
    'BT /F1 9 Tf 0 1 -1 0 500 400 Tm (turned ninety) Tj ET',
    'BT /F1 9 Tf 0.866 0.5 -0.5 0.866 300 300 Tm (at thirty degrees) Tj ET',
    'q 1 0 0 1 0 -20 cm BT /F1 10 Tf 72 620 Td (under a cm) Tj ET Q',
    'BT /F1 10 Tf 72 600 Td (same line) Tj 40 0 Td (continued) Tj 0 -0.5 Td (slightly lower) Tj ET',
    `BT /F2 12 Tf 72 560 Td ${hex('绩效指标表')} Tj [${hex('产出')} -500 ${hex('指标')}] TJ ET`,
    'BT /F1 10 Tf -200 500 Td (off the page) Tj 220 0 Td (back on) Tj ET',
    `q /Fm1 Do Q BT /F1 10 Tf 72 520 Td (after the form) Tj ET`,
    '/GS1 gs',
  ].join('\n');
  const page = (content: string, extra = '') => {
    const s = add(stream('', content));
    return add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 595 842] /Resources << ${fonts} /XObject << /Fm1 ${form} 0 R >> /ExtGState << /GS1 << /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G ${maskForm} 0 R >> >> >> >> /Contents ${s} 0 R${extra} >>`);
  };
  const kids = [
    page(content1, ` /Annots [${annot} 0 R]`),
    page(`BT /F3 12 Tf 300 700 Td ${hex('竖排文字')} Tj ET`),
    page('BT /F4 12 Tf 72 700 Td (aaa) Tj ET BT /F1 12 Tf 72 650 Td (Latin beside Type 3) Tj ET'),
    page(`BT /F1 12 Tf 72 700 Td (plain) Tj ET`),
  ];
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R >>`;
  objects[pages - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return new Uint8Array(pdfFile(objects, { root: catalog }));
}

/** The text of every showText in page 1's operator list. */
async function operatorListText(bytes: Uint8Array): Promise<string[]> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const ops = await (await doc.getPage(1)).getOperatorList();
    return ops.fnArray.flatMap((fn, i) => (fn === pdfjs.OPS.showText ? [(ops.argsArray[i][0] as ({ unicode: string } | number)[]).map((g) => (typeof g === 'number' ? '' : g.unicode)).join('')] : []));
  } finally {
    await doc.destroy();
  }
}

describe('text runs from the operator list', () => {
  it('are the getTextContent runs on every sample PDF', async () => {
    const files = readdirSync(SAMPLES, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) {
      const result = await compareFile(readFileSync(join(SAMPLES, file)));
      expect(result.runs, file).toBeGreaterThan(30);
      expect(result.differences, file).toEqual([]);
      // Same boxes to the reader's rounding, not just within tolerance.
      expect(result.identical, file).toBe(result.runs);
      expect(result.fallbacks, file).toEqual({});
      expect(result.otherDifferences, file).toBe(0);
    }
  });

  it('follow every text-state operator, TJ spacing and forms, and skip annotation and soft-mask text as getTextContent does', async () => {
    const bytes = textStatePdf();
    const result = await compareFile(bytes);
    expect(result.differences).toEqual([]);
    expect(result.identical).toBe(result.runs);
    const [page] = await readPdf(bytes, { pages: [1] });
    const texts = page.runs.map((r) => r.text);
    // A TJ gap of 0.6 em ends the item, a gap of 0.12 em becomes a space.
    expect(texts).toEqual(expect.arrayContaining(['Plain line', 'second line', 'Spa ced', 'wordsback', 'far', 'wide text', 'turned ninety', 'at thirty degrees', 'Inside a form next', 'after the form', '绩效指标表产出 指标', 'back on']));
    expect(texts.join('|')).not.toMatch(/Annotation text|Mask text|off the page/u);
    // …though the operator list draws them (so the skipping is what is tested here).
    expect(await operatorListText(bytes)).toEqual(expect.arrayContaining(['Annotation text', 'Mask text', 'off the page']));
    const turned = page.runs.find((r) => r.text === 'turned ninety')!;
    expect(turned.bbox[3] - turned.bbox[1]).toBeGreaterThan(turned.bbox[2] - turned.bbox[0]);
  });

  it('falls back to getTextContent for a page with a vertical or Type 3 font, and only for it', async () => {
    const result = await compareFile(textStatePdf());
    expect(result.fallbacks).toEqual({ 'vertical-font': 1, 'type3-font': 1 });
    const pages = await readPdf(textStatePdf(), { pages: [2, 3, 4] });
    expect(pages[0].runs.map((r) => r.text).join('')).toContain('竖排文字');
    expect(pages[1].runs.map((r) => r.text)).toContain('Latin beside Type 3');
    expect(pages[2].runs.map((r) => r.text)).toEqual(['plain']);
  });
});
