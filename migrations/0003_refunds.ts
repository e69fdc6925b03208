/**
 * Refunds and disputes close the loop; each provider stream keeps its own place (PRODUCT F11,
 * F16). Frozen in time: imports only kysely.
 *
 * - ledger_entries: the type list gains `refund_reversal` (an Out). SQLite cannot alter a CHECK,
 *   so the table is rebuilt: every row is copied verbatim (ids, running balances, hashes), then
 *   the indexes and the append-only triggers are made again. Dropping the old table fires no
 *   trigger (SQLite drops a table's triggers before its implicit delete).
 * - sync_streams: one row per provider stream (Stripe sessions, refunds, disputes; PayPal
 *   transactions), each with its own cursor, resume point and last error, so a stream that
 *   keeps failing can never hold the payments stream back. Each stream starts from its
 *   provider's old cursor; an unfinished pass is resumed only by the stream it belonged to.
 *   sync_state keeps the provider's schedule and totals; its cursor and resume point are cleared.
 * - sync_review_items: rebuilt with how an item was closed (reversed, kept, dispute won), by
 *   whom and why, and the reversal entry it posted (exactly once: unique). A closed item is final.
 *
 * PostgreSQL (the branch in upPostgres, as in 0001 and 0002) can alter a table in place: the
 * ledger's CHECKs that name `type` are dropped and made again with the new type, the review
 * items gain their columns at the end (the same order as SQLite's rebuilt table), and nothing is
 * copied. Its CHECKs were named by PostgreSQL in 0001, so they are found by their definition.
 */
import { sql, type Kysely } from 'kysely';

const LEDGER_TYPES = `'package_purchase', 'request_approved', 'service_purchase', 'invoice_payment', 'adjustment', 'refund_reversal'`;

