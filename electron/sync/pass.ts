/**
 * One pass over one provider: its streams in turn (see stream.ts for how one stream reads its
 * window page by page, never touching the network inside a transaction). A pass killed at any
 * moment resumes each stream from its last committed page; payments seen twice are harmless
 * (idempotent by provider + payment id).
 */
import type { SyncPassSummary, SyncProvider, SyncStreamOutcome } from '../../shared/dto.sync';
import type { AsyncDb, AsyncTx } from '../db/async-db';
import type { Poster } from '../ledger/posting';
import { providerLabel } from '../ledger/words';
import type { SyncLog } from './log';
import { PassStopped, runStream, type PassCounts, type StreamContext } from './stream';
import type { ProviderAdapter } from './types';

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
  db: AsyncDb;
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

function zero(): PassCounts {
  return { fetched: 0, credited: 0, duplicates: 0, unmatched: 0, reviews: 0, ignored: 0, errors: 0 };
}

/**
 * Runs one pass over a provider: every enabled stream in turn, payments first, each from its own
 * cursor. A review stream's failure is recorded on that stream and shown, but the provider's
 * schedule follows its payments streams only, so a refunds 403 or a disputes outage never
 * delays crediting. Never throws for provider trouble: the summary says what happened.
 */
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
  const outcomes: SyncStreamOutcome[] = [];

  /** Adds what was counted since the last save to the provider's totals. */
  const saveTotals = async (tx: AsyncTx, extra: Record<string, unknown> = {}) => {
    const d = {
      fetched: counts.fetched - saved.fetched,
      credited: counts.credited - saved.credited,
      duplicates: counts.duplicates - saved.duplicates,
      unmatched: counts.unmatched - saved.unmatched,
      errors: counts.errors - saved.errors,
    };
    saved = { ...counts };
    await tx.run(
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
    streams: outcomes,
  });

  /** Saves the outcome and the next run: back-off only when a payments stream failed. */
  const finish = async (paymentsFailed: boolean, message: string | null, retryAfter: number | undefined) => {
    const state = await db.read(async (q) =>
      q.get(q.k.selectFrom('sync_state').select('consecutive_failures').where('provider', '=', provider)),
    );
    const failures = paymentsFailed ? (state?.consecutive_failures ?? 0) + 1 : 0;
    const next = deps.schedule({
      ok: !paymentsFailed,
      consecutiveFailures: failures,
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    });
    const result = summary(message === null, message);
    await db.write(async (tx) =>
      saveTotals(tx, {
        ...(paymentsFailed ? {} : { last_success_at: clock().toISOString() }),
        last_error: message,
        last_error_at: message === null ? null : clock().toISOString(),
        consecutive_failures: failures,
        next_run_at: next?.toISOString() ?? null,
        last_pass_json: JSON.stringify(result),
      }),
    );
    if (message === null) {
      log.info(
        `${label}: pass complete: fetched ${result.fetched}, credited ${result.credited}, duplicates ${result.duplicates}, unmatched ${result.unmatched}, reviews ${result.reviews}, errors ${result.errors}.`,
      );
    } else {
      log.warn(`${label}: pass failed: ${message}${next === null ? '' : ` Next try at ${next.toISOString()}.`}`);
    }
    return result;
  };

  try {
    if ('error' in adapter) {
      counts.errors++;
      return await finish(true, adapter.error, undefined);
    }
    const state = await db.read(async (q) =>
      q.get(q.k.selectFrom('sync_state').selectAll().where('provider', '=', provider)),
    );
    if (state === undefined) throw new Error(`sync_state has no row for ${provider}`);
    await db.write(async (tx) =>
      tx.run(
        tx.k
          .updateTable('sync_state')
          .set({ last_attempt_at: startedAt.toISOString() })
          .where('provider', '=', provider),
      ),
    );
    const streamRows = await db.read(async (q) =>
      q.all(q.k.selectFrom('sync_streams').select(['stream', 'enabled']).where('provider', '=', provider)),
    );
    const enabled = new Map(streamRows.map((r) => [r.stream, r.enabled === 1]));
    const passTo = clock();
    const ctx: StreamContext = {
      deps,
      provider,
      adapter,
      counts,
      saveTotals: (tx) => saveTotals(tx),
      signal,
      passTo,
      firstFrom:
        state.backfill_from !== null
          ? new Date(state.backfill_from)
          : new Date(passTo.getTime() - deps.initialLookbackMs),
    };
    // Payments first, every pass: they are what the poller exists for.
    const ordered = [...adapter.streams].sort((a, b) => Number(a.role === 'review') - Number(b.role === 'review'));
    let paymentsFailed = false;
    let retryAfter: number | undefined;
    const messages: string[] = [];
    for (const stream of ordered) {
      if (enabled.get(stream.name) === false) {
        outcomes.push({ stream: stream.name, ok: true, skipped: true, error: null });
        continue;
      }
      // After payments failed (offline, most likely), each review stream gets one try, not four.
      const result = await runStream(ctx, stream, paymentsFailed ? 1 : deps.retry.attempts);
      outcomes.push({ stream: stream.name, ok: result.ok, skipped: false, error: result.error?.message ?? null });
      if (result.ok) continue;
      messages.push(result.error!.message);
      if (stream.role === 'payments') {
        paymentsFailed = true;
        retryAfter = result.retryAfterMs ?? retryAfter;
        // A wrong key is wrong for every stream: do not knock on each with it.
        if (result.error!.kind === 'auth') break;
      }
    }
    return await finish(paymentsFailed, messages.length === 0 ? null : messages.join(' '), retryAfter);
  } catch (caught) {
    if (caught instanceof PassStopped) {
      log.info(`${label}: pass stopped; it resumes from the last saved page.`);
      return summary(false, 'The sync was stopped before it finished; it will resume from where it stopped.');
    }
    counts.errors++;
    return await finish(true, `Unexpected error: ${String((caught as Error)?.message ?? caught)}`, undefined);
  }
}
