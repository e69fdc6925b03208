/**
 * The one error shape that crosses every boundary (IPC, HTTP, CLI).
 * Codes are a closed union: the renderer and scripts can switch on them exhaustively.
 */

/** Every reason the API may refuse a call. Closed: adding one is a contract change. */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'CREDIT_PAYMENTS_DISABLED',
  'NO_ACTIVE_RATE',
  'INSUFFICIENT_CREDITS',
  'REQUEST_NOT_PENDING',
  'INVOICE_NOT_PAYABLE',
  'PACKAGE_ARCHIVED',
  'CONFLICT',
  // For teams (PRODUCT F14): no valid session; the role may not; the submitter may not decide.
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'FOUR_EYES_REQUIRED',
] as const;

/** A code from {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A refusal: `message` is written for a finance person; `details` carries the facts (field, needed, available…). */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** What every API call returns. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a refusal. */
export function fail<T = never>(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<T> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Thrown inside the main process by services; the router turns it into `{ok:false}`.
 * Throwing (rather than returning) lets a refusal abort the surrounding SQLite transaction,
 * which is how "a refused call writes nothing" is guaranteed.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The wire form of this error. */
  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** A `VALIDATION_ERROR` that names the offending input field. */
export function invalid(field: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION_ERROR', message, { field, ...details });
}

/** True when `value` is one of the closed error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
