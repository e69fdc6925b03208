/**
 * One pass over one provider: read the window since the cursor (less the provider's overlap),
 * page by page. The network is never touched inside a transaction: fetch a page (with retries),
 * then one short write transaction records that page's payments and advances the resume point
 * (or, after the window's last page, the cursor): the cursor is saved with the credits it covers.
 * A pass killed at any moment resumes from the last committed page; payments seen twice are
 * harmless (idempotent by provider + payment id).
 */
import type { SyncPassSummary, SyncProvider } from '../../shared/dto.sync';
import type { Db } from '../db/database';
import type { Call } from '../ledger/context';
import type { Poster } from '../ledger/posting';
import { providerLabel } from '../ledger/words';
import type { SyncLog } from './log';
import { applyPayment, applyReversal, type ApplyCounts } from './matching';
import { ProviderError, type PageToken, type ProviderAdapter, type SyncWindow } from './types';

/** How a pass retries transient failures before giving up. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** A Retry-After longer than this fails the pass; the next pass waits for it instead. */
  maxRetryAfterMs: number;
}

/** A pause that ends early when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What a pass needs. */
export interface PassDeps {
  db: Db;
  poster: Poster;
  clock: () => Date;
  sleep: Sleep;
  random: () => number;
  log: SyncLog;
  actor: string;
  retry: RetryPolicy;
  /** Where a provider's very first pass starts when staff set no backfill date. */
  initialLookbackMs: number;
  /** When to run next, given the outcome (the poller's interval, jitter and back-off). */
  schedule: (outcome: { ok: boolean; consecutiveFailures: number; retryAfterMs?: number }) => Date | null;
}

/** Progress inside a window, saved with each page. */
interface ResumePoint {
  from: string;
  to: string;
  token: PageToken;
}

function readResume(json: string | null): ResumePoint | null {
  if (json === null) return null;
  try {
    const r = JSON.parse(json) as Partial<ResumePoint>;
    if (typeof r.from === 'string' && typeof r.to === 'string' && r.token !== null && typeof r.token === 'object') {
      return { from: r.from, to: r.to, token: r.token };
    }
  } catch {
    // A damaged resume point only costs re-reading the window.
  }
  return null;
}

function zero(): ApplyCounts & { fetched: number; errors: number } {
  return { fetched: 0, credited: 0, duplicates: 0, unmatched: 0, reviews: 0, ignored: 0, errors: 0 };
}

/** Thrown when the poller is stopped mid-pass: not a failure of the provider. */
class PassStopped extends Error {}

