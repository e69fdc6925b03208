/**
 * Keyset cursors: the sort key of the last row of a page, opaque to callers (base64url JSON).
 * Pages are found by "rows after this key" through an index, never by OFFSET, so page 10,000
 * costs what page 1 costs.
 */
import { invalid } from '../../shared/result';

/** Encodes the sort key of a page's last row. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor whose key has the given shape; a forged or stale one is a validation error. */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'string' ? string : number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== shape.length ||
    parsed.some((v, i) => typeof v !== shape[i] || (typeof v === 'number' && !Number.isSafeInteger(v)))
  ) {
    throw invalid('cursor', 'The page cursor is not valid: start again from the first page.');
  }
  return parsed as { [K in keyof T]: T[K] extends 'string' ? string : number };
}

/** Cuts a page from `limit + 1` fetched rows: the extra row only says whether there is more. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => readonly (string | number)[],
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** The default page size. */
export const DEFAULT_LIMIT = 50;