const STATEMENTS = [
  sql.raw(`CREATE TABLE ledger_entries_v3 (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    seq INTEGER NOT NULL CHECK (seq > 0),
    created_at TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    type TEXT NOT NULL CHECK (type IN (${LEDGER_TYPES})),
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
    CHECK (type NOT IN ('adjustment', 'refund_reversal') OR memo IS NOT NULL)
  ) STRICT`),
  sql`INSERT INTO ledger_entries_v3 (id, client_id, seq, created_at, direction, type, credits, balance_after,
      reference, memo, actor, purchase_id, request_id, order_id, invoice_id, amount_minor, currency,
      credits_per_unit, exact_credits, rate_id, prev_hash, hash)
    SELECT id, client_id, seq, created_at, direction, type, credits, balance_after,
      reference, memo, actor, purchase_id, request_id, order_id, invoice_id, amount_minor, currency,
      credits_per_unit, exact_credits, rate_id, prev_hash, hash
    FROM ledger_entries ORDER BY id`,
  sql`DROP TABLE ledger_entries`,
  sql`ALTER TABLE ledger_entries_v3 RENAME TO ledger_entries`,
  sql`CREATE INDEX ledger_entries_history ON ledger_entries (client_id, created_at, id)`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_purchase ON ledger_entries (purchase_id) WHERE purchase_id IS NOT NULL`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_request ON ledger_entries (request_id) WHERE request_id IS NOT NULL`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_order ON ledger_entries (order_id) WHERE order_id IS NOT NULL`,
  sql`CREATE UNIQUE INDEX ledger_entries_one_per_invoice ON ledger_entries (invoice_id) WHERE invoice_id IS NOT NULL`,
  sql`CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a correcting entry instead'); END`,
  sql`CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a correcting entry instead'); END`,

  sql`CREATE TABLE sync_streams (
    provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    stream TEXT NOT NULL CHECK (stream IN ('sessions', 'refunds', 'disputes', 'transactions')),
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    cursor TEXT,
    resume_json TEXT,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    error_kind TEXT CHECK (error_kind IN ('transient', 'auth', 'permission', 'fatal')),
    consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (provider, stream),
    CHECK ((last_error IS NULL) = (error_kind IS NULL))
  ) STRICT`,
  sql`INSERT INTO sync_streams (provider, stream, enabled, cursor, resume_json, consecutive_failures, updated_at)
    SELECT s.provider, v.stream, 1, s.cursor,
      CASE WHEN s.provider = 'paypal' OR json_extract(s.resume_json, '$.token.stream') = v.stream
           THEN s.resume_json END,
      0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM sync_state s
    JOIN (SELECT 'stripe' AS provider, 'sessions' AS stream, 1 AS ord
          UNION ALL SELECT 'stripe', 'refunds', 2
          UNION ALL SELECT 'stripe', 'disputes', 3
          UNION ALL SELECT 'paypal', 'transactions', 1) v ON v.provider = s.provider
    ORDER BY s.provider, v.ord`,
  sql`UPDATE sync_state SET cursor = NULL, resume_json = NULL`,

  sql`CREATE TABLE sync_review_items_v3 (
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
    resolution TEXT CHECK (resolution IN ('reversed', 'kept', 'dispute_won')),
    resolution_reason TEXT,
    resolved_at TEXT,
    resolved_by TEXT,
    reversal_entry_id INTEGER UNIQUE REFERENCES ledger_entries (id),
    reversal_credits INTEGER CHECK (reversal_credits >= 0),
    reversal_exact TEXT,
    UNIQUE (provider, event_id),
    CHECK ((status = 'closed') = (resolution IS NOT NULL)),
    CHECK ((status = 'closed') = (resolved_at IS NOT NULL)),
    CHECK (resolution IS NULL OR resolution = 'dispute_won' OR resolution_reason IS NOT NULL),
    CHECK ((resolution = 'reversed') = (reversal_credits IS NOT NULL AND reversal_exact IS NOT NULL))
  ) STRICT`,
  sql`INSERT INTO sync_review_items_v3 (id, provider, event_id, kind, provider_payment_id, purchase_id, client_id,
      amount_minor, currency, provider_status, occurred_at, created_at, status, resolution, resolution_reason,
      resolved_at, resolved_by)
    SELECT id, provider, event_id, kind, provider_payment_id, purchase_id, client_id,
      amount_minor, currency, provider_status, occurred_at, created_at, status,
      CASE WHEN status = 'closed' THEN 'kept' END,
      CASE WHEN status = 'closed' THEN 'Closed before Credit Desk recorded decisions' END,
      CASE WHEN status = 'closed' THEN created_at END,
      CASE WHEN status = 'closed' THEN 'migration' END
    FROM sync_review_items ORDER BY id`,
  sql`DROP TABLE sync_review_items`,
  sql`ALTER TABLE sync_review_items_v3 RENAME TO sync_review_items`,
  sql`CREATE INDEX sync_review_items_by_status ON sync_review_items (status, id)`,
  sql`CREATE INDEX sync_review_items_by_purchase ON sync_review_items (purchase_id, id)`,
  // Closing is final: a reversed item can never be reversed again or reopened.
  sql`CREATE TRIGGER sync_review_items_closed_is_final BEFORE UPDATE ON sync_review_items
    WHEN OLD.status = 'closed'
    BEGIN SELECT RAISE(ABORT, 'a closed review item is final'); END`,
];

/** True on PostgreSQL, told by the query compiler's placeholders ($1 there, ? on SQLite): public API only. */
function isPostgres(db: Kysely<unknown>): boolean {
  return sql`${0}`.compile(db).sql === '$1';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  for (const statement of STATEMENTS) await statement.execute(db);
}

