/**
 * The raw `pg` baselines of the PostgreSQL bench: the statements the app sends for the same
 * work (captured from the router: bench/pg.bench.ts checks the two lists against each other
 * before timing), written by hand on one pooled connection per transaction, each a named
 * prepared statement (parsed and planned once per connection, as the app's hot queries are).
 * The transaction has the shape of a posting: BEGIN, the operation's reads and inserts,
 * SELECT … FOR UPDATE of the client's balance row, INSERT of the entry with its hash, UPDATE of
 * the balance, the read-back, COMMIT. It skips what our layers add: input validation, query
 * building, the AsyncDb wrapper, decimal parsing, DTO mapping.
 */
import pg from 'pg';
import { entryHash, STORED_ENTRY_COLUMNS, type HashedFields } from '../electron/ledger/hash';

const INT8_OID = 20;
/** The same int8 → number conversion the app's pool does (pg returns bigint as text). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export function openRawPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'credit-desk bench raw', types });
  pool.on('error', () => undefined);
  return pool;
}

const CLIENT_SQL =
  'select "clients".*, "client_balances"."balance" from "clients" inner join "client_balances" on "client_balances"."client_id" = "clients"."id" where "clients"."id" = $1';
const ENTRY_LIST_COLUMNS =
  '"id", "client_id", "created_at", "direction", "type", "reference", "credits", "balance_after", "memo", "actor", "amount_minor", "currency", "credits_per_unit", "exact_credits", "rate_id"';

/** Every statement of the raw side, by name; the text is the app's (Kysely's PostgreSQL output). */
export const RAW_SQL = {
  settings: 'select "credit_payments_enabled" from "settings" where "id" = $1',
  client: CLIENT_SQL,
  service: 'select * from "services" where "id" = $1',
  pkg: 'select * from "credit_packages" where "id" = $1',
  rate: 'select * from "conversion_rates" where "currency" = $1 and "active" = 1',
  insertOrder:
    'insert into "orders" ("client_id", "service_id", "service_name", "price_minor", "currency", "credits", "created_at") values ($1, $2, $3, $4, $5, $6, $7) returning "id"',
  order: 'select * from "orders" where "id" = $1',
  request: 'select * from "credit_requests" where "id" = $1',
  decide:
    'update "credit_requests" set "status" = $1, "rejection_reason" = $2, "decided_at" = $3, "decided_by" = $4 where "id" = $5 and "status" = $6',
  purchaseByProvider: 'select * from "purchases" where "provider" = $1 and "provider_payment_id" = $2',
  insertPurchase:
    'insert into "purchases" ("client_id", "package_id", "package_name", "provider", "provider_payment_id", "amount_minor", "currency", "credits", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id"',
  purchase: 'select * from "purchases" where "id" = $1',
  /** The posting's lock and read in one statement (the app locks, then reads: see pg.bench.ts). */
  balanceForUpdate:
    'select "balance", "entry_count", "last_hash", "last_created_at" from "client_balances" where "client_id" = $1 for update',
  insertEntry: `insert into "ledger_entries" (${STORED_ENTRY_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${STORED_ENTRY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) returning "id"`,
  updateBalance:
    'update "client_balances" set "balance" = $1, "entry_count" = $2, "last_hash" = $3, "last_created_at" = $4 where "client_id" = $5',
  historyFirst: `select ${ENTRY_LIST_COLUMNS} from "ledger_entries" where "client_id" = $1 order by "created_at" desc, "id" desc limit $2`,
  historyAfter: `select ${ENTRY_LIST_COLUMNS} from "ledger_entries" where "client_id" = $1 and ("created_at", "id") < ($2, $3) order by "created_at" desc, "id" desc limit $4`,
} as const;

type Name = keyof typeof RAW_SQL;
type Row = Record<string, unknown>;

/** Runs a named statement (prepared once per connection by pg). */
async function q(client: pg.ClientBase, name: Name, values: unknown[]): Promise<pg.QueryResult<Row>> {
  return client.query<Row>({ name: `bench_raw_${name}`, text: RAW_SQL[name], values });
}

interface BalanceRow {
  balance: number;
  entry_count: number;
  last_hash: string;
  last_created_at: string | null;
}

type Posting = Omit<HashedFields, 'client_id' | 'seq' | 'created_at' | 'balance_after' | 'actor'>;

const NONE = {
  purchase_id: null,
  request_id: null,
  order_id: null,
  invoice_id: null,
  amount_minor: null,
  currency: null,
  credits_per_unit: null,
  exact_credits: null,
  rate_id: null,
};

/** BEGIN … COMMIT on one pooled connection (ROLLBACK on any error), like the app's write(). */
async function inTransaction<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

