/**
 * Payment-provider sync (PRODUCT F11). Frozen in time: imports only kysely.
 *
 * - sync_state: one row per provider: whether it runs, where it has read up to (`cursor`, saved in
 *   the same transaction as the credits it covers), progress inside an unfinished pass
 *   (`resume_json`), and what staff see (last success, last error, next run, counts).
 *   No credential is ever stored here: secrets live encrypted outside the database.
 * - sync_unmatched: provider payments that could not be matched to a client and a package; a
 *   payment is queued once (UNIQUE provider + payment id) and its decision is final.
 * - sync_review_items: a refund or dispute seen for a payment that was credited (no automatic debit).
 *
 * One file, two engines, as in 0001: the SQLite branch is unchanged; the PostgreSQL branch
 * builds the same tables with bigint counts and ids, integer flags, text COLLATE "C", and the
 * decisions-are-final trigger through 0001's credit_desk_refuse().
 */
import { sql, type Kysely } from 'kysely';

/** True on PostgreSQL, told by the query compiler's placeholders ($1 there, ? on SQLite): public API only. */
function isPostgres(db: Kysely<unknown>): boolean {
  return sql`${0}`.compile(db).sql === '$1';
}

const STATEMENTS = [
  sql`CREATE TABLE sync_state (
    provider TEXT PRIMARY KEY CHECK (provider IN ('stripe', 'paypal')),
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    api_base TEXT,
    backfill_from TEXT,
    cursor TEXT,
    resume_json TEXT,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
    next_run_at TEXT,
    fetched_total INTEGER NOT NULL CHECK (fetched_total >= 0),
    credited_total INTEGER NOT NULL CHECK (credited_total >= 0),
    duplicates_total INTEGER NOT NULL CHECK (duplicates_total >= 0),
    unmatched_total INTEGER NOT NULL CHECK (unmatched_total >= 0),
    errors_total INTEGER NOT NULL CHECK (errors_total >= 0),
    last_pass_json TEXT,
    updated_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE sync_unmatched (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    provider_payment_id TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('missing_reference', 'unknown_client', 'ambiguous_client',
      'unknown_package', 'currency_mismatch', 'amount_mismatch', 'conflict')),
    detail TEXT NOT NULL,
    client_ref TEXT,
    package_ref TEXT,
    email TEXT,
    amount_minor INTEGER,
    currency TEXT,
    paid_at TEXT NOT NULL,
    summary_json TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'resolved', 'dismissed')),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    resolved_client_id INTEGER REFERENCES clients (id),
    resolved_package_id INTEGER REFERENCES credit_packages (id),
    purchase_id INTEGER REFERENCES purchases (id),
    dismiss_reason TEXT,
    decided_at TEXT,
    decided_by TEXT,
    UNIQUE (provider, provider_payment_id),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'resolved') = (purchase_id IS NOT NULL)),
    CHECK ((status = 'dismissed') = (dismiss_reason IS NOT NULL))
  ) STRICT`,
  sql`CREATE INDEX sync_unmatched_by_status ON sync_unmatched (status, id)`,
  // Resolving or dismissing is final: a decided payment can never be credited again through the queue.
  sql`CREATE TRIGGER sync_unmatched_decisions_are_final BEFORE UPDATE ON sync_unmatched
    WHEN OLD.status <> 'pending'
    BEGIN SELECT RAISE(ABORT, 'unmatched payment decisions are final'); END`,

  sql`CREATE TABLE sync_review_items (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('refund', 'dispute')),
    provider_payment_id TEXT NOT NULL,
    purchase_id INTEGER NOT NULL REFERENCES purchases (id),
    client_id INTEGER NOT NULL REFERENCES clients (id),
    amount_minor INTEGER,
    currency TEXT,
    provider_status TEXT,
    occurred_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    UNIQUE (provider, event_id)
  ) STRICT`,
  sql`CREATE INDEX sync_review_items_by_status ON sync_review_items (status, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  for (const statement of STATEMENTS) await statement.execute(db);
  for (const provider of ['stripe', 'paypal']) {
    await sql`INSERT INTO sync_state (provider, enabled, consecutive_failures, fetched_total, credited_total,
      duplicates_total, unmatched_total, errors_total, updated_at)
      VALUES (${provider}, 1, 0, 0, 0, 0, 0, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`.execute(db);
  }
}

const T = 'text COLLATE "C"';
const COUNT = 'bigint NOT NULL CHECK';

const POSTGRES = [
  `CREATE TABLE sync_state (
    provider ${T} PRIMARY KEY CHECK (provider IN ('stripe', 'paypal')),
    enabled integer NOT NULL CHECK (enabled IN (0, 1)),
    api_base ${T},
    backfill_from ${T},
    cursor ${T},
    resume_json ${T},
    last_attempt_at ${T},
    last_success_at ${T},
    last_error ${T},
    last_error_at ${T},
    consecutive_failures ${COUNT} (consecutive_failures >= 0),
    next_run_at ${T},
    fetched_total ${COUNT} (fetched_total >= 0),
    credited_total ${COUNT} (credited_total >= 0),
    duplicates_total ${COUNT} (duplicates_total >= 0),
    unmatched_total ${COUNT} (unmatched_total >= 0),
    errors_total ${COUNT} (errors_total >= 0),
    last_pass_json ${T},
    updated_at ${T} NOT NULL
  )`,

  `CREATE TABLE sync_unmatched (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    provider ${T} NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    provider_payment_id ${T} NOT NULL,
    reason ${T} NOT NULL CHECK (reason IN ('missing_reference', 'unknown_client', 'ambiguous_client',
      'unknown_package', 'currency_mismatch', 'amount_mismatch', 'conflict')),
    detail ${T} NOT NULL,
    client_ref ${T},
    package_ref ${T},
    email ${T},
    amount_minor bigint,
    currency ${T},
    paid_at ${T} NOT NULL,
    summary_json ${T} NOT NULL,
    status ${T} NOT NULL CHECK (status IN ('pending', 'resolved', 'dismissed')),
    first_seen_at ${T} NOT NULL,
    last_seen_at ${T} NOT NULL,
    resolved_client_id bigint REFERENCES clients (id),
    resolved_package_id bigint REFERENCES credit_packages (id),
    purchase_id bigint REFERENCES purchases (id),
    dismiss_reason ${T},
    decided_at ${T},
    decided_by ${T},
    UNIQUE (provider, provider_payment_id),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'resolved') = (purchase_id IS NOT NULL)),
    CHECK ((status = 'dismissed') = (dismiss_reason IS NOT NULL))
  )`,
  `CREATE INDEX sync_unmatched_by_status ON sync_unmatched (status, id)`,
  `CREATE TRIGGER sync_unmatched_decisions_are_final BEFORE UPDATE ON sync_unmatched
    FOR EACH ROW WHEN (OLD.status <> 'pending')
    EXECUTE FUNCTION credit_desk_refuse('unmatched payment decisions are final')`,

  `CREATE TABLE sync_review_items (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    provider ${T} NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    event_id ${T} NOT NULL,
    kind ${T} NOT NULL CHECK (kind IN ('refund', 'dispute')),
    provider_payment_id ${T} NOT NULL,
    purchase_id bigint NOT NULL REFERENCES purchases (id),
    client_id bigint NOT NULL REFERENCES clients (id),
    amount_minor bigint,
    currency ${T},
    provider_status ${T},
    occurred_at ${T} NOT NULL,
    created_at ${T} NOT NULL,
    status ${T} NOT NULL CHECK (status IN ('open', 'closed')),
    UNIQUE (provider, event_id)
  )`,
  `CREATE INDEX sync_review_items_by_status ON sync_review_items (status, id)`,

  `INSERT INTO sync_state (provider, enabled, consecutive_failures, fetched_total, credited_total,
      duplicates_total, unmatched_total, errors_total, updated_at)
    SELECT provider, 1, 0, 0, 0, 0, 0, 0, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    FROM (VALUES ('stripe'), ('paypal')) AS p (provider)`,
];

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  for (const statement of POSTGRES) await sql.raw(statement).execute(db);
}
