/**
 * Small helpers for the PostgreSQL tests: a fresh migrated ledger per test and rows to post
 * against, written through the async interface (the way services will be).
 */
import type { AsyncDb, AsyncQueries } from '../../electron/db/async-db';

export const NOW = '2026-03-01T09:00:00.000Z';

/** A client with a stored balance of `balance` credits; returns its id. */
export async function seedClient(db: AsyncQueries, name: string, balance: number): Promise<number> {
  const { id } = (await db.get(
    db.k.insertInto('clients').values({ name, created_at: NOW, updated_at: NOW }).returning('id'),
  ))!;
  await db.run(
    db.k
      .insertInto('client_balances')
      .values({ client_id: id, balance, entry_count: 0, last_hash: 'genesis', last_created_at: null }),
  );
  return id;
}

/** The stored balance of a client. */
export async function balanceOf(db: AsyncDb, clientId: number): Promise<number> {
  const row = await db.get(db.k.selectFrom('client_balances').select('balance').where('client_id', '=', clientId));
  return row!.balance;
}

/** Rejects with the error `promise` rejects with (fails when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure, but it succeeded');
}
