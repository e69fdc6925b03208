/**
 * `ledger.verify`: the one-command integrity check. Streams every entry in insertion (rowid)
 * order, keeping one running chain per client, and recomputes what the app stores: the running balance
 * chain from zero, the hash chain, and each client's stored balance, entry count and last
 * hash. Anything edited behind the app's back shows up as a named problem.
 */
import type { VerifyProblem, VerifyReport } from '../../shared/dto';
import type BetterSqlite3 from 'better-sqlite3';
import type { AsyncDb } from '../db/async-db';
import type { Db } from '../db/database';
import { entryHash, GENESIS_HASH, STORED_ENTRY_COLUMNS, type HashedFields } from './hash';

/** The columns read, in the order {@link toStoredEntry} expects them. */
const COLUMNS = ['id', ...STORED_ENTRY_COLUMNS] as const;

/** The verify scan: every entry in rowid order, columns as {@link toStoredEntry} expects. */
export const VERIFY_SCAN_SQL = `SELECT ${COLUMNS.join(', ')} FROM ledger_entries ORDER BY id`;

/** An entry as stored, hash chain included. */
export type StoredEntry = HashedFields & { id: number; prev_hash: string; hash: string };

/** A raw row of {@link VERIFY_SCAN_SQL} as a named entry. */
export function toStoredEntry(r: unknown[]): StoredEntry {
  return {
    id: r[0] as number,
    client_id: r[1] as number,
    seq: r[2] as number,
    created_at: r[3] as string,
    direction: r[4] as string,
    type: r[5] as string,
    credits: r[6] as number,
    balance_after: r[7] as number,
    reference: r[8] as string,
    memo: r[9] as string | null,
    actor: r[10] as string,
    purchase_id: r[11] as number | null,
    request_id: r[12] as number | null,
    order_id: r[13] as number | null,
    invoice_id: r[14] as number | null,
    amount_minor: r[15] as number | null,
    currency: r[16] as string | null,
    credits_per_unit: r[17] as string | null,
    exact_credits: r[18] as string | null,
    rate_id: r[19] as number | null,
    prev_hash: r[20] as string,
    hash: r[21] as string,
  };
}

interface ChainState {
  balance: number;
  seq: number;
  hash: string;
}

/**
 * One share of a verify: the clients whose id modulo `parts` is `part` (all of them for
 * 1 of 1). Each client's whole chain and its stored balance are read in one snapshot, so
 * shares verified on different threads at different moments are each consistent; the
 * problems come back by kind, for {@link mergeVerifyParts}.
 */
export interface VerifyPart {
  /** Problems found on entries, in entry (rowid) order. */
  entryProblems: VerifyProblem[];
  /** Problems found on stored balances, in client order. */
  balanceProblems: VerifyProblem[];
  /** Clients with entries but no stored balance, in client order. */
  missingProblems: VerifyProblem[];
  checkedEntries: number;
  /** How many clients the ledger holds (read in this share's snapshot). */
  clients: number;
}

/** At most this many problems are reported (the first ones, in the order above). */
const MAX_PROBLEMS = 1000;

/** Runs `fn` in one read snapshot (or the caller's transaction, when it is in one). */
function inSnapshot<T>(sqlite: BetterSqlite3.Database, fn: () => T): T {
  return sqlite.inTransaction ? fn() : sqlite.transaction(fn).deferred();
}

/** A stored balance row, as the verify compares it. */
interface StoredBalance {
  client_id: number;
  balance: number;
  entry_count: number;
  last_hash: string;
}

function sayTo(list: VerifyProblem[]) {
  return (kind: VerifyProblem['kind'], clientId: number, entryId: number | null, message: string) => {
    if (list.length < MAX_PROBLEMS) list.push({ kind, clientId, entryId, message });
  };
}

/**
 * Recomputes each client's chain from its entries (fed in id order), then compares the stored
 * balances: the same checks whichever engine and thread reads the rows.
 */
class ChainChecker {
  private readonly entryProblems: VerifyProblem[] = [];
  private readonly say = sayTo(this.entryProblems);
  private readonly chains = new Map<number, ChainState>();
  private checkedEntries = 0;

  entry(e: StoredEntry): void {
    const { say, chains } = this;
    this.checkedEntries++;
    let chain = chains.get(e.client_id);
    if (chain === undefined) {
      chain = { balance: 0, seq: 0, hash: GENESIS_HASH };
      chains.set(e.client_id, chain);
    }
    if (e.seq !== chain.seq + 1) {
      say(
        'sequence_gap',
        e.client_id,
        e.id,
        `Entry ${e.id} is number ${e.seq} but number ${chain.seq + 1} was expected: an entry is missing.`,
      );
    }
    const expected = e.direction === 'in' ? chain.balance + e.credits : chain.balance - e.credits;
    if (e.balance_after !== expected) {
      say(
        'running_balance',
        e.client_id,
        e.id,
        `Entry ${e.id} says the balance became ${e.balance_after}, but the entries add up to ${expected}.`,
      );
    }
    if (expected < 0)
      say('negative_balance', e.client_id, e.id, `Entry ${e.id} takes the balance below zero (${expected}).`);
    if (e.prev_hash !== chain.hash || entryHash(e.prev_hash, e) !== e.hash) {
      say(
        'hash_mismatch',
        e.client_id,
        e.id,
        `Entry ${e.id} does not match its fingerprint: it was changed outside Credit Desk.`,
      );
    }
    chain.balance = expected;
    chain.seq = e.seq;
    chain.hash = e.hash;
  }

