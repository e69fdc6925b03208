/**
 * Kysely row types: the shape of each table as SQLite returns it. These never leave
 * electron/db and electron/ledger: services map rows to the DTOs declared in shared/dto.ts.
 */
import type { Generated } from 'kysely';

export interface SettingsTable {
  id: number;
  credit_payments_enabled: number;
  agency_name: string;
  time_zone: string;
  language: 'en' | 'lv';
  updated_at: string;
  /** Migration 0005: nobody decides a request they submitted (F14). */
  four_eyes: number;
}

export interface ClientsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  company: string | null;
  created_at: string;
  updated_at: string;
}

export interface ClientBalancesTable {
  client_id: number;
  balance: number;
  entry_count: number;
  last_hash: string;
  last_created_at: string | null;
}

export interface CreditPackagesTable {
  id: Generated<number>;
  name: string;
  credits: number;
  currency: string;
  price_minor: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface ConversionRatesTable {
  id: Generated<number>;
  currency: string;
  credits_per_unit: string;
  active: number;
  active_from: string;
  active_to: string | null;
  created_by: string;
}

export interface ServicesTable {
  id: Generated<number>;
  name: string;
  price_minor: number;
  currency: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface InvoicesTable {
  id: Generated<number>;
  number: string;
  client_id: number;
  amount_minor: number;
  currency: string;
  status: 'unpaid' | 'paid' | 'void';
  created_at: string;
  paid_at: string | null;
}

export interface OrdersTable {
  id: Generated<number>;
  client_id: number;
  service_id: number;
  service_name: string;
  price_minor: number;
  currency: string;
  credits: number;
  created_at: string;
}

export interface PurchasesTable {
  id: Generated<number>;
  client_id: number;
  package_id: number;
  package_name: string;
  provider: 'stripe' | 'paypal';
  provider_payment_id: string;
  amount_minor: number;
  currency: string;
  credits: number;
  created_at: string;
}

export interface CreditRequestsTable {
  id: Generated<number>;
  client_id: number;
  package_id: number;
  package_name: string;
  method: 'bank_transfer' | 'crypto';
  amount_minor: number;
  currency: string;
  credits: number;
  payment_reference: string | null;
  note: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  rejection_reason: string | null;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  client_id: number;
  seq: number;
  created_at: string;
  direction: 'in' | 'out';
  type:
    'package_purchase' | 'request_approved' | 'service_purchase' | 'invoice_payment' | 'adjustment' | 'refund_reversal';
  credits: number;
  balance_after: number;
  reference: string;
  memo: string | null;
  actor: string;
  purchase_id: number | null;
  request_id: number | null;
  order_id: number | null;
  invoice_id: number | null;
  amount_minor: number | null;
  currency: string | null;
  credits_per_unit: string | null;
  exact_credits: string | null;
  rate_id: number | null;
  prev_hash: string;
  hash: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: number | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  channel: string;
  input_hash: string;
  result_json: string;
  created_at: string;
}

/** Per-provider poller state (migration 0002). Never holds a credential. */
export interface SyncStateTable {
  provider: 'stripe' | 'paypal';
  enabled: number;
  api_base: string | null;
  backfill_from: string | null;
  cursor: string | null;
  resume_json: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_run_at: string | null;
  fetched_total: number;
  credited_total: number;
  duplicates_total: number;
  unmatched_total: number;
  errors_total: number;
  last_pass_json: string | null;
  updated_at: string;
}

export interface SyncUnmatchedTable {
  id: Generated<number>;
  provider: 'stripe' | 'paypal';
  provider_payment_id: string;
  reason:
    | 'missing_reference'
    | 'unknown_client'
    | 'ambiguous_client'
    | 'unknown_package'
    | 'currency_mismatch'
    | 'amount_mismatch'
    | 'conflict';
  detail: string;
  client_ref: string | null;
  package_ref: string | null;
  email: string | null;
  amount_minor: number | null;
  currency: string | null;
  paid_at: string;
  summary_json: string;
  status: 'pending' | 'resolved' | 'dismissed';
  first_seen_at: string;
  last_seen_at: string;
  resolved_client_id: number | null;
  resolved_package_id: number | null;
  purchase_id: number | null;
  dismiss_reason: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

export interface SyncReviewItemsTable {
  id: Generated<number>;
  provider: 'stripe' | 'paypal';
  event_id: string;
  kind: 'refund' | 'dispute';
  provider_payment_id: string;
  purchase_id: number;
  client_id: number;
  amount_minor: number | null;
  currency: string | null;
  provider_status: string | null;
  occurred_at: string;
  created_at: string;
  status: 'open' | 'closed';
  /** Migration 0003: how a closed item was closed, by whom and why; the reversal it posted. */
  resolution: 'reversed' | 'kept' | 'dispute_won' | null;
  resolution_reason: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  reversal_entry_id: number | null;
  reversal_credits: number | null;
  reversal_exact: string | null;
}

/** One provider stream's own place and state (migration 0003). */
export interface SyncStreamsTable {
  provider: 'stripe' | 'paypal';
  stream: 'sessions' | 'refunds' | 'disputes' | 'transactions';
  enabled: number;
  cursor: string | null;
  resume_json: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  error_kind: 'transient' | 'auth' | 'permission' | 'fatal' | null;
  consecutive_failures: number;
  updated_at: string;
}

/** The whole database, for Kysely. */
/** People who sign in (migration 0005). Never deleted; `password_hash` never leaves electron/auth. */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'viewer' | 'clerk' | 'approver' | 'admin';
  password_hash: string;
  disabled: number;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

/** Sign-in sessions (migration 0005): the token only as its SHA-256. */
export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  last_used_at: string;
  ended_at: string | null;
  end_reason: 'logout' | 'disabled' | 'password_changed' | null;
}

/** Every sign-in attempt by username as typed (migration 0005), for the lockout rule. */
export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  at: string;
  outcome: 'success' | 'failure' | 'locked';
}

/** Statement files read (migration 0006). Append-only. */
export interface BankImportsTable {
  id: Generated<number>;
  file_name: string;
  sha256: string;
  format: 'camt.053' | 'camt.054' | 'mt940' | 'ofx' | 'csv';
  version: string | null;
  /** The accounts the file covers, joined by ", ". */
  accounts: string;
  transactions: number;
  new_count: number;
  duplicate_count: number;
  flagged_count: number;
  proposed_count: number;
  imported_at: string;
  imported_by: string;
}

/** Every bank transaction ever imported (migration 0006): facts fixed, one final decision. */
export interface BankTransactionsTable {
  id: Generated<number>;
  import_id: number;
  account_id: string;
  import_key: string;
  occurrence: number;
  key_basis: 'bank_id' | 'hash';
  direction: 'credit' | 'debit';
  reversal: number;
  amount_minor: number;
  currency: string;
  booking_date: string | null;
  value_date: string | null;
  bank_reference: string | null;
  entry_reference: string | null;
  end_to_end_id: string | null;
  remittance: string | null;
  payer_name: string | null;
  payer_account: string | null;
  source_location: string;
  flagged_of: number | null;
  status: 'unmatched' | 'matched' | 'ignored';
  request_id: number | null;
  ignore_reason: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_at: string;
}

/** A bank account's CSV column mapping (migration 0006). */
export interface BankCsvMappingsTable {
  account_id: string;
  mapping_json: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface DB {
  settings: SettingsTable;
  clients: ClientsTable;
  client_balances: ClientBalancesTable;
  credit_packages: CreditPackagesTable;
  conversion_rates: ConversionRatesTable;
  services: ServicesTable;
  invoices: InvoicesTable;
  orders: OrdersTable;
  purchases: PurchasesTable;
  credit_requests: CreditRequestsTable;
  ledger_entries: LedgerEntriesTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  sync_state: SyncStateTable;
  sync_unmatched: SyncUnmatchedTable;
  sync_review_items: SyncReviewItemsTable;
  sync_streams: SyncStreamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  bank_imports: BankImportsTable;
  bank_transactions: BankTransactionsTable;
  bank_csv_mappings: BankCsvMappingsTable;
}
