/**
 * `cli --db postgres://… import-sqlite --from FILE`: copies a SQLite ledger into an empty
 * PostgreSQL ledger, every table the migrations create and every row with its id, in one
 * transaction (a refused or failed import leaves nothing behind), then checks the copy.
 */
import Database from 'better-sqlite3';
import type pg from 'pg';
import { isUpToDate } from '../migrate';
import { openPostgresLedger } from './open';
import { verifyPostgresLedger, type PgVerifyReport } from './verify.pg';

/** Refused before anything was written: the doors answer it with exit 2. */
export class ImportRefused extends Error {
  override readonly name = 'ImportRefused';
}

export interface ImportReport {
  /** Rows copied per table, in the order they were copied. */
  tables: Record<string, number>;
  entries: number;
  clients: number;
  verify: PgVerifyReport;
  /** Tables whose row count differs between the two sides (empty when they match). */
  countMismatches: string[];
  /** Clients whose stored balance differs between the two sides. */
  balanceMismatches: number[];
  ok: boolean;
  /** False when the check failed: the copy was rolled back and the database left empty. */
  committed: boolean;
}

// The migrations seed these with one row each (settings, a state per provider/stream): an empty
// ledger already holds them, and the import replaces them with the source's.
const SEEDED_TABLES = new Set(['settings', 'sync_state', 'sync_streams']);
const BATCH_ROWS = 500;
// PostgreSQL takes at most 65535 bind parameters per statement.
const MAX_PARAMS = 60_000;

/** The source's ledger tables (not SQLite's or the migrator's own), parents before children. */
function tablesInForeignKeyOrder(sqlite: Database.Database): string[] {
  const names = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  const parents = new Map(
    names.map((name) => [
      name,
      (sqlite.prepare(`SELECT "table" AS parent FROM pragma_foreign_key_list(?)`).all(name) as { parent: string }[])
        .map((r) => r.parent)
        .filter((p) => p !== name && names.includes(p)),
    ]),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function pgColumns(client: pg.PoolClient, table: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.data_type]));
}

