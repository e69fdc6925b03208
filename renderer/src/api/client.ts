/**
 * The renderer's only door to the ledger. In the desktop app the preload exposes `window.api`
 * (one function per channel); in browser mode the same `Bridge` is built over HTTP with the
 * per-run token the server puts in the page. Screens never know which door they use.
 */
import { CHANNELS, type Channel, type Input, type Output } from '../../../shared/contract';
import type { Bridge } from '../../../shared/bridge';
import type { ApiError, ErrorCode, Result } from '../../../shared/result';

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

function httpBridge(): Bridge {
  const token = document.querySelector<HTMLMetaElement>('meta[name="credit-desk-token"]')?.content ?? '';
  const bridge: Partial<Record<Channel, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    bridge[channel] = async (input) => {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-credit-desk-token': token },
        body: JSON.stringify(input ?? {}),
      });
      if (response.status === 401) {
        throw new TransportError('This page has lost its access token: reload it from the URL printed by the app.');
      }
      if (!response.ok) throw new TransportError(`The Credit Desk server answered ${response.status}.`);
      return (await response.json()) as Result<unknown>;
    };
  }
  return bridge as Bridge;
}

let bridge: Bridge | undefined;

/** The bridge in use: the preload's in Electron, HTTP otherwise. */
export function getBridge(): Bridge {
  bridge ??= window.api ?? httpBridge();
  return bridge;
}

/** Calls one channel; a refusal or a lost connection comes back as `{ok:false}` with a readable message. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Outcome<Output<C>>> {
  try {
    const fn = getBridge()[channel] as (input: Input<C>) => Promise<Result<Output<C>>>;
    const result = await fn(input);
    return result.ok ? result : { ok: false, error: result.error as ApiError };
  } catch (error) {
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
