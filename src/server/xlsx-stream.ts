// An XLSX workbook of one sheet written as a stream (yazl: a ZIP whose entries are deflated as
// they are produced): rows go out as they come from the corpus, so an export of a million
// indicators never sits in memory. Cells are inline strings and numbers; the header row gets an
// autofilter, like `zhibiao export --format xlsx`.
import { Readable } from 'node:stream';
import yazl from 'yazl';

type Cell = string | number | null;

/** Excel refuses cells longer than this. */
const XLSX_CELL_LIMIT = 32767;

function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest escaped.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '')
    .replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(value: Cell, ref: string): string {
  if (value === null) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  let text = String(value);
  if (text.length > XLSX_CELL_LIMIT) text = `${text.slice(0, XLSX_CELL_LIMIT - 1)}…`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

async function* sheetXml(header: readonly string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>): AsyncGenerator<string> {
  const last = columnName(header.length - 1);
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  let r = 1;
  const rowXml = (cells: readonly Cell[]) => `<row r="${r}">${cells.map((cell, c) => cellXml(cell, `${columnName(c)}${r}`)).join('')}</row>`;
  yield rowXml(header);
  let buffer = '';
  for await (const cells of rows) {
    r++;
    buffer += rowXml(cells);
    if (buffer.length >= 1 << 16) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer;
  yield `</sheetData><autoFilter ref="A1:${last}${Math.max(1, r)}"/></worksheet>`;
}

const STATIC_PARTS: Record<string, string> = {
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/** The workbook as a byte stream: sheet SHEET_NAME with HEADER, then ROWS as they are iterated. */
export function xlsxStream(sheetName: string, header: readonly string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>): Readable {
  const zip = new yazl.ZipFile();
  for (const [name, xml] of Object.entries(STATIC_PARTS)) zip.addBuffer(Buffer.from(xml), name);
  zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`), 'xl/workbook.xml');
  zip.addReadStream(Readable.from(sheetXml(header, rows)), 'xl/worksheets/sheet1.xml');
  zip.end();
  return zip.outputStream as Readable;
}
