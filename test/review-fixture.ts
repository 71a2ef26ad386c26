// Documents for the review-page tests and screenshots: the bundled self-evaluation samples, and a
// hostile twin of the XLSX (a name holding markup that would run script if it reached the page
// as HTML; two rows the scorer doubts: that one, and a name with its level run into it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from 'xlsx';

export const ROOT = join(import.meta.dirname, '..');
export const PDF_SAMPLE = join(ROOT, 'samples', 'pdf', 'self-evaluation.pdf');
export const XLSX_SAMPLE = join(ROOT, 'samples', 'self-evaluation.xlsx');
export const CHROMIUM = process.env.ZHIBIAO_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">日常养护农村公路里程';

/** The self-evaluation workbook with two doubtful rows; MARKUP: the first one's name holds HOSTILE_NAME. */
export function hostileWorkbook(markup = true): Buffer {
  const book = XLSX.read(readFileSync(XLSX_SAMPLE));
  const sheet = book.Sheets[book.SheetNames[0]];
  const cell = (address: string, text: string) => {
    if (sheet[address]?.v === undefined) throw new Error(`self-evaluation.xlsx changed: ${address} is empty`);
    sheet[address] = { t: 's', v: text };
  };
  if (sheet.C11?.v !== '日常养护农村公路里程' || sheet.C12?.v !== '路面坑槽修补面积') throw new Error('self-evaluation.xlsx changed: C11/C12 are not the rows this fixture edits');
  if (markup) cell('C11', HOSTILE_NAME);
  cell('C12', '数量指标路面坑槽修补面积');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
