/** The overview's figures, from one aggregate call (`overview.get`): stored balances, never client-side sums. */
import { create } from 'zustand';
import type { Overview } from '../../../shared/dto';
import { call, type UiError } from '../api';
import type { LoadStatus } from './paged';

interface OverviewState {
  status: LoadStatus;
  error: UiError | null;
  overview: Overview | null;
  load(): Promise<void>;
}

let generation = 0;

export const useOverview = create<OverviewState>()((set) => ({
  status: 'idle',
  error: null,
  overview: null,
  async load() {
    const mine = ++generation;
    set((s) => ({ status: s.overview === null ? 'loading' : s.status, error: null }));
    const result = await call('overview.get', {});
    if (mine !== generation) return;
    if (result.ok) set({ status: 'ready', overview: result.value });
    else set({ status: 'error', error: result.error });
  },
}));
