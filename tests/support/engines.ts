/**
 * One ledger suite, both engines (issue 12 item 4): `forEachEngine` runs the same test code
 * against a fresh in-memory SQLite ledger and against a fresh PostgreSQL database copied from
 * a migrated template on ONE throw-away cluster per test file (tests/support/pg-cluster.ts).
 * The helpers never reach for better-sqlite3's synchronous handle: raw rows, raw statements
 * and the "nothing was written" snapshot go through each engine's own SQL, so a check such as
 * "a refused call writes nothing" means the same on both.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Channel, Input, Output } from '../../shared/contract';
import type { ApiError, ErrorCode, Result } from '../../shared/result';
import type { AsyncDb, Engine } from '../../electron/db/async-db';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import type { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { openPostgresLedger } from '../../electron/db/pg/open';
import { createRouter, type Router } from '../../electron/ipc/router';
import { syncHandlers } from '../../electron/sync/handlers';
import { freshLedgerUrl } from '../pg/support';
import { findPgBinDir, pgMissingMessage, startPgCluster, type PgCluster } from './pg-cluster';
import { expectations, testClock, type TestClock } from './ledger';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** A migrated ledger on one engine, with the same helpers as tests/support/ledger.ts. */
export interface EngineLedger {
  engine: Engine;
  db: AsyncDb;
  router: Router;
  clock: TestClock;
  call(channel: string, input: unknown, actor?: string): Promise<Result<unknown>>;
  ok<C extends Channel>(channel: C, input: Input<C>, actor?: string): Promise<Output<C>>;
  refused(channel: string, input: unknown, code: ErrorCode, actor?: string): Promise<ApiError>;
  /** Every table's rows ordered by primary key, as JSON: equal snapshots mean nothing was written. */
  dump(): Promise<string>;
  /** Raw rows; `?` placeholders work on both engines. */
  rows<T = Record<string, unknown>>(sqlText: string, ...params: unknown[]): Promise<T[]>;
  /** A raw statement (e.g. tampering with a row the way an attacker with the file would). */
  exec(sqlText: string, ...params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** What a suite gets for the engine it runs on. */
export interface EngineContext {
  engine: Engine;
  /** A fresh, migrated, empty ledger (PostgreSQL: a new database copied from the template). */
  open(clock?: TestClock): Promise<EngineLedger>;
  /** The PostgreSQL cluster of this file (throws on SQLite). */
  cluster(): PgCluster;
}

/** `?` placeholders become `$1, $2, …` for PostgreSQL (test SQL has no `?` inside strings). */
function dollarPlaceholders(sqlText: string): string {
  let n = 0;
  return sqlText.replace(/\?/g, () => `$${++n}`);
}

const raw = (sqlText: string, params: unknown[]): Compilable<unknown> => ({
  compile: () => CompiledQuery.raw(sqlText, params),
});

const TABLES_SQL: Record<Engine, string> = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  postgres:
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
};

const PRIMARY_KEY_SQL: Record<Engine, string> = {
  sqlite: 'SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk',
  postgres: `SELECT a.attname AS name FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = (current_schema() || '.' || ?)::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey, a.attnum)`,
};

/** Wraps an async ledger handle (either engine) in the test helpers. */
function engineLedger(engine: Engine, db: AsyncDb, router: Router, clock: TestClock, close: () => Promise<void>) {
  const rows = async <T>(sqlText: string, ...params: unknown[]): Promise<T[]> =>
    (await db.all(raw(engine === 'postgres' ? dollarPlaceholders(sqlText) : sqlText, params))) as T[];
  const call = (channel: string, input: unknown, actor = 'tester') => router.call(channel, input, { actor });
  const ledger: EngineLedger = {
    engine,
    db,
    router,
    clock,
    call,
    ...expectations(call),
    dump: () => snapshotOf(db),
    rows,
    async exec(sqlText, ...params) {
      await db.run(raw(engine === 'postgres' ? dollarPlaceholders(sqlText) : sqlText, params));
    },
    close,
  };
  return ledger;
}

const snapshotQueries = new WeakMap<AsyncDb, Promise<string[]>>();

/**
 * Every table's rows ordered by primary key, as JSON, on either engine: equal snapshots of one
 * database mean nothing was written between them. The catalogue is read once per handle (the
 * schema does not change under a test); on PostgreSQL the whole snapshot is then ONE query
 * (json_agg per table), so a test can take one after every call without paying a round trip
 * per table.
 */
export async function snapshotOf(db: AsyncDb): Promise<string> {
  let queries = snapshotQueries.get(db);
  if (queries === undefined) {
    queries = snapshotSql(db);
    snapshotQueries.set(db, queries);
  }
  const out: string[] = [];
  for (const text of await queries) {
    const rows = (await db.all(raw(text, []))) as Record<string, unknown>[];
    out.push(db.engine === 'postgres' ? String(rows[0]!.snapshot) : JSON.stringify(rows));
  }
  return out.join('\n');
}

async function snapshotSql(db: AsyncDb): Promise<string[]> {
  const engine = db.engine;
  const rows = async (text: string, ...params: unknown[]) =>
    (await db.all(raw(engine === 'postgres' ? dollarPlaceholders(text) : text, params))) as { name: string }[];
  const tables: { name: string; keys: string[] }[] = [];
  for (const { name } of await rows(TABLES_SQL[engine]))
    tables.push({ name, keys: (await rows(PRIMARY_KEY_SQL[engine], name)).map((k) => k.name) });
  // A table without a primary key is ordered by its whole row: still deterministic.
  if (engine === 'sqlite') {
    return tables.map(
      ({ name, keys }) =>
        `SELECT * FROM "${name}" ORDER BY ${keys.length > 0 ? keys.map((k) => `"${k}"`).join(', ') : 'rowid'}`,
    );
  }
  const parts = tables.map(({ name, keys }) => {
    const order = keys.length > 0 ? keys.map((k) => `t."${k}"`).join(', ') : 't::text';
    return `'${name}', (SELECT coalesce(json_agg(t ORDER BY ${order}), '[]'::json) FROM "${name}" t)`;
  });
  return [`SELECT json_build_object(${parts.join(', ')})::text AS snapshot`];
}

const prefetched = new WeakMap<PgCluster, Promise<string>>();

/**
 * A fresh migrated database's URL. The copy for the next test is started at once, so that
 * CREATE DATABASE (a few hundred ms on a busy machine, mostly waiting on the disk) overlaps
 * with the test that runs meanwhile.
 */
async function nextDatabase(cluster: PgCluster): Promise<string> {
  const url = prefetched.get(cluster) ?? freshLedgerUrl(cluster);
  const following = url.then(() => freshLedgerUrl(cluster));
  following.catch(() => undefined); // a failure surfaces when a test awaits it
  prefetched.set(cluster, following);
  return url;
}

/** A fresh ledger on `engine`; `cluster` is needed for PostgreSQL. */
export async function openEngineLedger(
  engine: Engine,
  cluster: () => PgCluster,
  clock: TestClock = testClock(),
): Promise<EngineLedger> {
  return engine === 'sqlite'
    ? sqliteEngineLedger(await openLedgerDatabase(':memory:'), clock)
    : postgresEngineLedger(await nextDatabase(cluster()), clock);
}

/** The helpers over an open SQLite ledger (closing the helper closes it). */
export function sqliteEngineLedger(sqlite: Db, clock: TestClock = testClock()): EngineLedger {
  const router = createRouter({ db: sqlite, clock: clock.now, sync: syncHandlers() });
  return engineLedger('sqlite', asyncDbOf(sqlite), router, clock, async () => sqlite.close());
}

/** The helpers over the PostgreSQL ledger at `url` (opened and migrated here). */
export async function postgresEngineLedger(url: string, clock: TestClock = testClock()): Promise<EngineLedger> {
  const db = await openPostgresLedger(url);
  const router = createRouter({ db, clock: clock.now, sync: syncHandlers() });
  return engineLedger('postgres', db, router, clock, () => db.close());
}

/**
 * Runs `body` once per engine, in a describe block named after it. The PostgreSQL block starts
 * one cluster for the whole file's block and stops it after. Where PostgreSQL is not installed
 * that block is skipped with a message, except in CI (env CI set), where it is a failure.
 */
export function forEachEngine(body: (ctx: EngineContext) => void): void {
  describe.each(ENGINES)('on %s', (engine) => {
    let cluster: PgCluster | undefined;
    const getCluster = (): PgCluster => {
      if (cluster === undefined) throw new Error('the PostgreSQL test cluster is not running');
      return cluster;
    };
    if (engine === 'postgres') {
      const binDir = findPgBinDir();
      if (binDir === null && process.env.CI === undefined) {
        console.warn(`Skipping the PostgreSQL run: ${pgMissingMessage()} (In CI this is a failure.)`);
        it.skip('needs PostgreSQL installed', () => undefined);
        return;
      }
      beforeAll(async () => {
        cluster = await startPgCluster(binDir);
      });
      afterAll(async () => {
        if (cluster === undefined) return;
        // Let a database copy still in flight finish: stopping the server under it stalls.
        await prefetched.get(cluster)?.catch(() => undefined);
        const stopping = Date.now();
        cluster.stop();
        if (process.env.PG_TEST_TIMING !== undefined) console.log(`cluster stopped in ${Date.now() - stopping} ms`);
      });
    }
    body({ engine, open: (clock) => openEngineLedger(engine, getCluster, clock), cluster: getCluster });
  });
}
