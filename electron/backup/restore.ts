/**
 * Restoring a backup. Never leaves a half-restored ledger:
 * 1. the backup is copied (backup API) into a private staging file and verified there, so
 *    what is restored is exactly what was verified;
 * 2. the current ledger is kept: a verified `pre-restore` backup when it is healthy, a byte
 *    copy set aside (`damaged-<time>.db`) when it is not;
 * 3. the live data is replaced with the backup API from the staging copy. Into a healthy
 *    ledger (open or not) that is one write transaction on the live file: a crash rolls it
 *    back. A damaged or missing file is rebuilt beside it and renamed into place.
 * 4. the result is checked again (integrity_check, ledger.verify).
 * All of it reads and writes whole files, so from the main thread it runs in a worker thread
 * (electron/workers), with its own connections; the app's own connection is never used.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';
import type { BackupInfo, RestoreReport } from '../../shared/contract.backup';
import { inspectDatabaseFile } from '../db/connection';
import { Db } from '../db/database';
import { isHealthy, quickCheck } from '../db/integrity';
import { verifyLedger } from '../ledger/verify.service';
import { runOffThread } from '../workers/off-thread';
import {
  BackupError,
  createBackup,
  describeBackupFile,
  onlineBackup,
  sha256File,
  stageVerifiedCopy,
} from './backup.service';

/** Options for {@link restoreBackup}. */
export interface RestoreOptions {
  /** The live ledger file. */
  target: string;
  /** The backup to restore. */
  from: string;
  /** The backup folder (safety backups go here). */
  dir: string;
  now: Date;
  /** The app's open connection to `target`, when restoring inside a running app. */
  live?: Database.Database;
}

/** {@link RestoreOptions} as plain data, for a worker. */
export interface RestoreTask {
  target: string;
  from: string;
  dir: string;
  nowIso: string;
  /** The target is open in the app: it is healthy, and its data is replaced in place. */
  live: boolean;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function checkRestored(sqlite: Database.Database): { checkedClients: number; checkedEntries: number } {
  const integrity = (sqlite.pragma('integrity_check(5)') as { integrity_check: string }[]).map(
    (r) => r.integrity_check,
  );
  if (!isHealthy(integrity)) throw new BackupError(`The restored ledger is damaged: ${integrity.join('; ')}.`);
  const report = verifyLedger(new Db(sqlite));
  if (!report.ok) throw new BackupError(`The restored ledger fails the ledger check: ${report.problems[0]?.message}`);
  return { checkedClients: report.checkedClients, checkedEntries: report.checkedEntries };
}

/** Restores `from` over `target`; see the module comment for the order of steps. */
export function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const task: RestoreTask = {
    target: options.target,
    from: options.from,
    dir: options.dir,
    nowIso: options.now.toISOString(),
    live: options.live !== undefined,
  };
  return isMainThread ? runOffThread('restore', task) : restoreOnThisThread(task);
}

/** The restore itself, on the calling thread (a worker's, from {@link restoreBackup}). */
export async function restoreOnThisThread(task: RestoreTask): Promise<RestoreReport> {
  const { target, from, dir, live } = task;
  const now = new Date(task.nowIso);
  mkdirSync(dir, { recursive: true });
  const staging = join(dir, `.restore-${process.pid}-${stamp(now)}.partial`);
  const check = await stageVerifiedCopy(from, staging);
  const restored: BackupInfo = describeBackupFile(from, check, sha256File(staging));
  let stagingDb: Database.Database | undefined;
  try {
    stagingDb = openSqlite(staging, { readonly: true, fileMustExist: true });
    let safetyBackup: BackupInfo | null = null;
    if (live) {
      // The app holds the file open, so it opened healthy: keep it, then replace its data in
      // one write transaction through the backup API.
      const current = openSqlite(target, { readonly: true, fileMustExist: true });
      try {
        safetyBackup = await createBackup(current, { dir, kind: 'pre-restore', now });
      } finally {
        current.close();
      }
      await onlineBackup(stagingDb, target);
      const after = openSqlite(target, { readonly: true, fileMustExist: true });
      try {
        return { restored, safetyBackup, ...checkRestored(after) };
      } finally {
        after.close();
      }
    }
    const kind = inspectDatabaseFile(target);
    if (kind === 'foreign-sqlite') {
      throw new BackupError(
        `${target} belongs to another application; restore refused and the file was left untouched.`,
      );
    }
    if (kind === 'credit-desk' && isHealthy(quickCheck(target))) {
      const current = openSqlite(target, { readonly: true, fileMustExist: true });
      try {
        safetyBackup = await createBackup(current, { dir, kind: 'pre-restore', now });
      } finally {
        current.close();
      }
      await onlineBackup(stagingDb, target);
    } else {
      // Damaged, not a database, empty or missing: keep whatever is there, build the
      // restored file beside it, then rename it into place (atomic on one file system).
      if (existsSync(target) && statSync(target).size > 0) {
        const aside = join(dir, `damaged-${stamp(now)}.db`);
        copyFileSync(target, aside);
        if (existsSync(`${target}-wal`)) copyFileSync(`${target}-wal`, `${aside}-wal`);
      }
      const rebuilt = `${target}.restoring`;
      rmSync(rebuilt, { force: true });
      rmSync(`${rebuilt}-journal`, { force: true });
      await onlineBackup(stagingDb, rebuilt);
      // A stale WAL of the damaged file must never be replayed onto the restored one.
      rmSync(`${target}-wal`, { force: true });
      rmSync(`${target}-shm`, { force: true });
      renameSync(rebuilt, target);
    }
    const after = openSqlite(target, { fileMustExist: true });
    try {
      return { restored, safetyBackup, ...checkRestored(after) };
    } finally {
      after.close();
    }
  } finally {
    stagingDb?.close();
    rmSync(staging, { force: true });
    rmSync(`${staging}-journal`, { force: true });
  }
}
