/**
 * The desktop app's composition root: paths → open and migrate the ledger → router → IPC door
 * → window. Everything with a rule in it lives elsewhere (ledger/, ipc/, platform/policy/);
 * this file only wires Electron to it.
 *
 * If the ledger cannot be opened (a foreign or damaged file, a failed migration, a missing
 * native module) a blocking error dialog explains why and the app quits: never a silent new
 * database, and the file is left exactly as it was.
 *
 * The window does not wait for the file's integrity check (`quick_check` reads every page:
 * 0.4 s at a million entries): the ledger opens at once, the check runs right after in a
 * worker thread, and writes wait for it. If it fails, writes stay refused and the same
 * dialog as before offers the latest verified backup (restored, then the app restarts).
 *
 * Connected to a team server (connection.json in the user-data folder, set from the sign-in
 * screen or Settings), no local ledger, poller or backup is opened: the same IPC door is backed
 * by remote/forward.ts, which sends each checked call to the server over a session that reaches
 * only the server's origin and checks its certificate (platform/server-session.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { app, ipcMain, type BrowserWindow } from 'electron';
import { DatabaseFileError, openLedgerCheckingAfter, openLedgerDatabase, type OpenedLedger } from './db/open';
import { useNativeBinding } from './db/sqlite';
import { restoreBackup } from './backup/restore';
import { startBackupSchedule } from './backup/schedule';
import { createSenderCheck, registerIpcDoor } from './ipc/electron';
import { createRouter } from './ipc/router';
import { createSafeStorageSecretStore } from './platform/secrets';
import { stderrLog } from './sync/log';
import { createSyncPoller } from './sync/poller';
import { syncHandlers } from './sync/handlers';
import { asyncDbOf } from './db/async-db.sqlite';
import { chooseCaFile, offerLocalLedger, offerRestore, showStartupFailure } from './platform/dialogs';
import { registerConnectionDoor } from './ipc/connection-door';
import {
  CONNECTION_FILE_NAME,
  loadConnectionSettings,
  readCaFile,
  saveConnectionSettings,
} from './platform/connection-settings';
import { connectionArguments, type ConnectionSettings } from './platform/policy/connection';
import { createServerSession } from './platform/server-session';
import { createRemoteRouter } from './remote/forward';
import { hardenApp } from './platform/hardening';
import { installAppMenu } from './platform/menu';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from './platform/policy/csp';
import { appPaths } from './platform/policy/paths';
import { describeStartupFailure, type StartupFailure } from './platform/policy/startup-error';
import { APP_ENTRY_URL, isTrustedSender } from './platform/policy/trust';
import { registerAppScheme, serveRenderer } from './platform/protocol';
import { createMainWindow, focusWindow } from './platform/window';
import type { AppPaths } from './platform/policy/paths';

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

/** The same sender check for every IPC door: our own window, our own page, its top frame. */
const senderCheck = createSenderCheck(
  () => mainWindow?.webContents,
  (url, isTopFrame) => isTrustedSender(url, isTopFrame, devServerOrigin),
);

/**
 * The saved connection settings. A file that cannot be used (its CA file gone, a hand-edited
 * URL) is explained; the user may fall back to this computer's ledger (null: quit).
 */
async function connectionSettings(userData: string): Promise<ConnectionSettings | null> {
  const loaded = loadConnectionSettings(userData);
  if (loaded.ok) return loaded.value;
  const file = join(userData, CONNECTION_FILE_NAME);
  console.error(`credit-desk: ${file}: ${loaded.error.message}`);
  if (!(await offerLocalLedger(loaded.error.message, file))) return null;
  saveConnectionSettings(userData, { mode: 'local' });
  return { mode: 'local' };
}

/**
 * The window, the connection settings' door, and quitting: the same in both modes. One window
 * is the whole app: closing it ends the session on every platform; `onQuit` runs once.
 */
function runWindow(paths: AppPaths, connection: ConnectionSettings, onQuit: () => void): () => void {
  const unregisterConnection = registerConnectionDoor(ipcMain, {
    userData: paths.userData,
    current: connection,
    isTrustedSender: senderCheck,
    chooseCaFile: () => chooseCaFile(mainWindow),
    restart: () => {
      app.relaunch();
      app.exit(0);
    },
  });
  const openWindow = (): void => {
    const window = createMainWindow({
      preload: paths.preload,
      url: devServerUrl ?? APP_ENTRY_URL,
      devTools: isDevelopment,
      connectionArguments: connectionArguments(connection),
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    mainWindow = window;
  };
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (mainWindow === undefined) openWindow();
  });
  let closed = false;
  const shutDown = (): void => {
    if (closed) return;
    closed = true;
    unregisterConnection();
    onQuit();
  };
  app.on('will-quit', shutDown);
  openWindow();
  return shutDown;
}

