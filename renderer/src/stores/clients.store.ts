/** Clients: the searchable list, and a small cache of names for tables that show a client id. */
import { create } from 'zustand';
import type { Client } from '../../../shared/dto';
import { call, type UiError } from '../api';
import { createPagedStore } from './paged';

export const useClientList = createPagedStore<Client, { query: string }>((filter, cursor) =>
  call('clients.list', { query: filter.query === '' ? undefined : filter.query, cursor, limit: 50 }),
);

interface ClientNamesState {
  names: Record<number, string>;
  /** Fetches the names of the ids not yet known (one clients.get each; tables show few clients). */
  ensure(ids: number[]): Promise<void>;
  remember(clients: Client[]): void;
}

const inFlight = new Set<number>();

export const useClientNames = create<ClientNamesState>()((set, get) => ({
  names: {},
  async ensure(ids) {
    const missing = [...new Set(ids)].filter((id) => get().names[id] === undefined && !inFlight.has(id));
    missing.forEach((id) => inFlight.add(id));
    await Promise.all(
      missing.map(async (clientId) => {
        const result = await call('clients.get', { clientId });
        inFlight.delete(clientId);
        if (result.ok) set((s) => ({ names: { ...s.names, [clientId]: result.value.name } }));
      }),
    );
  },
  remember(clients) {
    set((s) => {
      const names = { ...s.names };
      for (const c of clients) names[c.id] = c.name;
      return { names };
    });
  },
}));

interface ClientDetailState {
  client: Client | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: UiError | null;
  load(clientId: number): Promise<void>;
  set(client: Client): void;
}

/** The client whose page is open. */
export const useClientDetail = create<ClientDetailState>()((set, get) => ({
  client: null,
  status: 'idle',
  error: null,
  async load(clientId) {
    if (get().client?.id !== clientId) set({ client: null, status: 'loading', error: null });
    const result = await call('clients.get', { clientId });
    if (result.ok) set({ client: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error });
  },
  set(client) {
    set({ client, status: 'ready', error: null });
  },
}));
