/** Credit requests (F6), one status at a time. */
import type { CreditRequest, RequestStatus } from '../../../shared/dto';
import { call } from '../api';
import { createPagedStore } from './paged';

export const useRequestList = createPagedStore<CreditRequest, { status: RequestStatus }>((filter, cursor) =>
  call('requests.list', { status: filter.status, cursor, limit: 50 }),
);