/** Connected to a team server: the IPC door forwards to it; nothing of the local ledger opens. */
function startConnected(paths: AppPaths, connection: Extract<ConnectionSettings, { mode: 'server' }>): void {
  const ca = connection.caFile === undefined ? undefined : readCaFile(connection.caFile);
  // connectionSettings() checked the CA file a moment ago; should it vanish since, trust the system only.
  const caPem = ca?.ok === true ? ca.value : undefined;
  const serverSession = createServerSession(connection.url, caPem);
  const unregister = registerIpcDoor(ipcMain, {
    router: createRemoteRouter({
      serverUrl: connection.url,
      fetch: (url, init) => serverSession.fetch(url, init),
    }),
    // The server records the signed-in username; this is never sent.
    actor: operatingSystemUser(),
    isTrustedSender: senderCheck,
  });
  runWindow(paths, connection, unregister);
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

  const connection = await connectionSettings(paths.userData);
  if (connection === null) {
    app.exit(1);
    return;
  }
  if (connection.mode === 'server') {
    startConnected(paths, connection);
    return;
  }

  // Every SQLite handle of this process (ledger, backups, restores) loads Electron's build.
  useNativeBinding(paths.nativeBinding);
  const backupDir = join(paths.userData, 'backups');
  let opened: OpenedLedger;
  try {
    mkdirSync(paths.userData, { recursive: true });
    opened = await openLedgerCheckingAfter(paths.database, { backupDir });
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
      opened = { db: await openLedgerDatabase(paths.database, { backupDir }), checked: Promise.resolve(null) };
    } catch (restoreError) {
      return failStart(describeStartupFailure(restoreError, paths.database), paths.database);
    }
  }
  const { db } = opened;
  const stopBackups = new AbortController();

  // Provider credentials live only in the OS keychain (safeStorage); the poller runs in this
  // process with its own short transactions and never holds one across a network call.
  const secrets = createSafeStorageSecretStore();
  const keychainWarning = secrets.warning();
  if (keychainWarning !== null) console.warn(`credit-desk: ${keychainWarning}`);
  const poller = createSyncPoller({ db: asyncDbOf(db), secrets, log: stderrLog(), actor: 'sync' });
  const stopPoller = new AbortController();
  void poller.start(stopPoller.signal);

  const unregister = registerIpcDoor(ipcMain, {
    router: createRouter({ db, sync: syncHandlers(poller), fontDir: join(paths.resources, 'fonts'), backupDir }),
    actor: operatingSystemUser(),
    isTrustedSender: senderCheck,
  });

  // The ledger file is closed cleanly (WAL checkpointed) on the way out.
  const shutDown = runWindow(paths, connection, () => {
    stopPoller.abort();
    stopBackups.abort();
    unregister();
    db.close();
  });

  // The integrity check, after the window. The verified daily backup (online backup API in a
  // worker thread, rotated; aborted on quit) starts only on a file that passed it.
  const problem = await opened.checked;
  if (problem === null) {
    startBackupSchedule({
      db,
      dir: backupDir,
      signal: stopBackups.signal,
      onError: (error) => console.error('credit-desk: the daily backup failed:', error),
    });
    return;
  }
  // Damaged: writes are refused from here on (Db.holdWritesUntil). Offer the latest verified
  // backup, as a damaged file at start-up always did; restoring restarts the app on it.
  console.error(`credit-desk: ${problem.message}`);
  const failure = describeStartupFailure(problem, paths.database);
  const latest = problem.latestBackup;
  if (latest === null) return failStart(failure, paths.database);
  if (!(await offerRestore(failure, new Date(latest.createdAt).toLocaleString()))) {
    app.exit(1);
    return;
  }
  shutDown();
  try {
    await restoreBackup({ target: paths.database, from: latest.path, dir: backupDir, now: new Date() });
  } catch (restoreError) {
    return failStart(describeStartupFailure(restoreError, paths.database), paths.database);
  }
  app.relaunch();
  app.exit(0);
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
