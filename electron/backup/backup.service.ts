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
 * - rotated per kind (the last 7 daily, 4 pre-migration, 10 manual, 4 pre-restore);
 * - never on the main thread: the copy, its checks and its digest read the whole ledger, so
 *   on the main thread (the app, browser mode, the CLI) each step runs in a worker thread
 *   with its own connection (electron/workers), and the ledger's two halves are verified on
 *   two workers at once. Inside a worker the same steps run inline.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';
import { BACKUP_KINDS, type BackupInfo, type BackupKind } from '../../shared/contract.backup';
import type { VerifyReport } from '../../shared/dto';
import { CREDIT_DESK_APPLICATION_ID } from '../../migrations';
import { verifyLedger } from '../ledger/verify.service';
import { runOffThread } from '../workers/off-thread';
import { verifyLedgerOffThread } from '../workers/verify-off-thread';
import { BackupError } from './backup-error';
import { applicationIdOf, copyDatabase, digestFile, fsyncPath, onlineBackup, sha256File } from './copy';

export { BackupError, onlineBackup, sha256File };

/** How many backups of each kind rotation keeps. */
export const KEEP_BACKUPS: Record<BackupKind, number> = { daily: 7, 'pre-migration': 4, manual: 10, 'pre-restore': 4 };

/** Where a ledger's backups go unless the app says otherwise: `<folder>/<name>-backups/`. */
export function defaultBackupDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-backups`);
}

const NAME = /^credit-desk-([a-z-]+)-([0-9]{8}T[0-9]{9}Z)(?:-\d+)?\.db$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** What verification found on a copy. */
export interface CopyCheck {
  checkedClients: number;
  checkedEntries: number;
}

/** A copy must be a Credit Desk file before anything else is checked. */
function requireCreditDesk(path: string): void {
  if (applicationIdOf(path) !== CREDIT_DESK_APPLICATION_ID) {
    throw new BackupError(`${basename(path)} is not a Credit Desk database.`);
  }
}

function integrityProblem(path: string, integrity: string[]): BackupError | null {
  return integrity.length === 1 && integrity[0] === 'ok'
    ? null
    : new BackupError(`${basename(path)} is damaged: ${integrity.slice(0, 3).join('; ')}.`);
}

function verifyProblem(path: string, report: VerifyReport): BackupError | null {
  return report.ok
    ? null
    : new BackupError(
        `${basename(path)} fails the ledger check: ${report.problems
          .slice(0, 3)
          .map((p) => p.message)
          .join(' ')}`,
      );
}

function asUnusable(path: string, error: unknown): BackupError {
  if (error instanceof BackupError) return error;
  return new BackupError(
    `${basename(path)} is not a usable backup: ${error instanceof Error ? error.message : String(error)}.`,
  );
}

/**
 * Verifies a copy we own (it may be modified: it is switched to a single-file journal):
 * a Credit Desk file, `integrity_check` ok, `ledger.verify` ok. Throws {@link BackupError}.
 * Runs on the calling thread: the worker's form of {@link verifyCopyAnywhere}.
 */
export function verifyCopy(path: string): CopyCheck {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openSqlite(path, { fileMustExist: true });
    sqlite.pragma('journal_mode = DELETE');
    requireCreditDesk(path);
    const integrity = (sqlite.pragma('integrity_check(20)') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    const damaged = integrityProblem(path, integrity);
    if (damaged !== null) throw damaged;
    const report = verifyLedger(sqlite);
    const failed = verifyProblem(path, report);
    if (failed !== null) throw failed;
    return { checkedClients: report.checkedClients, checkedEntries: report.checkedEntries };
  } catch (error) {
    throw asUnusable(path, error);
  } finally {
    sqlite?.close();
  }
}

/** The steps of a verified copy, on this thread or off it. */
interface CopySteps {
  /** The online copy as one file, fsynced: its digest (the copy is only read from here on). */
  copy(source: Database.Database | string, dest: string): Promise<{ sha256: string; sizeBytes: number }>;
  /** integrity_check and ledger.verify on the copy. */
  verify(path: string): Promise<CopyCheck>;
}

const inline: CopySteps = {
  async copy(source, dest) {
    await copyDatabase(source, dest);
    requireCreditDesk(dest);
    return digestFile(dest);
  },
  verify: (path) => Promise.resolve(verifyCopy(path)),
};

/**
 * How often the copy is flushed while it is written. On the 1M-entry bench fixture the
 * window's longest stall during a backup was 348–416 ms without flushing, 79 ms at 25 ms,
 * 58–94 ms at 10 ms.
 */
const FLUSH_EVERY_MS = 10;

const offThread: CopySteps = {
  async copy(source, dest) {
    // A second worker flushes the copy as it grows, so a commit on this thread no longer waits
    // for the whole copy's writes in one journal commit (see flushWhileWriting).
    const control = new SharedArrayBuffer(8);
    const flushing = runOffThread('flushWhileWriting', { path: dest, control, everyMs: FLUSH_EVERY_MS });
    try {
      const digest = await runOffThread('copyDatabase', {
        source: typeof source === 'string' ? source : source.name,
        dest,
      });
      requireCreditDesk(dest);
      return digest;
    } finally {
      const flag = new Int32Array(control);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await flushing.catch(() => 0);
    }
  },
  async verify(path) {
    // Both halves of the ledger and the page check at once: three workers, two cores.
    const [integrity, report] = await Promise.all([
      runOffThread('integrityCheck', { path, max: 20 }).catch((error: unknown) => [String(error)]),
      verifyLedgerOffThread(path).catch((error: unknown) => {
        throw asUnusable(path, error);
      }),
    ]);
    const problem = integrityProblem(path, integrity) ?? verifyProblem(path, report);
    if (problem !== null) throw problem;
    return { checkedClients: report.checkedClients, checkedEntries: report.checkedEntries };
  },
};

/** Off the main thread when this is the main thread and the source is a file; inline otherwise. */
function stepsFor(source: Database.Database | string): CopySteps {
  const inMemory = typeof source !== 'string' && source.memory;
  return isMainThread && !inMemory ? offThread : inline;
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
  const steps = stepsFor(source);
  try {
    const { sha256, sizeBytes } = await steps.copy(source, partial);
    const check = await steps.verify(partial);
    const info: BackupInfo = {
      fileName: basename(path),
      path,
      kind,
      createdAt: now.toISOString(),
      sizeBytes,
      sha256,
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
  const steps = stepsFor(from);
  try {
    await steps.copy(from, staging);
  } catch (error) {
    removeWithSidecars(staging);
    throw asUnusable(from, error);
  }
  try {
    return await steps.verify(staging);
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
