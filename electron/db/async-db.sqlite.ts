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
  // One wrapper per declared query, made on first use: the posting path asks for its
  // statements on every call, and building closures each time is measurable there.
  const wrappers = new Map<QueryDef<never, unknown>, AsyncPrecompiled<never, unknown>>();
  return {
    engine: 'sqlite',
    k: db.k,
    all: <O>(query: Compilable<O>) => run(() => db.all(query)),
    get: <O>(query: Compilable<O>) => run(() => db.get(query)),
    run: (query: Compilable<unknown>) => run(() => ({ changes: db.run(query).changes })),
    prepared: <A extends unknown[], O>(def: QueryDef<A, O>): AsyncPrecompiled<A, O> => {
      const key = def as unknown as QueryDef<never, unknown>;
      let wrapper = wrappers.get(key) as AsyncPrecompiled<A, O> | undefined;
      if (wrapper === undefined) {
        const p = db.prepared(def);
        wrapper = {
          all: (...args: A) => run(() => p.all(...args)),
          get: (...args: A) => run(() => p.get(...args)),
          run: (...args: A) => run((): RunResult => ({ changes: p.run(...args).changes })),
        };
        wrappers.set(key, wrapper as unknown as AsyncPrecompiled<never, unknown>);
      }
      return wrapper;
    },
  };
}

const handles = new WeakMap<Db, SqliteAsyncDb>();

/**
 * The one async handle over `db` (made on first use): every door and router over the same
 * connection must share one queue, or two transactions could interleave on it.
 */
export function asyncDbOf(db: Db): SqliteAsyncDb {
  let handle = handles.get(db);
  if (handle === undefined) {
    handle = new SqliteAsyncDb(db);
    handles.set(db, handle);
  }
  return handle;
}

/** The async handle over an open SQLite ledger. Closing it closes `db`. */
export class SqliteAsyncDb implements AsyncDb {
  readonly engine = 'sqlite' as const;
  readonly k: Kysely<DB>;
  private tail: Promise<void> = Promise.resolve();
  private readonly outside: AsyncQueries;
  // Inside a transaction the queue is already ours: statements run at once.
  private readonly inside: AsyncQueries;
  private writeHandle: AsyncTx | undefined;

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

  /**
   * Runs SQLite-only work on the synchronous handle (a restore that rewrites the file, a
   * backup's copy) once no transaction of this handle is open, and holds the queue until it ends.
   */
  withConnection<T>(work: (db: Db) => Promise<T> | T): Promise<T> {
    return this.exclusive(async () => work(this.db));
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
    const tx = (this.writeHandle ??= {
      ...this.inside,
      // The transaction holds the database's write lock: no row locks to take.
      lockRows: () => Promise.resolve(),
      forUpdate: <Q>(query: Q) => query,
    } as unknown as AsyncTx);
    return this.exclusive(async () => {
      // The start-up integrity check may refuse writes (db/open.ts), as Db.write does.
      this.db.assertWritable();
      const value = await this.transaction('BEGIN IMMEDIATE', () => fn(tx));
      this.db.checkpointer?.afterCommit();
      return value;
    });
  }

  writesSettled(): Promise<unknown> | null {
    return this.db.writesSettled();
  }

  read<T>(fn: (q: AsyncQueries) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.transaction('BEGIN', () => fn(this.inside)));
  }

  private async transaction<T>(begin: string, fn: () => Promise<T>): Promise<T> {
    const { sqlite } = this.db;
    // Prepared once through the Db's statement cache (exec would parse the text every time).
    this.db.statement(begin).run();
    try {
      const result = await fn();
      this.db.statement('COMMIT').run();
      return result;
    } catch (error) {
      // A failed COMMIT or a statement error may already have ended the transaction.
      if (sqlite.inTransaction) this.db.statement('ROLLBACK').run();
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
