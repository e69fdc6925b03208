/** Blocking dialogs shown before any window exists. */
import { dialog, shell } from 'electron';
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
