/**
 * One stream of one pass: read the stream's window since its own cursor (less the provider's
 * overlap), page by page. The network is never touched inside a transaction: fetch a page
 * (with retries), then one short write transaction records that page's events and advances the
 * stream's resume point (or, after the window's last page, its cursor), so a crash or kill
 * resumes this stream from its last committed page and the cursor is saved with the credits it
 * covers. Each stream keeps its own place: a stream that keeps failing never makes another
 * stream "resume" at it (the defect that once stopped card payments behind a refunds 403).
 */
import type { SyncProvider, SyncStreamName } from '../../shared/dto.sync';
import type { AsyncTx } from '../db/async-db';
import type { Call } from '../ledger/context';
import { providerLabel } from '../ledger/words';
import { applyPayment, applyReversal, type ApplyCounts } from './matching';
import type { PassDeps } from './pass';
import { ProviderError, type PageToken, type ProviderAdapter, type ProviderStream, type SyncWindow } from './types';

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

/** What a pass counts, across its streams. */
export type PassCounts = ApplyCounts & { fetched: number; errors: number };

/** Thrown when the poller is stopped mid-pass: not a failure of the provider. */
export class PassStopped extends Error {}

/** How one stream ended. */
export interface StreamResult {
  stream: SyncStreamName;
  ok: boolean;
  error: ProviderError | null;
  /** A Retry-After too long to wait inside the pass. */
  retryAfterMs?: number;
}

/** What {@link runStream} shares with its pass. */
export interface StreamContext {
  deps: PassDeps;
  provider: SyncProvider;
  adapter: ProviderAdapter;
  counts: PassCounts;
  /** Adds what was counted since the last save to the provider's totals, inside `tx`. */
  saveTotals: (tx: AsyncTx) => Promise<void>;
  signal: AbortSignal;
  /** The end of every stream's reading in this pass. */
  passTo: Date;
  /** Where a stream with no cursor starts (backfill date, or the initial look-back). */
  firstFrom: Date;
}

/** How many open disputes a pass reads again by id (the oldest first): bounded work per pass. */
const REFRESH_LIMIT = 20;

