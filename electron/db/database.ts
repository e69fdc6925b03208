/**
 * The ledger's database handle. Kysely builds and type-checks every query; better-sqlite3
 * runs it synchronously through a cache of prepared statements. Synchronous execution is
 * deliberate: a write transaction can never await the network (the type system would need a
 * Promise to do it), ledger writes run strictly one at a time, and the posting path stays
 * within a few microseconds of raw better-sqlite3 (Kysely's own executor re-prepares every
 * statement, ~25–30 µs a query).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { DB } from './schema';
import type { Checkpointer } from './checkpoint';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** A place in a precompiled query that takes the call's n-th argument. */
class Slot {
  constructor(readonly index: number) {}
}

/** A query compiled once; only its arguments change between runs. */
export interface Precompiled<A extends unknown[], O> {
  all(...args: A): O[];
  get(...args: A): O | undefined;
  run(...args: A): BetterSqlite3.RunResult;
}

/**
 * A hot query, declared once at module level and compiled once per database on first use
 * (see {@link Queries.prepared}): building and compiling a Kysely query costs ~20–30 µs, more
 * than running it, so the service paths that run on every posting or page declare theirs.
 */
export interface QueryDef<A extends unknown[], O> {
  readonly arity: number;
  readonly build: (k: Kysely<DB>, ...args: A) => Compilable<O>;
}

/** Declares a {@link QueryDef}: `build` receives the builder and one placeholder per argument. */
export function defineQuery<A extends unknown[], O>(
  arity: A['length'],
  build: (k: Kysely<DB>, ...args: A) => Compilable<O>,
): QueryDef<A, O> {
  return { arity, build };
}

/** Query methods available both inside and outside a transaction. */
export interface Queries {
  /** The query builder (compile-only: execution goes through the methods below). */
  readonly k: Kysely<DB>;
  all<O>(query: Compilable<O>): O[];
  get<O>(query: Compilable<O>): O | undefined;
  run(query: Compilable<unknown>): BetterSqlite3.RunResult;
  /** The compiled form of a declared hot query, cached for the life of the database handle. */
  prepared<A extends unknown[], O>(def: QueryDef<A, O>): Precompiled<A, O>;
}

declare const inTransaction: unique symbol;
/**
 * A handle that exists only inside {@link Db.write}: a service function that takes a `Tx`
 * must run in a transaction, and the type system says so.
 */
export type Tx = Queries & { readonly [inTransaction]: true };

/** The database: queries, a statement cache and write transactions. */
export class Db implements Queries {
  readonly k: Kysely<DB>;
  private readonly statements = new Map<string, Statement>();
  private readonly compiled = new Map<QueryDef<never, unknown>, Precompiled<never, unknown>>();
  // better-sqlite3 builds a wrapper per transaction() call; build ours once.
  private readonly transact: BetterSqlite3.Transaction<(fn: (db: Db) => unknown) => unknown>;
  /** Why writes are refused right now (a start-up check still running, or one that failed). */
  private writeRefusal: Error | null = null;
  /** The start-up check still running, for callers that would rather wait than be refused. */
  private pendingCheck: Promise<unknown> | null = null;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    /** Takes WAL checkpoints off the commit path (see checkpoint.ts); file ledgers only. */
    readonly checkpointer?: Checkpointer,
  ) {
    this.k = new Kysely<DB>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    this.transact = sqlite.transaction((fn: (db: Db) => unknown) => fn(this));
  }

  /** The cached prepared statement for `sql`. */
  statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  all<O>(query: Compilable<O>): O[] {
    const c = query.compile();
    return this.statement(c.sql).all(...(c.parameters as unknown[])) as O[];
  }

  get<O>(query: Compilable<O>): O | undefined {
    const c = query.compile();
    return this.statement(c.sql).get(...(c.parameters as unknown[])) as O | undefined;
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const c = query.compile();
    return this.statement(c.sql).run(...(c.parameters as unknown[]));
  }

  /**
   * Compiles a hot query once. `build` receives placeholders standing for the call's
   * arguments; each run binds the real arguments in their places.
   */
  precompile<A extends unknown[], O>(arity: A['length'], build: (...args: A) => Compilable<O>): Precompiled<A, O> {
    const slots = Array.from({ length: arity }, (_, i) => new Slot(i)) as unknown as A;
    const compiled = build(...slots).compile();
    const binders = (compiled.parameters as unknown[]).map((p) => (p instanceof Slot ? p.index : { value: p }));
    const stmt = this.statement(compiled.sql);
    const bind = (args: unknown[]): unknown[] => binders.map((b) => (typeof b === 'number' ? args[b] : b.value));
    return {
      all: (...args) => stmt.all(...bind(args)) as O[],
      get: (...args) => stmt.get(...bind(args)) as O | undefined,
      run: (...args) => stmt.run(...bind(args)),
    };
  }

  prepared<A extends unknown[], O>(def: QueryDef<A, O>): Precompiled<A, O> {
    let p = this.compiled.get(def as unknown as QueryDef<never, unknown>) as Precompiled<A, O> | undefined;
    if (p === undefined) {
      p = this.precompile<A, O>(def.arity, (...args) => def.build(this.k, ...args));
      this.compiled.set(def as unknown as QueryDef<never, unknown>, p as unknown as Precompiled<never, unknown>);
    }
    return p;
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE, so two processes queue on the busy
   * timeout instead of failing mid-way). Anything thrown rolls everything back: this is how
   * a refused call writes nothing.
   */
  write<T>(fn: (tx: Tx) => T): T {
    this.assertWritable();
    const value = this.transact.immediate(fn as unknown as (db: Db) => unknown) as T;
    this.checkpointer?.afterCommit();
    return value;
  }

  /** Throws the reason writes are refused right now, if any (the async handle asks before BEGIN). */
  assertWritable(): void {
    if (this.writeRefusal !== null) throw this.writeRefusal;
  }

  /**
   * Refuses every write with `whileRunning` until `check` settles, then with what it
   * resolves to, for good (null: writes are allowed again). The start-up integrity check
   * runs after the window is usable (db/open.ts); nothing may be written to a file it has
   * not passed.
   */
  holdWritesUntil(check: Promise<Error | null>, whileRunning: Error): void {
    this.writeRefusal = whileRunning;
    const settled = check.then(
      (refusal) => {
        this.writeRefusal = refusal;
      },
      (error: unknown) => {
        this.writeRefusal = error instanceof Error ? error : new Error(String(error));
      },
    );
    this.pendingCheck = settled;
    void settled.finally(() => {
      if (this.pendingCheck === settled) this.pendingCheck = null;
    });
  }

  /** Resolves once no start-up check is running (at once when none is): the doors wait on it before a write. */
  writesSettled(): Promise<unknown> | null {
    return this.pendingCheck;
  }

  /** Runs several reads against one consistent snapshot. */
  read<T>(fn: (q: Queries) => T): T {
    if (this.sqlite.inTransaction) return fn(this);
    return this.transact.deferred(fn as (db: Db) => unknown) as T;
  }

  close(): void {
    this.checkpointer?.close();
    this.statements.clear();
    this.compiled.clear();
    this.sqlite.close();
  }
}
