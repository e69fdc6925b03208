/**
 * The ledger's first schema. Frozen in time: imports only kysely and never changes once
 * released; later changes are new migrations.
 *
 * Money rules the database itself enforces (not only the code):
 * - one active conversion rate per currency (partial unique index);
 * - ledger entries are append-only (triggers refuse UPDATE and DELETE), credits > 0,
 *   running balance ≥ 0, one entry per (client, seq);
 * - a provider payment is recorded once (UNIQUE provider + provider_payment_id); a request,
 *   purchase, order or invoice is posted at most once (partial unique indexes);
 * - a client balance never goes below zero (CHECK).
 * Every table is STRICT; currency amounts are integer minor units; rates and exact products
 * are exact decimal TEXT.
 *
 * PostgreSQL (PRODUCT F13, "the same migrations"): one file, two branches. The SQLite branch is
 * exactly the schema this migration always built (tests/pg/sqlite-schema-unchanged.test.ts);
 * the PostgreSQL branch builds the same tables, keys, CHECKs and indexes with PostgreSQL's types:
 * - INTEGER becomes bigint (ids, money in minor units, credits, counts) or integer (0/1 flags);
 *   ids are identity columns BY DEFAULT, so a copied ledger keeps its ids;
 * - TEXT becomes text COLLATE "C": comparisons and ORDER BY are bytewise, as SQLite's BINARY
 *   (ISO timestamps, references and names sort the same on both engines), and lower() on it
 *   folds ASCII only, as SQLite's NOCASE does; rates and exact products stay exact text;
 * - the triggers call one PL/pgSQL function that raises the same message (SQLSTATE 23001,
 *   restrict_violation); ledger entries and the audit log also refuse TRUNCATE;
 * - the ledger is marked as Credit Desk's by a comment on its settings table, PostgreSQL's
 *   stand-in for PRAGMA application_id.
 */
import { sql, type Kysely } from 'kysely';

/** "Credit Desk" in PRAGMA application_id: how the app tells its own files from others. */
export const APPLICATION_ID = 0x43524544; // "CRED"

/** The comment on a PostgreSQL ledger's settings table: how the app tells its own databases from others. */
export const POSTGRES_MARKER = `Credit Desk ledger (application_id ${APPLICATION_ID})`;

/** True on PostgreSQL, told by the query compiler's placeholders ($1 there, ? on SQLite): public API only. */
function isPostgres(db: Kysely<unknown>): boolean {
  return sql`${0}`.compile(db).sql === '$1';
}

