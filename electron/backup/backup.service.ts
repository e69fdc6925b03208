/**
 * Backups of the ledger file. Rules (RELIABILITY.md):
 * - taken with SQLite's online backup API, never a file copy: the copy is one consistent
 *   snapshot even while the app or the CLI keeps writing (a file copy of a WAL database can
 *   catch the main file and the WAL at different moments);
 * - verified before it counts: the copy is opened, `integrity_check` and `ledger.verify` run
 *   on it; only then is it renamed to its final name and described by a sidecar
 *   `<file>.json` holding its SHA-256. A file without a sidecar, or whose bytes no longer
 *   match it, is not a verified backup;
 * - self-contained: the copy is switched to journal_mode=DELETE, so it is one file;
 * - rotated per kind (the last 7 daily, 4 pre-migration, 10 manual, 4 pre-restore).
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';
import { BACKUP_KINDS, type BackupInfo, type BackupKind } from '../../shared/contract.backup';
import { CREDIT_DESK_APPLICATION_ID } from '../../migrations';
import { Db } from '../db/database';
import { verifyLedger } from '../ledger/verify.service';

/** How many backups of each kind rotation keeps. */
export const KEEP_BACKUPS: Record<BackupKind, number> = { daily: 7, 'pre-migration': 4, manual: 10, 'pre-restore': 4 };

/** A backup that failed verification, or a file that is not a usable backup; the message is for the user. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Where a ledger's backups go unless the app says otherwise: `<folder>/<name>-backups/`. */
export function defaultBackupDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-backups`);
}

const NAME = /^credit-desk-([a-z-]+)-([0-9]{8}T[0-9]{9}Z)(?:-\d+)?\.db$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/** Copies the whole database in one backup step: one consistent snapshot, never restarted by other writers. */
async function onlineBackup(source: Database.Database, dest: string): Promise<void> {
  await source.backup(dest, { progress: () => 0x7fffffff });
}

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the file itself was synced.
  } finally {
    closeSync(fd);
  }
}

function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** What verification found on a copy. */
export interface CopyCheck {
  checkedClients: number;
  checkedEntries: number;
}

/**
 * Verifies a copy we own (it may be modified: it is switched to a single-file journal):
 * a Credit Desk file, `integrity_check` ok, `ledger.verify` ok. Throws {@link BackupError}.
 */
export function verifyCopy(path: string): CopyCheck {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openSqlite(path, { fileMustExist: true });
    sqlite.pragma('journal_mode = DELETE');
    const appId = sqlite.pragma('application_id', { simple: true }) as number;
    if (appId !== CREDIT_DESK_APPLICATION_ID) throw new BackupError(`${basename(path)} is not a Credit Desk database.`);
    const integrity = (sqlite.pragma('integrity_check(20)') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new BackupError(`${basename(path)} is damaged: ${integrity.slice(0, 3).join('; ')}.`);
    }
    const report = verifyLedger(new Db(sqlite));
    if (!report.ok) {
      throw new BackupError(
        `${basename(path)} fails the ledger check: ${report.problems
          .slice(0, 3)
          .map((p) => p.message)
          .join(' ')}`,
      );
    }
    return { checkedClients: report.checkedClients, checkedEntries: report.checkedEntries };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `${basename(path)} is not a usable backup: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    sqlite?.close();
  }
}

function sidecarPath(path: string): string {
  return `${path}.json`;
}

function readSidecar(dir: string, fileName: string): BackupInfo | undefined {
  const path = join(dir, fileName);
  try {
    const raw = JSON.parse(readFileSync(sidecarPath(path), 'utf8')) as Partial<BackupInfo>;
    const kind = raw.kind;
    if (
      typeof kind !== 'string' ||
      !(BACKUP_KINDS as readonly string[]).includes(kind) ||
      typeof raw.createdAt !== 'string' ||
      typeof raw.sha256 !== 'string' ||
      !existsSync(path)
    ) {
      return undefined;
    }
    return {
      fileName,
      path,
      kind: kind as BackupKind,
      createdAt: raw.createdAt,
      sizeBytes: statSync(path).size,
      sha256: raw.sha256,
      checkedClients: Number(raw.checkedClients ?? 0),
      checkedEntries: Number(raw.checkedEntries ?? 0),
    };
  } catch {
    return undefined;
  }
}

/** Every backup in `dir` that has its verification record, newest first (bytes not re-hashed: see {@link latestVerifiedBackup}). */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    if (!NAME.test(name)) continue;
    const info = readSidecar(dir, name);
    if (info !== undefined) found.push(info);
  }
  return found.sort((a, b) =>
    a.createdAt === b.createdAt ? (a.fileName < b.fileName ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  );
}

