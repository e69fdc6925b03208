/** Black-box tests of the command-line door: one JSON object on stdout, exit codes 0/1/2, files never damaged. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CREDIT_DESK_APPLICATION_ID } from '../../migrations';
import { cli, oneJsonObject, type Run } from '../support/cli';
import { tempDir } from '../support/ledger';

// Each test spawns a few CLI processes (~1 s each, several on a loaded two-core machine).
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('credit-desk-cli-')));
afterAll(() => cleanup());

/** A usage-level failure: exit 2, nothing on stdout, exactly one line on stderr. */
function expectExit2(result: Run, mentions: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(mentions);
}

describe('call', () => {
  it('creates and migrates a new file, then answers with one JSON object and exit 0 or 1', async () => {
    const db = join(dir, 'new.db');
    const created = await cli('--db', db, 'call', 'settings.get');
    expect(created.code, created.stderr).toBe(0);
    expect(oneJsonObject(created.stdout)).toEqual({
      ok: true,
      value: { creditPaymentsEnabled: true, agencyName: 'My Agency', timeZone: 'UTC', language: 'en', fourEyes: false },
    });
    const file = new Database(db, { readonly: true });
    expect(file.pragma('application_id', { simple: true })).toBe(CREDIT_DESK_APPLICATION_ID);
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    file.close();

    const [refused, invalid] = await Promise.all([
      cli('--db', db, 'call', 'rates.quote', '{"amount":"3.51","currency":"USD"}'),
      cli('--db', db, 'call', 'clients.create', '{"name":"A","vip":true}'),
    ]);
    expect(refused.code).toBe(1);
    expect(oneJsonObject(refused.stdout)).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_RATE' } });
    expect(invalid.code).toBe(1);
    expect(oneJsonObject(invalid.stdout)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'vip' } },
    });
  });

  it('records --actor on entries, defaulting to the operating-system user name', async () => {
    const db = join(dir, 'actor.db');
    expect((await cli('--db', db, 'call', 'clients.create', '{"name":"Northwind"}')).code).toBe(0);
    const adjust = '{"clientId":1,"direction":"in","credits":5,"reason":"Goodwill"}';
    const named = await cli('--db', db, '--actor', 'alice', 'call', 'transactions.adjust', adjust);
    const unnamed = await cli('--db', db, 'call', 'transactions.adjust', adjust);
    expect(oneJsonObject(named.stdout)).toMatchObject({ ok: true, value: { actor: 'alice', balanceAfter: 5 } });
    expect(oneJsonObject(unnamed.stdout)).toMatchObject({
      ok: true,
      value: { actor: userInfo().username, balanceAfter: 10 },
    });
  });
});

describe('refusing before touching the file (exit 2)', () => {
  it('an unknown channel, malformed JSON or a missing --db: one stderr line, file unchanged or never created', async () => {
    const db = join(dir, 'existing.db');
    expect((await cli('--db', db, 'call', 'clients.create', '{"name":"Kept"}')).code).toBe(0);
    const before = readFileSync(db);
    const missing = join(dir, 'never-created.db');
    const [unknown, unknownOnMissing, malformed, noDb] = await Promise.all([
      cli('--db', db, 'call', 'ledger.drop', '{}'),
      cli('--db', missing, 'call', 'nope.nothing'),
      cli('--db', db, 'call', 'clients.create', '{"name": "Broken"'),
      cli('call', 'settings.get'),
    ]);
    expectExit2(unknown, /ledger\.drop/);
    expectExit2(unknownOnMissing, /nope\.nothing/);
    expectExit2(malformed, /JSON/);
    expectExit2(noDb, /--db/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(missing)).toBe(false);
  });

  it('a file that is not a database, or a SQLite database of another application, is left byte-for-byte alone', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'Quarterly notes: remember to reconcile the bank statement.\n'.repeat(5));
    const foreign = join(dir, 'other-app.sqlite');
    const other = new Database(foreign);
    other.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts VALUES (1, 'Ann');");
    other.close();
    const textBefore = readFileSync(text);
    const foreignBefore = readFileSync(foreign);
    const filesBefore = readdirSync(dir).sort();

    const [notDb, notOurs, notOursVerify] = await Promise.all([
      cli('--db', text, 'call', 'settings.get'),
      cli('--db', foreign, 'call', 'clients.create', '{"name":"X"}'),
      cli('--db', foreign, 'verify'),
    ]);
    expectExit2(notDb, /not a Credit Desk database/);
    expectExit2(notOurs, /another application/);
    expectExit2(notOursVerify, /another application/);
    expect(readFileSync(text).equals(textBefore)).toBe(true);
    expect(readFileSync(foreign).equals(foreignBefore)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });
});

describe('demo and verify', () => {
  it('demo fills a realistic ledger that verify passes; a second demo is refused', async () => {
    const db = join(dir, 'demo.db');
    const demo = await cli('--db', db, 'demo');
    expect(demo.code, demo.stderr).toBe(0);
    const summary = oneJsonObject(demo.stdout).value as {
      clients: number;
      entries: number;
      requests: Record<'pending' | 'accepted' | 'rejected', number>;
      invoices: Record<'paid' | 'unpaid', number>;
    };
    expect(summary.clients).toBeGreaterThanOrEqual(12);
    expect(summary.entries).toBeGreaterThanOrEqual(200);
    expect(Object.values(summary.requests).every((n) => n >= 1)).toBe(true);
    expect(summary.invoices.paid).toBeGreaterThanOrEqual(1);
    expect(summary.invoices.unpaid).toBeGreaterThanOrEqual(1);

    const file = new Database(db, { readonly: true });
    const count = (sql: string) => (file.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM ledger_entries')).toBe(summary.entries);
    expect(
      count("SELECT count(DISTINCT currency) AS n FROM credit_packages WHERE currency IN ('USD','EUR','GBP')"),
    ).toBe(3);
    expect(count('SELECT count(*) AS n FROM conversion_rates WHERE active = 0')).toBeGreaterThanOrEqual(1);
    file.close();

    const [verify, again] = await Promise.all([cli('--db', db, 'verify'), cli('--db', db, 'demo')]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(oneJsonObject(verify.stdout)).toMatchObject({
      ok: true,
      value: { ok: true, problems: [], checkedEntries: summary.entries },
    });
    expectExit2(again, /empty database/);
  });

  it('verify exits 1 and names the entry when a row was edited behind the app’s back', async () => {
    const db = join(dir, 'tampered.db');
    expect((await cli('--db', db, 'call', 'clients.create', '{"name":"Victim"}')).code).toBe(0);
    const file = new Database(db);
    file.exec('DROP TRIGGER ledger_entries_no_update');
    file.close();
    // One more call through the door gives the client an entry to tamper with.
    expect(
      (await cli('--db', db, 'call', 'transactions.adjust', '{"clientId":1,"direction":"in","credits":5,"reason":"x"}'))
        .code,
    ).toBe(0);
    const edit = new Database(db);
    edit.prepare('UPDATE ledger_entries SET credits = 500 WHERE id = 1').run();
    edit.close();
    const verify = await cli('--db', db, 'verify');
    expect(verify.code).toBe(1);
    const report = oneJsonObject(verify.stdout).value as {
      ok: boolean;
      problems: { clientId: number; entryId: number | null }[];
    };
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ clientId: 1, entryId: 1 }));
  });
});
