/**
 * The team server (PRODUCT F14) serves this same page with a marker in its HTML; that is how
 * the page knows people must sign in and that calls carry a bearer token. The session token
 * lives in sessionStorage only: it ends with the tab, and is never written to localStorage,
 * where it would outlive the window and be shared by every tab.
 *
 * A desktop connected to a team server signs in too; there the main process holds the token
 * (the page gets an empty one) and nothing is kept in storage at all.
 */
import { connectedServer } from './desktop';

const TOKEN_KEY = 'credit-desk.session-token';
/** The token as last stored, for when sessionStorage is disabled. */
let inMemory: string | null = null;

/** True when the page was served by `npm run server` (sign-in required). */
export function isServerMode(): boolean {
  return (
    connectedServer() !== null ||
    document.querySelector<HTMLMetaElement>('meta[name="credit-desk-mode"]')?.content === 'server'
  );
}

/** The signed-in session's bearer token, or null when nobody is signed in in this tab. */
export function storedToken(): string | null {
  if (connectedServer() !== null) return inMemory;
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return inMemory; // storage disabled: the person signs in again on every load
  }
}

/** Keeps the token for this tab, or forgets it (null). */
export function storeToken(token: string | null): void {
  inMemory = token;
  if (connectedServer() !== null) return; // the desktop's main process holds the real one
  try {
    if (token === null) window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // not kept: the session still works until the page is reloaded
  }
}
