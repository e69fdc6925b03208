/**
 * The one error a statement parser throws. Every refusal says what went wrong and where (a line,
 * or an element path for XML), so staff can tell their bank or pick another export. The import
 * service turns it into VALIDATION_ERROR with `code` and `location` in the details.
 */
import type { StatementFormat } from './types';

/** Why a file could not be read. Closed: the UI may switch on it. */
export type StatementErrorCode =
  | 'TOO_LARGE'
  | 'EMPTY'
  | 'BINARY'
  | 'ENCODING'
  | 'UNKNOWN_FORMAT'
  | 'UNSAFE_XML'
  | 'MALFORMED'
  | 'UNSUPPORTED_VERSION'
  | 'CSV_MAPPING_REQUIRED'
  | 'CSV_MAPPING_INVALID';

/** A file refused by a parser, with where it failed. */
export class StatementError extends Error {
  override readonly name = 'StatementError';
  constructor(
    readonly code: StatementErrorCode,
    message: string,
    /** "line 12", "line 3, column 7" or an element path; null when the whole file is at fault. */
    readonly location: string | null = null,
    readonly format: StatementFormat | null = null,
  ) {
    super(location === null ? message : `${message} (at ${location})`);
  }
}

/** A MALFORMED error for `format` at `location`. */
export function malformed(format: StatementFormat, location: string, message: string): StatementError {
  return new StatementError('MALFORMED', message, location, format);
}
