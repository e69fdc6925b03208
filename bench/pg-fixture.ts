/**
 * The PostgreSQL bench's data: the SQLite scale fixture (bench/fixture.ts: clients, a ledger
 * with one big client and the real hash chain) copied into the PostgreSQL database with the
 * app's own `import-sqlite` (every row with its id, checked by verify before COMMIT), so both
 * engines are measured on the same rows. A database the bench filled before (same agency name,
 * same number of clients) is reused as it is: the import only fills an empty database.
 */
import pg from 'pg';
import { importSqlite } from '../electron/db/pg/import-sqlite';
import type { Fixture } from './fixture';
import { log, now } from './stats';

/** The agency name the fixture's base records carry (bench/fixture.ts createBase). */
const FIXTURE_AGENCY = 'Benchmark Agency';

async function benchDataIn(url: string): Promise<{ clients: number } | 'empty' | 'other'> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'clients'",
    );
    if (tables.rows[0]?.n === '0') return 'empty';
    const clients = await client.query<{ n: string }>('SELECT count(*) AS n FROM clients');
    if (clients.rows[0]?.n === '0') return 'empty';
    const settings = await client.query<{ agency_name: string }>('SELECT agency_name FROM settings WHERE id = 1');
    if (settings.rows[0]?.agency_name !== FIXTURE_AGENCY) return 'other';
    return { clients: Number(clients.rows[0]?.n) };
  } finally {
    await client.end();
  }
}

/** Fills the database at `url` with `fixture`'s rows (or reuses the bench's earlier copy); returns the import time. */
export async function ensurePgFixture(url: string, fixture: Fixture): Promise<{ importMs: number | null }> {
  const found = await benchDataIn(url);
  if (typeof found === 'object') {
    if (found.clients !== fixture.scale.clients)
      throw new Error(
        `the PostgreSQL database holds a bench fixture with ${found.clients} clients, not ${fixture.scale.clients}: use an empty database for this scale`,
      );
    log('  reusing the bench data already in the PostgreSQL database');
    return { importMs: null };
  }
  if (found === 'other')
    throw new Error(
      'the PostgreSQL database holds a ledger that is not the bench fixture: give the bench an empty database',
    );
  log(`copying the ${fixture.scale.name} fixture into PostgreSQL (import-sqlite, ${fixture.scale.entries} entries)…`);
  const t = now();
  const report = await importSqlite(url, fixture.path);
  if (!report.ok) throw new Error(`import-sqlite of the fixture failed its check: ${JSON.stringify(report.verify)}`);
  const importMs = now() - t;
  log(`  imported and verified in ${(importMs / 1000).toFixed(1)} s`);
  // Fresh statistics, as autovacuum would gather them on a real server after a bulk load.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  return { importMs };
}