const TABLES = [
  sql`CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    credit_payments_enabled INTEGER NOT NULL CHECK (credit_payments_enabled IN (0, 1)),
    agency_name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0),
    email TEXT,
    company TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE, id)`,

  sql`CREATE TABLE client_balances (
    client_id INTEGER PRIMARY KEY REFERENCES clients (id),
    balance INTEGER NOT NULL CHECK (balance >= 0),
    entry_count INTEGER NOT NULL CHECK (entry_count >= 0),
    last_hash TEXT NOT NULL,
    last_created_at TEXT
  ) STRICT`,
  sql`CREATE INDEX client_balances_by_balance ON client_balances (balance DESC, client_id)`,

  sql`CREATE TABLE credit_packages (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0),
    credits INTEGER NOT NULL CHECK (credits > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    price_minor INTEGER NOT NULL CHECK (price_minor > 0),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE conversion_rates (
    id INTEGER PRIMARY KEY,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    credits_per_unit TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    active_from TEXT NOT NULL,
    active_to TEXT,
    created_by TEXT NOT NULL,
    CHECK ((active = 1) = (active_to IS NULL))
  ) STRICT`,
  sql`CREATE UNIQUE INDEX conversion_rates_one_active ON conversion_rates (currency) WHERE active = 1`,
  sql`CREATE INDEX conversion_rates_history ON conversion_rates (currency, id)`,

  sql`CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0),
    price_minor INTEGER NOT NULL CHECK (price_minor > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'void')),
    created_at TEXT NOT NULL,
    paid_at TEXT
  ) STRICT`,
  sql`CREATE INDEX invoices_by_client ON invoices (client_id, id)`,
  sql`CREATE INDEX invoices_by_status ON invoices (status, id)`,

  sql`CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    service_name TEXT NOT NULL,
    price_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    credits INTEGER NOT NULL CHECK (credits > 0),
    created_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX orders_by_client ON orders (client_id, id)`,

  sql`CREATE TABLE purchases (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    package_id INTEGER NOT NULL REFERENCES credit_packages (id),
    package_name TEXT NOT NULL,
    provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    provider_payment_id TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    credits INTEGER NOT NULL CHECK (credits > 0),
    created_at TEXT NOT NULL,
    UNIQUE (provider, provider_payment_id)
  ) STRICT`,
  sql`CREATE INDEX purchases_by_client ON purchases (client_id, id)`,

  sql`CREATE TABLE credit_requests (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    package_id INTEGER NOT NULL REFERENCES credit_packages (id),
    package_name TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'crypto')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    credits INTEGER NOT NULL CHECK (credits > 0),
    payment_reference TEXT,
    note TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    rejection_reason TEXT,
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
  ) STRICT`,
  sql`CREATE INDEX credit_requests_by_status ON credit_requests (status, id)`,
  sql`CREATE INDEX credit_requests_by_client ON credit_requests (client_id, status, id)`,
  // A decided request can never be reopened or changed: the decision is final (F6).
  sql`CREATE TRIGGER credit_requests_decisions_are_final BEFORE UPDATE ON credit_requests
    WHEN OLD.status <> 'pending'
    BEGIN SELECT RAISE(ABORT, 'credit request decisions are final'); END`,

  sql`CREATE TABLE ledger_entries (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    seq INTEGER NOT NULL CHECK (seq > 0),
    created_at TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    type TEXT NOT NULL CHECK (type IN ('package_purchase', 'request_approved', 'service_purchase', 'invoice_payment', 'adjustment')),
    credits INTEGER NOT NULL CHECK (credits > 0),
    balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
    reference TEXT NOT NULL,
    memo TEXT,
    actor TEXT NOT NULL CHECK (length(actor) > 0),
    purchase_id INTEGER REFERENCES purchases (id),
    request_id INTEGER REFERENCES credit_requests (id),
    order_id INTEGER REFERENCES orders (id),
    invoice_id INTEGER REFERENCES invoices (id),
    amount_minor INTEGER,
    currency TEXT,
    credits_per_unit TEXT,
    exact_credits TEXT,
    rate_id INTEGER REFERENCES conversion_rates (id),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (client_id, seq),
    CHECK (type = 'adjustment' OR (direction = 'in') = (type IN ('package_purchase', 'request_approved'))),
    CHECK (type <> 'adjustment' OR memo IS NOT NULL)
  ) STRICT`,
  // History pages and statement opening balances walk this index (keyset, newest first).
  sql`CREATE INDEX ledger_entries_history ON ledger_entries (client_id, created_at, id)`,
  // Exactly-once posting of every source document.
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_purchase ON ledger_entries (purchase_id) WHERE purchase_id IS NOT NULL`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_request ON ledger_entries (request_id) WHERE request_id IS NOT NULL`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_order ON ledger_entries (order_id) WHERE order_id IS NOT NULL`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_invoice ON ledger_entries (invoice_id) WHERE invoice_id IS NOT NULL`,
  sql`CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a correcting entry instead'); END`,
  sql`CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a correcting entry instead'); END`,

  sql`CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
  ) STRICT`,
  sql`CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id)`,
  sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
  sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,

  sql`CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    result_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  for (const statement of TABLES) await statement.execute(db);
  await sql`INSERT INTO settings (id, credit_payments_enabled, agency_name, time_zone, updated_at)
    VALUES (1, 1, 'My Agency', 'UTC', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`.execute(db);
  await sql.raw(`PRAGMA application_id = ${APPLICATION_ID}`).execute(db);
}

const T = 'text COLLATE "C"';
const ID = 'bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY';
const APPEND_ONLY = 'ledger entries are append-only: post a correcting entry instead';

const POSTGRES = [
  // One trigger function for every refusal; the message is the trigger's argument.
  `CREATE FUNCTION credit_desk_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
  END $$`,

  `CREATE TABLE settings (
    id integer PRIMARY KEY CHECK (id = 1),
    credit_payments_enabled integer NOT NULL CHECK (credit_payments_enabled IN (0, 1)),
    agency_name ${T} NOT NULL,
    time_zone ${T} NOT NULL,
    updated_at ${T} NOT NULL
  )`,

  `CREATE TABLE clients (
    id ${ID},
    name ${T} NOT NULL CHECK (length(name) > 0),
    email ${T},
    company ${T},
    created_at ${T} NOT NULL,
    updated_at ${T} NOT NULL
  )`,
  `CREATE INDEX clients_by_name ON clients (lower(name), id)`,

  `CREATE TABLE client_balances (
    client_id bigint PRIMARY KEY REFERENCES clients (id),
    balance bigint NOT NULL CHECK (balance >= 0),
    entry_count bigint NOT NULL CHECK (entry_count >= 0),
    last_hash ${T} NOT NULL,
    last_created_at ${T}
  )`,
  `CREATE INDEX client_balances_by_balance ON client_balances (balance DESC, client_id)`,

  `CREATE TABLE credit_packages (
    id ${ID},
    name ${T} NOT NULL CHECK (length(name) > 0),
    credits bigint NOT NULL CHECK (credits > 0),
    currency ${T} NOT NULL CHECK (length(currency) = 3),
    price_minor bigint NOT NULL CHECK (price_minor > 0),
    archived integer NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at ${T} NOT NULL,
    updated_at ${T} NOT NULL
  )`,

  `CREATE TABLE conversion_rates (
    id ${ID},
    currency ${T} NOT NULL CHECK (length(currency) = 3),
    credits_per_unit ${T} NOT NULL,
    active integer NOT NULL CHECK (active IN (0, 1)),
    active_from ${T} NOT NULL,
    active_to ${T},
    created_by ${T} NOT NULL,
    CHECK ((active = 1) = (active_to IS NULL))
  )`,
  `CREATE UNIQUE INDEX conversion_rates_one_active ON conversion_rates (currency) WHERE active = 1`,
  `CREATE INDEX conversion_rates_history ON conversion_rates (currency, id)`,

  `CREATE TABLE services (
    id ${ID},
    name ${T} NOT NULL CHECK (length(name) > 0),
    price_minor bigint NOT NULL CHECK (price_minor > 0),
    currency ${T} NOT NULL CHECK (length(currency) = 3),
    active integer NOT NULL CHECK (active IN (0, 1)),
    created_at ${T} NOT NULL,
    updated_at ${T} NOT NULL
  )`,

  `CREATE TABLE invoices (
    id ${ID},
    number ${T} NOT NULL UNIQUE,
    client_id bigint NOT NULL REFERENCES clients (id),
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency ${T} NOT NULL CHECK (length(currency) = 3),
    status ${T} NOT NULL CHECK (status IN ('unpaid', 'paid', 'void')),
    created_at ${T} NOT NULL,
    paid_at ${T}
  )`,
  `CREATE INDEX invoices_by_client ON invoices (client_id, id)`,
  `CREATE INDEX invoices_by_status ON invoices (status, id)`,

  `CREATE TABLE orders (
    id ${ID},
    client_id bigint NOT NULL REFERENCES clients (id),
    service_id bigint NOT NULL REFERENCES services (id),
    service_name ${T} NOT NULL,
    price_minor bigint NOT NULL,
    currency ${T} NOT NULL,
    credits bigint NOT NULL CHECK (credits > 0),
    created_at ${T} NOT NULL
  )`,
  `CREATE INDEX orders_by_client ON orders (client_id, id)`,

  `CREATE TABLE purchases (
    id ${ID},
    client_id bigint NOT NULL REFERENCES clients (id),
    package_id bigint NOT NULL REFERENCES credit_packages (id),
    package_name ${T} NOT NULL,
    provider ${T} NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    provider_payment_id ${T} NOT NULL,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency ${T} NOT NULL,
    credits bigint NOT NULL CHECK (credits > 0),
    created_at ${T} NOT NULL,
    UNIQUE (provider, provider_payment_id)
  )`,
  `CREATE INDEX purchases_by_client ON purchases (client_id, id)`,

  `CREATE TABLE credit_requests (
    id ${ID},
    client_id bigint NOT NULL REFERENCES clients (id),
    package_id bigint NOT NULL REFERENCES credit_packages (id),
    package_name ${T} NOT NULL,
    method ${T} NOT NULL CHECK (method IN ('bank_transfer', 'crypto')),
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency ${T} NOT NULL,
    credits bigint NOT NULL CHECK (credits > 0),
    payment_reference ${T},
    note ${T},
    status ${T} NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    rejection_reason ${T},
    submitted_at ${T} NOT NULL,
    submitted_by ${T} NOT NULL,
    decided_at ${T},
    decided_by ${T},
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
  )`,
  `CREATE INDEX credit_requests_by_status ON credit_requests (status, id)`,
  `CREATE INDEX credit_requests_by_client ON credit_requests (client_id, status, id)`,
  `CREATE TRIGGER credit_requests_decisions_are_final BEFORE UPDATE ON credit_requests
    FOR EACH ROW WHEN (OLD.status <> 'pending')
    EXECUTE FUNCTION credit_desk_refuse('credit request decisions are final')`,

  `CREATE TABLE ledger_entries (
    id ${ID},
    client_id bigint NOT NULL REFERENCES clients (id),
    seq bigint NOT NULL CHECK (seq > 0),
    created_at ${T} NOT NULL,
    direction ${T} NOT NULL CHECK (direction IN ('in', 'out')),
    type ${T} NOT NULL CHECK (type IN ('package_purchase', 'request_approved', 'service_purchase', 'invoice_payment', 'adjustment')),
    credits bigint NOT NULL CHECK (credits > 0),
    balance_after bigint NOT NULL CHECK (balance_after >= 0),
    reference ${T} NOT NULL,
    memo ${T},
    actor ${T} NOT NULL CHECK (length(actor) > 0),
    purchase_id bigint REFERENCES purchases (id),
    request_id bigint REFERENCES credit_requests (id),
    order_id bigint REFERENCES orders (id),
    invoice_id bigint REFERENCES invoices (id),
    amount_minor bigint,
    currency ${T},
    credits_per_unit ${T},
    exact_credits ${T},
    rate_id bigint REFERENCES conversion_rates (id),
    prev_hash ${T} NOT NULL,
    hash ${T} NOT NULL,
    UNIQUE (client_id, seq),
    CHECK (type = 'adjustment' OR (direction = 'in') = (type IN ('package_purchase', 'request_approved'))),
    CHECK (type <> 'adjustment' OR memo IS NOT NULL)
  )`,
  `CREATE INDEX ledger_entries_history ON ledger_entries (client_id, created_at, id)`,
  `CREATE UNIQUE INDEX ledger_entries_one_per_purchase ON ledger_entries (purchase_id) WHERE purchase_id IS NOT NULL`,
  `CREATE UNIQUE INDEX ledger_entries_one_per_request ON ledger_entries (request_id) WHERE request_id IS NOT NULL`,
  `CREATE UNIQUE INDEX ledger_entries_one_per_order ON ledger_entries (order_id) WHERE order_id IS NOT NULL`,
  `CREATE UNIQUE INDEX ledger_entries_one_per_invoice ON ledger_entries (invoice_id) WHERE invoice_id IS NOT NULL`,
  `CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('${APPEND_ONLY}')`,
  `CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('${APPEND_ONLY}')`,
  // Row triggers do not see TRUNCATE; a statement trigger does.
  `CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION credit_desk_refuse('${APPEND_ONLY}')`,

  `CREATE TABLE audit_log (
    id ${ID},
    at ${T} NOT NULL,
    actor ${T} NOT NULL,
    entity ${T} NOT NULL,
    entity_id bigint,
    action ${T} NOT NULL,
    before_json ${T},
    after_json ${T}
  )`,
  `CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id)`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('the audit log is append-only')`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('the audit log is append-only')`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION credit_desk_refuse('the audit log is append-only')`,

  `CREATE TABLE idempotency_keys (
    key ${T} PRIMARY KEY,
    channel ${T} NOT NULL,
    input_hash ${T} NOT NULL,
    result_json ${T} NOT NULL,
    created_at ${T} NOT NULL
  )`,

  `INSERT INTO settings (id, credit_payments_enabled, agency_name, time_zone, updated_at)
    VALUES (1, 1, 'My Agency', 'UTC', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  `COMMENT ON TABLE settings IS '${POSTGRES_MARKER}'`,
];

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  for (const statement of POSTGRES) await sql.raw(statement).execute(db);
}
