/**
 * Posting: the one way credits move. Every In and Out goes through `post`, which keeps the
 * four facts of a client's ledger in step inside the caller's transaction: the new entry,
 * its running balance, its place in the hash chain, and the stored O(1) balance.
 * The hot statements are compiled once (see Db.precompile).
 */
import { AppError } from '../../shared/result';
import { MAX_CREDITS } from '../../shared/money';
import type { LedgerEntry } from '../../shared/dto';
import { defineQuery, type Db } from '../db/database';
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
  /** For debits priced in a currency: the audit trail of the conversion (F4). */
  conversion?: { amountMinor: number; currency: string; creditsPerUnit: string; exactCredits: string; rateId: number };
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

/** Builds the poster for one database handle. */
export function createPoster(db: Db) {
  const readBalance = db.prepared(balanceRow);
  type InsertArgs = [HashedFields & { prev_hash: string; hash: string }];
  // Insert with every column bound positionally: compile once with one slot per column.
  const columns = STORED_ENTRY_COLUMNS;
  const insertEntry = db.precompile(columns.length, (...values: unknown[]) =>
    db.k.insertInto('ledger_entries').values(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as never),
  );
  const updateBalance = db.precompile(
    5,
    (balance: number, count: number, hash: string, createdAt: string, clientId: number) =>
      db.k
        .updateTable('client_balances')
        .set({ balance, entry_count: count, last_hash: hash, last_created_at: createdAt })
        .where('client_id', '=', clientId),
  );

  /** Reads a client's stored balance (O(1): one primary-key lookup, never a SUM). */
  function balanceOf(clientId: number): number | undefined {
    return readBalance.get(clientId)?.balance;
  }

  /**
   * Appends one entry. Throws INSUFFICIENT_CREDITS (with needed and available) when an Out
   * would take the balance below zero, so the caller's whole transaction rolls back.
   */
  function post(call: Call, p: Posting): LedgerEntry {
    const current: BalanceRow | undefined = readBalance.get(p.clientId);
    if (current === undefined)
      throw new AppError('NOT_FOUND', `Client ${p.clientId} does not exist.`, { clientId: p.clientId });
    const balanceAfter = p.direction === 'in' ? current.balance + p.credits : current.balance - p.credits;
    if (balanceAfter < 0) {
      throw new AppError(
        'INSUFFICIENT_CREDITS',
        `This needs ${formatCreditsPlain(p.credits)} credits but the client has only ${formatCreditsPlain(current.balance)} available.`,
        { needed: p.credits, available: current.balance, clientId: p.clientId },
      );
    }
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
    const { lastInsertRowid } = insertEntry.run(...columns.map((c) => row[c]));
    updateBalance.run(balanceAfter, fields.seq, hash, createdAt, p.clientId);
    return toEntry({ ...fields, direction: p.direction, type: p.type, id: Number(lastInsertRowid) });
  }

  return { post, balanceOf };
}

/** The poster's interface. */
export type Poster = ReturnType<typeof createPoster>;
