// The conversion stage: a DOC or WPS file (Word 97 container) → DOCX bytes, with LibreOffice,
// which keeps merged cells (w:vMerge, w:gridSpan) that the DOCX reader turns into spans. It
// depends on nothing else of the extraction, so a queue can run it as a job of its own.
// XLS/ET need no conversion: SheetJS reads them (src/readers/legacy-xls.ts).
import { LibreOfficeListener } from './libreoffice.ts';

export type ConvertibleFormat = 'doc' | 'wps';

// A .wps from WPS Writer is a Word 97 file: named .doc, LibreOffice's type detection reads it as
// one (under .wps it would also try Microsoft Works).
const INPUT_EXTENSION: Record<ConvertibleFormat, string> = { doc: 'doc', wps: 'doc' };

let shared: LibreOfficeListener | null = null;

/** This thread's listener, made on first use (it starts soffice on the first conversion). */
export function sharedListener(): LibreOfficeListener {
  shared ??= new LibreOfficeListener();
  return shared;
}

/** Ends this thread's listener; the next conversion starts a new one. */
export async function shutdownLibreOffice(): Promise<void> {
  const listener = shared;
  shared = null;
  await listener?.close();
}

/**
 * DOC/WPS bytes → DOCX bytes. Fails with `needs-libreoffice` (LibreOffice or python3-uno
 * missing), `timeout` (ZHIBIAO_CONVERT_TIMEOUT) or `corrupt-doc` (LibreOffice cannot open it).
 */
export async function convertLegacy(bytes: Uint8Array, kind: ConvertibleFormat, listener: LibreOfficeListener = sharedListener()): Promise<{ format: 'docx'; bytes: Uint8Array }> {
  return { format: 'docx', bytes: await listener.convert(bytes, INPUT_EXTENSION[kind], 'docx', 'MS Word 2007 XML') };
}
