/**
 * Looking at a PostgreSQL database before anything touches it, the counterpart of
 * inspectDatabaseFile for SQLite: ours (marked by migration 0001's comment on `settings`),
 * empty (nothing but, possibly, the migrator's own bookkeeping tables, which another process
 * creating the ledger right now makes first), or foreign (any other table, view or foreign
 * table in any schema), which must be refused and left untouched. Only catalog reads.
 */
import { sql, type Kysely } from 'kysely';
import { CREDIT_DESK_POSTGRES_MARKER } from '../../../migrations';

/** What a PostgreSQL database holds, judged without writing to it. */
export type PostgresKind = 'empty' | 'credit-desk' | 'foreign';

const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** Classifies the database `k` is connected to; also returns the foreign tables' names (schema.table). */
export async function inspectPostgresDatabase(
  k: Kysely<unknown>,
): Promise<{ kind: PostgresKind; foreignTables: string[] }> {
  const marker = await sql<{ comment: string | null }>`
    SELECT obj_description(to_regclass('settings'), 'pg_class') AS comment`.execute(k);
  if (marker.rows[0]?.comment === CREDIT_DESK_POSTGRES_MARKER) return { kind: 'credit-desk', foreignTables: [] };
  const tables = await sql<{ schema: string; name: string; ours: boolean }>`
    SELECT n.nspname AS schema, c.relname AS name, n.nspname = current_schema() AS ours
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
    ORDER BY 1, 2`.execute(k);
  const foreign = tables.rows.filter((t) => !(t.ours && MIGRATOR_TABLES.includes(t.name)));
  return foreign.length === 0
    ? { kind: 'empty', foreignTables: [] }
    : { kind: 'foreign', foreignTables: foreign.map((t) => `${t.schema}.${t.name}`) };
}
