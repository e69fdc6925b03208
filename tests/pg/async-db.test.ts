/**
 * The async database interface on both engines: the same tests, once on a SQLite file and once
 * on a PostgreSQL database of a throw-away cluster. Concurrency is real: several connections
 * (PostgreSQL pools) and several processes, released together at a stdin barrier.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbErrorKind, insertedId, type AsyncDb } from '../../electron/db/async-db';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import { defineQuery } from '../../electron/db/database';
import { openPostgresLedger } from '../../electron/db/pg/open';
import { exited, release, ROOT, startChild } from '../reliability/helpers';
import { describeWithPostgres } from '../support/pg-cluster';
import {
  balanceOf,
  creditOnce,
  debit,
  failure,
  freshLedgerUrl,
  Insufficient,
  NOW,
  seedClient,
  seedPackage,
} from './support';

let writer = '';
beforeAll(async () => {
  writer = join(ROOT, '.tmp', 'children', `pg-writer-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'tests/pg/children/writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: writer,
    external: ['better-sqlite3', 'pg'],
    logLevel: 'warning',
  });
});

/** Starts `count` writer processes, waits until every one has opened the ledger, releases them together, and returns their last lines. */
async function runWriters(count: number, args: string[]): Promise<unknown[]> {
  const children = Array.from({ length: count }, () => {
    let ready!: () => void;
    const isReady = new Promise<void>((done) => (ready = done));
    const lines: string[] = [];
    const child = startChild(writer, args, (line) => (line === 'ready' ? ready() : lines.push(line)));
    return { child, isReady, lines };
  });
  await Promise.all(children.map((c) => c.isReady));
  for (const c of children) release(c.child);
  const results = await Promise.all(children.map((c) => exited(c.child)));
  return children.map((c, i) => {
    const stderr = (c.child as unknown as { stderrText: () => string }).stderrText();
    expect(results[i]!.code, stderr).toBe(0);
    return JSON.parse(c.lines.at(-1)!) as unknown;
  });
}

const findBalance = defineQuery(1, (k, clientId: number) =>
  k.selectFrom('client_balances').select(['balance', 'entry_count']).where('client_id', '=', clientId),
);

