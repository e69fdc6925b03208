/** The main window: hardened options (policy/window-options.ts), shown when ready. */
import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './policy/window-options';

/** Creates the window and loads `url` (app://credit-desk/index.html, or the dev server). */
export function createMainWindow(options: {
  preload: string;
  url: string;
  devTools: boolean;
  /** How the window is connected (policy/connection.ts connectionArguments), for the preload. */
  connectionArguments: readonly string[];
}): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions({
      preload: options.preload,
      devTools: options.devTools,
      connectionArguments: options.connectionArguments,
    }),
  );
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(options.url)
    .catch((error: unknown) => console.error('credit-desk: the window failed to load:', error));
  return window;
}

/** Brings a window to the front (a second launch focuses the first one). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
