/**
 * What the export worker (export-worker.ts) can be asked to do: exports, which need the
 * query builder, and whole restores, which need the backup rules. Plain data in and out.
 */
import type { ExportProgress } from '../../shared/statements';
import { latestVerifiedBackup } from '../backup/backup.service';
import { restoreOnThisThread, type RestoreTask } from '../backup/restore';
import { exportFromFile, type ExportSpec } from './exports-off-thread';

export const heavyTasks = {
  /** The newest backup whose bytes still match its record (hashes every candidate). */
  latestVerifiedBackup: (a: { dir: string }) => latestVerifiedBackup(a.dir),
  /** A whole restore (restore.ts). */
  restore: (a: RestoreTask) => restoreOnThisThread(a),
  /** A statement, ledger or requests export into memory. */
  exportFile: (a: { path: string; spec: ExportSpec }, report: (progress: ExportProgress) => void) =>
    exportFromFile(a.path, a.spec, report),
};