/** The newest backup in `dir` that was verified and whose bytes still match; null if there is none. */
export function latestVerifiedBackup(dir: string): BackupInfo | null {
  for (const info of listBackups(dir)) {
    try {
      if (sha256File(info.path) === info.sha256) return info;
    } catch {
      // unreadable: try the next one
    }
  }
  return null;
}

/** Deletes the oldest backups of `kind` beyond what {@link KEEP_BACKUPS} keeps. */
export function rotateBackups(dir: string, kind: BackupKind, keep = KEEP_BACKUPS[kind]): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dir)
    .filter((b) => b.kind === kind)
    .slice(keep)) {
    rmSync(sidecarPath(old.path), { force: true });
    rmSync(old.path, { force: true });
    removed.push(old.fileName);
  }
  return removed;
}

/** Options for {@link createBackup}. */
export interface CreateBackupOptions {
  dir: string;
  kind: BackupKind;
  now: Date;
}

/**
 * Writes a verified backup of `source` to `path` (which must not exist): backup API into a
 * partial file, verify, fsync, rename, then the sidecar recording the verification.
 * Throws {@link BackupError} when the copy does not verify; nothing then counts as a backup.
 */
export async function writeVerifiedBackup(
  source: Database.Database,
  path: string,
  kind: BackupKind,
  now: Date,
): Promise<BackupInfo> {
  if (existsSync(path)) throw new BackupError(`${path} already exists; a backup never overwrites a file.`);
  const dir = dirname(path);
  const partial = join(dir, `.${basename(path)}.${process.pid}.partial`);
  removeWithSidecars(partial);
  try {
    await onlineBackup(source, partial);
    const check = verifyCopy(partial);
    fsyncPath(partial);
    const info: BackupInfo = {
      fileName: basename(path),
      path,
      kind,
      createdAt: now.toISOString(),
      sizeBytes: statSync(partial).size,
      sha256: sha256File(partial),
      ...check,
    };
    renameSync(partial, path);
    // The sidecar is written last: a backup counts only once its verification is recorded.
    const sidecarPartial = `${partial}.json`;
    writeFileSync(sidecarPartial, `${JSON.stringify(info, null, 2)}\n`);
    fsyncPath(sidecarPartial);
    renameSync(sidecarPartial, sidecarPath(path));
    fsyncPath(dir);
    return info;
  } finally {
    removeWithSidecars(partial);
    rmSync(`${partial}.json`, { force: true });
  }
}

/** Takes a verified backup of `source` (an open connection; read-only is fine) into `dir`, then rotates. */
export async function createBackup(source: Database.Database, options: CreateBackupOptions): Promise<BackupInfo> {
  const { dir, kind, now } = options;
  mkdirSync(dir, { recursive: true });
  let fileName = `credit-desk-${kind}-${stamp(now)}.db`;
  for (let n = 2; existsSync(join(dir, fileName)); n++) fileName = `credit-desk-${kind}-${stamp(now)}-${n}.db`;
  const info = await writeVerifiedBackup(source, join(dir, fileName), kind, now);
  rotateBackups(dir, kind);
  return info;
}

/**
 * Copies any backup file (even one the user picked from anywhere) into a private staging
 * file with the backup API and verifies the staged copy: what is restored is exactly what
 * was verified, whatever happens to the original afterwards.
 */
export async function stageVerifiedCopy(from: string, staging: string): Promise<CopyCheck> {
  if (!existsSync(from)) throw new BackupError(`The backup ${from} does not exist.`);
  removeWithSidecars(staging);
  let source: Database.Database | undefined;
  try {
    source = openSqlite(from, { readonly: true, fileMustExist: true });
    await onlineBackup(source, staging);
  } catch (error) {
    removeWithSidecars(staging);
    throw new BackupError(
      `${basename(from)} is not a usable backup: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    source?.close();
  }
  try {
    return verifyCopy(staging);
  } catch (error) {
    removeWithSidecars(staging);
    throw error;
  }
}

/** Describes a backup file outside the backup folder (CLI `restore --from`). */
export function describeBackupFile(path: string, check: CopyCheck, sha256: string): BackupInfo {
  const dir = dirname(path);
  const known = readSidecar(dir, basename(path));
  if (known !== undefined) return known;
  return {
    fileName: basename(path),
    path,
    kind: 'manual',
    createdAt: statSync(path).mtime.toISOString(),
    sizeBytes: statSync(path).size,
    sha256,
    ...check,
  };
}

export { onlineBackup };
