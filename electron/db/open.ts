/**
 * Opening a ledger file for any door: refuse what is not ours or is damaged before touching
 * it, then open with the ledger's pragmas and bring the schema up to date, taking a verified
 * backup first when a file with data is about to be migrated.
 *
 * A damaged, truncated or foreign file is never replaced by an empty database: the open is
 * refused with a {@link DatabaseFileError} that says what is wrong and names the latest
 * verified backup, so the app and the CLI can offer it.
 */
import type { Migration } from 'kysely/migration';
import type { BackupInfo } from '../../shared/contract.backup';
import { migrations as allMigrations } from '../../migrations';
import { BackupError, createBackup, defaultBackupDir, latestVerifiedBackup } from '../backup/backup.service';
import { Db } from './database';
import { inspectDatabaseFile, openConnection, type ConnectionOptions } from './connection';
import { isHealthy, quickCheck } from './integrity';
import { isUpToDate, migrateToLatest } from './migrate';

/** Why a file was refused. */
export type DatabaseProblem =
  'not-sqlite' | 'foreign-sqlite' | 'damaged' | 'missing-with-backups' | 'pre-migration-backup-failed';

/** A file that must not be opened as a ledger; its message is for the user. */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
  constructor(
    message: string,
    readonly problem: DatabaseProblem = 'not-sqlite',
    readonly path = '',
    /** The newest verified backup of this ledger, to offer instead (null if there is none). */
    readonly latestBackup: BackupInfo | null = null,
  ) {
    super(message);
  }
}

/** Options for {@link openLedgerDatabase}. */
export interface OpenOptions extends ConnectionOptions {
  /** Where backups live; `<folder>/<name>-backups/` beside the file by default. */
  backupDir?: string;
  /** The migration list (tests add a pending one). */
  migrations?: Record<string, Migration>;
  clock?: () => Date;
}

function offer(latest: BackupInfo | null): string {
  return latest === null
    ? ' No verified backup was found.'
    : ` The latest verified backup is ${latest.path} (taken ${latest.createdAt}); restore it with: cli --db FILE restore --from "${latest.path}".`;
}

/** Opens (creating and migrating as needed) the Credit Desk database at `path`. */
export async function openLedgerDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  const list = options.migrations ?? allMigrations;
  const clock = options.clock ?? (() => new Date());
  const dir = options.backupDir ?? defaultBackupDir(path);
  const refuse = (problem: DatabaseProblem, what: string): DatabaseFileError => {
    const latest = latestVerifiedBackup(dir);
    return new DatabaseFileError(`${path} ${what}; it was left untouched.${offer(latest)}`, problem, path, latest);
  };

  const kind = inspectDatabaseFile(path, options);
  if (kind === 'not-sqlite') throw refuse('not-sqlite', 'is not a Credit Desk database (it is not a SQLite file)');
  if (kind === 'foreign-sqlite') {
    throw refuse('foreign-sqlite', 'is a SQLite database of another application, not Credit Desk');
  }
  if (kind === 'credit-desk') {
    const problems = quickCheck(path);
    if (!isHealthy(problems)) {
      throw refuse('damaged', `is damaged (SQLite's check says: ${problems.slice(0, 2).join('; ')})`);
    }
  } else if (path !== ':memory:') {
    // Missing or empty, yet this ledger has backups: the file was lost or truncated to
    // nothing. Starting a fresh, empty ledger here would hide that.
    const latest = latestVerifiedBackup(dir);
    if (latest !== null) {
      throw new DatabaseFileError(
        `${path} is ${kind === 'missing' ? 'missing' : 'empty'}, but this ledger has backups, so a new empty ledger was not created.${offer(latest)}`,
        'missing-with-backups',
        path,
        latest,
      );
    }
  }

  const sqlite = openConnection(path, options);
  try {
    if (!isUpToDate(sqlite, list)) {
      if (kind === 'credit-desk') {
        try {
          await createBackup(sqlite, { dir, kind: 'pre-migration', now: clock() });
        } catch (error) {
          if (!(error instanceof BackupError)) throw error;
          throw refuse(
            'pre-migration-backup-failed',
            `needs a database update, but the backup taken before it did not verify (${error.message}), so nothing was updated`,
          );
        }
      }
      await migrateToLatest(sqlite, list);
    }
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return new Db(sqlite);
}
