/**
 * Process-wide guards, installed once before any window exists: permissions denied, the CSP on
 * dev-server responses, no requests to the network from the page, and for every web contents
 * (present and future): no navigation, no new windows, no <webview>; https links to the
 * allow-list go to the user's browser.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './policy/trust';

/** What {@link hardenApp} needs. */
export interface HardeningOptions {
  contentSecurityPolicy: string;
  /** `electron-vite dev` only: the dev server the window may load from. */
  devServerOrigin?: string;
}

function openExternally(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => console.error('credit-desk: could not open a link:', error));
}

function hardenSession(ses: Session, options: HardeningOptions): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The page never talks to the network: the ledger arrives over IPC. Only the dev server is let through.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      const allowed = options.devServerOrigin !== undefined && details.url.startsWith(`${options.devServerOrigin}/`);
      callback({ cancel: !allowed });
    },
  );
  // app:// responses carry the CSP themselves (protocol.ts); this covers the dev server.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [options.contentSecurityPolicy],
      },
    });
  });
}

function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Call once the app is ready, before the first window. */
export function hardenApp(options: HardeningOptions): void {
  hardenSession(session.defaultSession, options);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