/** The suite both engines pass; `fresh` gives the location of a new, empty ledger. */
function bothEngines(fresh: () => Promise<string>, connections: number): void {
  const handles: AsyncDb[] = [];
  const open = async (location: string) => {
    const db = await openAsyncLedger(location);
    handles.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(handles.map((db) => db.close()));
  });

  it('runs queries, RETURNING inserts, upserts and precompiled statements', async () => {
    const db = await open(await fresh());
    const client = await seedClient(db, 'Northwind', 40);
    const lookup = db.prepared(findBalance);
    expect(await lookup.get(client)).toEqual({ balance: 40, entry_count: 0 });
    expect(await lookup.all(client + 1)).toEqual([]);
    const second = await insertedId(
      db,
      db.k.insertInto('clients').values({ name: 'Contoso', created_at: NOW, updated_at: NOW }).returning('id'),
    );
    expect(second).toBe(client + 1);
    const key = (k: AsyncDb['k']) =>
      k
        .insertInto('idempotency_keys')
        .values({ key: 'k1', channel: 'clients.create', input_hash: 'h', result_json: '{}', created_at: NOW })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key');
    expect(await db.get(key(db.k))).toEqual({ key: 'k1' });
    expect(await db.get(key(db.k))).toBeUndefined();
    const duplicate = await failure(
      db.run(
        db.k
          .insertInto('idempotency_keys')
          .values({ key: 'k1', channel: 'clients.create', input_hash: 'h', result_json: '{}', created_at: NOW }),
      ),
    );
    expect(dbErrorKind(duplicate)).toBe('unique');
    expect(await db.run(db.k.updateTable('clients').set({ company: 'ACME' }))).toEqual({ changes: 2 });
    expect(await db.read(async (q) => (await q.all(q.k.selectFrom('clients').select('id'))).length)).toBe(2);
  });

  it('rolls back everything a refused write did', async () => {
    const db = await open(await fresh());
    const client = await seedClient(db, 'Northwind', 5);
    await expect(debit(db, client, 6, 'alice')).rejects.toBeInstanceOf(Insufficient);
    const refused = db.write(async (tx) => {
      await tx.run(tx.k.updateTable('client_balances').set({ balance: 1000 }).where('client_id', '=', client));
      throw new Error('refused after writing');
    });
    await expect(refused).rejects.toThrow('refused after writing');
    expect(await balanceOf(db, client)).toBe(5);
  });

  it('refuses UPDATE and DELETE of ledger entries and audit rows (triggers)', async () => {
    const db = await open(await fresh());
    const client = await seedClient(db, 'Northwind', 30);
    await debit(db, client, 10, 'alice');
    await db.run(
      db.k.insertInto('audit_log').values({ at: NOW, actor: 'a', entity: 'client', entity_id: 1, action: 'x' }),
    );
    for (const change of [
      db.k.updateTable('ledger_entries').set({ credits: 1 }),
      db.k.deleteFrom('ledger_entries'),
      db.k.updateTable('audit_log').set({ actor: 'b' }),
      db.k.deleteFrom('audit_log'),
    ]) {
      const error = await failure(db.write((tx) => tx.run(change)));
      expect(dbErrorKind(error)).toBe('refused-by-trigger');
    }
    expect(await db.all(db.k.selectFrom('ledger_entries').select(['credits', 'balance_after']))).toEqual([
      { credits: 10, balance_after: 20 },
    ]);
  });

  it(`30 concurrent debits over ${connections} connection(s) against a balance covering 10 succeed exactly 10 times`, async () => {
    const location = await fresh();
    const dbs = await Promise.all(Array.from({ length: connections }, () => open(location)));
    const client = await seedClient(dbs[0]!, 'Northwind', 100);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => debit(dbs[i % dbs.length]!, client, 10, `w${i}`)),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof Insufficient)).toBe(true);
    expect(results.length - refused.length).toBe(10);
    expect(await balanceOf(dbs[0]!, client)).toBe(0);
    const entries = await dbs[0]!.all(
      dbs[0]!.k.selectFrom('ledger_entries').select(['seq', 'balance_after']).orderBy('seq'),
    );
    expect(entries).toEqual(Array.from({ length: 10 }, (_, i) => ({ seq: i + 1, balance_after: 90 - 10 * i })));
  });

  it(`one payment credited from 8 concurrent writes over ${Math.min(8, connections)} connection(s) is credited once`, async () => {
    const location = await fresh();
    const dbs = await Promise.all(Array.from({ length: Math.min(8, connections) }, () => open(location)));
    const client = await seedClient(dbs[0]!, 'Northwind', 0);
    const pkg = await seedPackage(dbs[0]!);
    const credited = await Promise.all(
      Array.from({ length: 8 }, (_, i) => creditOnce(dbs[i % dbs.length]!, client, pkg, 'pi_same')),
    );
    expect(credited.filter(Boolean)).toHaveLength(1);
    expect(await balanceOf(dbs[0]!, client)).toBe(100);
  });

  it('8 processes crediting the same payment at once credit it once', async () => {
    const location = await fresh();
    const db = await open(location);
    const client = await seedClient(db, 'Northwind', 0);
    const pkg = await seedPackage(db);
    const lines = await runWriters(8, [location, 'credit', String(client), String(pkg), 'pi_once']);
    expect(lines.filter((l) => (l as { credited: boolean }).credited)).toHaveLength(1);
    expect(await balanceOf(db, client)).toBe(100);
    expect(await db.all(db.k.selectFrom('purchases').select('provider_payment_id'))).toEqual([
      { provider_payment_id: 'pi_once' },
    ]);
  });

  it('3 processes × 10 concurrent debits against a balance covering 10: exactly 10 succeed', async () => {
    const location = await fresh();
    const db = await open(location);
    const client = await seedClient(db, 'Northwind', 100);
    const lines = (await runWriters(3, [location, 'debit', String(client), '10', '10'])) as {
      ok: number;
      refused: number;
    }[];
    expect(lines.reduce((sum, l) => sum + l.ok, 0)).toBe(10);
    expect(lines.reduce((sum, l) => sum + l.refused, 0)).toBe(20);
    expect(await balanceOf(db, client)).toBe(0);
    expect(await db.get(db.k.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')))).toEqual({
      n: 10,
    });
  });
}

describe('the async database on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-async-'));
  let n = 0;
  // One process holds one SQLite connection; concurrency across connections is across processes.
  bothEngines(() => Promise.resolve(join(dir, `ledger-${++n}.db`)), 1);
});

