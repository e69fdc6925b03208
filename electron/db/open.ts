/**
 * Opening a ledger file for any door: refuse what is not ours or is damaged before touching
 * it, then open with the ledger's pragmas and bring the schema up to date, taking a verified
 * backup first when a file with data is about to be migrated.
 *
 * A damaged, truncated or foreign file is never replaced by an empty database: the open is
 * refused with a {@link DatabaseFileError} that says what is wrong and names the latest
 * verified backup, so the app and the CLI can offer it.
 *
 * Two ways to run the start-up check (`PRAGMA quick_check`, which reads every page: 0.4 s at a
 * million entries): {@link openLedgerDatabase} runs it before the file is opened (the CLI: a
 * one-shot call has nothing to show meanwhile); {@link openLedgerCheckingAfter} opens at once,
 * runs it in a worker thread, and refuses every write until it has passed (the desktop app
 * and browser mode: the window is usable in milliseconds, reads work during the check).
 */
import type { Migration } from 'kysely/migration';
import type { BackupInfo } from '../../shared/contract.backup';
import { migrations as allMigrations } from '../../migrations';
import { BackupError, createBackup, defaultBackupDir, latestVerifiedBackup } from '../backup/backup.service';
import { Db } from './database';
import { inspectDatabaseFile, openConnection, type ConnectionOptions } from './connection';
import { AppError } from '../../shared/result';
import { runOffThread } from '../workers/off-thread';
import { Checkpointer, DEFAULT_CHECKPOINT_POLICY } from './checkpoint';
import { isHealthy, quickCheck } from './integrity';
import { isUpToDate, migrateToLatest } from './migrate';
import type Database from 'better-sqlite3';

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

/**
 * The ledger's handle: checkpoints off the commit path for a file (see checkpoint.ts). A
 * process with a window to keep answering (the app, browser mode) runs them in a worker; a
 * one-shot CLI call or a test runs them on its own thread, never inside a commit either.
 */
function ledgerDb(sqlite: Database.Database, path: string, checkpointsInWorker: boolean): Db {
  return new Db(
    sqlite,
    path === ':memory:'
      ? undefined
      : new Checkpointer(sqlite, { ...DEFAULT_CHECKPOINT_POLICY, inWorker: checkpointsInWorker }),
  );
}

function damaged(problems: string[]): string {
  return `is damaged (SQLite's check says: ${problems.slice(0, 2).join('; ')})`;
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
      throw refuse('damaged', damaged(problems));
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
  return ledgerDb(sqlite, path, false);
}

/** A ledger opened before its start-up check, and that check. */
export interface OpenedLedger {
  db: Db;
  /**
   * Resolves once the start-up check has run: null when the file is healthy (writes are
   * allowed from then on), or the refusal, naming the latest verified backup, when it is
   * damaged (every write is then refused with it; reads go on).
   */
  checked: Promise<DatabaseFileError | null>;
}

/**
 * Opens the ledger at once and runs `quick_check` right after, in a worker thread; writes wait
 * for it (the doors) or are refused while it runs (see Db.holdWritesUntil). A file that is not
 * ours, is missing with backups, cannot even be opened, or needs a migration goes the
 * {@link openLedgerDatabase} way: checked before anything is written to it.
 */
export async function openLedgerCheckingAfter(path: string, options: OpenOptions = {}): Promise<OpenedLedger> {
  const list = options.migrations ?? allMigrations;
  const dir = options.backupDir ?? defaultBackupDir(path);
  if (path !== ':memory:' && inspectDatabaseFile(path, options) === 'credit-desk') {
    let sqlite: Database.Database | undefined;
    try {
      sqlite = openConnection(path, options);
      if (isUpToDate(sqlite, list)) {
        const db = ledgerDb(sqlite, path, true);
        const checked = checkAfterOpen(path, dir);
        db.holdWritesUntil(
          checked.then((problem) => (problem === null ? null : new AppError('CONFLICT', problem.message))),
          new AppError(
            'CONFLICT',
            'Credit Desk is still checking the ledger file after start-up; try again in a moment.',
          ),
        );
        // Resolve only once the write gate has taken the verdict: whoever awaits the check may write.
        const gate = db.writesSettled() ?? Promise.resolve();
        return { db, checked: gate.then(() => checked) };
      }
    } catch {
      // A file SQLite cannot read: the check before opening says what is wrong with it.
    }
    sqlite?.close();
  }
  const db = await openLedgerDatabase(path, options);
  db.checkpointer?.useWorker();
  return { db, checked: Promise.resolve(null) };
}

async function checkAfterOpen(path: string, dir: string): Promise<DatabaseFileError | null> {
  const problems = await runOffThread('quickCheck', { path });
  if (isHealthy(problems)) return null;
  // Finding the backup to offer hashes every candidate: off this thread too.
  const latest = await runOffThread('latestVerifiedBackup', { dir }).catch(() => null);
  return new DatabaseFileError(
    `${path} ${damaged(problems)}; nothing more was written to it.${offer(latest)}`,
    'damaged',
    path,
    latest,
  );
}
