/**
 * Backup channels (spread into `contract`). Backups are taken with SQLite's online backup
 * API and verified (integrity_check and ledger.verify on the copy) before they count; a
 * restore verifies the backup again, takes a safety backup of the current ledger, then
 * replaces the live data in one transaction. All three are task channels: they run outside
 * the router's transaction (a backup must not hold the write lock while it verifies).
 */
import * as z from 'zod';
import type { ContractPart } from './roles';
import { idempotencyKey } from './fields';

/** Why a backup was taken; rotation keeps a fixed number of each kind. */
export const BACKUP_KINDS = ['daily', 'pre-migration', 'manual', 'pre-restore'] as const;
/** A kind from {@link BACKUP_KINDS}. */
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A verified backup in the ledger's backup folder. */
export interface BackupInfo {
  /** The file's name inside the backup folder: what `backup.restore` takes. */
  fileName: string;
  /** Full path, for "show in folder". */
  path: string;
  kind: BackupKind;
  /** When the backup was taken (ISO-8601 UTC). */
  createdAt: string;
  sizeBytes: number;
  /** SHA-256 of the file when it was verified; a backup whose bytes changed since no longer counts. */
  sha256: string;
  /** What ledger.verify checked on the copy. */
  checkedClients: number;
  checkedEntries: number;
}

/** Result of `backup.restore`. */
export interface RestoreReport {
  /** The backup that is now the live ledger. */
  restored: BackupInfo;
  /** The copy of the ledger as it was just before the restore (null when there was nothing to keep). */
  safetyBackup: BackupInfo | null;
  checkedClients: number;
  checkedEntries: number;
}

/** A backup file's name: no folders, so a call can only name files inside the backup folder. */
const backupFileName = z.lazy(() =>
  z
    .string({ error: 'must be the name of a backup file' })
    .max(200, { error: 'must be the name of a backup file' })
    .regex(/^credit-desk-[a-z-]+-[0-9TZ]+(-\d+)?\.db$/, {
      error: 'must be the name of a backup file from the backup list',
    }),
);

/** The backup channels' input schemas. */
export const backupContract = {
  'backup.create': { mutates: true, role: 'admin', task: true, input: () => z.strictObject({ idempotencyKey }) },
  'backup.list': { mutates: false, role: 'admin', task: true, input: () => z.strictObject({}) },
  'backup.restore': {
    mutates: true,
    role: 'admin',
    task: true,
    input: () => z.strictObject({ fileName: backupFileName, idempotencyKey }),
  },
} as const satisfies ContractPart;

/** The backup channels' result types. */
export interface BackupOutputs {
  'backup.create': BackupInfo;
  /** Newest first. */
  'backup.list': BackupInfo[];
  'backup.restore': RestoreReport;
}
