/**
 * Applies the static migration list with Kysely's Migrator. The Migrator is async and talks
 * to SQLite through Kysely's own dialect; it runs once at open, before any service exists.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
} from 'kysely';
// Kysely 0.29 moved the migrator to its own entry point.
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { migrations } from '../../migrations';

/**
 * Kysely treats SQLite as having no transactional DDL and would run migrations statement by
 * statement, so a crash half-way through would leave a half-built schema. SQLite does support
 * DDL in transactions: this adapter says so, and the Migrator then applies the pending
 * migrations and their bookkeeping in one transaction, all or nothing.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite driver starts transactions with a deferred BEGIN: two processes opening a
 * fresh file at once would both read "nothing applied", then one would fail upgrading its
 * read to a write (SQLITE_BUSY, which no busy timeout can wait out). BEGIN IMMEDIATE takes
 * the write lock first: the second process waits, then finds the migrations applied.
 */
class ImmediateDriver implements Driver {
  constructor(private readonly base: Driver) {}
  init(): Promise<void> {
    return this.base.init();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    return this.base.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.base.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.base.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.base.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.base.destroy();
  }
}

function transactionalDialect(base: SqliteDialect): Dialect {
  return {
    createAdapter: () => new TransactionalSqliteAdapter(),
    createDriver: () => new ImmediateDriver(base.createDriver()),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
}

/** Outcome of {@link migrateToLatest}. */
export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(
  sqlite: BetterSqlite3.Database,
  list: Record<string, Migration> = migrations,
): Promise<MigrationReport> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(list) };
  // The dialect must not close the shared connection when this Kysely instance is destroyed.
  const borrowed = new Proxy(sqlite, {
    get: (target, prop, receiver) =>
      prop === 'close' ? () => undefined : (Reflect.get(target, prop, receiver) as unknown),
  });
  const kysely = new Kysely<unknown>({ dialect: transactionalDialect(new SqliteDialect({ database: borrowed })) });
  try {
    const { error, results } = await new Migrator({ db: kysely, provider }).migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  } finally {
    await kysely.destroy();
  }
}

/** True when every known migration has been applied (a cheap start-up check). */
export function isUpToDate(sqlite: BetterSqlite3.Database, list: Record<string, Migration> = migrations): boolean {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (exists === undefined) return false;
  const rows = sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[];
  const done = new Set(rows.map((r) => r.name));
  return Object.keys(list).every((name) => done.has(name));
}
