/**
 * Wire types: what the API returns. Money amounts are decimal strings in the record's
 * currency, credits are integers, times are ISO-8601 UTC, ids are positive integers.
 */
import type { Language } from './i18n';

/** Global settings (PRODUCT F1, F10). */
export interface Settings {
  /** F1 "Allow Credit Payment": when false, client-side credit actions are refused. */
  creditPaymentsEnabled: boolean;
  agencyName: string;
  /** IANA zone used to turn statement dates into periods. */
  timeZone: string;
  /** The agency's language for statements (PDF, print view, CSV headers), F17. */
  language: Language;
  /** F14 four eyes: nobody accepts or rejects a request they submitted (admin only to change). */
  fourEyes: boolean;
}

/** A client of the agency, with its stored (O(1)) balance in credits. */
export interface Client {
  id: number;
  name: string;
  email: string | null;
  company: string | null;
  balance: number;
  createdAt: string;
}

/** A credit package offered for sale (F2). */
export interface CreditPackage {
  id: number;
  name: string;
  credits: number;
  currency: string;
  price: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A conversion rate (F3); `activeTo` is null while it is in force. */
export interface Rate {
  id: number;
  currency: string;
  creditsPerUnit: string;
  active: boolean;
  activeFrom: string;
  activeTo: string | null;
}

/** What an amount converts to under the active rate (F4). */
export interface Quote {
  amount: string;
  currency: string;
  credits: number;
  exactCredits: string;
  creditsPerUnit: string;
  rateId: number;
}

/** Payment providers whose package payments credit automatically (F5). */
export type Provider = 'stripe' | 'paypal';

/** A package payment completed at a provider, with a snapshot of the package bought. */
export interface Purchase {
  id: number;
  clientId: number;
  packageId: number;
  packageName: string;
  provider: Provider;
  providerPaymentId: string;
  amount: string;
  currency: string;
  credits: number;
  createdAt: string;
}

/** Manual payment methods that go through staff approval (F6). */
export type RequestMethod = 'bank_transfer' | 'crypto';
/** Where a credit request stands; decisions are final. */
export type RequestStatus = 'pending' | 'accepted' | 'rejected';

/** A credit request: a bank or crypto payment waiting for staff (F6). */
export interface CreditRequest {
  id: number;
  clientId: number;
  packageId: number;
  packageName: string;
  method: RequestMethod;
  amount: string;
  currency: string;
  credits: number;
  paymentReference: string | null;
  note: string | null;
  status: RequestStatus;
  rejectionReason: string | null;
  submittedAt: string;
  submittedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** A service in the catalogue (F12). */
export interface Service {
  id: number;
  name: string;
  price: string;
  currency: string;
  active: boolean;
}

/** Invoice lifecycle: only an unpaid invoice can be paid. */
export type InvoiceStatus = 'unpaid' | 'paid' | 'void';

/** An invoice to a client (F12). */
export interface Invoice {
  id: number;
  number: string;
  clientId: number;
  amount: string;
  currency: string;
  status: InvoiceStatus;
  createdAt: string;
  paidAt: string | null;
}

/** A service bought with credits (F7), with a snapshot of the price paid. */
export interface Order {
  id: number;
  clientId: number;
  serviceId: number;
  serviceName: string;
  price: string;
  currency: string;
  credits: number;
  createdAt: string;
}

/** In adds credits, out spends them. */
export type Direction = 'in' | 'out';

/** Ledger entry types (F9). */
export const ENTRY_TYPES = [
  'package_purchase',
  'request_approved',
  'service_purchase',
  'invoice_payment',
  'adjustment',
  'refund_reversal',
] as const;
/** One of {@link ENTRY_TYPES}. */
export type EntryType = (typeof ENTRY_TYPES)[number];

/**
 * One append-only ledger entry (F8, F9). For debits priced in a currency the conversion is
 * kept: `amount` × `creditsPerUnit` = `exactCredits`, rounded up to `credits`.
 */
export interface LedgerEntry {
  id: number;
  clientId: number;
  createdAt: string;
  direction: Direction;
  type: EntryType;
  /** What the entry points at: "Purchase stripe pi_123", "Request #4", "Invoice INV-0007"… */
  reference: string;
  credits: number;
  balanceAfter: number;
  memo: string | null;
  actor: string;
  amount: string | null;
  currency: string | null;
  creditsPerUnit: string | null;
  exactCredits: string | null;
  rateId: number | null;
}

/** A keyset page: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One finding of the integrity check. */
export interface VerifyProblem {
  kind:
    'balance_mismatch' | 'running_balance' | 'hash_mismatch' | 'sequence_gap' | 'negative_balance' | 'missing_balance';
  clientId: number;
  entryId: number | null;
  message: string;
}

/** Result of `ledger.verify`. */
export interface VerifyReport {
  ok: boolean;
  problems: VerifyProblem[];
  checkedClients: number;
  checkedEntries: number;
}

/** The Overview screen's figures (`overview.get`). */
export interface Overview {
  /** Credits held by all clients together: what the agency owes in services. */
  totalOutstanding: number;
  clientCount: number;
  /** The five largest balances. */
  topClients: Client[];
  pendingRequests: number;
  /** The ten latest ledger entries across all clients. */
  recentActivity: (LedgerEntry & { clientName: string })[];
}

/** One change in the audit log: who changed what, when, and the record before and after. */
export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: number | null;
  action: string;
  before: unknown;
  after: unknown;
}
