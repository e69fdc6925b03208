/**
 * Opening a ledger file for any door: refuse what is not ours before touching it,
 * then open with the ledger's pragmas and bring the schema up to date.
 */
import { Db } from './database';
import { inspectDatabaseFile, openConnection, type ConnectionOptions } from './connection';
import { migrateToLatest } from './migrate';

/** A file that must not be opened as a ledger; its message is for the user. */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
}

/** Opens (creating and migrating as needed) the Credit Desk database at `path`. */
export async function openLedgerDatabase(path: string, options: ConnectionOptions = {}): Promise<Db> {
  const kind = inspectDatabaseFile(path, options);
  if (kind === 'not-sqlite')
    throw new DatabaseFileError(
      `${path} is not a Credit Desk database (it is not a SQLite file); it was left untouched.`,
    );
  if (kind === 'foreign-sqlite') {
    throw new DatabaseFileError(
      `${path} is a SQLite database of another application, not Credit Desk; it was left untouched.`,
    );
  }
  const sqlite = openConnection(path, options);
  try {
    await migrateToLatest(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return new Db(sqlite);
}
