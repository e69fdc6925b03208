/**
 * What the desktop app's preload exposes besides the ledger API: `window.creditDeskDesktop`,
 * the connection (this computer's ledger or a team server) and its settings dialog's three
 * calls. Absent in a browser: the team server's page and browser mode have no such settings.
 */
import type { ConnectionSettings } from './connection';
import type { Result } from './result';

export type { ConnectionSettings };

/** How this window is connected (read by the preload from its process arguments). */
export interface DesktopConnection {
  mode: 'local' | 'server';
  /** The team server's URL when connected, else null. */
  serverUrl: string | null;
}

/** `window.creditDeskDesktop`. */
export interface DesktopBridge extends DesktopConnection {
  connectionSettings: {
    /** The saved settings. */
    get(): Promise<Result<ConnectionSettings>>;
    /** Checks and saves them, then restarts the app on them; a refusal names its field (url, caFile). */
    save(settings: ConnectionSettings): Promise<Result<null>>;
    /** The operating system's file chooser for a CA certificate; null when cancelled. */
    chooseCaFile(): Promise<Result<string | null>>;
  };
}
