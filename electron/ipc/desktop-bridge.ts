/**
 * The preload's second, separate exposure: `window.creditDeskDesktop` (shared/desktop.ts) —
 * how this window is connected, and the connection settings dialog's three calls, each on its
 * own IPC channel with at most one argument. Pure: the preload passes `process.argv` and
 * `ipcRenderer.invoke`; tests pass fakes.
 */
import type { DesktopBridge } from '../../shared/desktop';
import type { Result } from '../../shared/result';
import { connectionFromArguments } from '../platform/policy/connection';

/** The connection settings' IPC channels (never the ledger's {@link IPC_CALL}). */
export const CONNECTION_GET = 'credit-desk:connection-get';
export const CONNECTION_SAVE = 'credit-desk:connection-save';
export const CONNECTION_CHOOSE_CA = 'credit-desk:connection-choose-ca';

/** The channels {@link createDesktopBridge} may invoke. */
export type ConnectionChannel = typeof CONNECTION_GET | typeof CONNECTION_SAVE | typeof CONNECTION_CHOOSE_CA;

/** Sends one call to the main process. */
export type ConnectionInvoke = (channel: ConnectionChannel, ...args: unknown[]) => Promise<unknown>;

/** Builds the frozen `window.creditDeskDesktop` object. */
export function createDesktopBridge(argv: readonly string[], invoke: ConnectionInvoke): DesktopBridge {
  const connection = connectionFromArguments(argv);
  const connectionSettings = Object.freeze({
    get: () => invoke(CONNECTION_GET) as Promise<Result<never>>,
    // Exactly one argument crosses, whatever the page passes.
    save: (settings: unknown) => invoke(CONNECTION_SAVE, settings) as Promise<Result<null>>,
    chooseCaFile: () => invoke(CONNECTION_CHOOSE_CA) as Promise<Result<string | null>>,
  });
  return Object.freeze({ ...connection, connectionSettings }) as DesktopBridge;
}
