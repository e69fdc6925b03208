/**
 * The migrations became engine-aware (one file, a SQLite and a PostgreSQL branch). Their SQLite
 * branch must build exactly the schema it built before, byte for byte: sqlite_master as it was
 * when 0001 and 0002 were SQLite-only is kept in fixtures/ and compared here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { openConnection } from '../../electron/db/connection';
import { migrateToLatest } from '../../electron/db/migrate';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'sqlite-schema-0001-0002.json');

function schemaOf(db: Database.Database): unknown {
  return {
    applicationId: db.pragma('application_id', { simple: true }),
    objects: db
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' ORDER BY type, name")
      .all(),
    settings: db.prepare('SELECT id, credit_payments_enabled, agency_name, time_zone FROM settings').all(),
    syncState: db.prepare('SELECT provider, enabled, consecutive_failures FROM sync_state ORDER BY provider').all(),
  };
}

describe('the SQLite branch of migrations 0001 and 0002', () => {
  it('builds exactly the schema they built before they learnt PostgreSQL', async () => {
    const db = openConnection(':memory:');
    await migrateToLatest(db, { '0001_initial': migrations['0001_initial']!, '0002_sync': migrations['0002_sync']! });
    const schema = schemaOf(db);
    db.close();
    expect(schema).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  });
});
