/**
 * Bank statements (PRODUCT F15). Frozen in time: imports only kysely.
 *
 * - bank_imports: one row per file read (name, SHA-256 of its bytes, format, what it held and
 *   what was new), with who imported it and when. Append-only: an import is a fact.
 * - bank_transactions: one row per bank transaction ever seen. Its identity is the import key
 *   (account + the bank's id, else a hash of the row) plus the occurrence number of genuine
 *   twins in one file: UNIQUE, so re-importing a file or an overlapping statement adds nothing,
 *   whatever the engine or however many imports run at once. A known key that arrives with
 *   another amount is kept as a separate row flagged against the first (`flagged_of`), never
 *   merged into it. The facts never change and no row is deleted; the only change is the
 *   staff decision, from unmatched to matched (linked to the request it paid, each request at
 *   most once) or ignored (with a reason), and a decision is final.
 * - bank_csv_mappings: how to read one bank account's CSV export (JSON), saved by staff and
 *   replaced when they save it again.
 *
 * PostgreSQL (the branch in upPostgres, as in 0001–0005): bigint identities, text COLLATE "C",
 * the same CHECKs, indexes and refusals, the triggers through credit_desk_refuse (0001).
 */
import { sql, type Kysely } from 'kysely';

const FORMATS = `'camt.053', 'camt.054', 'mt940', 'ofx', 'csv'`;
const IMPORTS_FINAL = 'bank imports are a record of what was read: they are never changed or deleted';
const NO_DELETE = 'bank transactions are never deleted: ignore them with a reason instead';
const DECIDED = 'a bank transaction that was matched or ignored stays so';
const FACTS = 'what the bank reported is never edited';

/** Columns that hold what the bank said: a trigger refuses any change to them. */
const FACT_COLUMNS = [
  'import_id',
  'account_id',
  'import_key',
  'occurrence',
  'direction',
  'reversal',
  'amount_minor',
  'currency',
  'booking_date',
  'value_date',
  'remittance',
  'payer_name',
  'payer_account',
  'flagged_of',
];

function tables(ID: string, T: string, INT: string, REF: string): string[] {
  return [
    `CREATE TABLE bank_imports (
    id ${ID},
    file_name ${T} NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256 ${T} NOT NULL CHECK (length(sha256) = 64),
    format ${T} NOT NULL CHECK (format IN (${FORMATS})),
    version ${T},
    accounts ${T} NOT NULL,
    transactions ${INT} NOT NULL CHECK (transactions >= 0),
    new_count ${INT} NOT NULL CHECK (new_count >= 0),
    duplicate_count ${INT} NOT NULL CHECK (duplicate_count >= 0),
    flagged_count ${INT} NOT NULL CHECK (flagged_count >= 0),
    proposed_count ${INT} NOT NULL CHECK (proposed_count >= 0),
    imported_at ${T} NOT NULL,
    imported_by ${T} NOT NULL,
    CHECK (new_count + duplicate_count + flagged_count = transactions)
  )`,
    `CREATE INDEX bank_imports_by_sha256 ON bank_imports (sha256)`,
    `CREATE TABLE bank_transactions (
    id ${ID},
    import_id ${REF} NOT NULL REFERENCES bank_imports (id),
    account_id ${T} NOT NULL CHECK (length(account_id) > 0),
    import_key ${T} NOT NULL CHECK (length(import_key) > 0),
    occurrence ${INT} NOT NULL CHECK (occurrence >= 1),
    key_basis ${T} NOT NULL CHECK (key_basis IN ('bank_id', 'hash')),
    direction ${T} NOT NULL CHECK (direction IN ('credit', 'debit')),
    reversal ${INT} NOT NULL CHECK (reversal IN (0, 1)),
    amount_minor ${INT} NOT NULL CHECK (amount_minor >= 0),
    currency ${T} NOT NULL CHECK (length(currency) = 3),
    booking_date ${T},
    value_date ${T},
    bank_reference ${T},
    entry_reference ${T},
    end_to_end_id ${T},
    remittance ${T},
    payer_name ${T},
    payer_account ${T},
    source_location ${T} NOT NULL,
    flagged_of ${REF} REFERENCES bank_transactions (id),
    status ${T} NOT NULL CHECK (status IN ('unmatched', 'matched', 'ignored')),
    request_id ${REF} UNIQUE REFERENCES credit_requests (id),
    ignore_reason ${T},
    decided_at ${T},
    decided_by ${T},
    created_at ${T} NOT NULL,
    CHECK ((status = 'matched') = (request_id IS NOT NULL)),
    CHECK ((status = 'ignored') = (ignore_reason IS NOT NULL)),
    CHECK ((status = 'unmatched') = (decided_at IS NULL))
  )`,
    // One row per key and occurrence; a flagged row (another amount) beside it, once per amount.
    `CREATE UNIQUE INDEX bank_transactions_one_per_occurrence ON bank_transactions (import_key, occurrence)
    WHERE flagged_of IS NULL`,
    `CREATE UNIQUE INDEX bank_transactions_by_key_amount
    ON bank_transactions (import_key, occurrence, direction, amount_minor, currency)`,
    `CREATE INDEX bank_transactions_by_status ON bank_transactions (status, id)`,
    `CREATE INDEX bank_transactions_by_import ON bank_transactions (import_id, id)`,
    `CREATE TABLE bank_csv_mappings (
    account_id ${T} PRIMARY KEY CHECK (length(account_id) > 0),
    mapping_json ${T} NOT NULL,
    created_at ${T} NOT NULL,
    updated_at ${T} NOT NULL,
    updated_by ${T} NOT NULL
  )`,
  ];
}

