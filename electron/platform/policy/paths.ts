/**
 * Where the desktop app finds its files, computed from two facts main.ts reads from Electron.
 * Pure: no 'electron' import.
 *
 *   out/main/index.js                      the main process (this bundle)
 *   out/preload/index.cjs                  the sandboxed preload (CommonJS)
 *   out/renderer/index.html                the page, served as app://credit-desk/
 *   out/native/electron/better_sqlite3.node  better-sqlite3 built for Electron's ABI
 *
 * The same layout holds in a packaged app inside resources/app.asar, except that the native
 * addon is unpacked (electron-builder `asarUnpack`): the OS cannot load a library from inside
 * an archive. node_modules/better-sqlite3/build keeps the Node build for tests and the CLI.
 */
import { join } from 'node:path';

/** The database file name inside the user-data folder. */
export const DATABASE_FILE_NAME = 'credit-desk.db';

/** Files the desktop app uses. */
export interface AppPaths {
  userData: string;
  database: string;
  preload: string;
  renderer: string;
  nativeBinding: string;
}

/** Rewrites a path inside app.asar to the unpacked copy electron-builder puts beside it. */
export function asarUnpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * `userData` is `app.getPath('userData')`; `mainDir` is the folder of the built main bundle.
 * `nativeBindingOverride` (CREDIT_DESK_NATIVE_BINDING, development only) points at another build.
 */
export function appPaths(userData: string, mainDir: string, nativeBindingOverride?: string): AppPaths {
  const out = join(mainDir, '..');
  return {
    userData,
    database: join(userData, DATABASE_FILE_NAME),
    preload: join(out, 'preload', 'index.cjs'),
    renderer: join(out, 'renderer'),
    nativeBinding: nativeBindingOverride ?? asarUnpacked(join(out, 'native', 'electron', 'better_sqlite3.node')),
  };
}