/** A SQLite value as PostgreSQL's column takes it (SQLite keeps booleans as 0/1). */
function toPg(value: unknown, type: string | undefined): unknown {
  if (type === 'boolean' && typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Imports `from` into the (empty) PostgreSQL ledger at `url`. Throws {@link ImportRefused} when it must not. */
export async function importSqlite(url: string, from: string): Promise<ImportReport> {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ImportRefused(`--from: cannot open ${from} as a SQLite ledger (${(error as Error).message}).`);
  }
  try {
    if (!isUpToDate(sqlite))
      throw new ImportRefused(
        `--from: ${from} is not at the current schema; open it once with this version (for example \`cli --db ${from} verify\`) and import again.`,
      );
    const tables = tablesInForeignKeyOrder(sqlite);
    const db = await openPostgresLedger(url, { pool: { max: 2, applicationName: 'credit-desk import' } });
    try {
      return await copyAndCheck(sqlite, db.pool, tables);
    } finally {
      await db.close();
    }
  } finally {
    sqlite.close();
  }
}

/**
 * Copies inside one transaction and checks the copy before COMMIT (the check sees the
 * uncommitted rows on the same connection): a copy that does not verify is rolled back, so a
 * failed import leaves the database empty and a second attempt can run on it.
 */
async function copyAndCheck(sqlite: Database.Database, pool: pg.Pool, tables: string[]): Promise<ImportReport> {
  const client = await pool.connect();
  const copied: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    const columnsOf = new Map<string, Map<string, string>>();
    for (const table of tables) {
      const columns = await pgColumns(client, table);
      if (columns.size === 0)
        throw new ImportRefused(`the PostgreSQL ledger has no table ${table}: it is not at the same schema.`);
      columnsOf.set(table, columns);
      if (SEEDED_TABLES.has(table)) continue;
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS any`);
      if (rows[0]?.any)
        throw new ImportRefused(
          `the PostgreSQL database is not empty (table ${table} has rows): import-sqlite only fills an empty database; nothing was written.`,
        );
    }
    // Children first when emptying the seeded tables, parents first when filling.
    for (const table of [...tables].reverse())
      if (SEEDED_TABLES.has(table)) await client.query(`DELETE FROM ${quote(table)}`);
    for (const table of tables) copied[table] = await copyTable(sqlite, client, table, columnsOf.get(table)!);
    for (const table of tables) {
      const type = columnsOf.get(table)!.get('id');
      if (type !== 'integer' && type !== 'bigint') continue;
      // Past the largest copied id, so the next row PostgreSQL numbers does not collide.
      await client.query(
        `SELECT setval(seq, GREATEST((SELECT COALESCE(MAX(id), 0) FROM ${quote(table)}), 1), (SELECT COUNT(*) > 0 FROM ${quote(table)}))
           FROM pg_get_serial_sequence($1, 'id') AS seq WHERE seq IS NOT NULL`,
        [table],
      );
    }
    const report = await compare(sqlite, client, copied);
    await client.query(report.ok ? 'COMMIT' : 'ROLLBACK');
    return { ...report, committed: report.ok };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function copyTable(
  sqlite: Database.Database,
  client: pg.PoolClient,
  table: string,
  pgTypes: Map<string, string>,
): Promise<number> {
  const names = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
    (r) => r.name,
  );
  const missing = names.filter((n) => !pgTypes.has(n));
  if (missing.length > 0)
    throw new ImportRefused(`the PostgreSQL table ${table} has no column ${missing.join(', ')}: the schemas differ.`);
  const perBatch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMS / names.length)));
  const types = names.map((n) => pgTypes.get(n));
  const head = `INSERT INTO ${quote(table)} (${names.map(quote).join(', ')}) OVERRIDING SYSTEM VALUE VALUES `;
  const order = names.includes('id') ? ' ORDER BY id' : ' ORDER BY rowid';
  let batch: unknown[][] = [];
  let count = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const slots = row.map((v, i) => {
        values.push(toPg(v, types[i]));
        return `$${values.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await client.query(head + tuples.join(', '), values);
    count += batch.length;
    batch = [];
  };
  const rows = sqlite
    .prepare(`SELECT ${names.map(quote).join(', ')} FROM ${quote(table)}${order}`)
    .raw(true)
    .iterate() as IterableIterator<unknown[]>;
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return count;
}

async function compare(
  sqlite: Database.Database,
  pool: pg.ClientBase,
  copied: Record<string, number>,
): Promise<Omit<ImportReport, 'committed'>> {
  const countMismatches: string[] = [];
  for (const table of Object.keys(copied)) {
    const source = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
    const { rows } = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`);
    if (Number(rows[0]!.n) !== source) countMismatches.push(table);
  }
  const sourceBalances = new Map(
    (
      sqlite.prepare('SELECT client_id, balance FROM client_balances').all() as { client_id: number; balance: number }[]
    ).map((r) => [r.client_id, r.balance]),
  );
  const { rows: targetBalances } = await pool.query<{ client_id: string; balance: string }>(
    'SELECT client_id, balance FROM client_balances',
  );
  const balanceMismatches: number[] = [];
  for (const r of targetBalances) {
    const id = Number(r.client_id);
    if (sourceBalances.get(id) !== Number(r.balance)) balanceMismatches.push(id);
    sourceBalances.delete(id);
  }
  balanceMismatches.push(...sourceBalances.keys());
  const verify = await verifyPostgresLedger(pool);
  return {
    tables: copied,
    entries: copied.ledger_entries ?? 0,
    clients: copied.clients ?? 0,
    verify,
    countMismatches,
    balanceMismatches,
    ok: verify.ok && countMismatches.length === 0 && balanceMismatches.length === 0,
  };
}