const SQLITE = [
  ...tables('INTEGER PRIMARY KEY', 'TEXT', 'INTEGER', 'INTEGER').map((s) =>
    s.startsWith('CREATE TABLE') ? `${s} STRICT` : s,
  ),
  `CREATE TRIGGER bank_imports_no_update BEFORE UPDATE ON bank_imports
    BEGIN SELECT RAISE(ABORT, '${IMPORTS_FINAL}'); END`,
  `CREATE TRIGGER bank_imports_no_delete BEFORE DELETE ON bank_imports
    BEGIN SELECT RAISE(ABORT, '${IMPORTS_FINAL}'); END`,
  `CREATE TRIGGER bank_transactions_no_delete BEFORE DELETE ON bank_transactions
    BEGIN SELECT RAISE(ABORT, '${NO_DELETE}'); END`,
  `CREATE TRIGGER bank_transactions_decided_is_final BEFORE UPDATE ON bank_transactions
    WHEN OLD.status <> 'unmatched'
    BEGIN SELECT RAISE(ABORT, '${DECIDED}'); END`,
  `CREATE TRIGGER bank_transactions_facts_fixed BEFORE UPDATE ON bank_transactions
    WHEN ${FACT_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
    BEGIN SELECT RAISE(ABORT, '${FACTS}'); END`,
];

/** True on PostgreSQL, told by the query compiler's placeholders ($1 there, ? on SQLite): public API only. */
function isPostgres(db: Kysely<unknown>): boolean {
  return sql`${0}`.compile(db).sql === '$1';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = isPostgres(db) ? POSTGRES : SQLITE;
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const POSTGRES = [
  ...tables('bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY', 'text COLLATE "C"', 'bigint', 'bigint'),
  `CREATE TRIGGER bank_imports_no_update BEFORE UPDATE ON bank_imports
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('${IMPORTS_FINAL}')`,
  `CREATE TRIGGER bank_imports_no_delete BEFORE DELETE ON bank_imports
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('${IMPORTS_FINAL}')`,
  `CREATE TRIGGER bank_imports_no_truncate BEFORE TRUNCATE ON bank_imports
    FOR EACH STATEMENT EXECUTE FUNCTION credit_desk_refuse('${IMPORTS_FINAL}')`,
  `CREATE TRIGGER bank_transactions_no_delete BEFORE DELETE ON bank_transactions
    FOR EACH ROW EXECUTE FUNCTION credit_desk_refuse('${NO_DELETE}')`,
  `CREATE TRIGGER bank_transactions_no_truncate BEFORE TRUNCATE ON bank_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION credit_desk_refuse('${NO_DELETE}')`,
  `CREATE TRIGGER bank_transactions_decided_is_final BEFORE UPDATE ON bank_transactions
    FOR EACH ROW WHEN (OLD.status <> 'unmatched')
    EXECUTE FUNCTION credit_desk_refuse('${DECIDED}')`,
  `CREATE TRIGGER bank_transactions_facts_fixed BEFORE UPDATE ON bank_transactions
    FOR EACH ROW WHEN (${FACT_COLUMNS.map((c) => `NEW.${c} IS DISTINCT FROM OLD.${c}`).join(' OR ')})
    EXECUTE FUNCTION credit_desk_refuse('${FACTS}')`,
];
