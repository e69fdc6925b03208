/**
 * The main half of the connection settings: three `ipcMain.handle`s (get, save, choose a CA
 * file). Each checks its sender exactly as the ledger's door does; save validates its input
 * (policy/connection.ts, the CA file read and parsed) and writes nothing when refused. Saving
 * restarts the app on the new settings. Only types from 'electron': tested under plain Node.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ok, type Result } from '../../shared/result';
import type { ConnectionSettings } from '../../shared/desktop';
import { saveConnectionSettings, validateConnectionSettings } from '../platform/connection-settings';
import { CONNECTION_CHOOSE_CA, CONNECTION_GET, CONNECTION_SAVE } from './desktop-bridge';
import { UntrustedSenderError } from './electron';

/** What {@link registerConnectionDoor} needs. */
export interface ConnectionDoorOptions {
  /** The user-data folder connection.json lives in. */
  userData: string;
  /** The settings this run started with. */
  current: ConnectionSettings;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** The operating system's file chooser (main.ts: dialog.showOpenDialog); null when cancelled. */
  chooseCaFile: () => Promise<string | null>;
  /** Called once new settings are saved (main.ts: app.relaunch(); app.exit(0)). */
  restart: () => void;
  log?: (message: string) => void;
}

/** Registers the three handlers; returns a function that removes them. */
export function registerConnectionDoor(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  options: ConnectionDoorOptions,
): () => void {
  const log = options.log ?? ((message: string) => console.error(message));
  const guard = (event: IpcMainInvokeEvent): void => {
    if (options.isTrustedSender(event)) return;
    log(`credit-desk: refused a connection settings call from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
    throw new UntrustedSenderError('Refused: only the Credit Desk window may change the connection.');
  };
  ipcMain.handle(CONNECTION_GET, (event): Result<ConnectionSettings> => {
    guard(event);
    return ok(options.current);
  });
  ipcMain.handle(CONNECTION_SAVE, (event, input: unknown): Result<null> => {
    guard(event);
    const settings = validateConnectionSettings(input);
    if (!settings.ok) return settings;
    saveConnectionSettings(options.userData, settings.value);
    // After this reply has left: the window closes as the app restarts on the new settings.
    setImmediate(options.restart);
    return ok(null);
  });
  ipcMain.handle(CONNECTION_CHOOSE_CA, async (event): Promise<Result<string | null>> => {
    guard(event);
    return ok(await options.chooseCaFile());
  });
  return () => {
    for (const channel of [CONNECTION_GET, CONNECTION_SAVE, CONNECTION_CHOOSE_CA]) ipcMain.removeHandler(channel);
  };
}
