/**
 * The hot queries keep their indexes. Each query is compiled from the code path that runs it
 * (the services' query definitions), explained with EXPLAIN QUERY PLAN on a database with
 * every migration applied, and must search by an index or the primary key: never a full
 * SCAN of the table, never a temporary B-tree to sort. A slow query cannot come back
 * unnoticed. (No timings here: see `npm run bench`.)
 */
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compilable } from 'kysely';
import { openConnection } from '../../electron/db/connection';
import { Db } from '../../electron/db/database';
import { migrateToLatest } from '../../electron/db/migrate';
import { clientWithBalance } from '../../electron/ledger/clients.service';
import { balanceRow } from '../../electron/ledger/posting';
import { activeRateOf } from '../../electron/ledger/rates.service';
import { requestsPageQuery } from '../../electron/ledger/requests.service';
import { historyQuery, type HistoryShape } from '../../electron/ledger/transactions.service';

let sqlite: BetterSqlite3.Database;
let db: Db;

beforeAll(async () => {
  sqlite = openConnection(':memory:');
  await migrateToLatest(sqlite);
  db = new Db(sqlite);
});

afterAll(() => db.close());

/** The plan's detail lines, e.g. "SEARCH ledger_entries USING INDEX ledger_entries_history (client_id=?)". */
function plan(sql: string, parameters: readonly unknown[]): string[] {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
  return rows.map((r) => r.detail);
}

function planOf(query: Compilable<unknown>): string[] {
  const { sql, parameters } = query.compile();
  return plan(sql, parameters);
}

/** Every table the query reads is searched through `uses` (an index name or the primary key). */
function expectIndexed(details: string[], table: string, uses: RegExp): void {
  const text = details.join('\n');
  expect(text, text).not.toMatch(new RegExp(`SCAN ${table}\\b`));
  expect(text, text).not.toMatch(/USE TEMP B-TREE/);
  const line = details.find((d) => d.startsWith(`SEARCH ${table} `));
  expect(line, text).toBeDefined();
  expect(line, text).toMatch(uses);
}

const PK = /USING (INTEGER PRIMARY KEY|(COVERING )?INDEX sqlite_autoindex_\w+)/;
const HISTORY_INDEX = /USING (COVERING )?INDEX ledger_entries_history \(client_id=\?/;

describe('balance reads', () => {
  it('the posting path reads the stored balance by primary key', () => {
    expectIndexed(planOf(balanceRow.build(db.k, 42)), 'client_balances', PK);
  });

  it('a client with its balance (clients.get) is two primary-key lookups', () => {
    const details = planOf(clientWithBalance.build(db.k, 42));
    expectIndexed(details, 'clients', PK);
    expectIndexed(details, 'client_balances', PK);
  });
});

describe('conversion', () => {
  it('the active rate is found through the one-active-rate partial index, with active = 1 as a literal', () => {
    const query = activeRateOf.build(db.k, 'USD');
    expectIndexed(planOf(query), 'conversion_rates', /USING INDEX conversion_rates_one_active \(currency=\?\)/);
    // A bound "active = ?" matches the partial index only by re-preparing on every bind.
    expect(query.compile().sql).toMatch(/"active" = 1\b/);
  });
});

describe('history pages walk (client_id, created_at, id) newest first', () => {
  const shapes: [string, HistoryShape, unknown[]][] = [
    ['first page', { from: false, to: false, types: 0, cursor: false }, [7, 51]],
    ['next page (cursor)', { from: false, to: false, types: 0, cursor: true }, [7, '2026-01-01T00:00:00.000Z', 99, 51]],
    [
      'date filter',
      { from: true, to: true, types: 0, cursor: false },
      [7, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 51],
    ],
    [
      'date filter with cursor',
      { from: true, to: true, types: 0, cursor: true },
      [7, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-01-15T00:00:00.000Z', 99, 51],
    ],
    [
      'type filter with cursor',
      { from: false, to: false, types: 2, cursor: true },
      [7, 'package_purchase', 'adjustment', '2026-01-15T00:00:00.000Z', 99, 51],
    ],
  ];
  it.each(shapes)('%s', (_name, shape, args) => {
    const def = historyQuery(shape);
    expect(args).toHaveLength(def.arity);
    expectIndexed(planOf(def.build(db.k, ...args)), 'ledger_entries', HISTORY_INDEX);
  });

  it('a cursor page seeks into the index instead of filtering from the top', () => {
    const details = planOf(
      historyQuery({ from: false, to: false, types: 0, cursor: true }).build(
        db.k,
        7,
        '2026-01-01T00:00:00.000Z',
        99,
        51,
      ),
    );
    // SQLite seeks on the row value's leading column ("created_at<?") and checks id in the index.
    expect(details.join('\n')).toMatch(/ledger_entries_history \(client_id=\? AND \(?created_at(,id\))?<\(?\?/);
  });
});

describe('the request queue', () => {
  it('pending requests, newest first, by the status index', () => {
    expectIndexed(planOf(requestsPageQuery(db, { status: 'pending' })), 'credit_requests', /credit_requests_by_status/);
  });

  it('the next page of the queue', () => {
    const cursor = Buffer.from(JSON.stringify([500])).toString('base64url');
    const details = planOf(requestsPageQuery(db, { status: 'pending', cursor }));
    expectIndexed(details, 'credit_requests', /credit_requests_by_status \(status=\? AND id<\?\)/);
  });

  it("one client's requests by status", () => {
    expectIndexed(
      planOf(requestsPageQuery(db, { status: 'pending', clientId: 3 })),
      'credit_requests',
      /USING INDEX credit_requests_by_client/,
    );
  });
});

describe('statements', () => {
  it('the opening balance is the last entry before the period, found by one index seek', () => {
    // The statement's opening balance (F10): the running balance of the last entry before `from`.
    const sql =
      'SELECT balance_after FROM ledger_entries WHERE client_id = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1';
    expectIndexed(plan(sql, [7, '2026-01-01T00:00:00.000Z']), 'ledger_entries', HISTORY_INDEX);
  });

  it('a period of entries in date order', () => {
    const sql =
      'SELECT * FROM ledger_entries WHERE client_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id';
    expectIndexed(
      plan(sql, [7, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']),
      'ledger_entries',
      HISTORY_INDEX,
    );
  });
});
