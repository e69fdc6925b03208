/**
 * Applies the static migration list with Kysely's Migrator. The Migrator is async and talks
 * to SQLite through Kysely's own dialect; it runs once at open, before any service exists.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Outcome of {@link migrateToLatest}. */
export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(sqlite: BetterSqlite3.Database): Promise<MigrationReport> {
  // The dialect must not close the shared connection when this Kysely instance is destroyed.
  const borrowed = new Proxy(sqlite, {
    get: (target, prop, receiver) =>
      prop === 'close' ? () => undefined : (Reflect.get(target, prop, receiver) as unknown),
  });
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: borrowed }) });
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
export function isUpToDate(sqlite: BetterSqlite3.Database): boolean {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (exists === undefined) return false;
  const rows = sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[];
  const done = new Set(rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => done.has(name));
}
