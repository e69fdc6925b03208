/**
 * What every service call receives besides its input: who is acting, the one "now" of the
 * call (so every row it writes carries the same time), and the transaction it runs in.
 * Services are written once against the async interface (db/async-db.ts), for both engines.
 */
import type { AsyncDb, AsyncTx } from '../db/async-db';
import type { Db } from '../db/database';
import type { Session } from '../auth/auth.service';

/** The per-call context built by the router. */
export interface Call {
  tx: AsyncTx;
  actor: string;
  now: Date;
  /** `now` as stored: ISO-8601 UTC with milliseconds. */
  nowIso: string;
}

/**
 * The context of a "task" channel (one that waits on the network or works in chunks, e.g.
 * a provider sync): no transaction is held open across its awaits; it opens its own short
 * ones through `db`.
 */
export interface TaskCall {
  db: AsyncDb;
  actor: string;
  now: Date;
  nowIso: string;
  /** The caller's sign-in session (team server); absent on the desktop app and the CLI. */
  session?: Session;
}

/** Long-lived dependencies of the services. */
export interface LedgerDeps {
  db: AsyncDb;
  /**
   * The synchronous handle when the ledger is a SQLite file or :memory: (undefined on
   * PostgreSQL): what is SQLite by nature uses it (online backup and restore, the worker
   * threads that open the file themselves).
   */
  sqlite?: Db;
  /** Injected so tests and the demo control time. */
  clock: () => Date;
  /** Where the PDF fonts are; defaults to resources/fonts found from the source tree. */
  fontDir?: string;
  /** The backup folder (see backup/backup.service.ts); beside the ledger file by default. */
  backupDir?: string;
}
