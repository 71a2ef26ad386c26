// The hand-written PDF writer: the Drawing in content streams that use the NON-embedded
// STSong-Light font (UniGB-UCS2-H), through the repo's object writer (scripts/lib/pdf-file.ts).
import { deflateSync } from 'node:zlib';
import { pdfFile } from '../../lib/pdf-file.ts';
import { stSongFontObjects, ucs2Hex } from '../../lib/cid-font.ts';
import type { Drawing, DrawPage } from '../layout/drawing.ts';

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function pageContent(page: DrawPage): string {
  const ops: string[] = [];
  const H = page.height;
  for (const it of page.items) {
    if (it.t === 'rect') ops.push(`${n(it.gray)} g ${n(it.x)} ${n(H - it.y - it.h)} ${n(it.w)} ${n(it.h)} re f 0 g`);
    else if (it.t === 'line') ops.push(`${n(it.width)} w ${n(it.x0)} ${n(H - it.y0)} m ${n(it.x1)} ${n(H - it.y1)} l S`);
    else {
      // No bold face: bold is drawn filled and stroked (render mode 2), as office suites do.
      // Tr and Tc belong to the graphics state and outlive ET: set both on every text object.
      const mode = it.bold ? `2 Tr ${n(it.size * 0.03)} w` : '0 Tr';
      ops.push(`BT /F1 ${n(it.size)} Tf ${mode} ${n(it.charSpacing ?? 0)} Tc 1 0 0 1 ${n(it.x)} ${n(H - it.y)} Tm ${ucs2Hex(it.text)} Tj ET`);
    }
  }
  return ops.join('\n') + '\n';
}

export function stSongPdf(drawing: Drawing): Buffer {
  const nPages = drawing.pages.length;
  // 1 catalog, 2 pages, then page + content per page, then the three font objects.
  const fontObj = 3 + 2 * nPages;
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  const kids = drawing.pages.map((_, i) => `${3 + 2 * i} 0 R`).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${nPages} >>`);
  drawing.pages.forEach((page, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(page.width)} ${n(page.height)}] /Resources << /Font << /F1 ${fontObj} 0 R >> >> /Contents ${4 + 2 * i} 0 R >>`);
    const data = deflateSync(Buffer.from(pageContent(page), 'latin1'));
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
  });
  objects.push(...stSongFontObjects(fontObj));
  return pdfFile(objects, { root: 1, header: '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n' });
}
