/**
 * One client's ledger history (F8): newest first, keyset-paged, filtered by type and period.
 * Pages of 200 keep a 100,000-entry history cheap: the table asks for the next page only when
 * its last rows scroll into view.
 */
import type { EntryType, LedgerEntry } from '../../../shared/dto';
import { call } from '../api';
import { createPagedStore } from './paged';

export interface LedgerFilter {
  clientId: number;
  types: EntryType[];
  /** Calendar dates (YYYY-MM-DD) in the agency's time zone, or empty. */
  from: string;
  to: string;
}

export const LEDGER_PAGE_SIZE = 200;

export const useLedger = createPagedStore<LedgerEntry, LedgerFilter>((filter, cursor) =>
  call('transactions.list', {
    clientId: filter.clientId,
    types: filter.types.length > 0 ? filter.types : undefined,
    from: filter.from === '' ? undefined : filter.from,
    to: filter.to === '' ? undefined : filter.to,
    cursor,
    limit: LEDGER_PAGE_SIZE,
  }),
);

/** The newest 500 entries, unfiltered, for the balance chart. */
export const useLedgerChart = createPagedStore<LedgerEntry, { clientId: number }>((filter) =>
  call('transactions.list', { clientId: filter.clientId, limit: 500 }),
);
