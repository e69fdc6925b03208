/**
 * Opening a PostgreSQL ledger for any door: look at the database before touching it, refuse
 * one that holds another application's tables (exit 2 in the doors, like a foreign SQLite
 * file) and leave it exactly as it was, then bring the schema up to date and hand out the
 * async handle over a pool. The URL is only ever shown with its password masked.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type { Migration } from 'kysely/migration';
import { migrations as allMigrations } from '../../../migrations';
import { maskUrl } from '../location';
import { PgAsyncDb } from './async-db.pg';
import { inspectPostgresDatabase } from './inspect';
import { isPostgresUpToDate, migratePostgresToLatest } from './migrate';
import { createPool, type PoolOptions } from './pool';

/**
 * A PostgreSQL database that is not a Credit Desk ledger. The doors treat it as they treat
 * DatabaseFileError for a foreign SQLite file: one line on stderr, exit 2, nothing touched.
 */
export class ForeignPostgresDatabaseError extends Error {
  override readonly name = 'ForeignPostgresDatabaseError';
  readonly problem = 'foreign-postgres';
  constructor(
    message: string,
    /** The URL with its password masked: safe to show. */
    readonly path: string,
    readonly foreignTables: string[],
  ) {
    super(message);
  }
}

/** Options for {@link openPostgresLedger}. */
export interface PgOpenOptions {
  /** The migration list (tests add a pending one). */
  migrations?: Record<string, Migration>;
  pool?: PoolOptions;
}

/** Opens (migrating as needed) the Credit Desk ledger in the PostgreSQL database at `url`. */
export async function openPostgresLedger(url: string, options: PgOpenOptions = {}): Promise<PgAsyncDb> {
  const list = options.migrations ?? allMigrations;
  // One connection for the look and the migration; the ledger's own pool comes after.
  const setup = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: createPool(url, { max: 1 }) }) });
  try {
    const { kind, foreignTables } = await inspectPostgresDatabase(setup);
    if (kind === 'foreign') {
      const shown = foreignTables.slice(0, 5).join(', ') + (foreignTables.length > 5 ? ', …' : '');
      throw new ForeignPostgresDatabaseError(
        `${maskUrl(url)} holds tables of another application (${shown}), not a Credit Desk ledger; it was left untouched. Use an empty database for a new ledger.`,
        maskUrl(url),
        foreignTables,
      );
    }
    if (!(await isPostgresUpToDate(setup, list))) await migratePostgresToLatest(setup, list);
  } finally {
    await setup.destroy();
  }
  return new PgAsyncDb(createPool(url, options.pool));
}
