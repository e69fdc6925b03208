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

/** `new Database(path, options)` with the process's native addon. */
export function openSqlite(path: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = options.nativeBinding ?? processBinding;
  return new Database(path, nativeBinding === undefined ? options : { ...options, nativeBinding });
}
