/** What crosses between a worker thread and the thread that started it. */
import { AppError, type ErrorCode } from '../../shared/result';
import { BackupError } from '../backup/backup-error';
import type { TaskName } from './task-types';

/** What a worker posts back. */
export type WorkerMessage =
  { type: 'progress'; value: unknown } | { type: 'done'; value: unknown } | { type: 'failed'; error: SerializedError };

/** An error as it crosses the thread boundary: its class survives by name. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  stack?: string;
}

/** What the worker receives as `workerData`. */
export interface WorkerInput {
  task: TaskName;
  args: unknown;
  nativeBinding: string | undefined;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, details } = error as { code?: unknown; details?: Record<string, unknown> };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(details === undefined ? {} : { details }),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  };
}

/** The same class on this side: an AppError stays a refusal, a BackupError a backup refusal. */
export function reviveError(e: SerializedError): Error {
  let error: Error;
  if (e.name === 'AppError') error = new AppError(e.code as ErrorCode, e.message, e.details);
  else if (e.name === 'BackupError') error = new BackupError(e.message);
  else {
    error = new Error(e.message);
    // SQLite's codes (SQLITE_BUSY, SQLITE_CORRUPT…) decide how a failure is reported.
    if (e.code !== undefined) Object.assign(error, { code: e.code });
  }
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
