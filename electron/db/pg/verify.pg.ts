/**
 * `ledger.verify`'s checks recomputed over a PostgreSQL ledger (used after import-sqlite):
 * per-client seq without gaps, the running balance, the hash chain (entryHash from GENESIS_HASH)
 * and each client's stored balance, entry count and last hash. Entries are read in keyset pages
 * ordered by id, so memory stays flat however long the ledger is.
 */
import type pg from 'pg';
import { entryHash, GENESIS_HASH, STORED_ENTRY_COLUMNS, type HashedFields } from '../../ledger/hash';

export interface PgVerifyReport {
  ok: boolean;
  checkedEntries: number;
  clients: number;
  /** The first problems found (at most 50), in the words verify uses. */
  problems: string[];
}

interface Chain {
  balance: number;
  seq: number;
  hash: string;
}

const PAGE = 10_000;

type EntryRow = HashedFields & { id: number; prev_hash: string; hash: string };

/** Walks every entry (id order) and every stored balance of the ledger behind `pool`. */
export async function verifyPostgresLedger(pool: pg.Pool | pg.ClientBase): Promise<PgVerifyReport> {
  const problems: string[] = [];
  let total = 0;
  const say = (message: string): void => {
    total++;
    if (problems.length < 50) problems.push(message);
  };
  const chains = new Map<number, Chain>();
  let checkedEntries = 0;
  let after = 0;
  for (;;) {
    const { rows } = await pool.query<EntryRow>(
      `SELECT id, ${STORED_ENTRY_COLUMNS.join(', ')} FROM ledger_entries WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    for (const raw of rows) {
      const e = normalise(raw);
      checkedEntries++;
      let chain = chains.get(e.client_id);
      if (chain === undefined) {
        chain = { balance: 0, seq: 0, hash: GENESIS_HASH };
        chains.set(e.client_id, chain);
      }
      if (e.seq !== chain.seq + 1) say(`Entry ${e.id} is number ${e.seq} but number ${chain.seq + 1} was expected.`);
      const expected = e.direction === 'in' ? chain.balance + e.credits : chain.balance - e.credits;
      if (e.balance_after !== expected)
        say(`Entry ${e.id} says the balance became ${e.balance_after}, but the entries add up to ${expected}.`);
      if (expected < 0) say(`Entry ${e.id} takes the balance below zero (${expected}).`);
      if (e.prev_hash !== chain.hash || entryHash(e.prev_hash, e) !== e.hash)
        say(`Entry ${e.id} does not match its fingerprint: it was changed outside Credit Desk.`);
      chain.balance = expected;
      chain.seq = e.seq;
      chain.hash = e.hash;
    }
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  const { rows: balances } = await pool.query<{
    client_id: number;
    balance: number;
    entry_count: number;
    last_hash: string;
  }>('SELECT client_id, balance, entry_count, last_hash FROM client_balances ORDER BY client_id');
  const seen = new Set<number>();
  for (const raw of balances) {
    const b = {
      client_id: Number(raw.client_id),
      balance: Number(raw.balance),
      entry_count: Number(raw.entry_count),
      last_hash: raw.last_hash,
    };
    seen.add(b.client_id);
    const chain = chains.get(b.client_id) ?? { balance: 0, seq: 0, hash: GENESIS_HASH };
    if (b.balance !== chain.balance)
      say(`Client ${b.client_id}'s stored balance is ${b.balance}, but its entries add up to ${chain.balance}.`);
    if (b.entry_count !== chain.seq || b.last_hash !== chain.hash)
      say(`Client ${b.client_id}'s ledger does not end where the stored balance says.`);
  }
  for (const clientId of chains.keys())
    if (!seen.has(clientId)) say(`Client ${clientId} has entries but no stored balance.`);
  return { ok: total === 0, checkedEntries, clients: chains.size, problems };
}

/** pg hands bigint columns back as text unless the pool parses them: make the hashed fields the numbers SQLite stores. */
function normalise(row: EntryRow): EntryRow {
  const num = (v: unknown): number => Number(v);
  const maybe = (v: unknown): number | null => (v === null ? null : Number(v));
  return {
    ...row,
    id: num(row.id),
    client_id: num(row.client_id),
    seq: num(row.seq),
    credits: num(row.credits),
    balance_after: num(row.balance_after),
    purchase_id: maybe(row.purchase_id),
    request_id: maybe(row.request_id),
    order_id: maybe(row.order_id),
    invoice_id: maybe(row.invoice_id),
    amount_minor: maybe(row.amount_minor),
    rate_id: maybe(row.rate_id),
  };
}
