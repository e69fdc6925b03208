/**
 * WAL checkpoints off the commit path. SQLite's default copies the WAL back into the
 * database inside whichever commit pushes the WAL past 1,000 pages: that commit pays a few
 * milliseconds of page copies and an extra fsync, which was the whole of P1's p99 (6–8 ms).
 * Here the automatic checkpoint is off (`wal_autocheckpoint=0`) and:
 * - a PASSIVE checkpoint runs once the connection has been idle for `idleMs` after a commit
 *   (a timer on the event loop: never inside a commit, never waiting for a reader);
 * - the WAL stays bounded: when `maxCommits` commits went by without an idle moment (a long
 *   batch), the commit that reaches the bound starts one;
 * - both run in a worker thread on a connection of their own (`inWorker`), so the page copies
 *   and the database file's fsync never hold the main thread either: measured beside a 1M-entry
 *   backup writing 335 MB, a checkpoint's fsync on the main thread waited up to 0.6 s. One at
 *   a time; a commit meanwhile just counts towards the next;
 * - closing a connection that committed checkpoints too (a one-shot CLI call beside the app
 *   is never the last connection, so SQLite's checkpoint-on-close would not run);
 * - `journal_size_limit` truncates the WAL file when it is reset, so its size is bounded on
 *   disk and not only in use.
 * Durability is unchanged: every commit is still fsynced in the WAL (synchronous=FULL), and a
 * crash before a checkpoint is recovered from the WAL at the next open.
 */
import type Database from 'better-sqlite3';
import { runOffThread } from '../workers/off-thread';

/** When checkpoints run. */
export interface CheckpointPolicy {
  /** Idle time after the last commit before a checkpoint (ms). */
  idleMs: number;
  /** Commits without an idle moment after which a commit checkpoints (the WAL's bound). */
  maxCommits: number;
  /** Bytes the WAL file is truncated to when it is reset. */
  journalSizeLimit: number;
  /** Idle and bound checkpoints in a worker thread (close always checkpoints on the caller's thread). */
  inWorker: boolean;
}

/** 250 ms idle; at most ~2,000 commits (≈ 10–30 MB of WAL) between checkpoints; 64 MB on disk. */
export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = {
  idleMs: 250,
  maxCommits: 2000,
  journalSizeLimit: 64 * 1024 * 1024,
  inWorker: true,
};

/** What a checkpoint did (SQLite's three numbers). */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** The checkpoints of one connection. */
export class Checkpointer {
  private commitsSinceCheckpoint = 0;
  private lastCommit = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private inFlight = false;
  /** How many checkpoints ran, by cause (tests and the bench read it). */
  readonly counts = { idle: 0, bound: 0, close: 0 };
  /** Told after every checkpoint, with its cause (tests wait on it instead of on time). */
  onCheckpoint: ((cause: 'idle' | 'bound' | 'close', result: CheckpointResult) => void) | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
  ) {
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma(`journal_size_limit = ${policy.journalSizeLimit}`);
  }

  /** The policy in force. */
  get currentPolicy(): CheckpointPolicy {
    return this.policy;
  }

  /** From now on, idle and bound checkpoints run in a worker thread. */
  useWorker(): void {
    this.policy = { ...this.policy, inWorker: true };
  }

  /** Called after every commit of this connection: a few nanoseconds unless the bound is reached. */
  afterCommit(): void {
    this.commitsSinceCheckpoint++;
    if (this.commitsSinceCheckpoint >= this.policy.maxCommits && !this.inFlight) {
      this.run('bound');
      return;
    }
    this.lastCommit = performance.now();
    if (this.timer === undefined && !this.closed) this.arm(this.policy.idleMs);
  }

  /** A PASSIVE checkpoint now: copies what no reader still needs, never waits for anyone. */
  checkpoint(): CheckpointResult {
    this.commitsSinceCheckpoint = 0;
    const row = this.sqlite.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    return row[0] ?? { busy: 0, log: 0, checkpointed: 0 };
  }

  /** Stops the timer and checkpoints what this connection committed since the last one. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.commitsSinceCheckpoint > 0 && this.sqlite.open && !this.sqlite.inTransaction) {
      this.report('close', this.checkpoint());
    }
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.onTimer(), ms);
    // A timer must never keep a CLI process alive.
    this.timer.unref?.();
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.closed || this.commitsSinceCheckpoint === 0) return;
    const idleFor = performance.now() - this.lastCommit;
    if (idleFor < this.policy.idleMs) {
      this.arm(this.policy.idleMs - idleFor);
      return;
    }
    // A write transaction of this connection still open (a task between awaits): try later.
    if (this.sqlite.inTransaction) {
      this.arm(this.policy.idleMs);
      return;
    }
    this.run('idle');
  }

  private run(cause: 'idle' | 'bound'): void {
    if (!this.policy.inWorker || this.sqlite.memory) {
      this.report(cause, this.checkpoint());
      return;
    }
    this.commitsSinceCheckpoint = 0;
    this.inFlight = true;
    runOffThread('checkpoint', { path: this.sqlite.name })
      .then((result) => {
        // Another checkpoint held the file (another process's, or a close): try again when idle.
        if (result.busy !== 0) this.retryWhenIdle();
        this.report(cause, result);
      })
      .catch(() => this.retryWhenIdle())
      .finally(() => {
        this.inFlight = false;
      });
  }

  private retryWhenIdle(): void {
    this.commitsSinceCheckpoint = Math.max(this.commitsSinceCheckpoint, 1);
    if (this.timer === undefined && !this.closed) this.arm(this.policy.idleMs);
  }

  private report(cause: 'idle' | 'bound' | 'close', result: CheckpointResult): void {
    this.counts[cause]++;
    this.onCheckpoint?.(cause, result);
  }
}
