/**
 * The database interface services will be written against once, for both engines (PRODUCT F13,
 * ARCHITECTURE "Two engines, one set of rules"). Every call returns a Promise; everything that
 * differs between SQLite and PostgreSQL (how a write transaction starts, row locks, retries,
 * prepared statements, error codes) lives behind it, in electron/db only.
 *
 * - `write(fn)`: one write transaction. SQLite: BEGIN IMMEDIATE, one writer at a time (in this
 *   process a queue; across processes the busy timeout). PostgreSQL: READ COMMITTED plus
 *   explicit row locks (`tx.lockRows`, in ascending key order, so two postings that touch the
 *   same two clients lock them in the same order), or SERIALIZABLE on request. On PostgreSQL a
 *   serialization failure (40001) or a deadlock (40P01) rolls back and runs `fn` again, a
 *   bounded number of times: `fn` must therefore only touch the database (never the network,
 *   never state outside the transaction), which is the rule for services anyway.
 * - `read(fn)`: several reads against one consistent snapshot.
 * - `prepared(def)`: a hot query declared once with `defineQuery` (the same QueryDef the
 *   synchronous Db uses) compiled once per database in that engine's SQL dialect; PostgreSQL
 *   runs it as a named prepared statement, parsed and planned once per connection.
 * - RETURNING and upserts are written with Kysely's builder (`.returning('id')`,
 *   `.onConflict((oc) => oc.columns([...]).doNothing())`), which compiles them for each engine;
 *   `lastInsertRowid` has no PostgreSQL equivalent, so new ids come back through RETURNING
 *   ({@link insertedId}).
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { QueryDef } from './database';
import type { DB } from './schema';

/** Which database engine holds the ledger. */
export type Engine = 'sqlite' | 'postgres';

/** What a statement changed. */
export interface RunResult {
  changes: number;
}

/** A hot query compiled once; only its arguments change between runs. */
export interface AsyncPrecompiled<A extends unknown[], O> {
  all(...args: A): Promise<O[]>;
  get(...args: A): Promise<O | undefined>;
  run(...args: A): Promise<RunResult>;
}

/** Query methods available inside and outside a transaction. */
export interface AsyncQueries {
  readonly engine: Engine;
  /** The query builder in this engine's dialect (compile-only: execution goes through the methods below). */
  readonly k: Kysely<DB>;
  all<O>(query: Compilable<O>): Promise<O[]>;
  get<O>(query: Compilable<O>): Promise<O | undefined>;
  run(query: Compilable<unknown>): Promise<RunResult>;
  /** The compiled form of a declared hot query, cached for the life of the handle. */
  prepared<A extends unknown[], O>(def: QueryDef<A, O>): AsyncPrecompiled<A, O>;
}

declare const inAsyncTransaction: unique symbol;

/** A key of a lockable row: tables are locked by one column (e.g. client_balances.client_id). */
export type RowKey = number | string;

/**
 * A handle that exists only inside {@link AsyncDb.write}: a function that takes an `AsyncTx`
 * must run in a write transaction, and the type system says so.
 */
export type AsyncTx = AsyncQueries & {
  readonly [inAsyncTransaction]: true;
  /**
   * Locks the rows of `table` whose `column` is one of `keys` until the transaction ends,
   * always in ascending key order (duplicates removed), so two transactions that lock the
   * same rows can never wait for each other in a circle. PostgreSQL: SELECT … ORDER BY …
   * FOR UPDATE. SQLite: nothing to do, the transaction already holds the database's write lock.
   * Rows that do not exist are not locked: create them with a unique key and let a conflict
   * retry, or lock a parent row.
   */
  lockRows<T extends keyof DB & string>(table: T, column: keyof DB[T] & string, keys: readonly RowKey[]): Promise<void>;
  /** `query … FOR UPDATE` on PostgreSQL, `query` itself on SQLite (which has no row locks to take). */
  forUpdate<Q extends { forUpdate(): Q }>(query: Q): Q;
};

