/**
 * The static migration list applied to PostgreSQL with Kysely's Migrator. PostgreSQL has
 * transactional DDL, so Kysely runs the pending migrations and their bookkeeping in one
 * transaction, all or nothing, under an advisory lock: two processes opening a fresh database
 * at once take turns, and the second finds the work done.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { migrations } from '../../../migrations';
import type { MigrationReport } from '../migrate';

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migratePostgresToLatest(
  k: Kysely<unknown>,
  list: Record<string, Migration> = migrations,
): Promise<MigrationReport> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(list) };
  const { error, results } = await new Migrator({ db: k, provider }).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** True when every known migration has been applied. */
export async function isPostgresUpToDate(
  k: Kysely<unknown>,
  list: Record<string, Migration> = migrations,
): Promise<boolean> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(k);
  if (exists.rows[0]?.t === null) return false;
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(k);
  const done = new Set(rows.rows.map((r) => r.name));
  return Object.keys(list).every((name) => done.has(name));
}
