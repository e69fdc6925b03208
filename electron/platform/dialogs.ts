/** Blocking dialogs shown before any window exists, and the CA file chooser. */
import { dialog, shell, type BrowserWindow } from 'electron';
import type { StartupFailure } from './policy/startup-error';

/**
 * Shows why Credit Desk cannot start and waits for the user. "Show the file" opens the folder
 * in the file manager (selecting the file), so staff can hand it to support or a backup.
 */
export async function showStartupFailure(failure: StartupFailure, databasePath: string): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: failure.title,
    message: failure.message,
    detail: failure.detail,
    buttons: ['Quit', 'Show the file'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response === 1) shell.showItemInFolder(databasePath);
}

/**
 * The ledger cannot be opened but a verified backup exists: offer to restore it. Returns true
 * when the user chose to restore (the current file is kept as a safety copy by the restore).
 */
export async function offerRestore(failure: StartupFailure, backupLabel: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: failure.title,
    message: failure.message,
    detail: `${failure.detail}\n\nThe latest verified backup is from ${backupLabel}. Restoring it keeps a copy of the current file in the backup folder.`,
    buttons: ['Quit', 'Restore the latest backup'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}

/**
 * connection.json cannot be used (a CA file gone, a hand-edited URL). Returns true when the
 * user chose this computer's ledger for now (the settings are rewritten to it); false: quit.
 */
export async function offerLocalLedger(problem: string, settingsPath: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Credit Desk cannot connect',
    message: 'The team server connection settings cannot be used.',
    detail: `${problem}\n\nSettings file: ${settingsPath}\n\nYou can open this computer's ledger instead and set the connection again from the sign-in screen or Settings.`,
    buttons: ['Quit', "Use this computer's ledger"],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}

/** The file chooser for a CA certificate (PEM); null when cancelled. */
export async function chooseCaFile(window: BrowserWindow | undefined): Promise<string | null> {
  const options = {
    title: 'Choose the CA certificate of the team server',
    properties: ['openFile' as const],
    filters: [
      { name: 'Certificates (PEM)', extensions: ['pem', 'crt', 'cer'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const { canceled, filePaths } =
    window === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return canceled ? null : (filePaths[0] ?? null);
}
