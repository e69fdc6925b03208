/**
 * The overview's figures. There is no aggregate channel yet, so the total outstanding and the
 * largest balances are computed from clients.list pages (500 a page): fine for an agency's
 * client list, and each balance is the ledger's stored balance, never a client-side sum of entries.
 */
import { create } from 'zustand';
import type { Client, CreditRequest, Invoice, Page } from '../../../shared/dto';
import { call, type Outcome, type UiError } from '../api';
import type { LoadStatus } from './paged';

interface OverviewState {
  status: LoadStatus;
  error: UiError | null;
  totalOutstanding: number;
  clientCount: number;
  topClients: Client[];
  pendingCount: number;
  recentRequests: CreditRequest[];
  recentInvoices: Invoice[];
  load(): Promise<void>;
}

export const useOverview = create<OverviewState>()((set) => ({
  status: 'idle',
  error: null,
  totalOutstanding: 0,
  clientCount: 0,
  topClients: [],
  pendingCount: 0,
  recentRequests: [],
  recentInvoices: [],
  async load() {
    set({ status: 'loading', error: null });
    const clients: Client[] = [];
    let cursor: string | undefined;
    do {
      const page: Outcome<Page<Client>> = await call('clients.list', { cursor, limit: 500 });
      if (!page.ok) return set({ status: 'error', error: page.error });
      clients.push(...page.value.items);
      cursor = page.value.nextCursor ?? undefined;
    } while (cursor !== undefined);
    let pendingCount = 0;
    cursor = undefined;
    do {
      const page: Outcome<Page<CreditRequest>> = await call('requests.list', { status: 'pending', cursor, limit: 500 });
      if (!page.ok) return set({ status: 'error', error: page.error });
      pendingCount += page.value.items.length;
      cursor = page.value.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const [requests, invoices] = await Promise.all([
      call('requests.list', { limit: 8 }),
      call('invoices.list', { limit: 8 }),
    ]);
    if (!requests.ok) return set({ status: 'error', error: requests.error });
    if (!invoices.ok) return set({ status: 'error', error: invoices.error });
    set({
      status: 'ready',
      totalOutstanding: clients.reduce((sum, c) => sum + c.balance, 0),
      clientCount: clients.length,
      topClients: [...clients].sort((a, b) => b.balance - a.balance).slice(0, 6),
      pendingCount,
      recentRequests: requests.value.items,
      recentInvoices: invoices.value.items,
    });
  },
}));
