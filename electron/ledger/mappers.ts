/** Row → wire DTO mapping: the only place that knows both shapes. */
import type { Selectable } from 'kysely';
import { formatMinor } from '../../shared/money';
import type {
  Client,
  CreditPackage,
  CreditRequest,
  Invoice,
  LedgerEntry,
  Order,
  Purchase,
  Rate,
  Service,
  Settings,
} from '../../shared/dto';
import type {
  ClientsTable,
  ConversionRatesTable,
  CreditPackagesTable,
  CreditRequestsTable,
  InvoicesTable,
  LedgerEntriesTable,
  OrdersTable,
  PurchasesTable,
  ServicesTable,
  SettingsTable,
} from '../db/schema';

export function toSettings(r: Selectable<SettingsTable>): Settings {
  return {
    creditPaymentsEnabled: r.credit_payments_enabled === 1,
    agencyName: r.agency_name,
    timeZone: r.time_zone,
    language: r.language,
    fourEyes: r.four_eyes === 1,
  };
}

export function toClient(r: Selectable<ClientsTable>, balance: number): Client {
  return { id: r.id, name: r.name, email: r.email, company: r.company, balance, createdAt: r.created_at };
}

export function toPackage(r: Selectable<CreditPackagesTable>): CreditPackage {
  return {
    id: r.id,
    name: r.name,
    credits: r.credits,
    currency: r.currency,
    price: formatMinor(r.price_minor, r.currency),
    archived: r.archived === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toRate(r: Selectable<ConversionRatesTable>): Rate {
  return {
    id: r.id,
    currency: r.currency,
    creditsPerUnit: r.credits_per_unit,
    active: r.active === 1,
    activeFrom: r.active_from,
    activeTo: r.active_to,
  };
}

export function toPurchase(r: Selectable<PurchasesTable>): Purchase {
  return {
    id: r.id,
    clientId: r.client_id,
    packageId: r.package_id,
    packageName: r.package_name,
    provider: r.provider,
    providerPaymentId: r.provider_payment_id,
    amount: formatMinor(r.amount_minor, r.currency),
    currency: r.currency,
    credits: r.credits,
    createdAt: r.created_at,
  };
}

export function toRequest(r: Selectable<CreditRequestsTable>): CreditRequest {
  return {
    id: r.id,
    clientId: r.client_id,
    packageId: r.package_id,
    packageName: r.package_name,
    method: r.method,
    amount: formatMinor(r.amount_minor, r.currency),
    currency: r.currency,
    credits: r.credits,
    paymentReference: r.payment_reference,
    note: r.note,
    status: r.status,
    rejectionReason: r.rejection_reason,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

export function toService(r: Selectable<ServicesTable>): Service {
  return {
    id: r.id,
    name: r.name,
    price: formatMinor(r.price_minor, r.currency),
    currency: r.currency,
    active: r.active === 1,
  };
}

export function toInvoice(r: Selectable<InvoicesTable>): Invoice {
  return {
    id: r.id,
    number: r.number,
    clientId: r.client_id,
    amount: formatMinor(r.amount_minor, r.currency),
    currency: r.currency,
    status: r.status,
    createdAt: r.created_at,
    paidAt: r.paid_at,
  };
}

export function toOrder(r: Selectable<OrdersTable>): Order {
  return {
    id: r.id,
    clientId: r.client_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    price: formatMinor(r.price_minor, r.currency),
    currency: r.currency,
    credits: r.credits,
    createdAt: r.created_at,
  };
}

/** The ledger-entry columns the wire needs (not the hash chain). */
export type EntryRow = Pick<
  Selectable<LedgerEntriesTable>,
  | 'id'
  | 'client_id'
  | 'created_at'
  | 'direction'
  | 'type'
  | 'reference'
  | 'credits'
  | 'balance_after'
  | 'memo'
  | 'actor'
  | 'amount_minor'
  | 'currency'
  | 'credits_per_unit'
  | 'exact_credits'
  | 'rate_id'
>;

/** The columns to select for {@link toEntry}. */
export const ENTRY_COLUMNS = [
  'id',
  'client_id',
  'created_at',
  'direction',
  'type',
  'reference',
  'credits',
  'balance_after',
  'memo',
  'actor',
  'amount_minor',
  'currency',
  'credits_per_unit',
  'exact_credits',
  'rate_id',
] as const;

export function toEntry(r: EntryRow): LedgerEntry {
  return {
    id: r.id,
    clientId: r.client_id,
    createdAt: r.created_at,
    direction: r.direction,
    type: r.type,
    reference: r.reference,
    credits: r.credits,
    balanceAfter: r.balance_after,
    memo: r.memo,
    actor: r.actor,
    amount: r.amount_minor === null || r.currency === null ? null : formatMinor(r.amount_minor, r.currency),
    currency: r.currency,
    creditsPerUnit: r.credits_per_unit,
    exactCredits: r.exact_credits,
    rateId: r.rate_id,
  };
}
