/** Invoices (F12), optionally by status. */
import type { Invoice, InvoiceStatus } from '../../../shared/dto';
import { call } from '../api';
import { createPagedStore } from './paged';

export const useInvoiceList = createPagedStore<Invoice, { status: InvoiceStatus | null }>((filter, cursor) =>
  call('invoices.list', { status: filter.status ?? undefined, cursor, limit: 50 }),
);
