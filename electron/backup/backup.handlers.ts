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
import { isUpToDate, migrateToLatest } from '../db/migrate';
import type { TaskCall } from '../ledger/context';
import { BackupError, createBackup, defaultBackupDir, listBackups } from './backup.service';
import { restoreBackup } from './restore';

/** The folder a router's backup channels use. */
export function backupDirFor(db: Db, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  if (db.sqlite.memory) {
    throw new AppError('CONFLICT', 'This ledger lives in memory only, so it has no backup folder.');
  }
  return defaultBackupDir(db.sqlite.name);
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

/** Builds the three backup handlers over one database. */
export function createBackupHandlers(deps: { db: Db; backupDir?: string }) {
  const dir = () => backupDirFor(deps.db, deps.backupDir);
  return {
    'backup.create': async (
      _input: { idempotencyKey?: string },
      call: TaskCall,
    ): Promise<BackupOutputs['backup.create']> => {
      try {
        return await createBackup(deps.db.sqlite, { dir: dir(), kind: 'manual', now: call.now });
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
      const folder = dir();
      const known = listBackups(folder).find((b) => b.fileName === input.fileName);
      if (known === undefined) {
        throw new AppError('NOT_FOUND', `There is no verified backup called ${input.fileName}.`, {
          field: 'fileName',
        });
      }
      try {
        const report = await restoreBackup({
          target: deps.db.sqlite.name,
          from: join(folder, known.fileName),
          dir: folder,
          now: call.now,
          live: deps.db.sqlite,
        });
        // A backup taken before a migration comes back with the older schema.
        if (!isUpToDate(deps.db.sqlite)) await migrateToLatest(deps.db.sqlite);
        return report;
      } catch (error) {
        return asAppError(error, 'fileName');
      }
    },
  };
}
