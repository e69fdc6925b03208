/**
 * The background poller (PRODUCT F11). `start(signal)` runs until the signal aborts (main.ts
 * drives it); `run()` is "Sync now" and the CLI's one pass. One pass at a time: a run while a
 * pass is going joins it. Between passes: the interval with jitter (default 5 minutes); after a
 * failed pass, exponential back-off with a cap (and at least the provider's Retry-After).
 * Offline is just a failed pass: it is tried again later and catches up from the cursor.
 * Clock, sleep and randomness are injected so tests run without real waiting.
 */
import { SYNC_PROVIDERS, type SyncPassSummary, type SyncProvider, type SyncRunResult } from '../../shared/dto.sync';
import { isApiOrigin } from '../../shared/contract.sync';
import type { AsyncDb } from '../db/async-db';
import { createPoster, type Poster } from '../ledger/posting';
import { providerLabel } from '../ledger/words';
import { redactingLog, stderrLog, type SyncLog } from './log';
import { runPass, type PassDeps, type RetryPolicy, type Sleep } from './pass';
import { createPayPalAdapter, PAYPAL_API_BASE } from './providers/paypal/client';
import { createStripeAdapter, STRIPE_API_BASE } from './providers/stripe/client';
import { SECRET_ENV, secretValues, type SecretStore } from './secrets';
import type { ProviderAdapter } from './types';

/** Environment variables that point a provider at another API origin (tests, staging). */
export const API_BASE_ENV: Readonly<Record<SyncProvider, string>> = {
  stripe: 'CREDIT_DESK_STRIPE_API_BASE',
  paypal: 'CREDIT_DESK_PAYPAL_API_BASE',
};
const DEFAULT_API_BASE: Readonly<Record<SyncProvider, string>> = { stripe: STRIPE_API_BASE, paypal: PAYPAL_API_BASE };

/** Options for {@link createSyncPoller}; everything but `db` and `secrets` has a default. */
export interface SyncPollerOptions {
  db: AsyncDb;
  secrets: SecretStore;
  clock?: () => Date;
  sleep?: Sleep;
  random?: () => number;
  log?: SyncLog;
  env?: Readonly<Record<string, string | undefined>>;
  /** Time between passes before jitter (default 5 minutes). */
  intervalMs?: number;
  /** ± this fraction of the interval, so many desktops do not poll in step (default 0.1). */
  jitterRatio?: number;
  /** First wait after a failed pass (default 1 minute), doubling per failure… */
  failureBackoffMs?: number;
  /** …up to this cap (default 1 hour). */
  maxBackoffMs?: number;
  retry?: Partial<RetryPolicy>;
  requestTimeoutMs?: number;
  pageSize?: number;
  /** A provider's first pass reads this far back unless staff set a backfill date (default 30 days). */
  initialLookbackMs?: number;
  /** Recorded on every entry the poller posts (default "sync"). */
  actor?: string;
  /** Replaces fetch for PayPal (tests). */
  fetch?: typeof fetch;
}

/** The poller's interface, used by main.ts, the handlers and the CLI. */
export interface SyncPoller {
  readonly secrets: SecretStore;
  readonly intervalMs: number;
  /** Polls until `signal` aborts; resolves when stopped. */
  start(signal: AbortSignal): Promise<void>;
  /** Runs one pass over `provider` (or every enabled, configured provider) now; joins a running pass. */
  run(provider?: SyncProvider): Promise<SyncRunResult>;
  /** The provider whose pass is running, or null. */
  running(): SyncProvider | null;
  /** True between start() and the stop signal. */
  active(): boolean;
  /** Every credential the provider needs is set. */
  configured(provider: SyncProvider): boolean;
  /** The API origin in use: configured on the Sync page, else the environment, else the live API. */
  apiBase(provider: SyncProvider, configured: string | null): string;
  /** Re-reads the schedule (after sync.configure). */
  wake(): void;
}

