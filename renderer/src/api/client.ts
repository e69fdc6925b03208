/**
 * The renderer's only door to the ledger. In the desktop app the preload exposes `window.api`
 * (one function per channel); in browser mode the same `Bridge` is built over HTTP with the
 * per-run token the server puts in the page. Screens never know which door they use.
 */
import { CHANNELS, type Channel, type Input, type Output } from '../../../shared/contract';
import type { Bridge } from '../../../shared/bridge';
import type { ApiError, ErrorCode, Result } from '../../../shared/result';
import { connectedServer } from './desktop';
import { isServerMode, storedToken } from './server-mode';

declare global {
  interface Window {
    api?: Bridge;
  }
}

/** A refusal from the API, or a transport failure (the API could not be reached at all). */
export interface UiError {
  code: ErrorCode | 'UNAVAILABLE';
  message: string;
  details?: Record<string, unknown>;
}

/** What a screen gets back from {@link call}: never throws. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: UiError };

class TransportError extends Error {
  override readonly name = 'TransportError';
}

/** Called when the team server answers 401 to anything but a sign-in: the session has ended. */
let onSessionEnded: () => void = () => undefined;

/** Registers what happens when the session ends (the session store returns to the sign-in screen). */
export function whenSessionEnds(listener: () => void): void {
  onSessionEnded = listener;
}

/** The error of a refusal the server answered with a status (401, 403), else a generic one. */
async function refusalOf(response: Response, code: 'UNAUTHENTICATED' | 'FORBIDDEN'): Promise<Result<unknown>> {
  try {
    const body = (await response.json()) as Partial<Result<unknown>>;
    if (body.ok === false && typeof body.error?.code === 'string') return body as Result<unknown>;
  } catch {
    // not JSON: the generic refusal below
  }
  const message =
    code === 'FORBIDDEN' ? 'Your role does not allow this action.' : 'Your session has ended. Sign in again.';
  return { ok: false, error: { code, message } };
}

function httpBridge(): Bridge {
  const server = isServerMode();
  const pageToken = document.querySelector<HTMLMetaElement>('meta[name="credit-desk-token"]')?.content ?? '';
  const bridge: Partial<Record<Channel, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    bridge[channel] = async (input) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (server) {
        // The team server: the signed-in person's bearer token, read at every call so a new
        // sign-in takes effect at once.
        const token = storedToken();
        if (token !== null) headers.authorization = `Bearer ${token}`;
      } else headers['x-credit-desk-token'] = pageToken;
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
      if (server && response.status === 401) {
        // A refused sign-in is an answer for the sign-in form; anything else means the session is over.
        if (channel !== 'auth.login') onSessionEnded();
        return refusalOf(response, 'UNAUTHENTICATED');
      }
      if (server && response.status === 403) return refusalOf(response, 'FORBIDDEN');
      if (response.status === 401) {
        throw new TransportError('This page has lost its access token: reload it from the URL printed by the app.');
      }
      if (!response.ok) throw new TransportError(`The Credit Desk server answered ${response.status}.`);
      const result = (await response.json()) as Result<unknown>;
      if (server && !result.ok && result.error.code === 'UNAUTHENTICATED' && channel !== 'auth.login') onSessionEnded();
      return result;
    };
  }
  return bridge as Bridge;
}

let bridge: Bridge | undefined;

/** What the desktop's main process said when the team server could not be reached, without Electron's prefix. */
function unreachableReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const reason = /could not be reached: (.*)$/s.exec(error.message)?.[1];
  return reason === undefined ? undefined : reason.trim();
}

/** The bridge in use: the preload's in Electron, HTTP otherwise. */
export function getBridge(): Bridge {
  bridge ??= window.api ?? httpBridge();
  return bridge;
}

/** True when calls go over the desktop's IPC bridge to a team server. */
function ipcConnected(): boolean {
  return window.api !== undefined && connectedServer() !== null;
}

/** Calls one channel; a refusal or a lost connection comes back as `{ok:false}` with a readable message. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Outcome<Output<C>>> {
  try {
    const fn = getBridge()[channel] as (input: Input<C>) => Promise<Result<Output<C>>>;
    const result = await fn(input);
    // A desktop connected to a team server: the session ended there (the HTTP bridge sees the 401 itself).
    if (!result.ok && result.error.code === 'UNAUTHENTICATED' && channel !== 'auth.login' && ipcConnected()) {
      onSessionEnded();
    }
    return result.ok ? result : { ok: false, error: result.error as ApiError };
  } catch (error) {
    const server = connectedServer();
    if (server !== null) {
      const reason = unreachableReason(error);
      const message = `Credit Desk could not reach the team server at ${server}${reason === undefined ? '' : `: ${reason}`}.`;
      return {
        ok: false,
        error: { code: 'UNAVAILABLE', message, details: reason === undefined ? { server } : { server, reason } },
      };
    }
    const message =
      error instanceof TransportError
        ? error.message
        : 'Credit Desk could not reach its ledger. Check that the app is still running, then try again.';
    return { ok: false, error: { code: 'UNAVAILABLE', message } };
  }
}

/** A fresh idempotency key: one per user action, so a double click or a retry never acts twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
