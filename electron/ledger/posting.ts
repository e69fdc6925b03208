/**
 * Posting: the one way credits move. Every In and Out goes through `post`, which keeps the
 * four facts of a client's ledger in step inside the caller's transaction: the new entry,
 * its running balance, its place in the hash chain, and the stored O(1) balance.
 * The hot statements are compiled once per database (QueryDef, see AsyncQueries.prepared).
 * Concurrency: the client's balance row is locked first (`lockRows`: SELECT … FOR UPDATE on
 * PostgreSQL; on SQLite the write transaction already holds the database), so two postings to
 * one client take turns and the running balance, the hash chain and the stored balance stay in
 * step on both engines.
 */
import { AppError } from '../../shared/result';
import { MAX_CREDITS } from '../../shared/money';
import type { LedgerEntry } from '../../shared/dto';
import type { AsyncQueries } from '../db/async-db';
import { defineQuery } from '../db/database';
import type { LedgerEntriesTable } from '../db/schema';
import type { Call } from './context';
import { entryHash, STORED_ENTRY_COLUMNS, type HashedFields } from './hash';
import { toEntry } from './mappers';
import { formatCreditsPlain } from './words';

/** What a caller says about a movement of credits; the poster works out the rest. */
export interface Posting {
  clientId: number;
  direction: LedgerEntriesTable['direction'];
  type: LedgerEntriesTable['type'];
  credits: number;
  reference: string;
  memo: string | null;
  purchaseId?: number;
  requestId?: number;
  orderId?: number;
  invoiceId?: number;
  /**
   * For debits priced in a currency: the audit trail of the conversion (F4). A refund reversal
   * (F16) keeps the refunded amount and the exact proportional credits, with no rate.
   */
  conversion?: {
    amountMinor: number;
    currency: string;
    creditsPerUnit: string | null;
    exactCredits: string;
    rateId: number | null;
  };
}

interface BalanceRow {
  balance: number;
  entry_count: number;
  last_hash: string;
  last_created_at: string | null;
}

/** The posting path's balance read: the stored balance row, one primary-key lookup. */
export const balanceRow = defineQuery(1, (k, clientId: number) =>
  k
    .selectFrom('client_balances')
    .select(['balance', 'entry_count', 'last_hash', 'last_created_at'])
    .where('client_id', '=', clientId),
);

// Insert with every column bound positionally, returning the new id (RETURNING on both engines).
const insertEntry = defineQuery(STORED_ENTRY_COLUMNS.length, (k, ...values: unknown[]) =>
  k
    .insertInto('ledger_entries')
    .values(Object.fromEntries(STORED_ENTRY_COLUMNS.map((c, i) => [c, values[i]])) as never)
    .returning('id'),
);
const updateBalance = defineQuery(
  5,
  (k, balance: number, count: number, hash: string, createdAt: string, clientId: number) =>
    k
      .updateTable('client_balances')
      .set({ balance, entry_count: count, last_hash: hash, last_created_at: createdAt })
      .where('client_id', '=', clientId),
);

function insufficient(clientId: number, needed: number, available: number): AppError {
  return new AppError(
    'INSUFFICIENT_CREDITS',
    `This needs ${formatCreditsPlain(needed)} credits but the client has only ${formatCreditsPlain(available)} available.`,
    { needed, available, clientId },
  );
}

/** Builds the poster (stateless: the statements are compiled per database by `prepared`). */
export function createPoster() {
  type InsertArgs = [HashedFields & { prev_hash: string; hash: string }];
  const columns = STORED_ENTRY_COLUMNS;

  /** Reads a client's stored balance (O(1): one primary-key lookup, never a SUM). */
  async function balanceOf(q: AsyncQueries, clientId: number): Promise<number | undefined> {
    return (await q.prepared(balanceRow).get(clientId))?.balance;
  }

  /**
   * Appends one entry. Throws INSUFFICIENT_CREDITS (with needed and available) when an Out
   * would take the balance below zero, so the caller's whole transaction rolls back.
   */
  async function post(call: Call, p: Posting): Promise<LedgerEntry> {
    const { tx } = call;
    // Read-then-write of the balance: lock the row first (see the file comment).
    await tx.lockRows('client_balances', 'client_id', [p.clientId]);
    const current: BalanceRow | undefined = await tx.prepared(balanceRow).get(p.clientId);
    if (current === undefined)
      throw new AppError('NOT_FOUND', `Client ${p.clientId} does not exist.`, { clientId: p.clientId });
    const balanceAfter = p.direction === 'in' ? current.balance + p.credits : current.balance - p.credits;
    if (balanceAfter < 0) throw insufficient(p.clientId, p.credits, current.balance);
    if (balanceAfter > MAX_CREDITS) {
      throw new AppError('VALIDATION_ERROR', 'This would take the balance beyond what Credit Desk can hold.', {
        field: 'credits',
      });
    }
    // Entries are kept in time order per client even if the system clock steps back, so the
    // history's date order and its running-balance order are one and the same.
    const createdAt =
      current.last_created_at !== null && current.last_created_at > call.nowIso ? current.last_created_at : call.nowIso;
    const fields: HashedFields = {
      client_id: p.clientId,
      seq: current.entry_count + 1,
      created_at: createdAt,
      direction: p.direction,
      type: p.type,
      credits: p.credits,
      balance_after: balanceAfter,
      reference: p.reference,
      memo: p.memo,
      actor: call.actor,
      purchase_id: p.purchaseId ?? null,
      request_id: p.requestId ?? null,
      order_id: p.orderId ?? null,
      invoice_id: p.invoiceId ?? null,
      amount_minor: p.conversion?.amountMinor ?? null,
      currency: p.conversion?.currency ?? null,
      credits_per_unit: p.conversion?.creditsPerUnit ?? null,
      exact_credits: p.conversion?.exactCredits ?? null,
      rate_id: p.conversion?.rateId ?? null,
    };
    const hash = entryHash(current.last_hash, fields);
    const row: InsertArgs[0] = { ...fields, prev_hash: current.last_hash, hash };
    const inserted = await tx.prepared(insertEntry).get(...columns.map((c) => row[c]));
    if (inserted === undefined) throw new Error('the ledger entry insert returned no id');
    await tx.prepared(updateBalance).run(balanceAfter, fields.seq, hash, createdAt, p.clientId);
    return toEntry({ ...fields, direction: p.direction, type: p.type, id: Number(inserted.id) });
  }

  /**
   * Refuses INSUFFICIENT_CREDITS before a caller writes the row an Out entry will point at (an
   * order): a PostgreSQL sequence does not roll back, so an insert first and a refusal after
   * would use up an id there and not on SQLite. Locks the balance row, as `post` does.
   */
  async function assertCovers(call: Call, clientId: number, credits: number): Promise<void> {
    await call.tx.lockRows('client_balances', 'client_id', [clientId]);
    const current = await call.tx.prepared(balanceRow).get(clientId);
    if (current !== undefined && current.balance < credits) throw insufficient(clientId, credits, current.balance);
  }

  return { post, balanceOf, assertCovers };
}

/** The poster's interface. */
export type Poster = ReturnType<typeof createPoster>;
