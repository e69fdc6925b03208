/**
 * The file-level steps of a backup, each a whole-file read or write: the online copy, the
 * page check, the digest. They import nothing but better-sqlite3 and Node, so the worker
 * thread that runs them (electron/workers/ledger-worker.ts) starts in tens of milliseconds.
 */
import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, fsyncSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openReader, openSqlite } from '../db/sqlite';

/** Copies the whole database in one backup step: one consistent snapshot, never restarted by other writers. */
export async function onlineBackup(source: Database.Database, dest: string): Promise<void> {
  await source.backup(dest, { progress: () => 0x7fffffff });
}

/**
 * Copies `source` (a connection, or a file opened read-only) into `dest` with the backup API
 * and switches the copy to a single-file journal, so it is one self-contained file.
 */
export async function copyDatabase(source: Database.Database | string, dest: string): Promise<void> {
  const from = typeof source === 'string' ? openReader(source) : source;
  try {
    await onlineBackup(from, dest);
  } finally {
    if (typeof source === 'string') from.close();
  }
  const copy = openSqlite(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Flushes `path` to disk every `everyMs` while another thread writes it, until `control[0]` is
 * set; returns how many flushes ran, and keeps that count in `control[1]` as it goes.
 *
 * Why: the online copy writes the whole ledger (335 MB at a million entries) in one step and
 * the kernel holds it dirty until the copy's final fsync. On
 * ext4 (data=ordered) the main thread's next commit fsync then waits in the same journal
 * commit for all of it: a 350–420 ms stall of the window, measured on the 1M bench fixture.
 * Flushed as it grows, each journal commit carries a few megabytes. Runs in a worker of its
 * own (Atomics.wait blocks the thread it runs on).
 */
export function flushWhileWriting(path: string, control: Int32Array, everyMs: number): number {
  let fd: number | undefined;
  let flushes = 0;
  try {
    while (Atomics.load(control, 0) === 0) {
      try {
        // 'r+': Windows flushes only a handle opened for writing; never creates the file.
        fd ??= openSync(path, 'r+');
        fdatasyncSync(fd);
        Atomics.store(control, 1, ++flushes);
      } catch {
        // Not created yet by the copy (or a platform that cannot flush): try again next time.
      }
      Atomics.wait(control, 0, 0, everyMs);
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return flushes;
}

/** The application id in a SQLite file's header (offset 68), read from the bytes. */
export function applicationIdOf(path: string): number {
  const header = Buffer.alloc(72);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 72, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(68);
}

/** `PRAGMA integrity_check` on a file, read-only; a file SQLite cannot even open says why. */
export function integrityCheck(path: string, max = 20): string[] {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openSqlite(path, { readonly: true, fileMustExist: true });
    return (sqlite.pragma(`integrity_check(${max})`) as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    sqlite?.close();
  }
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

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the file itself was synced.
  } finally {
    closeSync(fd);
  }
}

/** fsync, then SHA-256 and size: what the sidecar records. */
export function digestFile(path: string): { sha256: string; sizeBytes: number } {
  fsyncPath(path);
  return { sha256: sha256File(path), sizeBytes: statSync(path).size };
}