const T = 'text COLLATE "C"';
const NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const POSTGRES = [
  `DO $$
  DECLARE c record;
  BEGIN
    FOR c IN SELECT conname FROM pg_constraint
      WHERE conrelid = 'ledger_entries'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%type%'
    LOOP
      EXECUTE format('ALTER TABLE ledger_entries DROP CONSTRAINT %I', c.conname);
    END LOOP;
  END $$`,
  `ALTER TABLE ledger_entries
    ADD CONSTRAINT ledger_entries_type_check CHECK (type IN (${LEDGER_TYPES})),
    ADD CONSTRAINT ledger_entries_direction_of_type CHECK
      (type = 'adjustment' OR (direction = 'in') = (type IN ('package_purchase', 'request_approved'))),
    ADD CONSTRAINT ledger_entries_memo_required CHECK (type NOT IN ('adjustment', 'refund_reversal') OR memo IS NOT NULL)`,

  `CREATE TABLE sync_streams (
    provider ${T} NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    stream ${T} NOT NULL CHECK (stream IN ('sessions', 'refunds', 'disputes', 'transactions')),
    enabled integer NOT NULL CHECK (enabled IN (0, 1)),
    cursor ${T},
    resume_json ${T},
    last_attempt_at ${T},
    last_success_at ${T},
    last_error ${T},
    last_error_at ${T},
    error_kind ${T} CHECK (error_kind IN ('transient', 'auth', 'permission', 'fatal')),
    consecutive_failures bigint NOT NULL CHECK (consecutive_failures >= 0),
    updated_at ${T} NOT NULL,
    PRIMARY KEY (provider, stream),
    CHECK ((last_error IS NULL) = (error_kind IS NULL))
  )`,
  `INSERT INTO sync_streams (provider, stream, enabled, cursor, resume_json, consecutive_failures, updated_at)
    SELECT s.provider, v.stream, 1, s.cursor,
      CASE WHEN s.provider = 'paypal' OR (s.resume_json::jsonb #>> '{token,stream}') = v.stream
           THEN s.resume_json END,
      0, ${NOW}
    FROM sync_state s
    JOIN (VALUES ('stripe', 'sessions', 1), ('stripe', 'refunds', 2), ('stripe', 'disputes', 3),
                 ('paypal', 'transactions', 1)) AS v (provider, stream, ord) ON v.provider = s.provider
    ORDER BY s.provider, v.ord`,
  `UPDATE sync_state SET cursor = NULL, resume_json = NULL`,

  `ALTER TABLE sync_review_items
    ADD COLUMN resolution ${T} CHECK (resolution IN ('reversed', 'kept', 'dispute_won')),
    ADD COLUMN resolution_reason ${T},
    ADD COLUMN resolved_at ${T},
    ADD COLUMN resolved_by ${T},
    ADD COLUMN reversal_entry_id bigint UNIQUE REFERENCES ledger_entries (id),
    ADD COLUMN reversal_credits bigint CHECK (reversal_credits >= 0),
    ADD COLUMN reversal_exact ${T}`,
  `UPDATE sync_review_items SET resolution = 'kept',
      resolution_reason = 'Closed before Credit Desk recorded decisions', resolved_at = created_at, resolved_by = 'migration'
    WHERE status = 'closed'`,
  `ALTER TABLE sync_review_items
    ADD CHECK ((status = 'closed') = (resolution IS NOT NULL)),
    ADD CHECK ((status = 'closed') = (resolved_at IS NOT NULL)),
    ADD CHECK (resolution IS NULL OR resolution = 'dispute_won' OR resolution_reason IS NOT NULL),
    ADD CHECK ((resolution = 'reversed') = (reversal_credits IS NOT NULL AND reversal_exact IS NOT NULL))`,
  `CREATE INDEX sync_review_items_by_purchase ON sync_review_items (purchase_id, id)`,
  `CREATE TRIGGER sync_review_items_closed_is_final BEFORE UPDATE ON sync_review_items
    FOR EACH ROW WHEN (OLD.status = 'closed')
    EXECUTE FUNCTION credit_desk_refuse('a closed review item is final')`,
];

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  for (const statement of POSTGRES) await sql.raw(statement).execute(db);
}
