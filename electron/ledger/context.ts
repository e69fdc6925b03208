/**
 * What every service call receives besides its input: who is acting, the one "now" of the
 * call (so every row it writes carries the same time), and the transaction it runs in.
 */
import type { Db, Tx } from '../db/database';
import type { SyncPoller } from '../sync/poller';

/** The per-call context built by the router. */
export interface Call {
  tx: Tx;
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
  db: Db;
  actor: string;
  now: Date;
  nowIso: string;
}

/** Long-lived dependencies of the services. */
export interface LedgerDeps {
  db: Db;
  /** Injected so tests and the demo control time. */
  clock: () => Date;
  /** The payment-provider poller (desktop app); without it the sync channels use one over the environment. */
  sync?: SyncPoller;
  /** Where the PDF fonts are; defaults to resources/fonts found from the source tree. */
  fontDir?: string;
  /** The backup folder (see backup/backup.service.ts); beside the ledger file by default. */
  backupDir?: string;
}
