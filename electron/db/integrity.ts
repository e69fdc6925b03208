/**
 * Start-up integrity: `PRAGMA quick_check` on a read-only connection, before anything
 * writes to the file (not even the WAL switch), so a damaged file is reported, never
 * "repaired" into something else.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';

/** `['ok']` for a healthy file, otherwise what SQLite found (at most `max` lines). */
export function quickCheck(path: string, max = 10): string[] {
  let probe: Database.Database | undefined;
  try {
    probe = openSqlite(path, { readonly: true, fileMustExist: true });
    // A lock held a moment by another process (creating or migrating the file) is not damage.
    probe.pragma('busy_timeout = 5000');
    return (probe.pragma(`quick_check(${max})`) as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    probe?.close();
  }
}

/** True when {@link quickCheck} found nothing wrong. */
export function isHealthy(lines: string[]): boolean {
  return lines.length === 1 && lines[0] === 'ok';
}
