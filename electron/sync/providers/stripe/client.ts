/**
 * Stripe through the official SDK: three independent streams — Checkout Sessions
 * (status=complete; payments), Refunds and Disputes (review) — each over its own window
 * (`created[gte]`/`created[lte]`), paged with `starting_after` while `has_more`. Open disputes
 * are read again by id until they end (won disputes close their item by themselves). The SDK's
 * own retries are off: the poller retries with its injected clock and honours Retry-After.
 */
import type Stripe from 'stripe';
import type { FetchedPage, PageToken, ProviderAdapter, ProviderEvent, ProviderStream, SyncWindow } from '../../types';
import { ProviderError, retryAfterMs } from '../../types';
import { mapStripeReversal, mapStripeSession } from './mapper';

/** The live API. */
export const STRIPE_API_BASE = 'https://api.stripe.com';

/** Options for {@link createStripeAdapter}. */
export interface StripeAdapterOptions {
  secretKey: string;
  /** An origin such as https://api.stripe.com or http://127.0.0.1:4010 (the SDK always adds /v1/). */
  apiBase?: string;
  pageSize?: number;
  timeoutMs?: number;
  clock?: () => Date;
}

type Stream = 'sessions' | 'refunds' | 'disputes';

/** What each stream reads, in words for finance staff (403 messages name the permission). */
const STREAM_WORDS: Readonly<Record<Stream, { object: string; ignore: string | null }>> = {
  sessions: { object: 'Checkout Sessions', ignore: null },
  refunds: { object: 'Refunds', ignore: 'or ignore refunds on the Sync page' },
  disputes: { object: 'Disputes', ignore: 'or ignore disputes on the Sync page' },
};

/** Stripe's overlap: a Checkout Session can be paid up to 24 hours after it was created. */
export const STRIPE_OVERLAP_MS = 24 * 60 * 60 * 1000;

export function createStripeAdapter(options: StripeAdapterOptions): ProviderAdapter {
  const url = new URL(options.apiBase ?? STRIPE_API_BASE);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  // The SDK is loaded on the first page, not at start-up: a plain CLI call never needs it.
  let client: Promise<{ sdk: typeof Stripe; stripe: Stripe }> | undefined;
  const connect = () =>
    (client ??= import('stripe').then(({ default: sdk }) => ({
      sdk,
      stripe: new sdk(options.secretKey, {
        host: url.hostname,
        port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port),
        protocol,
        maxNetworkRetries: 0,
        timeout: options.timeoutMs ?? 30_000,
        telemetry: false,
        appInfo: { name: 'Credit Desk' },
      }),
    })));
  const limit = Math.min(100, options.pageSize ?? 100);
  const clock = options.clock ?? (() => new Date());

  async function list(
    stripe: Stripe,
    stream: Stream,
    params: Record<string, unknown>,
  ): Promise<{ data: unknown[]; has_more: boolean }> {
    if (stream === 'sessions') return stripe.checkout.sessions.list({ ...params, status: 'complete' });
    if (stream === 'refunds') return stripe.refunds.list(params);
    return stripe.disputes.list(params);
  }

  function mapItem(stream: Stream, item: unknown): ProviderEvent {
    return stream === 'sessions'
      ? mapStripeSession(item)
      : mapStripeReversal(item, stream === 'refunds' ? 'refund' : 'dispute');
  }

  function stream(name: Stream): ProviderStream {
    return {
      name,
      role: name === 'sessions' ? 'payments' : 'review',
      async fetchPage(window: SyncWindow, token: PageToken | null, signal: AbortSignal): Promise<FetchedPage> {
        if (signal.aborted) throw new ProviderError('transient', 'The sync was stopped.');
        const after = typeof token?.after === 'string' ? token.after : undefined;
        const params = {
          created: { gte: Math.floor(window.from.getTime() / 1000), lte: Math.floor(window.to.getTime() / 1000) },
          limit,
          ...(after === undefined ? {} : { starting_after: after }),
        };
        const { sdk, stripe } = await connect();
        let page: { data: unknown[]; has_more: boolean };
        try {
          page = await list(stripe, name, params);
        } catch (error) {
          throw classify(error, clock(), sdk, name);
        }
        if (!Array.isArray(page?.data)) {
          throw new ProviderError(
            'transient',
            `Stripe sent a ${STREAM_WORDS[name].object} page that could not be read.`,
          );
        }
        const lastId = (page.data[page.data.length - 1] as { id?: unknown } | undefined)?.id;
        return {
          events: page.data.map((item) => mapItem(name, item)),
          next: page.has_more === true && typeof lastId === 'string' ? { after: lastId } : null,
        };
      },
      ...(name === 'disputes'
        ? {
            async refresh(eventIds: readonly string[], signal: AbortSignal): Promise<ProviderEvent[]> {
              const { sdk, stripe } = await connect();
              const events: ProviderEvent[] = [];
              for (const id of eventIds) {
                if (signal.aborted) throw new ProviderError('transient', 'The sync was stopped.');
                try {
                  events.push(mapItem('disputes', await stripe.disputes.retrieve(id)));
                } catch (error) {
                  throw classify(error, clock(), sdk, name);
                }
              }
              return events;
            },
          }
        : {}),
    };
  }

  return {
    provider: 'stripe',
    overlapMs: STRIPE_OVERLAP_MS,
    maxWindowMs: Number.POSITIVE_INFINITY,
    streams: [stream('sessions'), stream('refunds'), stream('disputes')],
  };
}

/** SDK errors → {@link ProviderError}, in words for finance staff (never echoing the key). */
function classify(error: unknown, now: Date, sdk: typeof Stripe, stream: Stream): ProviderError {
  if (error instanceof sdk.errors.StripeAuthenticationError) {
    return new ProviderError('auth', 'Stripe refused the secret key (401). Check the key on the Sync page.', {
      status: 401,
    });
  }
  if (error instanceof sdk.errors.StripePermissionError) {
    const { object, ignore } = STREAM_WORDS[stream];
    const consequence =
      ignore === null
        ? ': give the restricted key the Checkout Sessions read permission. Until then no card payment is credited.'
        : `: give it the ${object} read permission, ${ignore}.`;
    return new ProviderError('permission', `The Stripe key cannot read ${object} (403)${consequence}`, {
      status: 403,
    });
  }
  if (error instanceof sdk.errors.StripeRateLimitError) {
    const retry = retryAfterMs(error.headers?.['retry-after'], now);
    return new ProviderError('transient', 'Stripe asked us to slow down (429).', {
      status: 429,
      ...(retry === undefined ? {} : { retryAfterMs: retry }),
    });
  }
  if (error instanceof sdk.errors.StripeConnectionError) {
    const timedOut = /timeout/i.test(error.message);
    return new ProviderError(
      'transient',
      timedOut ? 'Stripe did not answer in time.' : 'Could not reach Stripe (offline?). Credit Desk will try again.',
    );
  }
  if (error instanceof sdk.errors.StripeAPIError) {
    if (error.statusCode === undefined)
      return new ProviderError('transient', 'Stripe sent a reply that could not be read.');
    return new ProviderError('transient', `Stripe had a server error (${error.statusCode}).`, {
      status: error.statusCode,
    });
  }
  if (error instanceof sdk.errors.StripeError) {
    return new ProviderError('fatal', `Stripe refused the request (${error.statusCode ?? 'error'}): ${error.message}`, {
      ...(error.statusCode === undefined ? {} : { status: error.statusCode }),
    });
  }
  return new ProviderError(
    'fatal',
    `Unexpected error while reading Stripe: ${String((error as Error)?.message ?? error)}`,
  );
}