/** Options for {@link AsyncDb.write}. */
export interface WriteOptions {
  /**
   * PostgreSQL only: 'read committed' (the default; serialise through `lockRows`) or
   * 'serializable' (PostgreSQL detects conflicts; the write is retried). SQLite's BEGIN
   * IMMEDIATE is serial already.
   */
  isolation?: 'read committed' | 'serializable';
  /** How many times a write that hit a serialization failure or a deadlock is run in all (default 10). */
  maxAttempts?: number;
}

/** The database handle services receive. */
export interface AsyncDb extends AsyncQueries {
  /** Runs `fn` in one write transaction; anything thrown rolls everything back (a refused call writes nothing). */
  write<T>(fn: (tx: AsyncTx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Runs several reads against one consistent snapshot. */
  read<T>(fn: (q: AsyncQueries) => Promise<T>): Promise<T>;
  /**
   * Resolves once no start-up check is running (null when none is): the router lets a write
   * wait on it rather than be refused. Only a SQLite file has such a check (db/open.ts).
   */
  writesSettled(): Promise<unknown> | null;
  close(): Promise<void>;
}

export const DEFAULT_WRITE_ATTEMPTS = 10;

/** The `id` a `…returning('id')` insert gave back (both engines support RETURNING). */
export async function insertedId(q: AsyncQueries, insert: Compilable<{ id: number }>): Promise<number> {
  const row = await q.get(insert);
  if (row === undefined) throw new Error('the insert returned no id');
  return row.id;
}

/**
 * Runs `fn` in a savepoint of the write transaction `tx`: if it throws, only its changes are
 * undone and the transaction goes on (a sync page keeps the payments before a refused one).
 * Needed on PostgreSQL, where a failed statement otherwise aborts the whole transaction; the
 * same SQL on SQLite. One name for all: nested savepoints of one name unwind innermost first,
 * and a constant text keeps the prepared-statement caches from growing.
 */
export async function inSavepoint<T>(tx: AsyncTx, fn: () => Promise<T>): Promise<T> {
  const name = 'credit_desk_sp';
  const statement = (text: string): Compilable<unknown> => ({ compile: () => CompiledQuery.raw(text) });
  await tx.run(statement(`SAVEPOINT ${name}`));
  try {
    const value = await fn();
    await tx.run(statement(`RELEASE SAVEPOINT ${name}`));
    return value;
  } catch (error) {
    await tx.run(statement(`ROLLBACK TO SAVEPOINT ${name}`));
    await tx.run(statement(`RELEASE SAVEPOINT ${name}`));
    throw error;
  }
}

/** What a database error means for the caller, the same on both engines. */
export type DbErrorKind =
  /** a UNIQUE or PRIMARY KEY constraint said no: the thing exists already (exactly-once) */
  | 'unique'
  /** a trigger refused the change (append-only rows, a final decision) */
  | 'refused-by-trigger'
  /** the database is busy with another writer beyond the wait we allow */
  | 'busy'
  /** a serialization failure or a deadlock: running the transaction again is correct */
  | 'retry';

/** Classifies better-sqlite3's `code` and PostgreSQL's SQLSTATE alike; undefined for anything else. */
export function dbErrorKind(error: unknown): DbErrorKind | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case '23505': // unique_violation
      return 'unique';
    case 'SQLITE_CONSTRAINT_TRIGGER':
    case '23001': // restrict_violation, raised by credit_desk_refuse() (migration 0001)
      return 'refused-by-trigger';
    case 'SQLITE_BUSY':
    case 'SQLITE_BUSY_SNAPSHOT':
    case 'SQLITE_LOCKED':
    case '55P03': // lock_not_available
      return 'busy';
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return 'retry';
    default:
      return undefined;
  }
}

/** Sorted, without duplicates: the one order in which every transaction takes its locks. */
export function lockOrder(keys: readonly RowKey[]): RowKey[] {
  return [...new Set(keys)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
}
