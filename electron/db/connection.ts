/**
 * Opening the ledger file. This is a money ledger, so durability wins over speed:
 * WAL with synchronous=FULL makes every committed transaction survive a power cut
 * (NORMAL could lose the last commits). Foreign keys are on; a busy timeout lets the app
 * and the CLI share one file without SQLITE_BUSY reaching anyone.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';
import { CREDIT_DESK_APPLICATION_ID } from '../../migrations';

/** What a path holds, judged without writing to it. */
export type FileKind = 'missing' | 'empty' | 'credit-desk' | 'foreign-sqlite' | 'not-sqlite';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Looks at a file before anything touches it, so a foreign file is never modified.
 * `nativeBinding` must be the same addon the connection will use: in Electron the default
 * (Node) build cannot load, and that failure must surface as itself, not as "not a database".
 */
export function inspectDatabaseFile(path: string, options: Pick<ConnectionOptions, 'nativeBinding'> = {}): FileKind {
  if (path === ':memory:') return 'empty';
  if (!existsSync(path)) return 'missing';
  const size = statSync(path).size;
  if (size === 0) return 'empty';
  if (size < 100) return 'not-sqlite';
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_HEADER) return 'not-sqlite';
  // The application id lives in the 100-byte header (offset 68): read it from the bytes, so a
  // truncated or damaged Credit Desk file is still recognised as ours (and reported as
  // damaged by the integrity check) rather than called "not a database".
  if (header.readUInt32BE(68) === CREDIT_DESK_APPLICATION_ID) return 'credit-desk';
  let probe: Database.Database | undefined;
  try {
    probe = openSqlite(path, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
    // Another process may be creating this very file (rollback mode until its switch to WAL,
    // when readers are locked out for a moment): wait as every other connection does, rather
    // than report a moment's lock as the file's state.
    probe.pragma('busy_timeout = 5000');
    const appId = probe.pragma('application_id', { simple: true }) as number;
    if (appId === CREDIT_DESK_APPLICATION_ID) return 'credit-desk';
    // The migrator creates its bookkeeping tables just before the first migration's
    // transaction: a file holding only those is a Credit Desk file being created by another
    // process (app and CLI starting at once), not a foreign one.
    const tables = probe
      .prepare(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT IN ('kysely_migration', 'kysely_migration_lock')",
      )
      .get() as { n: number };
    return appId === 0 && tables.n === 0 ? 'empty' : 'foreign-sqlite';
  } catch (error) {
    // Only SQLite's verdict on the content (NOTADB, CORRUPT) means "not a ledger". A native
    // module that fails to load (a broken install) or a locked or unreadable file is reported
    // as itself, so the user is told the real reason.
    if (isDamagedFileError(error)) return 'not-sqlite';
    throw error;
  } finally {
    probe?.close();
  }
}

function isDamagedFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT)/.test(code);
}

/**
 * `journal_mode = WAL`, waiting out other processes. Switching a new file's journal mode
 * takes an exclusive lock, and SQLite answers SQLITE_BUSY there without calling the busy
 * handler when another process holds the file at that moment (several processes creating the
 * same new ledger at once: about one run in four of the concurrency test failed so). Once one process has
 * switched it, the mode is stored in the file and the others' switch is a no-op.
 */
function switchToWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      // A synchronous pause (the open is synchronous): 10–30 ms, so racing openers spread out.
      Atomics.wait(pause, 0, 0, 10 + Math.floor(Math.random() * 20));
    }
  }
}

/** Options for {@link openConnection}. */
export interface ConnectionOptions {
  /** Path to better-sqlite3's native addon: Electron loads its own build, Node the default. */
  nativeBinding?: string;
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) a database file with the ledger's pragmas. */
export function openConnection(path: string, options: ConnectionOptions = {}): Database.Database {
  const db = openSqlite(path, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  if (path !== ':memory:') switchToWal(db, busyTimeoutMs);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}
