/**
 * Process-wide guards, installed once before any window exists: permissions denied, the CSP on
 * dev-server responses, no requests to the network from the page, and for every web contents
 * (present and future): no navigation away from our page, no new windows, no <webview>; https
 * links to the allow-list go to the user's browser. The decisions live in policy/navigation.ts
 * (unit-tested); this file only wires them to Electron's events.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import {
  decideNavigation,
  decideSubframeNavigation,
  decideWindowOpen,
  permissionDecision,
  type UrlDecision,
} from './policy/navigation';
import { isAllowedExternalUrl } from './policy/trust';

/** What {@link hardenApp} needs. */
export interface HardeningOptions {
  contentSecurityPolicy: string;
  /** `electron-vite dev` only: the dev server the window may load from. */
  devServerOrigin?: string;
}

/** Hands a link to the user's browser; the decisions in policy/navigation.ts are the only callers. */
function openExternally(decision: UrlDecision): void {
  if (decision.action !== 'openExternal') return;
  // Checked again right here, so this call can never receive a URL the allow-list refuses.
  if (!isAllowedExternalUrl(decision.url)) return;
  shell
    .openExternal(decision.url)
    .catch((error: unknown) => console.error('credit-desk: could not open a link:', error));
}

function hardenSession(ses: Session, options: HardeningOptions): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionDecision(permission, details.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionDecision(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler((details) => permissionDecision(details.deviceType, details.origin));
  // The page never talks to the network: the ledger arrives over IPC, also when connected to a
  // team server (the main process reaches it on its own session: server-session.ts). Only the
  // dev server is let through.
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

function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, { devServerOrigin: options.devServerOrigin });
    if (decision.action === 'allow') return;
    event.preventDefault();
    openExternally(decision);
  });
  contents.on('will-frame-navigate', (event) => {
    if (decideSubframeNavigation(event.isMainFrame) === 'deny') event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(decideWindowOpen(url));
    return { action: 'deny' };
  });
}

/** Call once the app is ready, before the first window. */
export function hardenApp(options: HardeningOptions): void {
  hardenSession(session.defaultSession, options);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}