/** Runs one stream. Never throws for provider trouble (only {@link PassStopped}). */
export async function runStream(
  ctx: StreamContext,
  stream: ProviderStream,
  attempts = ctx.deps.retry.attempts,
): Promise<StreamResult> {
  const { deps, provider, adapter, counts, signal } = ctx;
  const { db, clock, log } = deps;
  const label = `${providerLabel(provider)} ${stream.name}`;
  let retryAfter: number | undefined;
  const key = (q: AsyncTx) =>
    q.k.updateTable('sync_streams').where('provider', '=', provider).where('stream', '=', stream.name);

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
        // Only passing trouble is retried: a 403 stays a 403 until someone changes the key.
        if (error.kind !== 'transient' || attempt >= attempts) throw error;
        const backoff = Math.min(deps.retry.maxMs, deps.retry.baseMs * 2 ** (attempt - 1));
        const delay = error.options.retryAfterMs ?? Math.round(backoff / 2 + (deps.random() * backoff) / 2);
        if (delay > deps.retry.maxRetryAfterMs) {
          retryAfter = delay;
          throw error;
        }
        log.warn(
          `${label}: ${error.message} Retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 1} of ${attempts}).`,
        );
        await deps.sleep(delay, signal);
        if (signal.aborted) throw new PassStopped();
      }
    }
  }

  /** Records one page's events in the caller's transaction. */
  async function apply(tx: AsyncTx, events: Awaited<ReturnType<ProviderStream['fetchPage']>>['events']): Promise<void> {
    const now = clock();
    const call: Call = { tx, actor: deps.actor, now, nowIso: now.toISOString() };
    for (const event of events) {
      counts.fetched++;
      if (event.kind === 'payment') await applyPayment(call, deps.poster, event.payment, counts);
      else if (event.kind === 'reversal') await applyReversal(call, event.reversal, counts, log);
      else {
        counts.ignored++;
        log.warn(`${label}: skipped ${event.id}: ${event.why}.`);
      }
    }
  }

  try {
    const state = await db.read(async (q) =>
      q.get(
        q.k.selectFrom('sync_streams').selectAll().where('provider', '=', provider).where('stream', '=', stream.name),
      ),
    );
    if (state === undefined) throw new Error(`sync_streams has no row for ${provider} ${stream.name}`);
    await db.write(async (tx) => await tx.run(key(tx).set({ last_attempt_at: clock().toISOString() })));
    const resume = readResume(state.resume_json);
    let window: SyncWindow;
    let token: PageToken | null = null;
    const { passTo } = ctx;
    if (resume !== null) {
      window = { from: new Date(resume.from), to: new Date(resume.to) };
      token = resume.token;
      log.info(`${label}: resuming an unfinished pass at ${JSON.stringify(token)}.`);
    } else {
      const from = state.cursor !== null ? new Date(Date.parse(state.cursor) - adapter.overlapMs) : ctx.firstFrom;
      window = { from, to: new Date(Math.min(passTo.getTime(), from.getTime() + adapter.maxWindowMs)) };
    }

    for (;;) {
      if (signal.aborted) throw new PassStopped();
      const current = window;
      const page = await withRetries(() => stream.fetchPage(current, token, signal));
      const lastOfWindow = page.next === null;
      await db.write(async (tx) => {
        await apply(tx, page.events);
        if (!lastOfWindow) {
          const point: ResumePoint = {
            from: current.from.toISOString(),
            to: current.to.toISOString(),
            token: page.next!,
          };
          await tx.run(key(tx).set({ resume_json: JSON.stringify(point), updated_at: clock().toISOString() }));
        } else {
          // The provider may say its data is complete only up to an earlier time (PayPal): the
          // cursor stops there, so late arrivals are read again next pass.
          const through =
            page.completeThrough !== undefined && page.completeThrough < current.to ? page.completeThrough : current.to;
          await tx.run(
            key(tx).set({ cursor: through.toISOString(), resume_json: null, updated_at: clock().toISOString() }),
          );
        }
        await ctx.saveTotals(tx);
      });
      if (!lastOfWindow) {
        token = page.next;
        continue;
      }
      // A window ending before the pass's end (cut by the provider's longest window) is followed by the next.
      if (current.to.getTime() >= passTo.getTime()) break;
      const from = current.to;
      window = { from, to: new Date(Math.min(passTo.getTime(), from.getTime() + adapter.maxWindowMs)) };
      token = null;
    }

    if (stream.refresh !== undefined) {
      const open = await db.read(async (q) =>
        q.all(
          q.k
            .selectFrom('sync_review_items')
            .select('event_id')
            .where('provider', '=', provider)
            .where('kind', '=', 'dispute')
            .where('status', '=', 'open')
            // A lost dispute is decided at the provider and waits only for staff: not read again,
            // so it never crowds out disputes whose outcome is still to come.
            .where((eb) => eb.or([eb('provider_status', 'is', null), eb('provider_status', '<>', 'lost')]))
            .orderBy('id')
            .limit(REFRESH_LIMIT),
        ),
      );
      if (open.length > 0) {
        const refresh = stream.refresh.bind(stream);
        const events = await withRetries(() =>
          refresh(
            open.map((r) => r.event_id),
            signal,
          ),
        );
        await db.write(async (tx) => {
          await apply(tx, events);
          await ctx.saveTotals(tx);
        });
      }
    }

    await db.write(
      async (tx) =>
        await tx.run(
          key(tx).set({
            last_success_at: clock().toISOString(),
            last_error: null,
            last_error_at: null,
            error_kind: null,
            consecutive_failures: 0,
            updated_at: clock().toISOString(),
          }),
        ),
    );
    return { stream: stream.name, ok: true, error: null };
  } catch (caught) {
    if (caught instanceof PassStopped) throw caught;
    const error =
      caught instanceof ProviderError
        ? caught
        : new ProviderError('fatal', `Unexpected error: ${String((caught as Error)?.message ?? caught)}`);
    if (!(caught instanceof ProviderError)) counts.errors++;
    await db.write(async (tx) => {
      await tx.run(
        key(tx).set((eb) => ({
          last_error: error.message,
          last_error_at: clock().toISOString(),
          error_kind: error.kind,
          consecutive_failures: eb('consecutive_failures', '+', 1),
          updated_at: clock().toISOString(),
        })),
      );
      await ctx.saveTotals(tx);
    });
    log.warn(`${label}: ${error.message}`);
    return { stream: stream.name, ok: false, error, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) };
  }
}
