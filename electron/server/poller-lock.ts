/**
 * The payment-provider poller runs in exactly one server process per database (PRODUCT F14).
 *
 * PostgreSQL: the process that holds a session-level advisory lock
 * (`pg_try_advisory_lock`) on a connection of its own runs the poller. The others try again
 * every `retryMs`; when the holder stops (or dies: PostgreSQL ends its session and with it the
 * lock) the next try succeeds and that process takes over. The holder checks its connection at
 * the same pace and stops polling the moment the lock connection is lost, since another
 * process may then take the lock.
 *
 * SQLite: a small team on one machine runs one server process per file, and that process
 * polls (nothing here stops a second process from polling too; the poller's records are
 * idempotent by provider payment id, so a second one would repeat requests, not credits).
 */
import pg from 'pg';
import type { SyncLog } from '../sync/log';

/** The advisory lock's key, (classid, objid): "credit desk", "poller". Advisory locks are per database. */
const LOCK_KEY = [0x43_44_53_4b, 1] as const;

/** Options for {@link runPollerWhileLocked}. */
export interface PollerLockOptions {
  url: string;
  /** Runs the poller until the signal aborts. */
  poll(signal: AbortSignal): Promise<void>;
  stop: AbortSignal;
  retryMs: number;
  log: SyncLog;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Holds the lock on a connection of its own while the poller runs; resolves after `stop` aborts. */
export async function runPollerWhileLocked(options: PollerLockOptions): Promise<void> {
  const { stop, log } = options;
  let waitingSaid = false;
  while (!stop.aborted) {
    const client = new pg.Client({ connectionString: options.url, application_name: 'credit-desk poller lock' });
    const lost = new AbortController();
    client.on('error', () => lost.abort());
    client.on('end', () => lost.abort());
    try {
      await client.connect();
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', [
        ...LOCK_KEY,
      ]);
      if (rows[0]?.got === true) {
        log.info('this server process holds the poller lock and runs the payment-provider poller.');
        waitingSaid = false;
        const running = AbortSignal.any([stop, lost.signal]);
        const polling = options.poll(running);
        // A lost connection is noticed by the next query at the latest.
        while (!running.aborted) {
          await pause(options.retryMs, running);
          if (!running.aborted) await client.query('SELECT 1').catch(() => lost.abort());
        }
        await polling;
        if (!stop.aborted) log.warn('lost the poller lock connection; stopped polling, trying to take the lock again.');
      } else if (!waitingSaid) {
        log.info(
          `another server process holds the poller lock; this one takes over if it stops (checked every ${Math.round(options.retryMs / 1000)} s).`,
        );
        waitingSaid = true;
      }
    } catch (error) {
      log.warn(`could not check the poller lock: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      // Ending the session releases the lock, if held.
      await client.end().catch(() => undefined);
    }
    await pause(options.retryMs, stop);
  }
}
