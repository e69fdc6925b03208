/**
 * What the light worker (ledger-worker.ts) can be asked to do: the whole-file checks, copies
 * and digests of backups, one range or share of `ledger.verify` and the start-up `quick_check`. Each
 * is a plain function of plain data (what crosses a thread boundary). Nothing here loads the
 * query builder or the schemas, so this worker starts in tens of milliseconds.
 */
import { copyDatabase, digestFile, flushWhileWriting, integrityCheck } from '../backup/copy';
import { quickCheck } from '../db/integrity';
import { openReader, openSqlite } from '../db/sqlite';
import { verifyLedgerPart } from '../ledger/verify.service';
import { verifyRange } from '../ledger/verify-range';

export const tasks = {
  /** The start-up check (read-only). */
  quickCheck: (a: { path: string; max?: number }) => quickCheck(a.path, a.max),
  /** `integrity_check`, read-only. */
  integrityCheck: (a: { path: string; max?: number }) => integrityCheck(a.path, a.max),
  /** One share of `ledger.verify` (see verify-off-thread.ts). */
  verifyPart(a: { path: string; part: number; parts: number }) {
    const sqlite = openReader(a.path);
    try {
      return verifyLedgerPart(sqlite, a.part, a.parts);
    } finally {
      sqlite.close();
    }
  },
  /** One id range of `ledger.verify`'s fast path (see verify-off-thread.ts). */
  verifyRange(a: { path: string; afterId: number; upToId: number | null }) {
    const sqlite = openReader(a.path);
    try {
      return verifyRange(sqlite, a.afterId, a.upToId);
    } finally {
      sqlite.close();
    }
  },
  /** A PASSIVE WAL checkpoint of the ledger at `path` (see db/checkpoint.ts). */
  checkpoint(a: { path: string }) {
    const sqlite = openSqlite(a.path, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 5000');
      const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as {
        busy: number;
        log: number;
        checkpointed: number;
      }[];
      return result ?? { busy: 0, log: 0, checkpointed: 0 };
    } finally {
      sqlite.close();
    }
  },
  /** Flushes `path` while another worker writes it, until told to stop (see backup/copy.ts). */
  flushWhileWriting: (a: { path: string; control: SharedArrayBuffer; everyMs: number }) =>
    flushWhileWriting(a.path, new Int32Array(a.control), a.everyMs),
  /** The online backup of `source` into `dest` as a single-file copy, fsynced; its digest. */
  async copyDatabase(a: { source: string; dest: string }) {
    await copyDatabase(a.source, a.dest);
    return digestFile(a.dest);
  },
};
