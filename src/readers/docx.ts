// DOCX reader: mammoth turns the document into HTML that keeps rowspan/colspan;
// a streaming HTML parser turns that into paragraphs and tables of raw cells.
import mammoth from 'mammoth';
import { Parser } from 'htmlparser2';
import { ExtractError } from '../model/errors.ts';
import type { FlowBlock, RawCell } from '../model/layout.ts';

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'br']);

function spanAttr(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 10_000) : 1;
}

/** Parses mammoth's HTML into blocks; tables nested inside a cell become that cell's text. */
export function htmlToBlocks(html: string): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  let paragraph = '';
  let tableDepth = 0;
  let rows: RawCell[][] = [];
  let cell: RawCell | null = null;
  let tableCount = 0;

  const flushParagraph = () => {
    const text = paragraph.trim();
    if (text) blocks.push({ type: 'paragraph', text });
    paragraph = '';
  };

  const parser = new Parser({
    onopentag(name, attribs) {
      if (name === 'table') {
        tableDepth++;
        if (tableDepth === 1) {
          flushParagraph();
          rows = [];
        } else if (cell) cell.text += '\n';
      } else if (tableDepth === 1 && name === 'tr') {
        rows.push([]);
      } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
        cell = { text: '', rowSpan: spanAttr(attribs.rowspan), colSpan: spanAttr(attribs.colspan) };
        (rows[rows.length - 1] ?? (rows[rows.length] = [])).push(cell);
      }
    },
    ontext(text) {
      if (tableDepth === 0) paragraph += text;
      else if (cell) cell.text += text;
    },
    onclosetag(name) {
      if (name === 'table') {
        tableDepth--;
        if (tableDepth === 0) {
          blocks.push({ type: 'table', index: tableCount++, rows });
          cell = null;
        }
      } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
        cell = null;
      } else if (BLOCK_TAGS.has(name)) {
        if (tableDepth === 0) flushParagraph();
        else if (cell) cell.text += '\n';
      }
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  flushParagraph();
  return blocks;
}

export async function readDocx(bytes: Uint8Array): Promise<FlowBlock[]> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (error) {
    if (error instanceof RangeError && /call stack/u.test(error.message)) {
      throw new ExtractError('too-large', 'the DOCX nests tables or other elements too deeply to read');
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ExtractError('corrupt-docx', `the DOCX cannot be read (${reason})`);
  }
  return htmlToBlocks(html);
}
