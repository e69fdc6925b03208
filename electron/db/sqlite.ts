/**
 * Every better-sqlite3 handle of the app is opened here. The desktop app loads Electron's own
 * build of the native addon (out/native/electron), which lives beside the Node build that
 * tests, the CLI and browser mode load; main.ts names it once, before any database is opened.
 * A process loads exactly one addon, so this is a process-wide fact, not per-connection state.
 */
import Database from 'better-sqlite3';

let processBinding: string | undefined;

/** Which addon this process loads: a path in the desktop app, undefined (the default build) elsewhere. */
export function useNativeBinding(path: string | undefined): void {
  processBinding = path;
}

/** The addon this process loads (undefined: the default Node build); worker threads load the same one. */
export function nativeBindingInUse(): string | undefined {
  return processBinding;
}

/** `new Database(path, options)` with the process's native addon. */
export function openSqlite(path: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = options.nativeBinding ?? processBinding;
  return new Database(path, nativeBinding === undefined ? options : { ...options, nativeBinding });
}

/**
 * A read-only connection for a worker thread (verify, exports, checks): it never writes, so
 * it can neither damage a file nor hold the write lock; it waits like the others when the
 * file is busy.
 */
export function openReader(path: string, busyTimeoutMs = 5000): Database.Database {
  const db = openSqlite(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}
