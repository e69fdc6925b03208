// What happens when the ledger cannot be opened: a readable reason, and the file untouched.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFileError, openLedgerDatabase } from '../../electron/db/open';
import { describeStartupFailure } from '../../electron/platform/policy/startup-error';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function failure(path: string, options: { nativeBinding?: string } = {}): Promise<unknown> {
  try {
    const db = await openLedgerDatabase(path, options);
    db.close();
  } catch (error) {
    return error;
  }
  throw new Error('expected the open to fail');
}

describe('start-up failures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credit-desk-startup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("explains another application's database and leaves it as it was", async () => {
    const path = join(dir, 'credit-desk.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1);');
    other.close();
    const before = sha(path);
    const error = await failure(path);
    expect(error).toBeInstanceOf(DatabaseFileError);
    const text = describeStartupFailure(error, path);
    expect(text.message).toBe('The ledger file belongs to another program.');
    expect(text.detail).toContain('did not change, move or replace this file');
    expect(text.detail).toContain(path);
    expect(sha(path)).toBe(before);
  });

  it('explains a file that is not SQLite at all', async () => {
    const path = join(dir, 'credit-desk.db');
    writeFileSync(path, 'x'.repeat(4096));
    const error = await failure(path);
    expect(describeStartupFailure(error, path).message).toBe('The ledger file is not a Credit Desk database.');
  });

  it('reports a native module that cannot load as a broken install, not as a foreign file', async () => {
    const path = join(dir, 'credit-desk.db');
    (await openLedgerDatabase(path)).close();
    const before = sha(path);
    const error = await failure(path, { nativeBinding: join(dir, 'missing', 'better_sqlite3.node') });
    expect(error).not.toBeInstanceOf(DatabaseFileError);
    expect(describeStartupFailure(error, path).message).toMatch(/database engine is missing/);
    expect(sha(path)).toBe(before);
  });

  it('opens an existing ledger with an explicit native binding (the Electron path)', async () => {
    const path = join(dir, 'credit-desk.db');
    (await openLedgerDatabase(path)).close();
    const nodeBuild = join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const db = await openLedgerDatabase(path, { nativeBinding: nodeBuild });
    db.close();
  });

  it('names a failed migration and a generic failure plainly', () => {
    const migration = describeStartupFailure(new Error('Database migration 0002_x failed: boom'), '/l.db');
    expect(migration.message).toBe('The ledger could not be updated for this version of Credit Desk.');
    expect(migration.detail).toContain('0002_x');
    const busy = describeStartupFailure(
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      '/l.db',
    );
    expect(busy.message).toBe('The ledger file is in use by another program.');
    const other = describeStartupFailure('weird', '/l.db');
    expect(other.message).toBe('The ledger could not be opened.');
    expect(other.detail).toContain('weird');
  });
});
