/**
 * One entry point for the doors once services are async: a location string (`--db`) to an
 * open, migrated {@link AsyncDb} on either engine. SQLite goes through openLedgerDatabase (the
 * file checks, the pre-migration backup, the pragmas) and gets the async handle over it;
 * PostgreSQL through openPostgresLedger (the foreign-database check and the migrations).
 */
import type { AsyncDb } from './async-db';
import { SqliteAsyncDb } from './async-db.sqlite';
import { parseDbLocation, type DbLocation } from './location';
import { openLedgerDatabase, type OpenOptions } from './open';
import { openPostgresLedger, type PgOpenOptions } from './pg/open';

/** Options for {@link openAsyncLedger}, per engine. */
export interface AsyncOpenOptions {
  sqlite?: OpenOptions;
  postgres?: PgOpenOptions;
}

/** Opens the ledger at `location` (a path or a postgres:// URL). */
export async function openAsyncLedger(location: string | DbLocation, options: AsyncOpenOptions = {}): Promise<AsyncDb> {
  const where = typeof location === 'string' ? parseDbLocation(location) : location;
  return where.engine === 'sqlite'
    ? new SqliteAsyncDb(await openLedgerDatabase(where.path, options.sqlite))
    : openPostgresLedger(where.url, options.postgres);
}