/** The raw postings (P1, P2, the writers): spend, accept and purchase, each the app's statements in the app's order. */
export function rawPgPostings(pool: pg.Pool, actor: string) {
  async function post(c: pg.ClientBase, clientId: number, nowIso: string, p: Posting): Promise<void> {
    const b = (await q(c, 'balanceForUpdate', [clientId])).rows[0] as unknown as BalanceRow;
    const balanceAfter = p.direction === 'in' ? b.balance + p.credits : b.balance - p.credits;
    if (balanceAfter < 0) throw new Error('raw: insufficient credits');
    const createdAt = b.last_created_at !== null && b.last_created_at > nowIso ? b.last_created_at : nowIso;
    const f: HashedFields = {
      ...p,
      client_id: clientId,
      seq: b.entry_count + 1,
      created_at: createdAt,
      balance_after: balanceAfter,
      actor,
    };
    const hash = entryHash(b.last_hash, f);
    const row: Row = { ...f, prev_hash: b.last_hash, hash };
    await q(
      c,
      'insertEntry',
      STORED_ENTRY_COLUMNS.map((col) => row[col]),
    );
    await q(c, 'updateBalance', [balanceAfter, f.seq, hash, createdAt, clientId]);
  }

  async function spend(c: pg.ClientBase, clientId: number, serviceId: number): Promise<void> {
    const nowIso = new Date().toISOString();
    await q(c, 'settings', [1]);
    await q(c, 'client', [clientId]);
    const service = (await q(c, 'service', [serviceId])).rows[0] as {
      id: number;
      name: string;
      price_minor: number;
      currency: string;
    };
    const rate = (await q(c, 'rate', [service.currency])).rows[0] as { id: number; credits_per_unit: string };
    // Fixed in the fixture: 3.51 USD at 10 credits/USD is 35.1, charged 36.
    const credits = 36;
    const order = await q(c, 'insertOrder', [
      clientId,
      service.id,
      service.name,
      service.price_minor,
      service.currency,
      credits,
      nowIso,
    ]);
    const orderId = order.rows[0]!.id as number;
    await post(c, clientId, nowIso, {
      ...NONE,
      direction: 'out',
      type: 'service_purchase',
      credits,
      reference: `Order #${orderId}`,
      memo: service.name,
      order_id: orderId,
      amount_minor: service.price_minor,
      currency: service.currency,
      credits_per_unit: rate.credits_per_unit,
      exact_credits: '35.1',
      rate_id: rate.id,
    });
    await q(c, 'order', [orderId]);
  }

  async function accept(c: pg.ClientBase, requestId: number): Promise<void> {
    const nowIso = new Date().toISOString();
    const r = (await q(c, 'request', [requestId])).rows[0] as {
      id: number;
      client_id: number;
      credits: number;
      package_name: string;
    };
    const decided = await q(c, 'decide', ['accepted', null, nowIso, actor, requestId, 'pending']);
    if (decided.rowCount !== 1) throw new Error('raw: request not pending');
    await post(c, r.client_id, nowIso, {
      ...NONE,
      direction: 'in',
      type: 'request_approved',
      credits: r.credits,
      reference: `Request #${r.id}`,
      memo: `${r.package_name} paid by bank transfer (100.00 USD, ref BANK-${r.id})`,
      request_id: r.id,
    });
    await q(c, 'request', [requestId]);
  }

  async function purchase(c: pg.ClientBase, clientId: number, packageId: number, paymentId: string): Promise<void> {
    const nowIso = new Date().toISOString();
    if ((await q(c, 'purchaseByProvider', ['stripe', paymentId])).rows.length > 0)
      throw new Error('raw: duplicate payment');
    await q(c, 'client', [clientId]);
    const pkg = (await q(c, 'pkg', [packageId])).rows[0] as {
      id: number;
      name: string;
      credits: number;
      price_minor: number;
      currency: string;
    };
    const inserted = await q(c, 'insertPurchase', [
      clientId,
      pkg.id,
      pkg.name,
      'stripe',
      paymentId,
      pkg.price_minor,
      pkg.currency,
      pkg.credits,
      nowIso,
    ]);
    const purchaseId = inserted.rows[0]!.id as number;
    await post(c, clientId, nowIso, {
      ...NONE,
      direction: 'in',
      type: 'package_purchase',
      credits: pkg.credits,
      reference: `Stripe ${paymentId}`,
      memo: `${pkg.name} (100.00 ${pkg.currency})`,
      purchase_id: purchaseId,
    });
    await q(c, 'purchase', [purchaseId]);
  }

  return {
    spend: (clientId: number, serviceId: number) => inTransaction(pool, (c) => spend(c, clientId, serviceId)),
    accept: (requestId: number) => inTransaction(pool, (c) => accept(c, requestId)),
    purchase: (clientId: number, packageId: number, paymentId: string) =>
      inTransaction(pool, (c) => purchase(c, clientId, packageId, paymentId)),
    /** P2: a batch of purchases in one transaction. */
    purchaseBatch: (clientIds: number[], packageId: number, ids: string[]) =>
      inTransaction(pool, async (c) => {
        for (let i = 0; i < clientIds.length; i++) await purchase(c, clientIds[i]!, packageId, ids[i]!);
      }),
  };
}

/** The raw reads of P3 and P4: the app's statements, in the app's read snapshot. */
export function rawPgReads(pool: pg.Pool) {
  const snapshot = async <T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } finally {
      client.release();
    }
  };
  return {
    /** P3 as the app runs it: the client row in a read-only snapshot. */
    client: (clientId: number) => snapshot((c) => q(c, 'client', [clientId])),
    /** P3 bare: the one statement, no transaction around it (what a hand-written reader might do). */
    clientBare: (clientId: number) =>
      pool.query({ name: 'bench_raw_client', text: RAW_SQL.client, values: [clientId] }),
    /** P4: the client and a page of 50 (+1 to know if there is more) before the cursor. */
    page: (clientId: number, key: { created_at: string; id: number } | undefined) =>
      snapshot(async (c) => {
        await q(c, 'client', [clientId]);
        const rows =
          key === undefined
            ? await q(c, 'historyFirst', [clientId, 51])
            : await q(c, 'historyAfter', [clientId, key.created_at, key.id, 51]);
        return rows.rows.length;
      }),
  };
}
