/**
 * The desktop app's second exposure, `window.creditDeskDesktop` (shared/desktop.ts): how this
 * window is connected, and the connection settings. Undefined in a browser (the team server's
 * page and browser mode), where there are no such settings.
 */
import type { DesktopBridge } from '../../../shared/desktop';

declare global {
  interface Window {
    creditDeskDesktop?: DesktopBridge;
  }
}

/** The desktop bridge, or undefined in a browser. */
export function desktop(): DesktopBridge | undefined {
  return window.creditDeskDesktop;
}

/** The team server this desktop is connected to, or null (this computer's ledger, or a browser). */
export function connectedServer(): string | null {
  const bridge = desktop();
  return bridge?.mode === 'server' ? bridge.serverUrl : null;
}
