/**
 * `ledger.verify` split by ranges of entry ids, so that each of two workers reads only half of
 * the table's pages (a split by client makes both read every page). A client's chain then
 * crosses ranges: each range checks what it can alone (every entry's own fingerprint, and the
 * links, sequence numbers and running balances between a client's entries inside the range)
 * and reports, per client, how its part of the chain begins and ends. The calling thread
 * stitches the parts in id order and checks the stored balances. This is the fast path for a
 * sound ledger: the moment anything does not fit, the caller runs the exact single pass
 * (verify.service.ts), which names every problem as it always has.
 *
 * Consistency: entries are append-only and ids only grow, so the entries up to an id that was
 * already committed are the same in every later snapshot. Every range but the last is bounded
 * by such an id; the last range is open-ended and reads the stored balances in its own
 * snapshot, so the balances and the entries they are checked against come from one moment.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { VerifyReport } from '../../shared/dto';
import { GENESIS_HASH, ROW_HASH, ROW_PREV_HASH, STORED_ENTRY_COLUMNS, storedRowHash } from './hash';

/** A client's entries within one range: how they begin and end, for stitching. */
export interface ClientSpan {
  clientId: number;
  firstSeq: number;
  firstPrevHash: string;
  /** The balance the range's first entry says the client had before it. */
  startBalance: number;
  /** The range's credits in minus credits out. */
  delta: number;
  /** The lowest running sum of the range's signed credits (the balance must never go below zero). */
  minDelta: number;
  lastSeq: number;
  lastHash: string;
}

/** A stored balance row, as {@link verifyRange} reads it for the last range. */
export interface BalanceRow {
  client_id: number;
  balance: number;
  entry_count: number;
  last_hash: string;
}

/** What one range reports; `sound` is false as soon as one check inside it failed. */
export interface RangeReport {
  sound: boolean;
  checkedEntries: number;
  spans: ClientSpan[];
  /** Only from the open-ended (last) range: the stored balances and the number of clients. */
  balances?: BalanceRow[];
  clients?: number;
}

const SCAN = `SELECT id, ${STORED_ENTRY_COLUMNS.join(', ')} FROM ledger_entries WHERE id > ?`;

/** The position of each column the checks read in a raw row of {@link SCAN} (the id is 0). */
const COL = Object.fromEntries(STORED_ENTRY_COLUMNS.map((name, i) => [name, i + 1])) as Record<
  (typeof STORED_ENTRY_COLUMNS)[number],
  number
>;

/** Verifies the entries with `afterId < id <= upToId` (no upper bound when `upToId` is null). */
export function verifyRange(sqlite: BetterSqlite3.Database, afterId: number, upToId: number | null): RangeReport {
  const run = () => {
    const spans = new Map<number, ClientSpan>();
    let checkedEntries = 0;
    const scan = sqlite.prepare(upToId === null ? `${SCAN} ORDER BY id` : `${SCAN} AND id <= ? ORDER BY id`).raw(true);
    const rows = (upToId === null ? scan.iterate(afterId) : scan.iterate(afterId, upToId)) as IterableIterator<
      unknown[]
    >;
    const unsound = (): RangeReport => ({ sound: false, checkedEntries, spans: [] });
    for (const row of rows) {
      // The raw row (id, then STORED_ENTRY_COLUMNS): read by position, no entry object per row.
      const hash = row[ROW_HASH] as string;
      const prevHash = row[ROW_PREV_HASH] as string;
      checkedEntries++;
      if (storedRowHash(row) !== hash) return unsound();
      const clientId = row[COL.client_id] as number;
      const seq = row[COL.seq] as number;
      const balanceAfter = row[COL.balance_after] as number;
      const credits = row[COL.credits] as number;
      const signed = row[COL.direction] === 'in' ? credits : -credits;
      const span = spans.get(clientId);
      if (span === undefined) {
        spans.set(clientId, {
          clientId,
          firstSeq: seq,
          firstPrevHash: prevHash,
          startBalance: balanceAfter - signed,
          delta: signed,
          minDelta: signed,
          lastSeq: seq,
          lastHash: hash,
        });
        continue;
      }
      const delta = span.delta + signed;
      if (seq !== span.lastSeq + 1 || prevHash !== span.lastHash || balanceAfter !== span.startBalance + delta) {
        return unsound();
      }
      span.delta = delta;
      span.minDelta = Math.min(span.minDelta, delta);
      span.lastSeq = seq;
      span.lastHash = hash;
    }
    const report: RangeReport = { sound: true, checkedEntries, spans: [...spans.values()] };
    if (upToId === null) {
      report.balances = sqlite
        .prepare('SELECT client_id, balance, entry_count, last_hash FROM client_balances')
        .all() as BalanceRow[];
      report.clients = (sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    }
    return report;
  };
  return sqlite.inTransaction ? run() : sqlite.transaction(run).deferred();
}

/**
 * The ranges' reports, in id order, stitched into the report of a sound ledger; null when they
 * do not fit together (the caller then runs the exact single pass to name the problems).
 */
export function stitchRanges(ranges: readonly RangeReport[]): VerifyReport | null {
  const last = ranges.at(-1);
  if (last?.balances === undefined || last.clients === undefined) return null;
  const chains = new Map<number, { seq: number; hash: string; balance: number }>();
  for (const range of ranges) {
    if (!range.sound) return null;
    for (const s of range.spans) {
      const before = chains.get(s.clientId) ?? { seq: 0, hash: GENESIS_HASH, balance: 0 };
      if (
        s.firstSeq !== before.seq + 1 ||
        s.firstPrevHash !== before.hash ||
        s.startBalance !== before.balance ||
        before.balance + s.minDelta < 0
      ) {
        return null;
      }
      chains.set(s.clientId, { seq: s.lastSeq, hash: s.lastHash, balance: before.balance + s.delta });
    }
  }
  const balanced = new Set<number>();
  for (const b of last.balances) {
    balanced.add(b.client_id);
    const chain = chains.get(b.client_id) ?? { seq: 0, hash: GENESIS_HASH, balance: 0 };
    if (b.balance !== chain.balance || b.entry_count !== chain.seq || b.last_hash !== chain.hash) return null;
  }
  for (const clientId of chains.keys()) if (!balanced.has(clientId)) return null;
  return {
    ok: true,
    problems: [],
    checkedClients: last.clients,
    checkedEntries: ranges.reduce((n, r) => n + r.checkedEntries, 0),
  };
}
