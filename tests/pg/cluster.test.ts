import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeWithPostgres, startPgCluster, TEST_ROLE } from '../support/pg-cluster';

describeWithPostgres('the throw-away PostgreSQL cluster', (cluster) => {
  it('serves a fresh database per call to the test role, with a password over TCP', async () => {
    const a = await cluster().createDatabase();
    const b = await cluster().createDatabase();
    expect(a.name).not.toBe(b.name);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ user: string; db: string; super: boolean }>(
        "SELECT current_user AS user, current_database() AS db, current_setting('is_superuser') = 'on' AS super",
      );
      expect(rows[0]).toEqual({ user: TEST_ROLE, db: a.name, super: false });
      // The role owns its database, so it can build the schema.
      await client.query('CREATE TABLE probe (id bigint PRIMARY KEY)');
    } finally {
      await client.end();
    }
  });

  it('refuses a wrong password', async () => {
    const { url } = await cluster().createDatabase();
    const client = new pg.Client({ connectionString: url.replace(cluster().password, 'wrong') });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('copies a filled template into every new database', async () => {
    await cluster().createTemplate('filled_template', async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("CREATE TABLE seeded AS SELECT 'from the template'::text AS note");
      await client.end();
    });
    const copy = await cluster().createDatabase('filled_template');
    const { rows } = await cluster().admin<{ note: string }>('SELECT note FROM seeded', [], copy.name);
    expect(rows).toEqual([{ note: 'from the template' }]);
  });

  it('a second cluster starts beside it and stop() removes its folder', async () => {
    const other = await startPgCluster();
    expect(other.port).not.toBe(cluster().port);
    expect((await other.admin<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    other.stop();
    expect(existsSync(other.dir)).toBe(false);
    other.stop();
  });
});
