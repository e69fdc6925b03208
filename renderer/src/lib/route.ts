/**
 * A tiny hash router: the app is one page served from a file (Electron) or a local server
 * (browser mode), so the location lives after the '#': "#/clients/7".
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function current(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path === '' ? '/' : path;
}

/** The current path, e.g. "/clients/7". */
export function usePath(): string {
  return useSyncExternalStore(subscribe, current);
}

/** The href for a path. */
export function href(path: string): string {
  return `#${path}`;
}

/** Goes to a path. */
export function navigate(path: string): void {
  window.location.hash = path;
}
