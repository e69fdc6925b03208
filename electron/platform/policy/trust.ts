/**
 * Who may talk to the main process and where links may go. Pure: no 'electron' import.
 *
 * The app's page is served from a privileged custom scheme, `app://credit-desk/`, not from
 * file:// (a file:// page shares its origin with every other local file). Only that page, in
 * the top frame, may call the API; in development the Vite dev server's origin stands in for it.
 */

/** The custom scheme that serves the renderer in the desktop app. */
export const APP_SCHEME = 'app';
/** The one host of {@link APP_SCHEME}. */
export const APP_HOST = 'credit-desk';
/** Where the window is loaded. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Hosts that links in the app may open in the user's browser (https only, exact host match):
 * the payment providers' dashboards, where staff look up a payment.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = [
  'dashboard.stripe.com',
  'www.paypal.com',
  'www.sandbox.paypal.com',
];

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for a URL of the app's own page or assets (`app://credit-desk/...`). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  // Node's URL gives custom schemes an opaque ("null") origin, so compare the parts instead.
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * May a frame with this URL call the API? Only our own page, and only its top frame (an
 * iframe, even one of ours, never). `devServerOrigin` is the `electron-vite dev` server's
 * origin, passed only when the app is not packaged.
 */
export function isTrustedSender(url: string, isTopFrame: boolean, devServerOrigin?: string): boolean {
  if (!isTopFrame) return false;
  if (isAppUrl(url)) return true;
  if (devServerOrigin === undefined) return false;
  const parsed = parse(url);
  const dev = parse(devServerOrigin);
  return (
    parsed !== undefined &&
    dev !== undefined &&
    (dev.protocol === 'http:' || dev.protocol === 'https:') &&
    parsed.origin === dev.origin &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** May this URL be handed to the operating system's browser? https, an allow-listed host, nothing odd. */
export function isAllowedExternalUrl(url: string, allowList: readonly string[] = EXTERNAL_URL_ALLOW_LIST): boolean {
  const parsed = parse(url);
  return (
    parsed !== undefined &&
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    allowList.includes(parsed.hostname)
  );
}
