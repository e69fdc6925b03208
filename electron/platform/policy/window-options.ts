/**
 * The main window's options, hardening included. Pure (only a type import from 'electron'),
 * so every flag is unit-tested.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** What {@link mainWindowOptions} needs to know. */
export interface MainWindowSettings {
  /** Absolute path of the bundled CommonJS preload (out/preload/index.cjs). */
  preload: string;
  /** Developer tools: on in development, off in a packaged app. */
  devTools: boolean;
  /**
   * How the window is connected, for the preload (policy/connection.ts connectionArguments):
   * the only additional arguments a renderer ever gets. Anything else is a bug and throws.
   */
  connectionArguments?: readonly string[];
}

function checkedConnectionArguments(args: readonly string[]): string[] {
  for (const arg of args) {
    if (!arg.startsWith('--credit-desk-connection=') && !arg.startsWith('--credit-desk-server=')) {
      throw new Error(`Not a connection argument for the renderer: ${arg}`);
    }
  }
  return [...args];
}

/** The renderer's security settings; none of them may be relaxed. */
export function secureWebPreferences(settings: MainWindowSettings): WebPreferences {
  return {
    preload: settings.preload,
    // The page and the preload live in separate JavaScript worlds; only contextBridge crosses.
    contextIsolation: true,
    // The renderer is an OS-sandboxed Chromium process; the preload gets only a small
    // electron subset (contextBridge, ipcRenderer), hence a CommonJS preload bundle.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click on a link opens a new window without a click event the page could stop;
    // the window-open handler denies it anyway, and with Auxclick off it is never even asked.
    disableBlinkFeatures: 'Auxclick',
    devTools: settings.devTools,
    ...(settings.connectionArguments === undefined
      ? {}
      : { additionalArguments: checkedConnectionArguments(settings.connectionArguments) }),
  };
}

/** The whole BrowserWindow options object. */
export function mainWindowOptions(settings: MainWindowSettings): BrowserWindowConstructorOptions {
  return {
    title: 'Credit Desk',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so staff never see a blank white frame.
    show: false,
    webPreferences: secureWebPreferences(settings),
  };
}
