// Failures a user sees: a stable code for machines and a one-line reason for people.
// Every code is listed with its meaning in README ("Exit status", "Security", "Limits").

export type ErrorCode =
  | 'empty-file'
  | 'unsupported-format'
  | 'corrupt-pdf'
  | 'corrupt-docx'
  | 'corrupt-xlsx'
  | 'corrupt-doc' // a DOC/WPS that LibreOffice cannot open, or a damaged Word OLE container
  | 'corrupt-xls' // an XLS/ET that SheetJS cannot read, or a damaged Excel OLE container
  | 'needs-libreoffice' // a DOC/WPS on a machine without LibreOffice + python3-uno
  | 'corrupt-ofd'
  | 'encrypted'
  | 'scanned-pdf'
  | 'scanned-ofd' // image-only OFD pages whose images could not be decoded for OCR
  | 'needs-ocr' // queue only, never final: the extract stage hands a document with scanned pages to the ocr stage
  | 'ocr-unavailable' // a scanned page and the OCR engine or its models cannot load (the message names what is missing)
  | 'no-indicator-table'
  | 'too-large' // over a limit of src/readers/limits.ts, or the worker's heap limit
  | 'zip-bomb' // a DOCX/XLSX entry inflating past the ratio limit or past its declared size
  | 'unsafe-zip' // a DOCX/XLSX entry whose name points outside the archive (../x, /x, C:x)
  | 'unsafe-xml' // an XML part with a DTD / entity declarations (XXE, entity expansion)
  | 'io-error'
  | 'timeout' // not finished within the per-file time limit (the worker is replaced)
  | 'internal-error';

export class ExtractError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** Any thrown value as an ExtractError (unexpected ones become internal-error). */
export function asExtractError(error: unknown): ExtractError {
  if (error instanceof ExtractError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // File-system failures (ENOENT, EACCES, EISDIR, …) are the input's, not ours.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_FS_FILE_TOO_LARGE') return new ExtractError('too-large', message.split('\n')[0]);
  if (typeof code === 'string' && /^E[A-Z]+$/u.test(code) && (error as { syscall?: unknown }).syscall) {
    return new ExtractError('io-error', `cannot read the file (${message.split('\n')[0]})`);
  }
  return new ExtractError('internal-error', message.split('\n')[0] || 'unknown error');
}
