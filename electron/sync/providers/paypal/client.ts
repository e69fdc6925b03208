/**
 * PayPal through its REST API with plain fetch: OAuth2 client credentials
 * (POST /v1/oauth2/token), then Transaction Search (GET /v1/reporting/transactions with
 * start_date, end_date, fields=all, page_size, page up to total_pages). Windows are at most 31
 * days (the API's limit). The token is cached until shortly before it expires and fetched again
 * once on a 401.
 */
import type { FetchedPage, PageToken, ProviderAdapter, SyncWindow } from '../../types';
import { ProviderError, retryAfterMs } from '../../types';
import { mapPayPalTransaction, parsePayPalTime } from './mapper';

/** The live API. */
export const PAYPAL_API_BASE = 'https://api-m.paypal.com';
/** PayPal says a transaction can take up to 3 hours to appear in Transaction Search. */
export const PAYPAL_OVERLAP_MS = 3 * 60 * 60 * 1000;
/** Transaction Search refuses windows longer than 31 days. */
export const PAYPAL_MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

/** Options for {@link createPayPalAdapter}. */
export interface PayPalAdapterOptions {
  clientId: string;
  clientSecret: string;
  apiBase?: string;
  pageSize?: number;
  timeoutMs?: number;
  clock?: () => Date;
  fetch?: typeof fetch;
}

/** PayPal wants seconds and no fractional part: 2026-11-20T10:15:00Z. */
function paypalTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function createPayPalAdapter(options: PayPalAdapterOptions): ProviderAdapter {
  const base = (options.apiBase ?? PAYPAL_API_BASE).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pageSize = Math.min(500, options.pageSize ?? 100);
  let token: { value: string; expiresAt: number } | null = null;

  /** One request with a deadline covering headers and body; the body is read as text, then parsed. */
  async function request(
    url: string,
    init: RequestInit,
    signal: AbortSignal,
  ): Promise<{ status: number; headers: Headers; body: unknown }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      let res: Response;
      let text: string;
      try {
        res = await doFetch(url, { ...init, signal: controller.signal });
        text = await res.text();
      } catch {
        if (signal.aborted) throw new ProviderError('transient', 'The sync was stopped.');
        if (controller.signal.aborted) throw new ProviderError('transient', 'PayPal did not answer in time.');
        throw new ProviderError('transient', 'Could not reach PayPal (offline?). Credit Desk will try again.');
      }
      if (res.status === 429) {
        const retry = retryAfterMs(res.headers.get('retry-after'), clock());
        throw new ProviderError('transient', 'PayPal asked us to slow down (429).', {
          status: 429,
          ...(retry === undefined ? {} : { retryAfterMs: retry }),
        });
      }
      if (res.status >= 500) {
        throw new ProviderError('transient', `PayPal had a server error (${res.status}).`, { status: res.status });
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        if (res.status >= 400) body = null;
        else
          throw new ProviderError('transient', 'PayPal sent a reply that could not be read.', { status: res.status });
      }
      return { status: res.status, headers: res.headers, body };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function accessToken(signal: AbortSignal, fresh: boolean): Promise<string> {
    const now = clock().getTime();
    if (!fresh && token !== null && token.expiresAt > now) return token.value;
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    const res = await request(
      `${base}/v1/oauth2/token`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
      },
      signal,
    );
    if (res.status === 401 || res.status === 403) {
      throw new ProviderError('auth', 'PayPal refused the client ID or secret (401). Check them on the Sync page.', {
        status: res.status,
      });
    }
    const body = res.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (res.status !== 200 || typeof body?.access_token !== 'string') {
      throw new ProviderError('transient', `PayPal did not issue an access token (${res.status}).`, {
        status: res.status,
      });
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 5 * 60 * 1000;
    // Renew a minute early so a token never expires between two pages.
    token = { value: body.access_token, expiresAt: now + Math.max(0, lifetime - 60_000) };
    return token.value;
  }

  async function fetchPage(window: SyncWindow, pageToken: PageToken | null, signal: AbortSignal): Promise<FetchedPage> {
    const page = typeof pageToken?.page === 'number' && pageToken.page >= 1 ? pageToken.page : 1;
    const query = new URLSearchParams({
      start_date: paypalTime(window.from),
      end_date: paypalTime(window.to),
      fields: 'all',
      page_size: String(pageSize),
      page: String(page),
    });
    const url = `${base}/v1/reporting/transactions?${query.toString()}`;
    let res: Awaited<ReturnType<typeof request>> | undefined;
    for (const fresh of [false, true]) {
      const bearer = await accessToken(signal, fresh);
      res = await request(url, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } }, signal);
      if (res.status !== 401) break;
      token = null;
    }
    if (res?.status === 403) {
      throw new ProviderError(
        'permission',
        'The PayPal app cannot use Transaction Search (403): give the REST app the Transaction Search permission. Until then no PayPal payment, refund or reversal is read.',
        { status: 403 },
      );
    }
    if (res === undefined || res.status === 401) {
      throw new ProviderError(
        'auth',
        'PayPal refused access to Transaction Search. Check the app has the Transaction Search permission.',
        {
          status: res?.status ?? 401,
        },
      );
    }
    if (res.status !== 200) {
      const name = (res.body as { name?: unknown } | null)?.name;
      throw new ProviderError(
        'fatal',
        `PayPal refused the transaction search (${res.status}${typeof name === 'string' ? ` ${name}` : ''}).`,
        {
          status: res.status,
        },
      );
    }
    const body = res.body as {
      transaction_details?: unknown;
      total_pages?: unknown;
      page?: unknown;
      last_refreshed_datetime?: unknown;
    } | null;
    if (body === null || typeof body !== 'object' || !Array.isArray(body.transaction_details)) {
      throw new ProviderError('transient', 'PayPal sent a reply that could not be read.', { status: res.status });
    }
    const totalPages = typeof body.total_pages === 'number' ? body.total_pages : 1;
    const refreshed =
      typeof body.last_refreshed_datetime === 'string' ? parsePayPalTime(body.last_refreshed_datetime) : null;
    return {
      events: body.transaction_details.map(mapPayPalTransaction),
      next: page < totalPages ? { page: page + 1 } : null,
      ...(refreshed === null ? {} : { completeThrough: new Date(refreshed) }),
    };
  }

  // One stream: Transaction Search returns payments, refunds and reversals together.
  return {
    provider: 'paypal',
    overlapMs: PAYPAL_OVERLAP_MS,
    maxWindowMs: PAYPAL_MAX_WINDOW_MS,
    streams: [{ name: 'transactions', role: 'payments', fetchPage }],
  };
}