  finish(balances: readonly StoredBalance[], clients: number): VerifyPart {
    const { chains } = this;
    const balanceProblems: VerifyProblem[] = [];
    const missingProblems: VerifyProblem[] = [];
    const sayBalance = sayTo(balanceProblems);
    const seen = new Set<number>();
    for (const b of balances) {
      seen.add(b.client_id);
      const chain = chains.get(b.client_id) ?? { balance: 0, seq: 0, hash: GENESIS_HASH };
      if (b.balance !== chain.balance) {
        sayBalance(
          'balance_mismatch',
          b.client_id,
          null,
          `Client ${b.client_id}'s stored balance is ${b.balance}, but its entries add up to ${chain.balance}.`,
        );
      }
      if (b.entry_count !== chain.seq || b.last_hash !== chain.hash) {
        sayBalance(
          'hash_mismatch',
          b.client_id,
          null,
          `Client ${b.client_id}'s ledger does not end where the stored balance says: entries were added or removed outside Credit Desk.`,
        );
      }
    }
    const sayMissing = sayTo(missingProblems);
    for (const clientId of [...chains.keys()].sort((a, b) => a - b)) {
      if (!seen.has(clientId))
        sayMissing('missing_balance', clientId, null, `Client ${clientId} has entries but no stored balance.`);
    }
    return {
      entryProblems: this.entryProblems,
      balanceProblems,
      missingProblems,
      checkedEntries: this.checkedEntries,
      clients,
    };
  }
}

/**
 * Verifies one share of the clients (see {@link VerifyPart}). Takes the bare connection: a
 * worker thread runs this without loading the query builder.
 */
export function verifyLedgerPart(sqlite: BetterSqlite3.Database, part: number, parts: number): VerifyPart {
  return inSnapshot(sqlite, () => {
    // Rowid order reads the table front to back (walking the (client_id, seq) index instead
    // costs a random table lookup per row, ~3x slower on a million entries), and raw arrays
    // skip better-sqlite3's per-row object building; each client's entries still arrive in
    // seq order, because seq grows with the rowid. A share filters on client_id in the same
    // scan: SQLite reads the pages either way, and skipping a row costs next to nothing next
    // to hashing it.
    const whole = parts === 1;
    const scan = whole
      ? sqlite.prepare(VERIFY_SCAN_SQL)
      : sqlite.prepare(`SELECT ${COLUMNS.join(', ')} FROM ledger_entries WHERE client_id % ? = ? ORDER BY id`);
    const rows = (whole ? scan.raw(true).iterate() : scan.raw(true).iterate(parts, part)) as IterableIterator<
      unknown[]
    >;
    const checker = new ChainChecker();
    for (const row of rows) checker.entry(toStoredEntry(row));
    const balances = (
      whole
        ? sqlite.prepare('SELECT * FROM client_balances ORDER BY client_id').all()
        : sqlite.prepare('SELECT * FROM client_balances WHERE client_id % ? = ? ORDER BY client_id').all(parts, part)
    ) as StoredBalance[];
    const clients = (sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    return checker.finish(balances, clients);
  });
}

/** One report from the shares of a verify: the same report a single pass gives. */
export function mergeVerifyParts(parts: VerifyPart[]): VerifyReport {
  const byEntry = (a: VerifyProblem, b: VerifyProblem) => (a.entryId ?? 0) - (b.entryId ?? 0);
  const byClient = (a: VerifyProblem, b: VerifyProblem) => a.clientId - b.clientId;
  const problems = [
    ...parts.flatMap((p) => p.entryProblems).sort(byEntry),
    ...parts.flatMap((p) => p.balanceProblems).sort(byClient),
    ...parts.flatMap((p) => p.missingProblems).sort(byClient),
  ].slice(0, MAX_PROBLEMS);
  return {
    ok: problems.length === 0,
    problems,
    checkedClients: Math.max(0, ...parts.map((p) => p.clients)),
    checkedEntries: parts.reduce((n, p) => n + p.checkedEntries, 0),
  };
}

/** The whole verify on this thread (the workers of electron/workers split it in two). */
export function verifyLedger(db: Db | BetterSqlite3.Database): VerifyReport {
  return mergeVerifyParts([verifyLedgerPart('sqlite' in db ? db.sqlite : db, 0, 1)]);
}

/** Entries read per round trip by {@link verifyLedgerAsync}. */
const VERIFY_PAGE = 5000;

/**
 * The whole verify through the async interface, in one read snapshot: what PostgreSQL runs.
 * The hashing runs on the calling (main) thread for now, paged by id; SQLite files keep the
 * worker threads of electron/workers.
 */
export function verifyLedgerAsync(db: AsyncDb): Promise<VerifyReport> {
  return db.read(async (q) => {
    const checker = new ChainChecker();
    let after = 0;
    for (;;) {
      const page = await q.all(
        q.k.selectFrom('ledger_entries').select(COLUMNS).where('id', '>', after).orderBy('id').limit(VERIFY_PAGE),
      );
      for (const row of page) checker.entry(toStoredEntry(COLUMNS.map((c) => row[c])));
      if (page.length < VERIFY_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    const balances = await q.all(
      q.k
        .selectFrom('client_balances')
        .select(['client_id', 'balance', 'entry_count', 'last_hash'])
        .orderBy('client_id'),
    );
    const counted = await q.get(q.k.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')));
    return mergeVerifyParts([checker.finish(balances, Number(counted?.n ?? 0))]);
  });
}
