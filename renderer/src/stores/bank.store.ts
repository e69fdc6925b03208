/** The Bank page's list (F15): bank transactions by status, keyset-paged, proposals as of the last read. */
import { create } from 'zustand';
import type { BankTransaction, BankTransactionStatus } from '../../../shared/dto.bank';
import { call, type UiError } from '../api';
import type { LoadStatus } from './paged';

/** The page's filter: every status, or one. */
export type BankFilter = 'all' | BankTransactionStatus;

interface BankState {
  filter: BankFilter;
  items: BankTransaction[];
  next: string | null;
  status: LoadStatus;
  error: UiError | null;
  setFilter(filter: BankFilter): Promise<void>;
  /** The first page again (after an import or a decision), or the page after `cursor`. */
  load(cursor?: string): Promise<void>;
}

export const useBank = create<BankState>((set, get) => ({
  filter: 'all',
  items: [],
  next: null,
  status: 'idle',
  error: null,
  async setFilter(filter) {
    set({ filter, items: [], next: null, status: 'loading' });
    await get().load();
  },
  async load(cursor) {
    const filter = get().filter;
    set({ status: 'loading' });
    const outcome = await call('bank.transactions.list', {
      ...(filter === 'all' ? {} : { status: filter }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    // A reply for a filter the page has since left is dropped.
    if (get().filter !== filter) return;
    if (!outcome.ok) {
      set({ status: 'error', error: outcome.error });
      return;
    }
    set((s) => ({
      items: cursor === undefined ? outcome.value.items : [...s.items, ...outcome.value.items],
      next: outcome.value.nextCursor,
      status: 'ready',
      error: null,
    }));
  },
}));
