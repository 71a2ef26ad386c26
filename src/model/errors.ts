// Failures a user sees: a stable code for machines and a one-line reason for people.

export type ErrorCode =
  | 'empty-file'
  | 'unsupported-format'
  | 'corrupt-pdf'
  | 'corrupt-docx'
  | 'corrupt-xlsx'
  | 'encrypted'
  | 'scanned-pdf'
  | 'no-indicator-table'
  | 'too-large'
  | 'io-error'
  | 'timeout'
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
  return new ExtractError('internal-error', message.split('\n')[0] || 'unknown error');
}