describeWithPostgres('the async database on PostgreSQL', (cluster) => {
  bothEngines(() => freshLedgerUrl(cluster()), 8);

  /** Resolves for everyone once `count` callers have arrived: both transactions hold their first lock. */
  function barrier(count: number): () => Promise<void> {
    let arrived = 0;
    let open!: () => void;
    const opened = new Promise<void>((done) => (open = done));
    return () => {
      if (++arrived === count) open();
      return opened;
    };
  }
  const bump = (id: number) => sql`UPDATE client_balances SET balance = balance + 1 WHERE client_id = ${id}`;

  it('a deadlock is retried, never escapes, and a bound on attempts is kept', async () => {
    const db = await openPostgresLedger(await freshLedgerUrl(cluster()));
    try {
      const [a, b] = [await seedClient(db, 'A', 0), await seedClient(db, 'B', 0)];
      // Two writers lock A and B in opposite orders (what lockRows' fixed order prevents).
      const crossed = (maxAttempts?: number) => {
        const bothLocked = barrier(2);
        const attempts = [0, 0];
        const writer = (i: number, first: number, second: number) =>
          db.write(
            async (tx) => {
              attempts[i]!++;
              await tx.run({ compile: () => bump(first).compile(tx.k) });
              if (attempts[i] === 1) await bothLocked();
              await tx.run({ compile: () => bump(second).compile(tx.k) });
            },
            maxAttempts === undefined ? {} : { maxAttempts },
          );
        return { attempts, done: Promise.allSettled([writer(0, a, b), writer(1, b, a)]) };
      };
      const retried = crossed();
      expect((await retried.done).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      // At least one loser ran again. Not always exactly once: row locks wait on the holder's
      // transaction, so a loser retried at once can take its first row again before the
      // woken winner re-reads it, and the two cross a second time (seen on CI: 4 attempts).
      // The bound on attempts (below) is what keeps that finite.
      const total = retried.attempts[0]! + retried.attempts[1]!;
      expect(total).toBeGreaterThanOrEqual(3);
      expect(total).toBeLessThanOrEqual(20); // ten attempts each at most
      expect([await balanceOf(db, a), await balanceOf(db, b)]).toEqual([2, 2]);

      const bounded = crossed(1);
      const outcomes = await bounded.done;
      const failed = outcomes.filter((o) => o.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: '40P01' });
      expect([await balanceOf(db, a), await balanceOf(db, b)]).toEqual([3, 3]);
    } finally {
      await db.close();
    }
  });

  it('a serialization failure under SERIALIZABLE is retried: no lost update', async () => {
    const db = await openPostgresLedger(await freshLedgerUrl(cluster()));
    try {
      const client = await seedClient(db, 'A', 10);
      const bothRead = barrier(2);
      let runs = 0;
      // Read, wait until the other has read too, then write what was read + 1: without
      // SERIALIZABLE (or a lock) one increment would be lost.
      const increment = () =>
        db.write(
          async (tx) => {
            runs++;
            const { balance } = (await tx.get(
              tx.k.selectFrom('client_balances').select('balance').where('client_id', '=', client),
            ))!;
            if (runs <= 2) await bothRead();
            await tx.run(
              tx.k
                .updateTable('client_balances')
                .set({ balance: balance + 1 })
                .where('client_id', '=', client),
            );
          },
          { isolation: 'serializable' },
        );
      await Promise.all([increment(), increment()]);
      expect(await balanceOf(db, client)).toBe(12);
      expect(runs).toBe(3);
    } finally {
      await db.close();
    }
  });

  it('runs hot statements as named prepared statements, parsed once per connection', async () => {
    const db = await openPostgresLedger(await freshLedgerUrl(cluster()), { pool: { max: 1 } });
    try {
      const client = await seedClient(db, 'A', 7);
      const lookup = db.prepared(findBalance);
      for (let i = 0; i < 20; i++) expect(await lookup.get(client)).toEqual({ balance: 7, entry_count: 0 });
      const prepared = await db.all<{ name: string; statement: string }>({
        compile: () =>
          sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.compile(db.k),
      });
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.statement).toMatch(/from "client_balances" where "client_id" = \$1/);
    } finally {
      await db.close();
    }
  });

  it('does not report a write as committed when a failed statement was swallowed inside it', async () => {
    const db = await openPostgresLedger(await freshLedgerUrl(cluster()));
    try {
      const client = await seedClient(db, 'A', 7);
      const swallowed = db.write(async (tx) => {
        await tx.run(tx.k.updateTable('client_balances').set({ balance: 8 }).where('client_id', '=', client));
        await tx.run(tx.k.updateTable('client_balances').set({ balance: -1 })).catch(() => undefined);
      });
      await expect(swallowed).rejects.toThrow(/a statement in it failed|current transaction is aborted/);
      expect(await balanceOf(db, client)).toBe(7);
    } finally {
      await db.close();
    }
  });
});
