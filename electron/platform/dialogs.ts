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
