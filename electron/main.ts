/**
 * The desktop app's composition root: paths → open and migrate the ledger → router → IPC door
 * → window. Everything with a rule in it lives elsewhere (ledger/, ipc/, platform/policy/);
 * this file only wires Electron to it.
 *
 * If the ledger cannot be opened (a foreign or damaged file, a failed migration, a missing
 * native module) a blocking error dialog explains why and the app quits: never a silent new
 * database, and the file is left exactly as it was.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { app, ipcMain, type BrowserWindow } from 'electron';
import type { Db } from './db/database';
import { DatabaseFileError, openLedgerDatabase } from './db/open';
import { useNativeBinding } from './db/sqlite';
import { restoreBackup } from './backup/restore';
import { startBackupSchedule } from './backup/schedule';
import { createSenderCheck, registerIpcDoor } from './ipc/electron';
import { createRouter } from './ipc/router';
import { createSafeStorageSecretStore } from './platform/secrets';
import { stderrLog } from './sync/log';
import { createSyncPoller } from './sync/poller';
import { offerRestore, showStartupFailure } from './platform/dialogs';
import { hardenApp } from './platform/hardening';
import { installAppMenu } from './platform/menu';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from './platform/policy/csp';
import { appPaths } from './platform/policy/paths';
import { describeStartupFailure, type StartupFailure } from './platform/policy/startup-error';
import { APP_ENTRY_URL, isTrustedSender } from './platform/policy/trust';
import { registerAppScheme, serveRenderer } from './platform/protocol';
import { createMainWindow, focusWindow } from './platform/window';

const isDevelopment = !app.isPackaged;
// Set by `electron-vite dev`; ignored in a packaged app.
const devServerUrl = isDevelopment ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const devServerOrigin = devServerUrl === undefined ? undefined : new URL(devServerUrl).origin;

let mainWindow: BrowserWindow | undefined;

function operatingSystemUser(): string {
  try {
    return userInfo().username || 'staff';
  } catch {
    return 'staff';
  }
}

async function failStart(failure: StartupFailure, databasePath: string): Promise<void> {
  console.error(`credit-desk: ${failure.message}\n${failure.detail}`);
  await showStartupFailure(failure, databasePath);
  app.exit(1);
}

async function start(): Promise<void> {
  const paths = appPaths({
    userData: app.getPath('userData'),
    mainDir: import.meta.dirname,
    ...(isDevelopment
      ? { nativeBindingOverride: process.env['CREDIT_DESK_NATIVE_BINDING'] }
      : { packagedResourcesPath: process.resourcesPath }),
  });
  const policy =
    devServerOrigin === undefined ? CONTENT_SECURITY_POLICY : developmentContentSecurityPolicy(devServerOrigin);
  hardenApp({ contentSecurityPolicy: policy, devServerOrigin });
  installAppMenu({ isMac: process.platform === 'darwin', devTools: isDevelopment });
  serveRenderer(paths.renderer, policy);

  if (devServerUrl === undefined && !existsSync(join(paths.renderer, 'index.html'))) {
    return failStart(
      {
        title: 'Credit Desk cannot start',
        message: "The app's screens are missing from this copy of Credit Desk.",
        detail: `Reinstall Credit Desk, or in a development copy run "npm start".\n\nExpected: ${paths.renderer}`,
      },
      paths.database,
    );
  }

  // Every SQLite handle of this process (ledger, backups, restores) loads Electron's build.
  useNativeBinding(paths.nativeBinding);
  const backupDir = join(paths.userData, 'backups');
  let db: Db;
  try {
    mkdirSync(paths.userData, { recursive: true });
    db = await openLedgerDatabase(paths.database, { backupDir });
  } catch (error) {
    // A damaged or missing ledger with a verified backup: offer it (never a silent empty database).
    const latest = error instanceof DatabaseFileError ? error.latestBackup : null;
    if (latest === null) return failStart(describeStartupFailure(error, paths.database), paths.database);
    const restore = await offerRestore(
      describeStartupFailure(error, paths.database),
      new Date(latest.createdAt).toLocaleString(),
    );
    if (!restore) {
      app.exit(1);
      return;
    }
    try {
      await restoreBackup({ target: paths.database, from: latest.path, dir: backupDir, now: new Date() });
      db = await openLedgerDatabase(paths.database, { backupDir });
    } catch (restoreError) {
      return failStart(describeStartupFailure(restoreError, paths.database), paths.database);
    }
  }

  // A verified daily backup (online backup API), rotated; aborted on quit.
  const stopBackups = new AbortController();
  startBackupSchedule({
    db,
    dir: backupDir,
    signal: stopBackups.signal,
    onError: (error) => console.error('credit-desk: the daily backup failed:', error),
  });

  // Provider credentials live only in the OS keychain (safeStorage); the poller runs in this
  // process with its own short transactions and never holds one across a network call.
  const secrets = createSafeStorageSecretStore();
  const keychainWarning = secrets.warning();
  if (keychainWarning !== null) console.warn(`credit-desk: ${keychainWarning}`);
  const poller = createSyncPoller({ db, secrets, log: stderrLog(), actor: 'sync' });
  const stopPoller = new AbortController();
  void poller.start(stopPoller.signal);

  const unregister = registerIpcDoor(ipcMain, {
    router: createRouter({ db, sync: poller, fontDir: join(paths.resources, 'fonts'), backupDir }),
    actor: operatingSystemUser(),
    isTrustedSender: createSenderCheck(
      () => mainWindow?.webContents,
      (url, isTopFrame) => isTrustedSender(url, isTopFrame, devServerOrigin),
    ),
  });

  const openWindow = (): void => {
    const window = createMainWindow({
      preload: paths.preload,
      url: devServerUrl ?? APP_ENTRY_URL,
      devTools: isDevelopment,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    mainWindow = window;
  };

  // One window is the whole app: closing it ends the session on every platform, and the
  // ledger file is closed cleanly (WAL checkpointed) on the way out.
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (mainWindow === undefined) openWindow();
  });
  let closed = false;
  app.on('will-quit', () => {
    if (closed) return;
    closed = true;
    stopPoller.abort();
    stopBackups.abort();
    unregister();
    db.close();
  });
  openWindow();
}

// Before 'ready': every renderer sandboxed, whatever its options say; app:// is a secure scheme.
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Credit Desk owns the ledger file: it has been told to come to the front.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow !== undefined) focusWindow(mainWindow);
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('credit-desk: start failed:', error);
      app.exit(1);
    });
}
