/**
 * `ledger.verify`: the one-command integrity check. Streams every entry in insertion (rowid)
 * order, keeping one running chain per client, and recomputes what the app stores: the running balance
 * chain from zero, the hash chain, and each client's stored balance, entry count and last
 * hash. Anything edited behind the app's back shows up as a named problem.
 */
import type { VerifyProblem, VerifyReport } from '../../shared/dto';
import type { Db } from '../db/database';
import { entryHash, GENESIS_HASH, STORED_ENTRY_COLUMNS, type HashedFields } from './hash';

/** The columns read, in the order {@link toStoredEntry} expects them. */
const COLUMNS = ['id', ...STORED_ENTRY_COLUMNS] as const;

/** The verify scan: every entry in rowid order, columns as {@link toStoredEntry} expects. */
export const VERIFY_SCAN_SQL = `SELECT ${COLUMNS.join(', ')} FROM ledger_entries ORDER BY id`;

/** An entry as stored, hash chain included. */
export type StoredEntry = HashedFields & { id: number; prev_hash: string; hash: string };

/** A raw row of {@link VERIFY_SCAN_SQL} as a named entry. */
export function toStoredEntry(r: unknown[]): StoredEntry {
  return {
    id: r[0] as number,
    client_id: r[1] as number,
    seq: r[2] as number,
    created_at: r[3] as string,
    direction: r[4] as string,
    type: r[5] as string,
    credits: r[6] as number,
    balance_after: r[7] as number,
    reference: r[8] as string,
    memo: r[9] as string | null,
    actor: r[10] as string,
    purchase_id: r[11] as number | null,
    request_id: r[12] as number | null,
    order_id: r[13] as number | null,
    invoice_id: r[14] as number | null,
    amount_minor: r[15] as number | null,
    currency: r[16] as string | null,
    credits_per_unit: r[17] as string | null,
    exact_credits: r[18] as string | null,
    rate_id: r[19] as number | null,
    prev_hash: r[20] as string,
    hash: r[21] as string,
  };
}

interface ChainState {
  balance: number;
  seq: number;
  hash: string;
}

export function verifyLedger(db: Db): VerifyReport {
  return db.read(() => {
    const problems: VerifyProblem[] = [];
    const say = (kind: VerifyProblem['kind'], clientId: number, entryId: number | null, message: string) => {
      if (problems.length < 1000) problems.push({ kind, clientId, entryId, message });
    };
    const chains = new Map<number, ChainState>();
    let checkedEntries = 0;
    // Rowid order reads the table front to back (walking the (client_id, seq) index instead
    // costs a random table lookup per row, ~3x slower on a million entries), and raw arrays
    // skip better-sqlite3's per-row object building; each client's entries still arrive in
    // seq order, because seq grows with the rowid.
    const rows = db.sqlite.prepare(VERIFY_SCAN_SQL).raw(true).iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      const e = toStoredEntry(row);
      checkedEntries++;
      let chain = chains.get(e.client_id);
      if (chain === undefined) {
        chain = { balance: 0, seq: 0, hash: GENESIS_HASH };
        chains.set(e.client_id, chain);
      }
      if (e.seq !== chain.seq + 1) {
        say(
          'sequence_gap',
          e.client_id,
          e.id,
          `Entry ${e.id} is number ${e.seq} but number ${chain.seq + 1} was expected: an entry is missing.`,
        );
      }
      const expected = e.direction === 'in' ? chain.balance + e.credits : chain.balance - e.credits;
      if (e.balance_after !== expected) {
        say(
          'running_balance',
          e.client_id,
          e.id,
          `Entry ${e.id} says the balance became ${e.balance_after}, but the entries add up to ${expected}.`,
        );
      }
      if (expected < 0)
        say('negative_balance', e.client_id, e.id, `Entry ${e.id} takes the balance below zero (${expected}).`);
      if (e.prev_hash !== chain.hash || entryHash(e.prev_hash, e) !== e.hash) {
        say(
          'hash_mismatch',
          e.client_id,
          e.id,
          `Entry ${e.id} does not match its fingerprint: it was changed outside Credit Desk.`,
        );
      }
      chain.balance = expected;
      chain.seq = e.seq;
      chain.hash = e.hash;
    }
    const balances = db.sqlite.prepare('SELECT * FROM client_balances').all() as {
      client_id: number;
      balance: number;
      entry_count: number;
      last_hash: string;
    }[];
    const seen = new Set<number>();
    for (const b of balances) {
      seen.add(b.client_id);
      const chain = chains.get(b.client_id) ?? { balance: 0, seq: 0, hash: GENESIS_HASH };
      if (b.balance !== chain.balance) {
        say(
          'balance_mismatch',
          b.client_id,
          null,
          `Client ${b.client_id}'s stored balance is ${b.balance}, but its entries add up to ${chain.balance}.`,
        );
      }
      if (b.entry_count !== chain.seq || b.last_hash !== chain.hash) {
        say(
          'hash_mismatch',
          b.client_id,
          null,
          `Client ${b.client_id}'s ledger does not end where the stored balance says: entries were added or removed outside Credit Desk.`,
        );
      }
    }
    for (const clientId of chains.keys()) {
      if (!seen.has(clientId))
        say('missing_balance', clientId, null, `Client ${clientId} has entries but no stored balance.`);
    }
    const clients = (db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    return { ok: problems.length === 0, problems, checkedClients: clients, checkedEntries };
  });
}
