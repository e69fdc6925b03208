/**
 * Wire types of the payment-provider sync (PRODUCT F11): what the `sync.*` channels return.
 * Credentials never appear here in clear: only their masked form (`sk_live_…4242`).
 */

/** A provider whose package payments the poller brings in. */
export type SyncProvider = 'stripe' | 'paypal';
/** Every provider, in the order screens show them. */
export const SYNC_PROVIDERS = ['stripe', 'paypal'] as const;

/**
 * A provider's independent streams: Stripe Checkout Sessions (payments), Refunds and Disputes
 * (review); PayPal's transaction search (payments, refunds and reversals in one).
 */
export type SyncStreamName = 'sessions' | 'refunds' | 'disputes' | 'transactions';
/** Every stream of each provider, payments first (the order every pass reads them in). */
export const SYNC_STREAMS: Readonly<Record<SyncProvider, readonly SyncStreamName[]>> = {
  stripe: ['sessions', 'refunds', 'disputes'],
  paypal: ['transactions'],
};

/** How one stream fared in one pass. */
export interface SyncStreamOutcome {
  stream: SyncStreamName;
  ok: boolean;
  /** Not read this pass: staff chose to ignore it (e.g. refunds, for a key without that permission). */
  skipped: boolean;
  /** Why it failed, for finance staff; null when it completed or was skipped. */
  error: string | null;
}

/**
 * A stream's state for the Sync page. `permission`: the key may not read it (403) — it is tried
 * once a pass, never retried as if the failure were passing.
 */
export interface SyncStreamStatus {
  stream: SyncStreamName;
  label: string;
  role: 'payments' | 'review';
  enabled: boolean;
  state: 'ok' | 'failing' | 'permission' | 'off' | 'never';
  /** Everything created before this time (less the provider's overlap) has been read by this stream. */
  cursor: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
}

/** What one pass (or the provider's whole history) saw. */
export interface SyncCounts {
  /** Items received from the provider (payments, refunds, disputes), repeats included. */
  fetched: number;
  /** Payments credited to a client for the first time. */
  credited: number;
  /** Payments seen before: already credited, or already waiting in the unmatched queue. */
  duplicates: number;
  /** Payments newly put in the unmatched queue. */
  unmatched: number;
  /** Failed requests: every failed attempt counts, whether it was retried or ended the pass. */
  errors: number;
}

/** The outcome of one pass over one provider. */
export interface SyncPassSummary extends SyncCounts {
  provider: SyncProvider;
  /** True when the pass read everything up to its end and saved the cursor. */
  ok: boolean;
  /** New review items: refunds or disputes of credited payments. */
  reviews: number;
  /** Items that are not succeeded package payments (pending, failed, other transaction types). */
  ignored: number;
  startedAt: string;
  finishedAt: string;
  /** Why the pass failed, for finance staff; null when it completed. */
  error: string | null;
  /** Each stream's outcome, payments first. `ok` is true only when every enabled stream completed. */
  streams: SyncStreamOutcome[];
}

/** One credential of a provider, masked. */
export interface SyncCredential {
  name: 'secretKey' | 'clientId' | 'clientSecret';
  label: string;
  /** E.g. `sk_live_…4242`; null when not set. */
  masked: string | null;
}

/** A provider's poller state, for the Sync page. */
export interface SyncProviderStatus {
  provider: SyncProvider;
  label: string;
  /** Staff switch: a disabled provider is not polled (an explicit "Sync now" of it still runs). */
  enabled: boolean;
  /** Every credential the provider needs is set. */
  configured: boolean;
  credentials: SyncCredential[];
  /** Where credentials are kept: the OS keychain (desktop app) or the environment (CLI, browser mode). */
  credentialStore: 'keychain' | 'environment';
  /** The API origin in use (the live API unless configured or set in the environment). */
  apiBase: string;
  /** A pass over this provider is running now. */
  running: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** When the poller will try next; null when it is not scheduled (disabled, not configured, poller stopped). */
  nextRunAt: string | null;
  /** Everything created before this time (less the provider's overlap) has been read. */
  cursor: string | null;
  /** Where the first pass starts reading; null means 30 days before it runs. */
  backfillFrom: string | null;
  lastPass: SyncPassSummary | null;
  /** Each stream's own state, payments first. */
  streams: SyncStreamStatus[];
  /** Counts over every pass so far. */
  totals: SyncCounts;
  unmatchedPending: number;
  reviewOpen: number;
}

/** `sync.status`. */
export interface SyncStatus {
  providers: SyncProviderStatus[];
  /** A pass is running now (`sync.run` joins it). */
  running: boolean;
  /** The background poller is started (desktop app); false in the CLI. */
  pollerActive: boolean;
  /** The poll interval before jitter. */
  intervalMs: number;
  /** A warning about how credentials are stored (e.g. Linux without a keyring), or null. */
  storageWarning: string | null;
}

/** `sync.run`: the passes that ran (or the running one that was joined). */
export interface SyncRunResult {
  passes: SyncPassSummary[];
  /** True when a pass was already running and this call waited for it instead of starting another. */
  joined: boolean;
}

/** Why a payment could not be credited automatically. */
export type UnmatchedReason =
  | 'missing_reference'
  | 'unknown_client'
  | 'ambiguous_client'
  | 'unknown_package'
  | 'currency_mismatch'
  | 'amount_mismatch'
  | 'conflict';

/** A provider payment waiting for staff. Decisions (resolve, dismiss) are final. */
export interface UnmatchedPayment {
  id: number;
  provider: SyncProvider;
  providerPaymentId: string;
  reason: UnmatchedReason;
  /** The reason in words for finance staff. */
  detail: string;
  /** The client id the checkout named (metadata or custom_field), as received. */
  clientRef: string | null;
  /** The package id the checkout named, as received. */
  packageRef: string | null;
  /** The payer's email (Stripe `customer_details.email`, PayPal payer email). */
  email: string | null;
  /** The amount paid as a decimal string, or null when the provider's amount could not be read. */
  amount: string | null;
  currency: string | null;
  paidAt: string;
  status: 'pending' | 'resolved' | 'dismissed';
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedClientId: number | null;
  resolvedPackageId: number | null;
  purchaseId: number | null;
  dismissReason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** How a review item was closed. */
export type ReviewResolution = 'reversed' | 'kept' | 'dispute_won';

/** A refund or dispute seen at a provider for a payment that was credited: staff decide what to do. */
export interface SyncReviewItem {
  id: number;
  provider: SyncProvider;
  kind: 'refund' | 'dispute';
  /** The refund's or dispute's id at the provider. */
  eventId: string;
  providerPaymentId: string;
  purchaseId: number;
  clientId: number;
  amount: string | null;
  currency: string | null;
  providerStatus: string | null;
  occurredAt: string;
  createdAt: string;
  status: 'open' | 'closed';
  clientName: string;
  /** The client's balance now. */
  clientBalance: number;
  /** What the payment bought: credits, and the amount paid. */
  purchaseCredits: number;
  purchaseAmount: string;
  purchaseCurrency: string;
  /**
   * Open items: what "reverse" would take back now — the purchase's credits in proportion to the
   * amount refunded, rounded down in the client's favour (`credits`), and the exact figure
   * (`exact`: a decimal, or a fraction such as "1000/3" when the decimal never ends); less
   * whatever earlier reversals of the same payment already took. Closed items: what was taken.
   */
  reversal: { credits: number; exact: string } | null;
  resolution: ReviewResolution | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** The Out entry "refund reversal" that took the credits back. */
  reversalEntryId: number | null;
}
