/**
 * A large, valid ledger file for the tests that must see whole-ledger work take real time
 * (tests/reliability/no-freeze.test.ts): the schema from the real migrations, then clients,
 * adjustments with their running balances and hash chains, and the stored balances, written
 * in a few big transactions (a few seconds for 200,000 entries). `ledger.verify` passes on it.
 */
import type Database from 'better-sqlite3';
import { openLedgerDatabase } from '../../electron/db/open';
import { openSqlite } from '../../electron/db/sqlite';
import { entryHash, GENESIS_HASH, STORED_ENTRY_COLUMNS, type HashedFields } from '../../electron/ledger/hash';

export interface BigLedger {
  path: string;
  clients: number;
  entries: number;
}

/** Writes `entries` adjustments spread over `clients` clients into a new ledger at `path`. */
export async function writeBigLedger(path: string, clients: number, entries: number): Promise<BigLedger> {
  (await openLedgerDatabase(path)).close();
  const db: Database.Database = openSqlite(path);
  db.pragma('synchronous = OFF');
  const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  const insertClient = db.prepare('INSERT INTO clients (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO ledger_entries (${STORED_ENTRY_COLUMNS.join(', ')}) VALUES (${STORED_ENTRY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertBalance = db.prepare(
    'INSERT INTO client_balances (client_id, balance, entry_count, last_hash, last_created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const state = Array.from({ length: clients + 1 }, () => ({ balance: 0, seq: 0, hash: GENESIS_HASH, last: '' }));
  db.transaction(() => {
    for (let id = 1; id <= clients; id++) insertClient.run(id, `Client ${id}`, at(0), at(0));
  })();
  const chunk = 50_000;
  for (let from = 0; from < entries; from += chunk) {
    db.transaction(() => {
      for (let i = from; i < Math.min(entries, from + chunk); i++) {
        const clientId = 1 + ((i * 7919) % clients);
        const s = state[clientId]!;
        const out = s.balance >= 40 && i % 3 === 0;
        const credits = out ? 40 : 100;
        const f: HashedFields = {
          client_id: clientId,
          seq: s.seq + 1,
          created_at: at(i),
          direction: out ? 'out' : 'in',
          type: 'adjustment',
          credits,
          balance_after: out ? s.balance - credits : s.balance + credits,
          reference: `Adjustment ${i}`,
          memo: 'Generated for the no-freeze test',
          actor: 'generator',
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
        const hash = entryHash(s.hash, f);
        const row: Record<string, unknown> = { ...f, prev_hash: s.hash, hash };
        insertEntry.run(...STORED_ENTRY_COLUMNS.map((c) => row[c]));
        Object.assign(s, { balance: f.balance_after, seq: f.seq, hash, last: f.created_at });
      }
    })();
  }
  db.transaction(() => {
    for (let id = 1; id <= clients; id++) {
      const s = state[id]!;
      insertBalance.run(id, s.balance, s.seq, s.hash, s.last === '' ? null : s.last);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { path, clients, entries };
}