/** A real pause, ended early by the signal. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export function createSyncPoller(options: SyncPollerOptions): SyncPoller {
  const { db, secrets } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const env = options.env ?? process.env;
  const log = redactingLog(options.log ?? stderrLog(), () => secretValues(secrets));
  const intervalMs = options.intervalMs ?? 5 * 60 * 1000;
  const jitter = options.jitterRatio ?? 0.1;
  const failureBackoffMs = options.failureBackoffMs ?? 60 * 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60 * 60 * 1000;
  const retry: RetryPolicy = { attempts: 4, baseMs: 1000, maxMs: 30_000, maxRetryAfterMs: 120_000, ...options.retry };
  const poster: Poster = createPoster();
  const stopAll = new AbortController();
  let inFlight: Promise<SyncPassSummary[]> | null = null;
  let current: SyncProvider | null = null;
  let isActive = false;
  let wakeController = new AbortController();

  function configured(provider: SyncProvider): boolean {
    return provider === 'stripe'
      ? secrets.get('stripe.secretKey') !== null
      : secrets.get('paypal.clientId') !== null && secrets.get('paypal.clientSecret') !== null;
  }

  function apiBase(provider: SyncProvider, configuredBase: string | null): string {
    return configuredBase ?? env[API_BASE_ENV[provider]]?.trim() ?? DEFAULT_API_BASE[provider];
  }

  function adapterFor(provider: SyncProvider, configuredBase: string | null): ProviderAdapter | { error: string } {
    const label = providerLabel(provider);
    if (!configured(provider)) {
      const vars =
        provider === 'stripe'
          ? SECRET_ENV['stripe.secretKey']
          : `${SECRET_ENV['paypal.clientId']} and ${SECRET_ENV['paypal.clientSecret']}`;
      return { error: `${label} is not set up: enter its credentials on the Sync page (or set ${vars}).` };
    }
    const base = apiBase(provider, configuredBase);
    if (!isApiOrigin(base)) {
      return { error: `The ${label} API address "${base}" is not an https:// origin (http:// only for 127.0.0.1).` };
    }
    const common = {
      apiBase: base,
      clock,
      ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    };
    return provider === 'stripe'
      ? createStripeAdapter({ ...common, secretKey: secrets.get('stripe.secretKey')! })
      : createPayPalAdapter({
          ...common,
          clientId: secrets.get('paypal.clientId')!,
          clientSecret: secrets.get('paypal.clientSecret')!,
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        });
  }

  function schedule(outcome: { ok: boolean; consecutiveFailures: number; retryAfterMs?: number }): Date {
    const now = clock().getTime();
    if (outcome.ok) {
      const spread = intervalMs * jitter * (2 * random() - 1);
      return new Date(now + Math.round(intervalMs + spread));
    }
    const ceiling = Math.min(maxBackoffMs, failureBackoffMs * 2 ** Math.max(0, outcome.consecutiveFailures - 1));
    // "Equal jitter": between half and all of the back-off, so retries never synchronise.
    const wait = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    return new Date(now + Math.max(wait, outcome.retryAfterMs ?? 0));
  }

  const passDeps: PassDeps = {
    db,
    poster,
    clock,
    sleep,
    random,
    log,
    actor: options.actor ?? 'sync',
    retry,
    initialLookbackMs: options.initialLookbackMs ?? 30 * 24 * 60 * 60 * 1000,
    schedule,
  };

  async function passes(providers: readonly SyncProvider[]): Promise<SyncPassSummary[]> {
    const results: SyncPassSummary[] = [];
    for (const provider of providers) {
      if (stopAll.signal.aborted) break;
      current = provider;
      try {
        const row = await db.read(async (q) =>
          q.get(q.k.selectFrom('sync_state').select('api_base').where('provider', '=', provider)),
        );
        results.push(await runPass(passDeps, provider, adapterFor(provider, row?.api_base ?? null), stopAll.signal));
      } finally {
        current = null;
      }
    }
    return results;
  }

  /** Single flight: one pass at a time; a caller arriving while one runs waits for it. */
  async function singleFlight(
    providers: () => readonly SyncProvider[] | Promise<readonly SyncProvider[]>,
  ): Promise<SyncRunResult> {
    if (inFlight !== null) return { passes: await inFlight, joined: true };
    // Claimed before the first await, so a second caller joins this pass.
    const flight = (async () => passes(await providers()))();
    inFlight = flight;
    try {
      return { passes: await flight, joined: false };
    } finally {
      inFlight = null;
    }
  }

  async function enabledProviders(): Promise<SyncProvider[]> {
    const rows = await db.read(async (q) => q.all(q.k.selectFrom('sync_state').select(['provider', 'enabled'])));
    return SYNC_PROVIDERS.filter((p) => rows.some((r) => r.provider === p && r.enabled === 1) && configured(p));
  }

  return {
    secrets,
    intervalMs,
    configured,
    apiBase,
    running: () => current,
    active: () => isActive,
    wake: () => wakeController.abort(),
    run: (provider) => singleFlight(() => (provider === undefined ? enabledProviders() : [provider])),
    async start(signal) {
      if (isActive) throw new Error('The sync poller is already started.');
      isActive = true;
      const onStop = () => {
        stopAll.abort();
        wakeController.abort();
      };
      signal.addEventListener('abort', onStop, { once: true });
      if (signal.aborted) onStop();
      log.info(`poller started (every ${Math.round(intervalMs / 1000)} s with jitter).`);
      try {
        while (!signal.aborted) {
          const now = clock().getTime();
          const rows = await db.read(async (q) =>
            q.all(q.k.selectFrom('sync_state').select(['provider', 'enabled', 'next_run_at'])),
          );
          const due: SyncProvider[] = [];
          let wait = Number.POSITIVE_INFINITY;
          for (const provider of SYNC_PROVIDERS) {
            const row = rows.find((r) => r.provider === provider);
            if (row === undefined || row.enabled !== 1 || !configured(provider)) continue;
            const next = row.next_run_at === null ? now : Date.parse(row.next_run_at);
            if (next <= now) due.push(provider);
            else wait = Math.min(wait, next - now);
          }
          if (due.length > 0) {
            await singleFlight(() => due);
            continue;
          }
          // Nothing configured: look again after an interval (or at once when sync.configure wakes us).
          if (wait === Number.POSITIVE_INFINITY) wait = intervalMs;
          wakeController = new AbortController();
          await sleep(wait, AbortSignal.any([signal, wakeController.signal]));
        }
      } finally {
        signal.removeEventListener('abort', onStop);
        isActive = false;
        log.info('poller stopped.');
      }
    },
  };
}
