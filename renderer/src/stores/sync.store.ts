/**
 * Payment-provider sync (F11): the poller's state, the unmatched queue and the review items.
 * The status is also watched from the app shell (see useSyncWatcher): when a pass credits
 * payments, the screens that are open are refreshed, so new credits show without a reload.
 */
import { create } from 'zustand';
import type { SyncReviewItem, SyncStatus, UnmatchedPayment } from '../../../shared/dto.sync';
import { call, type UiError } from '../api';
import { useClientDetail, useClientList } from './clients.store';
import { useLedger, useLedgerChart } from './ledger.store';
import { useOverview } from './overview.store';
import { createPagedStore, type LoadStatus } from './paged';

export type UnmatchedStatus = UnmatchedPayment['status'];

export const useUnmatched = createPagedStore<UnmatchedPayment, { status: UnmatchedStatus }>((filter, cursor) =>
  call('sync.unmatched.list', { status: filter.status, cursor, limit: 50 }),
);

export const useReviewItems = createPagedStore<SyncReviewItem, { status: 'open' | 'closed' | null }>((filter, cursor) =>
  call('sync.review.list', { status: filter.status ?? undefined, cursor, limit: 50 }),
);

/** Payments credited so far by every provider's passes: it only grows. */
function creditedTotal(status: SyncStatus): number {
  return status.providers.reduce((sum, p) => sum + p.totals.credited, 0);
}

/** Unmatched payments and review items waiting, as one figure that changes when either does. */
function queueSize(status: SyncStatus): string {
  return status.providers.map((p) => `${p.unmatchedPending}/${p.reviewOpen}/${p.totals.unmatched}`).join(',');
}

/** Reloads the stores behind the screens that show balances or history. */
export function refreshBalances(): void {
  if (useClientList.getState().filter !== null) void useClientList.getState().reload();
  const client = useClientDetail.getState().client;
  if (client !== null) void useClientDetail.getState().load(client.id);
  if (useLedger.getState().filter !== null) void useLedger.getState().reload();
  if (useLedgerChart.getState().filter !== null) void useLedgerChart.getState().reload();
  if (useOverview.getState().status !== 'idle') void useOverview.getState().load();
}

interface SyncState {
  status: LoadStatus;
  error: UiError | null;
  sync: SyncStatus | null;
  /** Reads the status; when more payments were credited than last time, refreshes open screens. */
  load(): Promise<void>;
  set(sync: SyncStatus): void;
}

export const useSync = create<SyncState>()((set, get) => ({
  status: 'idle',
  error: null,
  sync: null,
  async load() {
    if (get().sync === null) set({ status: 'loading', error: null });
    const result = await call('sync.status', {});
    if (!result.ok) return set({ status: 'error', error: result.error });
    get().set(result.value);
  },
  set(sync) {
    const before = get().sync;
    set({ sync, status: 'ready', error: null });
    if (before === null) return;
    if (creditedTotal(sync) > creditedTotal(before)) refreshBalances();
    if (queueSize(sync) !== queueSize(before)) {
      if (useUnmatched.getState().filter !== null) void useUnmatched.getState().reload();
      if (useReviewItems.getState().filter !== null) void useReviewItems.getState().reload();
    }
  },
}));

/** How often the shell asks for the sync status (new credits appear within this time). */
export const SYNC_WATCH_MS = 10_000;
