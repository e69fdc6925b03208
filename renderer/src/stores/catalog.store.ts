/** The catalogue: credit packages, conversion rates (with history) and services. */
import type { CreditPackage, Rate, Service } from '../../../shared/dto';
import { call } from '../api';
import { createPagedStore } from './paged';

export const usePackages = createPagedStore<CreditPackage, { includeArchived: boolean }>(
  (filter, cursor) => call('packages.list', { includeArchived: filter.includeArchived, cursor, limit: 500 }),
  { all: true },
);

/** Every rate, active and retired, newest first per currency. */
export const useRates = createPagedStore<Rate, { includeHistory: boolean }>(
  (filter, cursor) => call('rates.list', { includeHistory: filter.includeHistory, cursor, limit: 500 }),
  { all: true },
);

export const useServices = createPagedStore<Service, { includeInactive: boolean }>(
  (filter, cursor) => call('services.list', { includeInactive: filter.includeInactive, cursor, limit: 500 }),
  { all: true },
);
