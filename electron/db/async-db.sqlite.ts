/**
 * {@link AsyncDb} on SQLite, over the same better-sqlite3 handle and statement cache as the
 * synchronous {@link Db}. better-sqlite3 runs every statement synchronously; what makes this
 * correct is ordering: a write transaction may now await between statements, so everything on
 * this connection (transactions and single statements alike) queues behind the transaction in
 * progress. Otherwise a statement issued elsewhere in the process while a transaction awaits
 * would silently become part of it (and be rolled back with it). Other processes wait on the
 * write lock through the busy timeout (BEGIN IMMEDIATE), as the synchronous Db does.
 *
 * One handle per ledger file per process: a second connection in the same process would wait
 * for the write lock in SQLite's busy handler, which blocks the event loop, so the transaction
 * holding the lock could never finish. Several writers on one file are several processes.
 * For the same reason the synchronous Db over the same connection must not write while an
 * async transaction is open (the services move over whole, not one by one).
 */
import type { Compilable, Kysely } from 'kysely';
import type { Db, QueryDef } from './database';
import type { DB } from './schema';
import type { AsyncDb, AsyncPrecompiled, AsyncQueries, AsyncTx, RunResult, WriteOptions } from './async-db';

type Run = <T>(work: () => T) => Promise<T>;

function queriesOver(db: Db, run: Run): AsyncQueries {
  return {
    engine: 'sqlite',
    k: db.k,
    all: <O>(query: Compilable<O>) => run(() => db.all(query)),
    get: <O>(query: Compilable<O>) => run(() => db.get(query)),
    run: (query: Compilable<unknown>) => run(() => ({ changes: db.run(query).changes })),
    prepared: <A extends unknown[], O>(def: QueryDef<A, O>): AsyncPrecompiled<A, O> => {
      const p = db.prepared(def);
      return {
        all: (...args: A) => run(() => p.all(...args)),
        get: (...args: A) => run(() => p.get(...args)),
        run: (...args: A) => run((): RunResult => ({ changes: p.run(...args).changes })),
      };
    },
  };
}

/** The async handle over an open SQLite ledger. Closing it closes `db`. */
export class SqliteAsyncDb implements AsyncDb {
  readonly engine = 'sqlite' as const;
  readonly k: Kysely<DB>;
  private tail: Promise<void> = Promise.resolve();
  private readonly outside: AsyncQueries;
  // Inside a transaction the queue is already ours: statements run at once.
  private readonly inside: AsyncQueries;

  constructor(readonly db: Db) {
    this.k = db.k;
    this.outside = queriesOver(db, (work) => this.exclusive(() => Promise.resolve(work())));
    this.inside = queriesOver(db, (work) => {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    });
  }

  /** Runs `work` when everything queued before it has finished. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((done) => (release = done));
    return previous.then(work).finally(release);
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

  write<T>(fn: (tx: AsyncTx) => Promise<T>, _options?: WriteOptions): Promise<T> {
    const tx = {
      ...this.inside,
      lockRows: () => Promise.resolve(),
      forUpdate: <Q>(query: Q) => query,
    } as unknown as AsyncTx;
    return this.exclusive(() => this.transaction('BEGIN IMMEDIATE', () => fn(tx)));
  }

  read<T>(fn: (q: AsyncQueries) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.transaction('BEGIN', () => fn(this.inside)));
  }

  private async transaction<T>(begin: string, fn: () => Promise<T>): Promise<T> {
    const sqlite = this.db.sqlite;
    sqlite.exec(begin);
    try {
      const result = await fn();
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      // A failed COMMIT or a statement error may already have ended the transaction.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  }

  close(): Promise<void> {
    return this.exclusive(() => {
      this.db.close();
      return Promise.resolve();
    });
  }
}
