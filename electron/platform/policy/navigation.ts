/**
 * What the window may do with a URL: the decisions behind hardening.ts's `will-navigate`,
 * window-open and permission handlers. Pure: no 'electron' import, so every rule is
 * unit-tested (tests/electron/navigation.test.ts) and hardening.ts is only wiring.
 *
 * The page is a single-page app with hash routes, so it never needs to navigate anywhere:
 * the only navigation let through is to our own page (a reload). A link to a payment
 * provider's dashboard goes to the user's browser; everything else goes nowhere.
 */
import { EXTERNAL_URL_ALLOW_LIST, isAllowedExternalUrl, isTrustedSender } from './trust';

/** What a handler does with a URL. */
export type UrlDecision =
  /** Let the window load it (only our own page). */
  | { action: 'allow' }
  /** Stop it, and hand the URL to the operating system's browser (https, allow-listed host). */
  | { action: 'openExternal'; url: string }
  /** Stop it. */
  | { action: 'deny' };

/** What {@link decideNavigation} needs to know. */
export interface NavigationPolicy {
  /** `electron-vite dev` only: the dev server the window is loaded from. */
  devServerOrigin?: string;
  /** Hosts that may be opened in the browser; the default is {@link EXTERNAL_URL_ALLOW_LIST}. */
  allowList?: readonly string[];
}

function outside(url: string, allowList: readonly string[]): UrlDecision {
  return isAllowedExternalUrl(url, allowList) ? { action: 'openExternal', url } : { action: 'deny' };
}

/**
 * `will-navigate` (the top frame is about to load `url`): our own page stays, an allow-listed
 * https link opens in the browser instead, anything else (http, file:, javascript:, data:,
 * custom schemes, look-alike hosts) is stopped.
 */
export function decideNavigation(url: string, policy: NavigationPolicy = {}): UrlDecision {
  // The same rule as the IPC sender check: our app:// page, or the dev server in development.
  if (isTrustedSender(url, true, policy.devServerOrigin)) return { action: 'allow' };
  return outside(url, policy.allowList ?? EXTERNAL_URL_ALLOW_LIST);
}

/**
 * `setWindowOpenHandler` (window.open, target=_blank, middle-click): the app never opens a
 * second window, not even of its own page; an allow-listed https link opens in the browser.
 */
export function decideWindowOpen(
  url: string,
  policy: Pick<NavigationPolicy, 'allowList'> = {},
): Exclude<UrlDecision, { action: 'allow' }> {
  const decision = outside(url, policy.allowList ?? EXTERNAL_URL_ALLOW_LIST);
  return decision.action === 'openExternal' ? decision : { action: 'deny' };
}

/**
 * `will-frame-navigate` for a subframe, `will-redirect` and `will-attach-webview`: the page
 * has no iframes, follows no redirects (app:// answers directly) and has no <webview>.
 */
export function decideSubframeNavigation(isMainFrame: boolean): 'allow' | 'deny' {
  // The main frame is judged by will-navigate (decideNavigation).
  return isMainFrame ? 'allow' : 'deny';
}

/**
 * Permission requests and checks (camera, microphone, geolocation, notifications, clipboard,
 * HID/USB/serial devices, fullscreen, openExternal, …): a ledger needs none of them, so every
 * one is refused, whoever asks. The parameters are there so the handlers can pass what they
 * get and a test can show nothing in them changes the answer.
 */
export function permissionDecision(_permission?: string, _requestingUrl?: string): false {
  return false;
}
