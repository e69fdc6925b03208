/**
 * The domain side of the provider adapters: what a mapper turns the wire into, and what the
 * poller asks of an adapter. Nothing here knows HTTP or the database.
 */
import type { SyncProvider, SyncStreamName } from '../../shared/dto.sync';

/** A payment at a provider, in our terms. Amounts are integer minor units of `currency` (ISO digits). */
export interface ProviderPayment {
  provider: SyncProvider;
  /** Stripe: the session's payment_intent (else the session id). PayPal: transaction_id. */
  providerPaymentId: string;
  /** The client id named by the checkout (metadata / custom_field), as received. */
  clientRef: string | null;
  /** The package id named by the checkout, as received. */
  packageRef: string | null;
  email: string | null;
  /** Null when the provider's amount cannot be expressed in the currency's minor units. */
  amountMinor: number | null;
  /** Upper-case ISO 4217 code as received; null when missing. */
  currency: string | null;
  /** When the payment was created at the provider (ISO-8601 UTC). */
  createdAt: string;
  /** Only `succeeded` payments are credited. */
  status: 'succeeded' | 'pending' | 'failed' | 'other';
  /** The provider's own object id (Stripe session id; PayPal transaction id), for staff. */
  sourceId: string;
}

/** A refund or dispute of a payment. */
export interface ProviderReversal {
  provider: SyncProvider;
  kind: 'refund' | 'dispute';
  /** The refund's or dispute's own id: a review item is created once per event. */
  eventId: string;
  /** The payment it reverses, in the same terms as {@link ProviderPayment.providerPaymentId}. */
  providerPaymentId: string;
  amountMinor: number | null;
  currency: string | null;
  providerStatus: string | null;
  occurredAt: string;
  /**
   * A dispute the merchant won (Stripe `won`/`warning_closed`, PayPal T1202 chargeback
   * reversal): nothing to take back, so it closes its item (and the payment's open disputes) by itself.
   */
  merchantWon: boolean;
}

/** One item of a provider page, mapped. */
export type ProviderEvent =
  | { kind: 'payment'; payment: ProviderPayment }
  | { kind: 'reversal'; reversal: ProviderReversal }
  | { kind: 'ignored'; id: string; why: string };

/** A time window a pass reads: from ≤ created ≤ to. */
export interface SyncWindow {
  from: Date;
  to: Date;
}

/** Where an adapter is within a window: opaque to the poller, saved as JSON to resume after a crash. */
export type PageToken = Readonly<Record<string, string | number | null>>;

/** One page read from a provider. */
export interface FetchedPage {
  events: ProviderEvent[];
  /** Where the next page starts; null when the window is exhausted. */
  next: PageToken | null;
  /** The provider's own "data is complete up to" time (PayPal last_refreshed_datetime), if it says. */
  completeThrough?: Date;
}

/**
 * One independent stream of a provider (Stripe Checkout Sessions, Refunds, Disputes; PayPal
 * transactions), with its own cursor and resume point. `payments` streams credit clients and
 * run first in every pass; a `review` stream only finds refunds and disputes, so its failure is
 * recorded and shown but never holds payments back.
 */
export interface ProviderStream {
  readonly name: SyncStreamName;
  readonly role: 'payments' | 'review';
  /** Reads one page; throws {@link ProviderError} on failure. Never called inside a DB transaction. */
  fetchPage(window: SyncWindow, token: PageToken | null, signal: AbortSignal): Promise<FetchedPage>;
  /**
   * Reads again, by id, items that are still open (a dispute's outcome arrives weeks after it
   * was created, long after its window was read).
   */
  refresh?(eventIds: readonly string[], signal: AbortSignal): Promise<ProviderEvent[]>;
}

/** What the poller needs from a provider. */
export interface ProviderAdapter {
  readonly provider: SyncProvider;
  /** How far before the cursor each pass looks again, for data that arrives late. */
  readonly overlapMs: number;
  /** The longest window one search may cover. */
  readonly maxWindowMs: number;
  /** Payments streams first. */
  readonly streams: readonly ProviderStream[];
}

/**
 * Why a request failed. `transient` is retried within the pass (429, 5xx, timeouts, offline,
 * unreadable replies); `auth` (wrong key), `permission` (403: the key may not read this
 * stream; retrying cannot help until someone changes the key) and `fatal` fail the stream at once.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: 'transient' | 'auth' | 'permission' | 'fatal',
    /** Written for finance staff; never contains a credential. */
    message: string,
    readonly options: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
