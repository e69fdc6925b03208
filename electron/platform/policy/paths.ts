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
  /** Static files shipped with the app (resources/ in the repository; extraResources when packaged). */
  resources: string;
  database: string;
  preload: string;
  renderer: string;
  nativeBinding: string;
}

/** Rewrites a path inside app.asar to the unpacked copy electron-builder puts beside it. */
export function asarUnpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** What {@link appPaths} is computed from. */
export interface AppPathFacts {
  /** `app.getPath('userData')`. */
  userData: string;
  /** The folder of the built main bundle (out/main). */
  mainDir: string;
  /** `process.resourcesPath` in a packaged app; undefined in development. */
  packagedResourcesPath?: string;
  /** CREDIT_DESK_NATIVE_BINDING, honoured in development only: another Electron build of the addon. */
  nativeBindingOverride?: string;
}

export function appPaths({ userData, mainDir, packagedResourcesPath, nativeBindingOverride }: AppPathFacts): AppPaths {
  const out = join(mainDir, '..');
  return {
    userData,
    resources:
      packagedResourcesPath === undefined ? join(out, '..', 'resources') : join(packagedResourcesPath, 'resources'),
    database: join(userData, DATABASE_FILE_NAME),
    preload: join(out, 'preload', 'index.cjs'),
    renderer: join(out, 'renderer'),
    nativeBinding: nativeBindingOverride ?? asarUnpacked(join(out, 'native', 'electron', 'better_sqlite3.node')),
  };
}
