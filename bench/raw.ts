/**
 * The raw better-sqlite3 baselines: the same SQL work as the app's code paths, written by hand
 * with statements prepared once, on the same file with the same pragmas (WAL,
 * synchronous=FULL, foreign keys, busy timeout). Rows are the same rows the app writes,
 * including the hash chain (the row cannot be stored without it), so the distance to the app
 * is what its layers cost: validation, query building, mapping, idempotency plumbing.
 */
import Database from 'better-sqlite3';
import { entryHash, HASHED_COLUMNS, type HashedFields } from '../electron/ledger/hash';

export function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

const ENTRY_COLUMNS = HASHED_COLUMNS;

interface BalanceRow {
  balance: number;
  entry_count: number;
  last_hash: string;
  last_created_at: string | null;
}

/** The raw postings of P1/P2: spend, accept and purchase, each the app's statements in the app's order. */
export function rawPostings(db: Database.Database, actor: string) {
  const s = {
    settings: db.prepare('SELECT credit_payments_enabled FROM settings WHERE id = 1'),
    client: db.prepare(
      'SELECT clients.*, client_balances.balance FROM clients JOIN client_balances ON client_balances.client_id = clients.id WHERE clients.id = ?',
    ),
    service: db.prepare('SELECT * FROM services WHERE id = ?'),
    pkg: db.prepare('SELECT * FROM credit_packages WHERE id = ?'),
    rate: db.prepare('SELECT * FROM conversion_rates WHERE currency = ? AND active = 1'),
    insertOrder: db.prepare(
      'INSERT INTO orders (client_id, service_id, service_name, price_minor, currency, credits, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    order: db.prepare('SELECT * FROM orders WHERE id = ?'),
    request: db.prepare('SELECT * FROM credit_requests WHERE id = ?'),
    decide: db.prepare(
      "UPDATE credit_requests SET status = 'accepted', rejection_reason = NULL, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'",
    ),
    purchaseByProvider: db.prepare('SELECT * FROM purchases WHERE provider = ? AND provider_payment_id = ?'),
    insertPurchase: db.prepare(
      'INSERT INTO purchases (client_id, package_id, package_name, provider, provider_payment_id, amount_minor, currency, credits, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    purchase: db.prepare('SELECT * FROM purchases WHERE id = ?'),
    balance: db.prepare(
      'SELECT balance, entry_count, last_hash, last_created_at FROM client_balances WHERE client_id = ?',
    ),
    insertEntry: db.prepare(
      `INSERT INTO ledger_entries (${ENTRY_COLUMNS.join(', ')}, prev_hash, hash) VALUES (${[...ENTRY_COLUMNS, 'p', 'h'].map(() => '?').join(', ')})`,
    ),
    updateBalance: db.prepare(
      'UPDATE client_balances SET balance = ?, entry_count = ?, last_hash = ?, last_created_at = ? WHERE client_id = ?',
    ),
  };

  function post(
    clientId: number,
    nowIso: string,
    p: Omit<HashedFields, 'client_id' | 'seq' | 'created_at' | 'balance_after' | 'actor'>,
  ): void {
    const b = s.balance.get(clientId) as BalanceRow;
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
    s.insertEntry.run(...ENTRY_COLUMNS.map((c) => f[c]), b.last_hash, hash);
    s.updateBalance.run(balanceAfter, f.seq, hash, createdAt, clientId);
  }

  const none = { purchase_id: null, request_id: null, order_id: null, invoice_id: null };
  const noConversion = {
    amount_minor: null,
    currency: null,
    credits_per_unit: null,
    exact_credits: null,
    rate_id: null,
  };

  function spend(clientId: number, serviceId: number): void {
    const nowIso = new Date().toISOString();
    s.settings.get();
    s.client.get(clientId);
    const service = s.service.get(serviceId) as { id: number; name: string; price_minor: number; currency: string };
    const rate = s.rate.get(service.currency) as { id: number; credits_per_unit: string };
    // Fixed in the fixture: 3.51 USD at 10 credits/USD is 35.1, charged 36.
    const credits = 36;
    const { lastInsertRowid } = s.insertOrder.run(
      clientId,
      service.id,
      service.name,
      service.price_minor,
      service.currency,
      credits,
      nowIso,
    );
    const orderId = Number(lastInsertRowid);
    post(clientId, nowIso, {
      ...none,
      ...noConversion,
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
    s.order.get(orderId);
  }

  function accept(requestId: number): void {
    const nowIso = new Date().toISOString();
    const r = s.request.get(requestId) as { id: number; client_id: number; credits: number; package_name: string };
    if (s.decide.run(nowIso, actor, requestId).changes !== 1) throw new Error('raw: request not pending');
    post(r.client_id, nowIso, {
      ...none,
      ...noConversion,
      direction: 'in',
      type: 'request_approved',
      credits: r.credits,
      reference: `Request #${r.id}`,
      memo: `${r.package_name} paid by bank transfer (100.00 USD, ref BANK-${r.id})`,
      request_id: r.id,
    });
    s.request.get(requestId);
  }

  function purchase(clientId: number, packageId: number, paymentId: string): void {
    const nowIso = new Date().toISOString();
    if (s.purchaseByProvider.get('stripe', paymentId) !== undefined) throw new Error('raw: duplicate payment');
    s.client.get(clientId);
    const pkg = s.pkg.get(packageId) as {
      id: number;
      name: string;
      credits: number;
      price_minor: number;
      currency: string;
    };
    const { lastInsertRowid } = s.insertPurchase.run(
      clientId,
      pkg.id,
      pkg.name,
      'stripe',
      paymentId,
      pkg.price_minor,
      pkg.currency,
      pkg.credits,
      nowIso,
    );
    const purchaseId = Number(lastInsertRowid);
    post(clientId, nowIso, {
      ...none,
      ...noConversion,
      direction: 'in',
      type: 'package_purchase',
      credits: pkg.credits,
      reference: `Stripe ${paymentId}`,
      memo: `${pkg.name} (100.00 ${pkg.currency})`,
      purchase_id: purchaseId,
    });
    s.purchase.get(purchaseId);
  }

  return {
    spend: db.transaction(spend).immediate,
    accept: db.transaction(accept).immediate,
    purchase: db.transaction(purchase).immediate,
    /** P2: a batch of purchases in one transaction. */
    purchaseBatch: db.transaction((clientIds: number[], packageId: number, ids: string[]) => {
      clientIds.forEach((c, i) => purchase(c, packageId, ids[i]!));
    }).immediate,
  };
}
