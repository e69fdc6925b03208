/**
 * `ledger.verify` off the main thread and on both cores. The fast path splits the entries into
 * id ranges, one per worker, each over its own connection (verify-range.ts), and stitches the
 * clients' chains across the ranges here. When the parts do not fit together the ledger has a
 * problem, and one worker runs the exact single pass, which names every problem the way it
 * always has; a broken ledger costs one more pass, a sound one half the reading.
 *
 * A small ledger is verified on the calling thread instead: starting two workers (~50 ms) costs
 * far more than hashing a thousand entries (~2 ms), which no one notices as a stall.
 */
import type { VerifyReport } from '../../shared/dto';
import { openReader } from '../db/sqlite';
import { stitchRanges } from '../ledger/verify-range';
import { mergeVerifyParts, verifyLedger } from '../ledger/verify.service';
import { runOffThread } from './off-thread';

/** How many workers share a verify: the two cores these desks have. */
export const VERIFY_WORKERS = 2;

/** Up to this many entries (by largest id) a verify runs on the calling thread. */
export const INLINE_VERIFY_ENTRIES = 1000;

/**
 * The largest committed entry id (a few page reads on this thread) and, when it is at most
 * `inlineUpTo`, the whole verify done here over the same connection.
 */
function sizeOrSmallVerify(path: string, inlineUpTo: number): { top: number; report?: VerifyReport } {
  const sqlite = openReader(path);
  try {
    const top = (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM ledger_entries').get() as { n: number }).n;
    return top <= inlineUpTo ? { top, report: verifyLedger(sqlite) } : { top };
  } finally {
    sqlite.close();
  }
}

/** Verifies the ledger file at `path` in {@link VERIFY_WORKERS} worker threads (or here, when it is small). */
export async function verifyLedgerOffThread(
  path: string,
  parts = VERIFY_WORKERS,
  inlineUpTo = INLINE_VERIFY_ENTRIES,
): Promise<VerifyReport> {
  const { top, report } = sizeOrSmallVerify(path, inlineUpTo);
  if (report !== undefined) return report;
  // Every range but the last ends at an id already committed; the last one is open-ended.
  const bounds = Array.from({ length: parts + 1 }, (_, k) => (k === parts ? null : Math.floor((top * k) / parts)));
  const ranges = await Promise.all(
    Array.from({ length: parts }, (_, k) =>
      runOffThread('verifyRange', { path, afterId: bounds[k] ?? 0, upToId: bounds[k + 1] ?? null }),
    ),
  );
  return stitchRanges(ranges) ?? mergeVerifyParts([await runOffThread('verifyPart', { path, part: 0, parts: 1 })]);
}