/** Runs one pass. Never throws for provider trouble: the summary says what happened. */
export async function runPass(
  deps: PassDeps,
  provider: SyncProvider,
  adapter: ProviderAdapter | { error: string },
  signal: AbortSignal,
): Promise<SyncPassSummary> {
  const { db, clock, log } = deps;
  const label = providerLabel(provider);
  const startedAt = clock();
  const counts = zero();
  let saved = zero();
  let retryAfter: number | undefined;

  /** Adds what was counted since the last save to the provider's totals. */
  const totalsDelta = () => {
    const delta = {
      fetched: counts.fetched - saved.fetched,
      credited: counts.credited - saved.credited,
      duplicates: counts.duplicates - saved.duplicates,
      unmatched: counts.unmatched - saved.unmatched,
      errors: counts.errors - saved.errors,
    };
    saved = { ...counts };
    return delta;
  };
  const totalsUpdate = (tx: Call['tx'], extra: Record<string, unknown>) => {
    const d = totalsDelta();
    tx.run(
      tx.k
        .updateTable('sync_state')
        .set((eb) => ({
          fetched_total: eb('fetched_total', '+', d.fetched),
          credited_total: eb('credited_total', '+', d.credited),
          duplicates_total: eb('duplicates_total', '+', d.duplicates),
          unmatched_total: eb('unmatched_total', '+', d.unmatched),
          errors_total: eb('errors_total', '+', d.errors),
          updated_at: clock().toISOString(),
          ...extra,
        }))
        .where('provider', '=', provider),
    );
  };

  const summary = (ok: boolean, error: string | null): SyncPassSummary => ({
    provider,
    ok,
    fetched: counts.fetched,
    credited: counts.credited,
    duplicates: counts.duplicates,
    unmatched: counts.unmatched,
    errors: counts.errors,
    reviews: counts.reviews,
    ignored: counts.ignored,
    startedAt: startedAt.toISOString(),
    finishedAt: clock().toISOString(),
    error,
  });

  async function withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (caught) {
        if (signal.aborted) throw new PassStopped();
        const error =
          caught instanceof ProviderError
            ? caught
            : new ProviderError(
                'fatal',
                `Unexpected error while reading ${label}: ${String((caught as Error)?.message ?? caught)}`,
              );
        counts.errors++;
        if (error.kind !== 'transient' || attempt >= deps.retry.attempts) throw error;
        const backoff = Math.min(deps.retry.maxMs, deps.retry.baseMs * 2 ** (attempt - 1));
        const delay = error.options.retryAfterMs ?? Math.round(backoff / 2 + (deps.random() * backoff) / 2);
        if (delay > deps.retry.maxRetryAfterMs) {
          retryAfter = delay;
          throw error;
        }
        log.warn(
          `${label}: ${error.message} Retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 1} of ${deps.retry.attempts}).`,
        );
        await deps.sleep(delay, signal);
        if (signal.aborted) throw new PassStopped();
      }
    }
  }

  try {
    if ('error' in adapter) throw new ProviderError('auth', adapter.error);
    const state = db.read((q) => q.get(q.k.selectFrom('sync_state').selectAll().where('provider', '=', provider)));
    if (state === undefined) throw new Error(`sync_state has no row for ${provider}`);
    db.write((tx) =>
      tx.run(
        tx.k
          .updateTable('sync_state')
          .set({ last_attempt_at: startedAt.toISOString() })
          .where('provider', '=', provider),
      ),
    );
    const passTo = clock();
    const resume = readResume(state.resume_json);
    let window: SyncWindow;
    let token: PageToken | null = null;
    if (resume !== null) {
      window = { from: new Date(resume.from), to: new Date(resume.to) };
      token = resume.token;
      log.info(`${label}: resuming an unfinished pass at ${JSON.stringify(token)}.`);
    } else {
      const from =
        state.cursor !== null
          ? new Date(Date.parse(state.cursor) - adapter.overlapMs)
          : state.backfill_from !== null
            ? new Date(state.backfill_from)
            : new Date(passTo.getTime() - deps.initialLookbackMs);
      window = { from, to: new Date(Math.min(passTo.getTime(), from.getTime() + adapter.maxWindowMs)) };
    }

    for (;;) {
      if (signal.aborted) throw new PassStopped();
      const current = window;
      const page = await withRetries(() => adapter.fetchPage(current, token, signal));
      const lastOfWindow = page.next === null;
      db.write((tx) => {
        const now = clock();
        const call: Call = { tx, actor: deps.actor, now, nowIso: now.toISOString() };
        for (const event of page.events) {
          counts.fetched++;
          if (event.kind === 'payment') applyPayment(db, call, deps.poster, event.payment, counts);
          else if (event.kind === 'reversal') applyReversal(call, event.reversal, counts);
          else {
            counts.ignored++;
            log.warn(`${label}: skipped ${event.id}: ${event.why}.`);
          }
        }
        if (!lastOfWindow) {
          const point: ResumePoint = {
            from: current.from.toISOString(),
            to: current.to.toISOString(),
            token: page.next!,
          };
          totalsUpdate(tx, { resume_json: JSON.stringify(point) });
        } else {
          // The provider may say its data is complete only up to an earlier time (PayPal): the
          // cursor stops there, so late arrivals are read again next pass.
          const through =
            page.completeThrough !== undefined && page.completeThrough < current.to ? page.completeThrough : current.to;
          totalsUpdate(tx, { cursor: through.toISOString(), resume_json: null });
        }
      });
      if (!lastOfWindow) {
        token = page.next;
        continue;
      }
      if (current.to.getTime() >= passTo.getTime()) break;
      const from = current.to;
      window = { from, to: new Date(Math.min(passTo.getTime(), from.getTime() + adapter.maxWindowMs)) };
      token = null;
    }

    const result = summary(true, null);
    const next = deps.schedule({ ok: true, consecutiveFailures: 0 });
    db.write((tx) =>
      totalsUpdate(tx, {
        last_success_at: clock().toISOString(),
        last_error: null,
        last_error_at: null,
        consecutive_failures: 0,
        next_run_at: next?.toISOString() ?? null,
        last_pass_json: JSON.stringify(result),
      }),
    );
    log.info(
      `${label}: pass complete: fetched ${result.fetched}, credited ${result.credited}, duplicates ${result.duplicates}, unmatched ${result.unmatched}, reviews ${result.reviews}, errors ${result.errors}.`,
    );
    return result;
  } catch (caught) {
    if (caught instanceof PassStopped) {
      log.info(`${label}: pass stopped; it resumes from the last saved page.`);
      return summary(false, 'The sync was stopped before it finished; it will resume from where it stopped.');
    }
    const message =
      caught instanceof ProviderError
        ? caught.message
        : `Unexpected error: ${String((caught as Error)?.message ?? caught)}`;
    if (!(caught instanceof ProviderError)) counts.errors++;
    const state = db.read((q) =>
      q.get(q.k.selectFrom('sync_state').select('consecutive_failures').where('provider', '=', provider)),
    );
    const failures = (state?.consecutive_failures ?? 0) + 1;
    const next = deps.schedule({
      ok: false,
      consecutiveFailures: failures,
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    });
    const result = summary(false, message);
    db.write((tx) =>
      totalsUpdate(tx, {
        last_error: message,
        last_error_at: clock().toISOString(),
        consecutive_failures: failures,
        next_run_at: next?.toISOString() ?? null,
        last_pass_json: JSON.stringify(result),
      }),
    );
    log.warn(`${label}: pass failed: ${message}${next === null ? '' : ` Next try at ${next.toISOString()}.`}`);
    return result;
  }
}
