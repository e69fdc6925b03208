/**
 * The bank service tests run once per engine: a fresh migrated ledger on SQLite (:memory:) and
 * on PostgreSQL (a database copied from a migrated template in the file's throw-away cluster).
 */
import type { Channel, Input, Output } from '../../shared/contract';
import type { ApiError, ErrorCode, Result } from '../../shared/result';
import type { AsyncDb } from '../../electron/db/async-db';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter } from '../../electron/ipc/router';
import { freshLedgerUrl } from '../pg/support';
import type { PgCluster } from '../support/pg-cluster';

/** A ledger on one engine, called through the router like every door does. */
export interface EngineLedger {
  db: AsyncDb;
  call(channel: string, input: unknown, actor?: string): Promise<Result<unknown>>;
  ok<C extends Channel>(channel: C, input: Input<C>, actor?: string): Promise<Output<C>>;
  refused(channel: string, input: unknown, code: ErrorCode, actor?: string): Promise<ApiError>;
  /** Rows of a table, counted in the database itself. */
  count(table: 'bank_imports' | 'bank_transactions' | 'ledger_entries'): Promise<number>;
  close(): Promise<void>;
}

function over(db: AsyncDb, close: () => Promise<void>): EngineLedger {
  const router = createRouter({ db, clock: () => new Date('2026-03-04T10:00:00.000Z') });
  const call = (channel: string, input: unknown, actor = 'tester') => router.call(channel, input, { actor });
  return {
    db,
    call,
    async ok<C extends Channel>(channel: C, input: Input<C>, actor?: string) {
      const r = await call(channel, input, actor);
      if (!r.ok) throw new Error(`${channel} was refused: ${JSON.stringify(r.error)}`);
      return r.value as Output<C>;
    },
    async refused(channel, input, code, actor) {
      const r = await call(channel, input, actor);
      if (r.ok) throw new Error(`${channel} succeeded but ${code} was expected: ${JSON.stringify(r.value)}`);
      if (r.error.code !== code) throw new Error(`${channel}: expected ${code}, got ${JSON.stringify(r.error)}`);
      return r.error;
    },
    async count(table) {
      const row = await db.get(db.k.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')));
      return Number(row!.n);
    },
    close,
  };
}

/** A fresh SQLite ledger in memory. */
export async function sqliteLedger(): Promise<EngineLedger> {
  const raw = await openLedgerDatabase(':memory:');
  return over(asyncDbOf(raw), () => Promise.resolve(raw.close()));
}

/** A fresh PostgreSQL ledger in `cluster`. */
export async function postgresLedger(cluster: PgCluster): Promise<EngineLedger> {
  const db = await openAsyncLedger(await freshLedgerUrl(cluster));
  return over(db, () => db.close());
}
