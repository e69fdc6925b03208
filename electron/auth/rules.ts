/**
 * The time rules of sign-in (PRODUCT F14), pure functions over instants so that tests state
 * them exactly with an injected clock:
 * - a session ends after 12 hours without use; each use moves its end on;
 * - five failed sign-ins for one username within 15 minutes lock that username's sign-in for
 *   15 minutes from the fifth. Attempts are counted per username as typed (normalised), not per
 *   user, so an unknown username locks exactly like a real one and the lock tells nobody
 *   whether an account exists. Attempts refused because of a lock are not failures: a
 *   stranger can keep someone out for 15 minutes at a time, never for longer than they keep trying.
 */

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** When a session last used at `lastUsedMs` ends if it stays idle. */
export function sessionExpiresAt(lastUsedMs: number): number {
  return lastUsedMs + SESSION_IDLE_MS;
}

/** True when a session last used at `lastUsedMs` has ended by `nowMs`. */
export function sessionExpired(lastUsedMs: number, nowMs: number): boolean {
  return nowMs >= sessionExpiresAt(lastUsedMs);
}

/**
 * Until when sign-in is locked, given the times of the failed attempts since the last
 * successful one (any order), or null when it is not locked at `nowMs`. A lock starts at the
 * failure that makes five within 15 minutes and lasts 15 minutes.
 */
export function lockedUntil(failureTimesMs: readonly number[], nowMs: number): number | null {
  const times = [...failureTimesMs].filter((t) => t <= nowMs).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = LOCKOUT_FAILURES - 1; i < times.length; i++) {
    const fifth = times[i]!;
    if (fifth - times[i - (LOCKOUT_FAILURES - 1)]! < LOCKOUT_WINDOW_MS) {
      until = Math.max(until ?? 0, fifth + LOCKOUT_MS);
    }
  }
  return until !== null && nowMs < until ? until : null;
}

/** The oldest attempt time that can still matter at `nowMs` (older rows may be pruned or skipped). */
export function attemptsRelevantSince(nowMs: number): number {
  return nowMs - LOCKOUT_WINDOW_MS - LOCKOUT_MS;
}
