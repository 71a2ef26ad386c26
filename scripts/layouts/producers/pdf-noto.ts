// The pdfkit writer: the Drawing with a Noto CJK font embedded as a subset (regular, bold and
// monospace faces of fonts-noto-cjk).
import PDFDocument from 'pdfkit';
import type { Drawing } from '../layout/drawing.ts';
import { fontFile, NOTO_FACES, type Typeface } from './fonts.ts';

export async function notoPdf(drawing: Drawing, typeface: Typeface): Promise<Buffer> {
  const first = drawing.pages[0];
  const doc = new PDFDocument({ size: [first.width, first.height], margin: 0, autoFirstPage: false, compress: true, info: { Producer: 'zhibiao layouts', CreationDate: new Date(0) } });
  const faces = NOTO_FACES[typeface];
  for (const [name, face] of Object.entries(faces)) doc.registerFont(name, fontFile(face.file), face.postscript);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (const page of drawing.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const it of page.items) {
      if (it.t === 'rect') doc.rect(it.x, it.y, it.w, it.h).fillColor([0, 0, 0].map(() => Math.round(it.gray * 255)) as [number, number, number]).fill();
      else if (it.t === 'line') doc.moveTo(it.x0, it.y0).lineTo(it.x1, it.y1).lineWidth(it.width).strokeColor('black').stroke();
      else {
        doc.font(it.mono ? 'mono' : it.bold ? 'bold' : 'regular').fontSize(it.size).fillColor('black');
        doc.text(it.text, it.x, it.y, { lineBreak: false, baseline: 'alphabetic', characterSpacing: it.charSpacing ?? 0 });
      }
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
