/**
 * The daily backup, started and stopped by main.ts (lifecycle with an AbortSignal, like the
 * poller). It checks at start and then every `checkEveryMs` whether the newest daily backup
 * is a day old by the injected clock, so a laptop that sleeps through midnight still gets
 * its backup when it wakes. A failed backup is reported and retried at the next check.
 */
import type { BackupInfo } from '../../shared/contract.backup';
import type { Db } from '../db/database';
import { createBackup, listBackups } from './backup.service';

const DAY_MS = 24 * 3600 * 1000;

/** Options for {@link startBackupSchedule}. */
export interface BackupScheduleOptions {
  db: Db;
  dir: string;
  clock?: () => Date;
  signal: AbortSignal;
  /** How often to look; an hour by default. */
  checkEveryMs?: number;
  onBackup?: (info: BackupInfo) => void;
  onError?: (error: unknown) => void;
}

/** A running schedule. */
export interface BackupSchedule {
  /** Takes the daily backup now if one is due; resolves with it, or null when none was due. */
  checkNow(): Promise<BackupInfo | null>;
}

/** Starts the daily backup; stops when `signal` aborts. */
export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const { db, dir, signal, checkEveryMs = 3600 * 1000 } = options;
  const clock = options.clock ?? (() => new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<BackupInfo | null> | undefined;

  async function due(): Promise<BackupInfo | null> {
    const now = clock();
    const last = listBackups(dir).find((b) => b.kind === 'daily');
    if (last !== undefined && now.getTime() - Date.parse(last.createdAt) < DAY_MS) return null;
    const info = await createBackup(db.sqlite, { dir, kind: 'daily', now });
    options.onBackup?.(info);
    return info;
  }

  function checkNow(): Promise<BackupInfo | null> {
    // Single flight: a check already running is shared, never doubled.
    running ??= due().finally(() => {
      running = undefined;
    });
    return running;
  }

  function loop(): void {
    if (signal.aborted) return;
    checkNow()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (signal.aborted) return;
        timer = setTimeout(loop, checkEveryMs);
        timer.unref?.();
      });
  }

  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  loop();
  return { checkNow };
}
