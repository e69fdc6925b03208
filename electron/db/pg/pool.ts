/**
 * The pg connection pool for a ledger URL. PostgreSQL's bigint (int8) arrives from pg as a
 * string, because it can exceed 2^53; every bigint of ours (ids, minor units, credits, counts)
 * is an integer that SQLite returns as a JS number, so it is parsed to a number here, and a
 * value beyond Number.MAX_SAFE_INTEGER is an error, never a silently rounded figure.
 * numeric stays a string (exact decimals are never floats).
 */
import pg from 'pg';

const INT8_OID = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond the exact range of a number`);
  return value;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Options for {@link createPool}. */
export interface PoolOptions {
  /** Most connections at once (default 10). */
  max?: number;
  /** Shown in pg_stat_activity, so a DBA can tell Credit Desk's sessions apart. */
  applicationName?: string;
}

/** A pool for `url` with the ledger's type parsing. The URL is never logged by pg. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'credit-desk',
    types,
  });
  // An idle connection the server closed (a restart, an administrator) is an 'error' event on
  // the pool, which would end the process if nobody listened. The pool has already dropped it;
  // the next query opens a new connection, and a query in flight fails on its own promise.
  pool.on('error', () => undefined);
  return pool;
}
