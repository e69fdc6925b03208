/**
 * The backup channels' handlers (task channels: they run outside the router's transaction).
 * `backup.restore` takes only a file name from the backup folder: no door can make the app
 * read an arbitrary path. The CLI's `restore --from PATH` is the way to restore a file
 * from elsewhere.
 */
import { join } from 'node:path';
import type { BackupOutputs } from '../../shared/contract.backup';
import { AppError } from '../../shared/result';
import type { Db } from '../db/database';
import { asyncDbOf } from '../db/async-db.sqlite';
import { isUpToDate, migrateToLatest } from '../db/migrate';
import type { TaskCall } from '../ledger/context';
import { BackupError, createBackup, defaultBackupDir, listBackups } from './backup.service';
import { restoreBackup } from './restore';

/** The folder a router's backup channels use. */
export function backupDirFor(db: Db | undefined, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  if (db === undefined) throw notOnPostgres();
  if (db.sqlite.memory) {
    throw new AppError('CONFLICT', 'This ledger lives in memory only, so it has no backup folder.');
  }
  return defaultBackupDir(db.sqlite.name);
}

/** Backups here are SQLite files; a PostgreSQL ledger is backed up by its server's tools. */
function notOnPostgres(): AppError {
  return new AppError(
    'CONFLICT',
    'This ledger is on PostgreSQL: back it up with pg_dump (custom format, pg_dump -Fc) and restore with pg_restore.',
  );
}

function asAppError(error: unknown, field?: string): never {
  if (error instanceof BackupError) {
    throw new AppError(
      field === undefined ? 'CONFLICT' : 'VALIDATION_ERROR',
      error.message,
      field === undefined ? undefined : { field },
    );
  }
  throw error;
}

/**
 * Builds the three backup handlers over one database: `sqlite` is the synchronous handle of a
 * SQLite ledger (undefined on PostgreSQL, where these channels refuse and name pg_dump).
 */
export function createBackupHandlers(deps: { sqlite?: Db; backupDir?: string }) {
  const dir = () => backupDirFor(deps.sqlite, deps.backupDir);
  const sqliteDb = (): Db => {
    if (deps.sqlite === undefined) throw notOnPostgres();
    return deps.sqlite;
  };
  return {
    'backup.create': async (
      _input: { idempotencyKey?: string },
      call: TaskCall,
    ): Promise<BackupOutputs['backup.create']> => {
      try {
        return await createBackup(sqliteDb().sqlite, { dir: dir(), kind: 'manual', now: call.now });
      } catch (error) {
        return asAppError(error);
      }
    },
    'backup.list': (_input: Record<string, never>, _call: TaskCall): Promise<BackupOutputs['backup.list']> =>
      Promise.resolve(listBackups(dir())),
    'backup.restore': async (
      input: { fileName: string; idempotencyKey?: string },
      call: TaskCall,
    ): Promise<BackupOutputs['backup.restore']> => {
      const live = sqliteDb();
      const folder = dir();
      const known = listBackups(folder).find((b) => b.fileName === input.fileName);
      if (known === undefined) {
        throw new AppError('NOT_FOUND', `There is no verified backup called ${input.fileName}.`, {
          field: 'fileName',
        });
      }
      try {
        // Holds the connection's queue: no transaction of the router may interleave with the
        // restore rewriting the file under the same connection.
        return await asyncDbOf(live).withConnection(async () => {
          const report = await restoreBackup({
            target: live.sqlite.name,
            from: join(folder, known.fileName),
            dir: folder,
            now: call.now,
            live: live.sqlite,
          });
          // A backup taken before a migration comes back with the older schema.
          if (!isUpToDate(live.sqlite)) await migrateToLatest(live.sqlite);
          return report;
        });
      } catch (error) {
        return asAppError(error, 'fileName');
      }
    },
  };
}
