/**
 * import-sqlite and backup on PostgreSQL: the demo ledger round-trips into an empty database
 * row for row and verifies; a second import is refused and writes nothing; a tampered source
 * fails the verify (exit 1); pg_dump's file restores into another database with the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openLedgerDatabase } from '../../electron/db/open';
import { fillDemo } from '../../electron/ledger/demo';
import { importSqlite, ImportRefused } from '../../electron/db/pg/import-sqlite';
import { findPgTool, pgDump, pgDumpMissingMessage } from '../../electron/backup/pg-dump';
import { cli, run } from '../support/cli';
import { describeWithPostgres } from '../support/pg-cluster';

const dir = mkdtempSync(join(tmpdir(), 'import-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function demoFile(name: string): Promise<string> {
  const path = join(dir, name);
  const db = await openLedgerDatabase(path);
  try {
    await fillDemo(db, 'tester', new Date('2026-03-01T10:00:00Z'));
  } finally {
    db.close();
  }
  return path;
}

function sqliteTables(path: string): Map<string, unknown[][]> {
  const sqlite = new Database(path, { readonly: true });
  try {
    const names = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    return new Map(names.map((n) => [n, sqlite.prepare(`SELECT * FROM "${n}"`).raw(true).all() as unknown[][]]));
  } finally {
    sqlite.close();
  }
}

/** A row as comparable text on both engines (booleans and big integers differ in kind, not in value). */
const canon = (row: unknown[]): string =>
  JSON.stringify(row.map((v) => (v === true ? 1 : v === false ? 0 : v === null ? null : String(v))));

async function pgRowCounts(url: string, tables: string[]): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await client.query(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

it('finds pg_dump in PG_BINDIR, on PATH or under the system root, and names the tool and its package when it is missing', () => {
  expect(findPgTool('pg_dump', { PATH: '' }, join(dir, 'no-postgresql'))).toBeNull();
  const message = pgDumpMissingMessage();
  expect(message).toContain('pg_dump');
  expect(message).toContain('postgresql-client');
  expect(message).toContain('PGPASSWORD');
});

describeWithPostgres('import-sqlite and backup on PostgreSQL', (cluster) => {
  it('round-trips the demo ledger row for row, verifies, and refuses a second import writing nothing', async () => {
    const source = await demoFile('demo.db');
    const { url } = await cluster().createDatabase();
    const report = await importSqlite(url, source);
    expect(report.verify).toMatchObject({ ok: true, problems: [] });
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThan(0);
    expect(report.clients).toBeGreaterThan(0);

    const sides = sqliteTables(source);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const [table, rows] of sides) {
        const cols = (await client.query(`SELECT * FROM "${table}" LIMIT 0`)).fields.map((f) => f.name);
        const sqlite = new Database(source, { readonly: true });
        const names = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
          (r) => r.name,
        );
        sqlite.close();
        expect(cols.sort()).toEqual([...names].sort());
        const copied = await client.query({
          text: `SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${table}"`,
          rowMode: 'array',
        });
        expect(copied.rows.map(canon).sort(), table).toEqual(rows.map(canon).sort());
      }
      // The identity sequences moved past the copied ids: a new client gets a fresh id.
      const before = Number((await client.query('SELECT MAX(id) AS m FROM ledger_entries')).rows[0].m);
      const next = Number(
        (await client.query("SELECT nextval(pg_get_serial_sequence('ledger_entries', 'id')) AS n")).rows[0].n,
      );
      expect(next).toBeGreaterThan(before);
    } finally {
      await client.end();
    }

    const counts = await pgRowCounts(url, [...sides.keys()]);
    await expect(importSqlite(url, source)).rejects.toBeInstanceOf(ImportRefused);
    expect(await pgRowCounts(url, [...sides.keys()])).toEqual(counts);
  });

  it('through the real CLI door: imports with a masked URL, refuses a non-empty target (exit 2), fails a tampered source (exit 1)', async () => {
    const source = await demoFile('door.db');
    const { url } = await cluster().createDatabase();
    const password = new URL(url).password;
    const first = await cli('--db', url, 'import-sqlite', '--from', source);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout) as { ok: boolean; value: { database: string; verify: { ok: boolean } } };
    expect(out.ok).toBe(true);
    expect(out.value.verify.ok).toBe(true);
    expect(first.stdout).not.toContain(password);
    expect(out.value.database).toContain('***');

    const second = await cli('--db', url, 'import-sqlite', '--from', source);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/not empty/);
    expect(second.stderr).not.toContain(password);

    const tampered = await demoFile('tampered.db');
    const edit = new Database(tampered);
    // An edit from outside Credit Desk: past the append-only guard, as a tool with file access could.
    edit.exec('DROP TRIGGER ledger_entries_no_update');
    edit.prepare("UPDATE ledger_entries SET memo = 'edited' WHERE id = (SELECT MIN(id) FROM ledger_entries)").run();
    edit.close();
    const target = await cluster().createDatabase();
    const bad = await cli('--db', target.url, 'import-sqlite', '--from', tampered);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, value: { verify: { ok: false }, committed: false } });
    // The failed copy was rolled back: the database is still empty and takes the good ledger.
    expect((await pgRowCounts(target.url, ['clients', 'ledger_entries'])).clients).toBe(0);
    expect((await cli('--db', target.url, 'import-sqlite', '--from', source)).code).toBe(0);
  });

  it('backup runs pg_dump (custom format) and pg_restore brings back the same rows in another database', async () => {
    const source = await demoFile('dump.db');
    const { url } = await cluster().createDatabase();
    await importSqlite(url, source);
    const file = join(dir, 'ledger.dump');
    expect(findPgTool('pg_dump', { PATH: '', PG_BINDIR: cluster().binDir }, join(dir, 'none'))).toBe(
      join(cluster().binDir, 'pg_dump'),
    );
    const info = await pgDump(url, file);
    expect(info.bytes).toBeGreaterThan(0);
    // The door prints the file and its size, never the password, and never overwrites a file.
    const viaDoor = join(dir, 'door.dump');
    const door = await cli('--db', url, 'backup', '--out', viaDoor);
    expect(door.code).toBe(0);
    expect(door.stdout).not.toContain(new URL(url).password);
    expect(JSON.parse(door.stdout)).toMatchObject({ ok: true, value: { path: viaDoor, format: 'pg_dump custom' } });
    const again = await cli('--db', url, 'backup', '--out', viaDoor);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const restored = await cluster()
      .admin('SELECT 1')
      .then(() => cluster().urlFor('restored'));
    await cluster().admin(`CREATE DATABASE restored OWNER ${cluster().role}`);
    const env = { ...process.env, PGPASSWORD: cluster().password };
    const bare = new URL(restored);
    bare.password = '';
    const r = await run(join(cluster().binDir, 'pg_restore'), ['--no-owner', `--dbname=${bare.href}`, file], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tables = [...sqliteTables(source).keys()];
    expect(await pgRowCounts(restored, tables)).toEqual(await pgRowCounts(url, tables));
  });
});
