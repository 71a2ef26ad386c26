// Writes numbered PDF objects (object i+1 = objects[i]) as a file with a classic xref table.
// Shared by the hand-made PDFs: the CID sample, the flate bomb and the reader-test fixtures.

export interface PdfFileOptions {
  /** Object number of the catalog. */
  root: number;
  /** Everything before the first object (default `%PDF-1.4` and a newline). */
  header?: string;
  /** Extra trailer entries, e.g. ` /Encrypt << … >>`. */
  trailer?: string;
}

export function pdfFile(objects: readonly (string | Buffer)[], opts: PdfFileOptions): Buffer {
  const parts: Buffer[] = [Buffer.from(opts.header ?? '%PDF-1.4\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const content = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), content, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    parts.push(object);
    offset += object.length;
  });
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const size = objects.length + 1;
  parts.push(Buffer.from(`xref\n0 ${size}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${size} /Root ${opts.root} 0 R${opts.trailer ?? ''} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
