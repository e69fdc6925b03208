/**
 * PRODUCT F13: a PostgreSQL database that holds tables that are not Credit Desk's is refused
 * (the doors exit 2) and left untouched; an empty one becomes a ledger, also when several
 * processes open it at the same moment.
 */
import { expect, it } from 'vitest';
import { ForeignPostgresDatabaseError, openPostgresLedger } from '../../electron/db/pg/open';
import { describeWithPostgres, type PgCluster } from '../support/pg-cluster';
import { failure } from './support';

/** Every relation and function outside the system schemas: equal snapshots mean nothing was created. */
async function snapshot(cluster: PgCluster, database: string): Promise<string[]> {
  const { rows } = await cluster.admin<{ item: string }>(
    `SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text AS item FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
     UNION ALL
     SELECT n.nspname || '.' || p.proname || '()' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
     ORDER BY 1`,
    [],
    database,
  );
  return rows.map((r) => r.item);
}

describeWithPostgres('opening a PostgreSQL database that is not a ledger', (cluster) => {
  it('refuses one holding another application’s table, names it, masks the password and creates nothing', async () => {
    const { name, url } = await cluster().createDatabase();
    await cluster().admin(
      `CREATE TABLE customers (id serial PRIMARY KEY, name text); INSERT INTO customers (name) VALUES ('kept');
       ALTER TABLE customers OWNER TO ${cluster().role}`,
      [],
      name,
    );
    const before = await snapshot(cluster(), name);
    const error = await failure(openPostgresLedger(url));
    expect(error).toBeInstanceOf(ForeignPostgresDatabaseError);
    expect(error.message).toContain('public.customers');
    expect(error.message).toContain(':***@127.0.0.1');
    expect(error.message).not.toContain(cluster().password);
    expect((error as ForeignPostgresDatabaseError).problem).toBe('foreign-postgres');
    expect(await snapshot(cluster(), name)).toEqual(before);
    expect((await cluster().admin('SELECT name FROM customers', [], name)).rows).toEqual([{ name: 'kept' }]);
  });

  it('refuses a foreign table in another schema, and a view', async () => {
    for (const ddl of ['CREATE SCHEMA crm; CREATE TABLE crm.leads (id int)', 'CREATE VIEW answer AS SELECT 42 AS n']) {
      const { name, url } = await cluster().createDatabase();
      await cluster().admin(ddl, [], name);
      const before = await snapshot(cluster(), name);
      expect(await failure(openPostgresLedger(url))).toBeInstanceOf(ForeignPostgresDatabaseError);
      expect(await snapshot(cluster(), name)).toEqual(before);
    }
  });

  it('takes a database holding only the migrator’s bookkeeping (another process creating the ledger)', async () => {
    const { name, url } = await cluster().createDatabase();
    await cluster().admin(
      `CREATE TABLE kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL);
       CREATE TABLE kysely_migration_lock (id varchar(255) PRIMARY KEY, is_locked integer DEFAULT 0 NOT NULL);
       ALTER TABLE kysely_migration OWNER TO ${cluster().role}; ALTER TABLE kysely_migration_lock OWNER TO ${cluster().role}`,
      [],
      name,
    );
    const db = await openPostgresLedger(url);
    expect(await db.get(db.k.selectFrom('settings').select('agency_name'))).toEqual({ agency_name: 'My Agency' });
    await db.close();
  });

  it('six openers of one empty database at once build one ledger', async () => {
    const { url } = await cluster().createDatabase();
    const dbs = await Promise.all(Array.from({ length: 6 }, () => openPostgresLedger(url)));
    const [first] = dbs;
    expect(await first!.all(first!.k.selectFrom('settings').select('id'))).toEqual([{ id: 1 }]);
    expect(await first!.all(first!.k.selectFrom('sync_state').select('provider'))).toHaveLength(2);
    await Promise.all(dbs.map((db) => db.close()));
  });
});
