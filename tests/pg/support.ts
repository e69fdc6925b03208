/**
 * Small helpers for the PostgreSQL tests: a fresh migrated ledger per test and rows to post
 * against, written through the async interface (the way services will be).
 */
import type { AsyncDb, AsyncQueries } from '../../electron/db/async-db';
import { openPostgresLedger } from '../../electron/db/pg/open';
import type { PgCluster } from '../support/pg-cluster';

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

/** A debit refused for want of credits (rolled back like every refusal). */
export class Insufficient extends Error {
  override readonly name = 'Insufficient';
}

/**
 * Spends `credits` from a client the way posting does it: lock the balance row, read it,
 * refuse if it does not cover the spend, else write the new balance and an entry carrying the
 * running balance. Read-then-write is exactly what a missing lock would break.
 */
export async function debit(db: AsyncDb, clientId: number, credits: number, actor: string): Promise<number> {
  return db.write(async (tx) => {
    await tx.lockRows('client_balances', 'client_id', [clientId]);
    const row = (await tx.get(
      tx.k.selectFrom('client_balances').select(['balance', 'entry_count']).where('client_id', '=', clientId),
    ))!;
    if (row.balance < credits) throw new Insufficient(`needs ${credits}, has ${row.balance}`);
    const balance = row.balance - credits;
    await tx.run(
      tx.k
        .updateTable('client_balances')
        .set({ balance, entry_count: row.entry_count + 1 })
        .where('client_id', '=', clientId),
    );
    await tx.run(
      tx.k.insertInto('ledger_entries').values({
        client_id: clientId,
        seq: row.entry_count + 1,
        created_at: NOW,
        direction: 'out',
        type: 'adjustment',
        credits,
        balance_after: balance,
        reference: `ADJ-${actor}`,
        memo: 'concurrency test',
        actor,
        prev_hash: 'x',
        hash: 'y',
      }),
    );
    return balance;
  });
}

/**
 * Credits a provider payment exactly once: the purchase insert is an upsert that does
 * nothing on a repeat (UNIQUE provider + payment id), and only the one that inserted posts.
 */
export async function creditOnce(
  db: AsyncDb,
  clientId: number,
  packageId: number,
  paymentId: string,
): Promise<boolean> {
  return db.write(async (tx) => {
    const inserted = await tx.get(
      tx.k
        .insertInto('purchases')
        .values({
          client_id: clientId,
          package_id: packageId,
          package_name: 'Starter',
          provider: 'stripe',
          provider_payment_id: paymentId,
          amount_minor: 1000,
          currency: 'USD',
          credits: 100,
          created_at: NOW,
        })
        .onConflict((oc) => oc.columns(['provider', 'provider_payment_id']).doNothing())
        .returning('id'),
    );
    if (inserted === undefined) return false;
    // The other way to lock one row: the read itself (FOR UPDATE on PostgreSQL).
    const row = (await tx.get(
      tx.forUpdate(
        tx.k.selectFrom('client_balances').select(['balance', 'entry_count']).where('client_id', '=', clientId),
      ),
    ))!;
    await tx.run(
      tx.k
        .updateTable('client_balances')
        .set({ balance: row.balance + 100, entry_count: row.entry_count + 1 })
        .where('client_id', '=', clientId),
    );
    return true;
  });
}

/** A package to buy; returns its id. */
export async function seedPackage(db: AsyncQueries): Promise<number> {
  const row = await db.get(
    db.k
      .insertInto('credit_packages')
      .values({
        name: 'Starter',
        credits: 100,
        currency: 'USD',
        price_minor: 1000,
        archived: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id'),
  );
  return row!.id;
}

const migratedTemplates = new WeakMap<PgCluster, Promise<void>>();

/**
 * A new, fully migrated ledger database: the first call migrates a template once per cluster
 * (about a second), later ones copy it (a few milliseconds of file copy).
 */
export async function freshLedgerUrl(cluster: PgCluster): Promise<string> {
  let ready = migratedTemplates.get(cluster);
  if (ready === undefined) {
    ready = cluster.createTemplate('ledger_template', async (url) => (await openPostgresLedger(url)).close());
    migratedTemplates.set(cluster, ready);
  }
  await ready;
  return (await cluster.createDatabase('ledger_template')).url;
}
