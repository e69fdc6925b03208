/**
 * Text comparisons that differ between the engines, written once here so services never ask
 * which engine they run on. SQLite compares text bytewise (BINARY) unless told NOCASE, and its
 * LIKE ignores ASCII case; PostgreSQL's LIKE does not. The PostgreSQL schema declares text
 * `COLLATE "C"` (migration 0001), so there `lower()` folds ASCII only and ILIKE ignores ASCII
 * case only: the same answers, in the same order, on both engines.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Engine } from './async-db';

/**
 * `value` folded for a case-insensitive comparison or ORDER BY, as SQLite's NOCASE:
 * `value COLLATE NOCASE` on SQLite, `lower(value)` on PostgreSQL. Fold both sides of a
 * comparison. Over `clients.name` both forms use the `clients_by_name` index.
 */
export function foldCase(engine: Engine, value: Expression<unknown> | string): RawBuilder<string> {
  const v = typeof value === 'string' ? sql`${value}` : value;
  return engine === 'sqlite' ? sql<string>`${v} COLLATE NOCASE` : sql<string>`lower(${v})`;
}

/** `value LIKE pattern ESCAPE '\'`, ignoring ASCII case on both engines (ILIKE on PostgreSQL). */
export function likeIgnoringCase(
  engine: Engine,
  value: Expression<string | null>,
  pattern: string,
): RawBuilder<boolean> {
  return engine === 'sqlite'
    ? sql<boolean>`${value} LIKE ${pattern} ESCAPE '\\'`
    : sql<boolean>`${value} ILIKE ${pattern} ESCAPE '\\'`;
}
