/**
 * Every migration on PostgreSQL: the same tables, columns and indexes as on SQLite, and the
 * same rules enforced by the database itself (CHECKs, unique constraints, the one active rate
 * per currency, append-only triggers, final decisions); 0003 carries a 0002 ledger's rows over.
 */
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { openConnection } from '../../electron/db/connection';
import { migrateToLatest } from '../../electron/db/migrate';
import { openPostgresLedger } from '../../electron/db/pg/open';
import type { PgAsyncDb } from '../../electron/db/pg/async-db.pg';
import { describeWithPostgres } from '../support/pg-cluster';
import { failure, NOW, seedClient } from './support';

const FIRST_TWO = { '0001_initial': migrations['0001_initial']!, '0002_sync': migrations['0002_sync']! };

async function sqliteShape() {
  const db = openConnection(':memory:');
  await migrateToLatest(db, migrations);
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const columns = Object.fromEntries(
    tables.map((t) => [t, (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name)]),
  );
  const indexes = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
      name: string;
    }[]
  ).map((i) => i.name);
  const triggers = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name);
  db.close();
  return { tables, columns, indexes, triggers };
}

describeWithPostgres('migrations on PostgreSQL', (cluster) => {
  let db: PgAsyncDb | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  const open = async () => {
    db = await openPostgresLedger((await cluster().createDatabase()).url, { migrations });
    return db;
  };

  it('build the same tables, columns, indexes and triggers as on SQLite', async () => {
    const expected = await sqliteShape();
    const pg = await open();
    const q = <R>(text: string) => pg.all<R>({ compile: () => sql<R>`${sql.raw(text)}`.compile(pg.k) });
    const tables = (
      await q<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely%' ORDER BY 1",
      )
    ).map((t) => t.name);
    expect(tables).toEqual(expected.tables);
    for (const table of tables) {
      const columns = await q<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${table}' ORDER BY ordinal_position`,
      );
      expect(
        columns.map((c) => c.name),
        table,
      ).toEqual(expected.columns[table]);
    }
    const indexes = (
      await q<{ name: string }>(
        "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' AND indexname NOT LIKE 'kysely%' ORDER BY 1",
      )
    ).map((i) => i.name);
    expect(indexes).toEqual(expected.indexes);
    const triggers = (
      await q<{ name: string }>('SELECT DISTINCT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1')
    ).map((t) => t.name);
    // PostgreSQL also refuses TRUNCATE, which row triggers do not see.
    expect(triggers).toEqual(
      [
        ...expected.triggers,
        'audit_log_no_truncate',
        'ledger_entries_no_truncate',
        'users_no_truncate',
        'bank_imports_no_truncate',
        'bank_transactions_no_truncate',
      ].sort(),
    );
    // Seed rows, and bigint values come back as numbers, as on SQLite.
    expect(await pg.get(pg.k.selectFrom('settings').select(['id', 'credit_payments_enabled', 'agency_name']))).toEqual({
      id: 1,
      credit_payments_enabled: 1,
      agency_name: 'My Agency',
    });
    expect(
      await pg.all(pg.k.selectFrom('sync_state').select(['provider', 'fetched_total']).orderBy('provider')),
    ).toEqual([
      { provider: 'paypal', fetched_total: 0 },
      { provider: 'stripe', fetched_total: 0 },
    ]);
  });

  it('refuse UPDATE, DELETE and TRUNCATE of ledger entries and audit rows with the SQLite messages', async () => {
    const pg = await open();
    const client = await seedClient(pg, 'Northwind', 0);
    await pg.run(
      pg.k.insertInto('ledger_entries').values({
        client_id: client,
        seq: 1,
        created_at: NOW,
        direction: 'in',
        type: 'adjustment',
        credits: 5,
        balance_after: 5,
        reference: 'ADJ-1',
        memo: 'goodwill',
        actor: 'alice',
        prev_hash: 'genesis',
        hash: 'h1',
      }),
    );
    await pg.run(
      pg.k
        .insertInto('audit_log')
        .values({ at: NOW, actor: 'alice', entity: 'client', entity_id: client, action: 'create' }),
    );
    const append = /ledger entries are append-only: post a correcting entry instead/;
    const update = await failure(pg.run(pg.k.updateTable('ledger_entries').set({ credits: 500 })));
    expect(update.message).toMatch(append);
    expect(update.code).toBe('23001');
    expect((await failure(pg.run(pg.k.deleteFrom('ledger_entries')))).message).toMatch(append);
    // CASCADE: review items (0003) reference entries, and a plain TRUNCATE is refused for that first.
    expect(
      (await failure(pg.run({ compile: () => sql`TRUNCATE ledger_entries CASCADE`.compile(pg.k) }))).message,
    ).toMatch(append);
    const audit = /the audit log is append-only/;
    expect((await failure(pg.run(pg.k.updateTable('audit_log').set({ actor: 'mallory' })))).message).toMatch(audit);
    expect((await failure(pg.run(pg.k.deleteFrom('audit_log')))).message).toMatch(audit);
    expect((await failure(pg.run({ compile: () => sql`TRUNCATE audit_log`.compile(pg.k) }))).message).toMatch(audit);
    expect(await pg.all(pg.k.selectFrom('ledger_entries').select(['credits', 'hash']))).toEqual([
      { credits: 5, hash: 'h1' },
    ]);
  });

  it('keep one active rate per currency, CHECKs and final decisions in the database', async () => {
    const pg = await open();
    const rate = (active: number, activeTo: string | null) =>
      pg.k.insertInto('conversion_rates').values({
        currency: 'USD',
        credits_per_unit: '10.125',
        active,
        active_from: NOW,
        active_to: activeTo,
        created_by: 'alice',
      });
    await pg.run(rate(1, null));
    await pg.run(rate(0, NOW));
    const second = await failure(pg.run(rate(1, null)));
    expect(second.code).toBe('23505');
    expect(second.message).toMatch(/conversion_rates_one_active/);
    // Exact rates come back as the text that was stored.
    expect(
      await pg.get(pg.k.selectFrom('conversion_rates').select('credits_per_unit').where('active', '=', 1)),
    ).toEqual({
      credits_per_unit: '10.125',
    });
    expect((await failure(pg.run(rate(1, NOW)))).code).toBe('23514'); // active rows have no end
    const client = await seedClient(pg, 'Contoso', 0);
    expect(
      (await failure(pg.run(pg.k.updateTable('client_balances').set({ balance: -1 }).where('client_id', '=', client))))
        .code,
    ).toBe('23514');

    const { id: pkg } = (await pg.get(
      pg.k
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
    ))!;
    const { id: request } = (await pg.get(
      pg.k
        .insertInto('credit_requests')
        .values({
          client_id: client,
          package_id: pkg,
          package_name: 'Starter',
          method: 'bank_transfer',
          amount_minor: 1000,
          currency: 'USD',
          credits: 100,
          status: 'pending',
          submitted_at: NOW,
          submitted_by: 'alice',
        })
        .returning('id'),
    ))!;
    const decide = (status: 'accepted' | 'pending') =>
      pg.run(
        pg.k
          .updateTable('credit_requests')
          .set({ status, decided_at: status === 'pending' ? null : NOW, decided_by: 'bob' })
          .where('id', '=', request),
      );
    expect(await decide('accepted')).toEqual({ changes: 1 });
    expect((await failure(decide('pending'))).message).toMatch(/credit request decisions are final/);
  });

  it('are all or nothing and run once: a failing migration leaves nothing, a second open applies none', async () => {
    const { url, name } = await cluster().createDatabase();
    const broken = {
      ...FIRST_TWO,
      '9999_broken': { up: async () => Promise.reject(new Error('boom')) },
    };
    await expect(openPostgresLedger(url, { migrations: broken })).rejects.toThrow(/9999_broken failed: boom/);
    const left = await cluster().admin<{ t: string | null }>("SELECT to_regclass('settings')::text AS t", [], name);
    expect(left.rows).toEqual([{ t: null }]);
    db = await openPostgresLedger(url, { migrations: FIRST_TWO });
    await db.close();
    db = await openPostgresLedger(url, { migrations: FIRST_TWO });
    expect(await db.all(db.k.selectFrom('sync_state').select('provider'))).toHaveLength(2);
  });

  it('0003 keeps a 0002 ledger: refund reversals need a memo, streams start from the old cursor, closed items stay final', async () => {
    const { url } = await cluster().createDatabase();
    db = await openPostgresLedger(url, { migrations: FIRST_TWO });
    const client = await seedClient(db, 'Northwind', 0);
    await db.run(db.k.updateTable('sync_state').set({ cursor: 'cs_1', resume_json: '{"token":{"stream":"refunds"}}' }));
    const { id: pkg } = (await db.get(
      db.k
        .insertInto('credit_packages')
        .values({
          name: 'S',
          credits: 10,
          currency: 'USD',
          price_minor: 100,
          archived: 0,
          created_at: NOW,
          updated_at: NOW,
        })
        .returning('id'),
    ))!;
    const { id: purchase } = (await db.get(
      db.k
        .insertInto('purchases')
        .values({
          client_id: client,
          package_id: pkg,
          package_name: 'S',
          provider: 'stripe',
          provider_payment_id: 'pi_1',
          amount_minor: 100,
          currency: 'USD',
          credits: 10,
          created_at: NOW,
        })
        .returning('id'),
    ))!;
    const item = (status: string, event: string) =>
      db!.k.insertInto('sync_review_items').values({
        provider: 'stripe',
        event_id: event,
        kind: 'refund',
        provider_payment_id: 'pi_1',
        purchase_id: purchase,
        client_id: client,
        occurred_at: NOW,
        created_at: NOW,
        status,
      } as never);
    await db.run(item('open', 're_1'));
    await db.run(item('closed', 're_2'));
    await db.close();

    db = await openPostgresLedger(url, { migrations });
    expect(
      await db.all(
        db.k
          .selectFrom('sync_streams')
          .select(['provider', 'stream', 'cursor', 'resume_json'])
          .orderBy(['provider', 'stream']),
      ),
    ).toEqual([
      { provider: 'paypal', stream: 'transactions', cursor: 'cs_1', resume_json: '{"token":{"stream":"refunds"}}' },
      { provider: 'stripe', stream: 'disputes', cursor: 'cs_1', resume_json: null },
      { provider: 'stripe', stream: 'refunds', cursor: 'cs_1', resume_json: '{"token":{"stream":"refunds"}}' },
      { provider: 'stripe', stream: 'sessions', cursor: 'cs_1', resume_json: null },
    ]);
    expect(await db.all(db.k.selectFrom('sync_state').select(['cursor', 'resume_json']))).toEqual([
      { cursor: null, resume_json: null },
      { cursor: null, resume_json: null },
    ]);
    expect(
      await db.all(
        db.k.selectFrom('sync_review_items').select(['event_id', 'resolution', 'resolved_by']).orderBy('id'),
      ),
    ).toEqual([
      { event_id: 're_1', resolution: null, resolved_by: null },
      { event_id: 're_2', resolution: 'kept', resolved_by: 'migration' },
    ]);
    const closed = await failure(
      db.run(
        db.k
          .updateTable('sync_review_items')
          .set({ resolved_by: 'mallory' } as never)
          .where('event_id', '=', 're_2'),
      ),
    );
    expect(closed.message).toMatch(/a closed review item is final/);
    const entry = (memo: string | null, direction = 'out') =>
      db!.k.insertInto('ledger_entries').values({
        client_id: client,
        seq: 1,
        created_at: NOW,
        direction,
        type: 'refund_reversal',
        credits: 5,
        balance_after: 0,
        reference: 'REV-1',
        memo,
        actor: 'alice',
        prev_hash: 'genesis',
        hash: 'h1',
      } as never);
    expect((await failure(db.run(entry(null)))).code).toBe('23514');
    expect((await failure(db.run(entry('refunded', 'in')))).code).toBe('23514'); // a reversal is an Out
    expect(await db.run(entry('refunded by Stripe'))).toEqual({ changes: 1 });
  });
});
