/**
 * What the user and session services receive besides their input: who acts and the one "now"
 * of the call. Like every service after the async conversion, they get the async database
 * (electron/db/async-db.ts) and open their own transactions: hashing a password takes tens of
 * milliseconds of CPU and must happen outside any transaction.
 */
import type { AsyncDb } from '../db/async-db';

export interface AuthCall {
  db: AsyncDb;
  /** Who acts: the signed-in username, or the desktop/CLI actor. */
  actor: string;
  now: Date;
  /** `now` as stored: ISO-8601 UTC with milliseconds. */
  nowIso: string;
}

/** A call context at `now` (tests and the doors). */
export function authCall(db: AsyncDb, actor: string, now: Date): AuthCall {
  return { db, actor, now, nowIso: now.toISOString() };
}
