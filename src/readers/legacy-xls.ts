// XLS / ET reader: SheetJS parses BIFF8 (Excel 97–2003, and what WPS Spreadsheets writes in its
// compatible format; extra streams such as ETExtData are ignored) into the same sheets as an
// XLSX, merged ranges included, under the same row, column and cell limits.
import { ExtractError } from '../model/errors.ts';
import type { SheetLayout } from '../model/layout.ts';
import type { InputLimits } from './limits.ts';
import { readXlsx } from './xlsx.ts';
import { hideOleStreams } from './legacy-ole.ts';

// The document property sets (title, author…), which we do not use: SheetJS's parser of them runs
// out of memory on some damaged ones (a fuzzed DocumentSummaryInformation of 116 bytes took a
// worker past 1 GB), so it never sees them.
const PROPERTY_SETS = ['\u0005SummaryInformation', '\u0005DocumentSummaryInformation'];

/** SheetJS prints a line on stderr for every BIFF record it does not know (damaged files, WPS's own records). */
function withoutConsoleErrors<T>(read: () => T): T {
  const saved = console.error;
  console.error = () => {};
  try {
    return read();
  } finally {
    console.error = saved;
  }
}

export function readLegacyWorkbook(bytes: Uint8Array, limits: InputLimits): { sheets: SheetLayout[]; warnings: string[] } {
  try {
    return withoutConsoleErrors(() => readXlsx(hideOleStreams(bytes, PROPERTY_SETS), limits));
  } catch (error) {
    if (!(error instanceof ExtractError) || error.code !== 'corrupt-xlsx') throw error;
    // SheetJS reports a FILEPASS record (a workbook with a password) as "password-protected".
    if (/password/iu.test(error.message)) throw new ExtractError('encrypted', 'a password-protected workbook; remove the password and try again');
    throw new ExtractError('corrupt-xls', error.message.replace('the XLSX cannot be read', 'the XLS cannot be read'));
  }
}
