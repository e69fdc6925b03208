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

/** Splits "/clients/7/statement?from=…" into its path and its query parameters. */
export function splitPath(full: string): { path: string; params: URLSearchParams } {
  const at = full.indexOf('?');
  return at === -1
    ? { path: full, params: new URLSearchParams() }
    : { path: full.slice(0, at), params: new URLSearchParams(full.slice(at + 1)) };
}

/** A path with query parameters; empty values are left out. */
export function withParams(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(name, value);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}
