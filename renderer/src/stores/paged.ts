/**
 * A keyset-paged list as a zustand store: load a first page for a filter, then "load more"
 * with the cursor the API returned. Responses that arrive after the filter changed are
 * dropped, so a slow page never overwrites a newer search.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Page } from '../../../shared/dto';
import type { Outcome, UiError } from '../api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PagedState<T, F> {
  filter: F | null;
  items: T[];
  nextCursor: string | null;
  status: LoadStatus;
  loadingMore: boolean;
  error: UiError | null;
  /** Loads the first page for `filter` (and, with `all`, every page). */
  load(filter: F): Promise<void>;
  loadMore(): Promise<void>;
  /** Reloads the current filter, e.g. after a change. */
  reload(): Promise<void>;
}

export type PagedStore<T, F> = UseBoundStore<StoreApi<PagedState<T, F>>>;

export function createPagedStore<T, F>(
  fetchPage: (filter: F, cursor: string | undefined) => Promise<Outcome<Page<T>>>,
  options: { all?: boolean } = {},
): PagedStore<T, F> {
  let generation = 0;
  return create<PagedState<T, F>>()((set, get) => ({
    filter: null,
    items: [],
    nextCursor: null,
    status: 'idle',
    loadingMore: false,
    error: null,
    async load(filter) {
      const mine = ++generation;
      set({ filter, status: 'loading', error: null, loadingMore: false });
      let items: T[] = [];
      let cursor: string | undefined;
      // Catalogue lists are small: with `all` every page is read (bounded, in case of a bug).
      for (let pages = 0; pages < 50; pages++) {
        const result = await fetchPage(filter, cursor);
        if (mine !== generation) return;
        if (!result.ok) return set({ status: 'error', error: result.error });
        items = items.concat(result.value.items);
        cursor = result.value.nextCursor ?? undefined;
        if (options.all !== true || cursor === undefined) break;
      }
      set({ items, nextCursor: cursor ?? null, status: 'ready' });
    },
    async loadMore() {
      const { filter, nextCursor, loadingMore, status } = get();
      if (filter === null || nextCursor === null || loadingMore || status !== 'ready') return;
      const mine = generation;
      set({ loadingMore: true });
      const result = await fetchPage(filter, nextCursor);
      if (mine !== generation) return;
      if (!result.ok) return set({ loadingMore: false, error: result.error });
      set((s) => ({
        items: s.items.concat(result.value.items),
        nextCursor: result.value.nextCursor,
        loadingMore: false,
      }));
    },
    async reload() {
      const { filter } = get();
      if (filter !== null) await get().load(filter);
    },
  }));
}
