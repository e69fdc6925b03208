/**
 * {@link AsyncDb} on PostgreSQL through a pg pool. Kysely only compiles (PostgreSQL dialect);
 * pg runs. A write transaction holds one pooled connection from BEGIN to COMMIT, so many
 * writers (in this process and in others) run side by side and serialise only where they
 * lock the same rows. A serialization failure or deadlock rolls back and runs the whole
 * transaction again, at most `maxAttempts` times, after a short random pause so that the
 * two losers of a deadlock do not collide again in step.
 */
import { createHash } from 'node:crypto';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
} from 'kysely';
import type pg from 'pg';
import type { QueryDef } from '../database';
import type { DB } from '../schema';
import {
  DEFAULT_WRITE_ATTEMPTS,
  dbErrorKind,
  lockOrder,
  type AsyncDb,
  type AsyncPrecompiled,
  type AsyncQueries,
  type AsyncTx,
  type RunResult,
  type WriteOptions,
} from '../async-db';

/** A place in a precompiled query that takes the call's n-th argument. */
class Slot {
  constructor(readonly index: number) {}
}

interface Compiled {
  name: string;
  text: string;
  bind: (args: unknown[]) => unknown[];
}

type Execute = (config: pg.QueryConfig) => Promise<pg.QueryResult>;

/** The compile-only query builder in PostgreSQL's dialect. */
export function postgresBuilder(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

export class PgAsyncDb implements AsyncDb {
  readonly engine = 'postgres' as const;
  readonly k = postgresBuilder();
  private readonly compiled = new Map<QueryDef<never, unknown>, Compiled>();
  private readonly outside: AsyncQueries;

  constructor(readonly pool: pg.Pool) {
    this.outside = this.queriesOn((config) => pool.query(config));
  }

  /** A hot query compiled once; pg prepares it by name once per connection. */
  private compile<A extends unknown[], O>(def: QueryDef<A, O>): Compiled {
    const key = def as unknown as QueryDef<never, unknown>;
    let c = this.compiled.get(key);
    if (c === undefined) {
      const slots = Array.from({ length: def.arity }, (_, i) => new Slot(i)) as unknown as A;
      const query = def.build(this.k, ...slots).compile();
      const binders = (query.parameters as unknown[]).map((p) => (p instanceof Slot ? p.index : { value: p }));
      c = {
        // Named after the SQL itself: the same statement gets the same name on any handle
        // sharing a connection, and two different statements can never claim one name.
        name: `credit_desk_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`,
        text: query.sql,
        bind: (args) => binders.map((b) => (typeof b === 'number' ? args[b] : b.value)),
      };
      this.compiled.set(key, c);
    }
    return c;
  }

  private queriesOn(execute: Execute): AsyncQueries {
    const plain = (query: Compilable<unknown>) => {
      const c = query.compile();
      return execute({ text: c.sql, values: c.parameters as unknown[] });
    };
    const changes = (r: pg.QueryResult): RunResult => ({ changes: r.rowCount ?? 0 });
    return {
      engine: 'postgres',
      k: this.k,
      all: async <O>(query: Compilable<O>) => (await plain(query)).rows as O[],
      get: async <O>(query: Compilable<O>) => (await plain(query)).rows[0] as O | undefined,
      run: async (query) => changes(await plain(query)),
      prepared: <A extends unknown[], O>(def: QueryDef<A, O>): AsyncPrecompiled<A, O> => {
        const c = this.compile(def);
        const go = (args: unknown[]) => execute({ name: c.name, text: c.text, values: c.bind(args) });
        return {
          all: async (...args) => (await go(args)).rows as O[],
          get: async (...args) => (await go(args)).rows[0] as O | undefined,
          run: async (...args) => changes(await go(args)),
        };
      },
    };
  }

  all<O>(query: Compilable<O>): Promise<O[]> {
    return this.outside.all(query);
  }
  get<O>(query: Compilable<O>): Promise<O | undefined> {
    return this.outside.get(query);
  }
  run(query: Compilable<unknown>): Promise<RunResult> {
    return this.outside.run(query);
  }
  prepared<A extends unknown[], O>(def: QueryDef<A, O>): AsyncPrecompiled<A, O> {
    return this.outside.prepared(def);
  }

  async write<T>(fn: (tx: AsyncTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const attempts = options.maxAttempts ?? DEFAULT_WRITE_ATTEMPTS;
    const begin = options.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(begin, (queries) => fn(this.writeHandle(queries)));
      } catch (error) {
        if (dbErrorKind(error) !== 'retry' || attempt >= attempts) throw error;
      }
      // Up to 2, 4, 8 … 64 ms, at random: the transactions that collided start apart.
      await new Promise((wake) => setTimeout(wake, Math.random() * 2 ** Math.min(attempt, 6)));
    }
  }

  read<T>(fn: (q: AsyncQueries) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
  }

  private writeHandle(queries: AsyncQueries): AsyncTx {
    const tx = {
      ...queries,
      lockRows: async (table: string, column: string, keys: readonly (number | string)[]) => {
        const ordered = lockOrder(keys);
        if (ordered.length === 0) return;
        // ORDER BY then FOR UPDATE: rows are locked in key order, the same in every transaction.
        const lock = sql`SELECT 1 FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ANY(${ordered}) ORDER BY ${sql.ref(column)} FOR UPDATE`;
        await queries.run({ compile: () => lock.compile(this.k) });
      },
      forUpdate: <Q extends { forUpdate(): Q }>(query: Q) => query.forUpdate(),
    };
    return tx as unknown as AsyncTx;
  }

  /** BEGIN … COMMIT on one pooled connection; the handle refuses use after the transaction. */
  private async transaction<T>(begin: string, fn: (queries: AsyncQueries) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let open = true;
    let discard = false;
    const queries = this.queriesOn((config) => {
      if (!open)
        return Promise.reject(new Error('this transaction has ended: use the handle only inside write()/read()'));
      return client.query(config);
    });
    try {
      await client.query(begin);
      try {
        const result = await fn(queries);
        // COMMIT of a transaction in which a statement failed (and fn swallowed the error)
        // quietly rolls back: that must not pass for success.
        const commit = await client.query('COMMIT');
        if (commit.command === 'ROLLBACK') {
          throw new Error('the transaction was rolled back because a statement in it failed');
        }
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          discard = true;
        });
        throw error;
      }
    } finally {
      open = false;
      client.release(discard);
    }
  }

  writesSettled(): null {
    return null;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
