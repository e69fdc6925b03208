/**
 * The connection settings in the main process: the parser is shared with the settings dialog
 * (shared/connection.ts); here are the arguments that tell the preload how the window is
 * connected. Pure: no 'electron' or file-system import; connection-settings.ts reads and
 * writes the file.
 */
import { parseServerUrl, type ConnectionSettings } from '../../../shared/connection';
import type { DesktopConnection } from '../../../shared/desktop';

export {
  LOOPBACK_HOSTS,
  parseConnectionSettings,
  parseServerUrl,
  type ConnectionSettings,
} from '../../../shared/connection';
export type { DesktopConnection };

/** The arguments main.ts passes to the preload (webPreferences.additionalArguments). */
export const MODE_ARGUMENT = '--credit-desk-connection=';
export const SERVER_ARGUMENT = '--credit-desk-server=';

/** The window's additional arguments for these settings. */
export function connectionArguments(settings: ConnectionSettings): string[] {
  return settings.mode === 'local'
    ? [`${MODE_ARGUMENT}local`]
    : [`${MODE_ARGUMENT}server`, `${SERVER_ARGUMENT}${settings.url}`];
}

/** Reads {@link connectionArguments} back from the renderer's process.argv. */
export function connectionFromArguments(argv: readonly string[]): DesktopConnection {
  const mode = argv.find((a) => a.startsWith(MODE_ARGUMENT))?.slice(MODE_ARGUMENT.length);
  const server = argv.find((a) => a.startsWith(SERVER_ARGUMENT))?.slice(SERVER_ARGUMENT.length);
  if (mode === 'server' && server !== undefined) {
    const url = parseServerUrl(server);
    if (url.ok) return { mode: 'server', serverUrl: url.value };
  }
  return { mode: 'local', serverUrl: null };
}
