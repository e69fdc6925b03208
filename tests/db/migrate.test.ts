import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { openConnection } from '../../electron/db/connection';
import { isUpToDate, migrateToLatest } from '../../electron/db/migrate';

function tempDb(): Database.Database {
  return openConnection(join(mkdtempSync(join(tmpdir(), 'cd-migrate-')), 'ledger.db'));
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('apply every listed migration once and report up to date', async () => {
    const db = tempDb();
    expect(isUpToDate(db)).toBe(false);
    expect((await migrateToLatest(db)).applied).toEqual(Object.keys(migrations));
    expect(isUpToDate(db)).toBe(true);
    expect((await migrateToLatest(db)).applied).toEqual([]);
    expect(tables(db)).toContain('ledger_entries');
    db.close();
  });

  it('are all or nothing: a failing migration leaves no half-built schema behind', async () => {
    const db = tempDb();
    const broken: Migration = {
      async up(k: Kysely<unknown>) {
        await sql`CREATE TABLE half_built (id INTEGER PRIMARY KEY) STRICT`.execute(k);
        await sql`THIS IS NOT SQL`.execute(k);
      },
    };
    await expect(migrateToLatest(db, { ...migrations, '9999_broken': broken })).rejects.toThrow(/9999_broken/);
    expect(tables(db)).not.toContain('half_built');
    expect(tables(db)).not.toContain('ledger_entries');
    expect(isUpToDate(db)).toBe(false);
    // The good migrations still apply cleanly afterwards.
    await migrateToLatest(db);
    expect(isUpToDate(db)).toBe(true);
    db.close();
  });
});
