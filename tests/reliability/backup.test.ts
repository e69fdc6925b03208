/**
 * Backups (issue 6 item 4): online backup API, verified before they count, rotation, the
 * daily schedule, a backup before every migration, the backup channels, the CLI, and a
 * restore drill under write load from another process.
 */
import { existsSync, openSync, closeSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo, RestoreReport } from '../../shared/contract.backup';
import { migrations } from '../../migrations';
import { cli as runCli } from '../support/cli';
import {
  createBackup,
  defaultBackupDir,
  latestVerifiedBackup,
  listBackups,
} from '../../electron/backup/backup.service';
import { startBackupSchedule } from '../../electron/backup/schedule';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter } from '../../electron/ipc/router';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { bundleChild, exited, halfDone, must, NOTHING_HALF_DONE, release, seed, startChild, tempDir } from './helpers';

let writer = '';
beforeAll(async () => {
  writer = await bundleChild('tests/reliability/writer-child.ts');
});
afterAll(() => rmSync(writer, { force: true }));

const count = (db: { sqlite: { prepare(s: string): { get(): unknown } } }, table: string) =>
  (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('backups', () => {
  it('are verified copies with a recorded checksum; a changed copy no longer counts', async () => {
    const path = join(tempDir('bk-basic'), 'ledger.db');
    const db = await openLedgerDatabase(path);
    await seed(createRouter({ db }), 3);
    const dir = defaultBackupDir(path);
    const first = await createBackup(db.sqlite, { dir, kind: 'manual', now: new Date('2026-11-20T10:00:00Z') });
    const second = await createBackup(db.sqlite, { dir, kind: 'manual', now: new Date('2026-11-21T10:00:00Z') });
    expect(first.checkedEntries).toBe(3);
    expect(listBackups(dir).map((b) => b.fileName)).toEqual([second.fileName, first.fileName]);
    expect(latestVerifiedBackup(dir)?.fileName).toBe(second.fileName);
    // Self-contained: one file, no WAL beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('-wal') || f.endsWith('.partial'))).toEqual([]);
    // Damage the newest: the latest *verified* backup is now the older one.
    const fd = openSync(second.path, 'r+');
    writeSync(fd, Buffer.from('tampered'), 0, 8, 5000);
    closeSync(fd);
    expect(latestVerifiedBackup(dir)?.fileName).toBe(first.fileName);
    db.close();
  });

  it('rotate: the last 7 daily backups are kept, other kinds untouched', async () => {
    const path = join(tempDir('bk-rotate'), 'ledger.db');
    const db = await openLedgerDatabase(path);
    const dir = defaultBackupDir(path);
    await createBackup(db.sqlite, { dir, kind: 'manual', now: new Date('2026-10-01T00:00:00Z') });
    for (let day = 1; day <= 10; day++) {
      await createBackup(db.sqlite, { dir, kind: 'daily', now: new Date(Date.UTC(2026, 10, day)) });
    }
    const daily = listBackups(dir).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(7);
    expect(daily.at(-1)?.createdAt).toBe('2026-11-04T00:00:00.000Z');
    expect(listBackups(dir).filter((b) => b.kind === 'manual')).toHaveLength(1);
    db.close();
  });

  it('the daily schedule takes one backup a day by its clock, and stops on abort', async () => {
    const path = join(tempDir('bk-schedule'), 'ledger.db');
    const db = await openLedgerDatabase(path);
    const dir = defaultBackupDir(path);
    let now = new Date('2026-11-20T09:00:00Z');
    const controller = new AbortController();
    const taken: BackupInfo[] = [];
    const schedule = startBackupSchedule({
      db,
      dir,
      clock: () => now,
      signal: controller.signal,
      checkEveryMs: 3_600_000,
      onBackup: (b) => taken.push(b),
    });
    await schedule.checkNow();
    expect(taken).toHaveLength(1);
    now = new Date('2026-11-20T23:00:00Z');
    expect(await schedule.checkNow()).toBeNull();
    now = new Date('2026-11-21T09:30:00Z');
    expect((await schedule.checkNow())?.kind).toBe('daily');
    expect(listBackups(dir).filter((b) => b.kind === 'daily')).toHaveLength(2);
    controller.abort();
    db.close();
  });

  it('a file with data is backed up before a migration runs', async () => {
    const path = join(tempDir('bk-migrate'), 'ledger.db');
    const db = await openLedgerDatabase(path);
    await seed(createRouter({ db }), 2);
    db.close();
    const next = {
      ...migrations,
      '9999_test_column': {
        async up(k: Kysely<unknown>) {
          await sql`CREATE TABLE later_feature (id INTEGER PRIMARY KEY) STRICT`.execute(k);
        },
      },
    };
    const migrated = await openLedgerDatabase(path, { migrations: next });
    const [pre] = listBackups(defaultBackupDir(path)).filter((b) => b.kind === 'pre-migration');
    expect(pre?.checkedEntries).toBe(2);
    const old = await openLedgerDatabase(pre!.path);
    expect(count(old, "sqlite_master WHERE name = 'later_feature'")).toBe(0);
    old.close();
    expect(count(migrated, "sqlite_master WHERE name = 'later_feature'")).toBe(1);
    migrated.close();
    // Up to date: no further backup.
    (await openLedgerDatabase(path, { migrations: next })).close();
    expect(listBackups(defaultBackupDir(path)).filter((b) => b.kind === 'pre-migration')).toHaveLength(1);
  });

  it('channels: backup.create, backup.list, backup.restore (unknown and tampered files refused, nothing changed)', async () => {
    const path = join(tempDir('bk-channels'), 'ledger.db');
    const db = await openLedgerDatabase(path);
    const router = createRouter({ db });
    const { clients } = await seed(router, 2);
    const made = await must<BackupInfo>(router, 'backup.create', {});
    expect(made.kind).toBe('manual');
    await must(router, 'transactions.adjust', { clientId: clients[0], direction: 'in', credits: 5, reason: 'after' });
    expect((await must<BackupInfo[]>(router, 'backup.list', {})).map((b) => b.fileName)).toEqual([made.fileName]);
    const missing = await router.call(
      'backup.restore',
      { fileName: 'credit-desk-manual-20200101T000000000Z.db' },
      { actor: 't' },
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'fileName' } } });
    const traversal = await router.call('backup.restore', { fileName: '../ledger.db' }, { actor: 't' });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { field: 'fileName' } } });

    const report = await must<RestoreReport>(router, 'backup.restore', { fileName: made.fileName });
    expect(report.restored.fileName).toBe(made.fileName);
    expect(report.safetyBackup?.kind).toBe('pre-restore');
    expect(report.safetyBackup?.checkedEntries).toBe(3);
    expect(count(db, 'ledger_entries')).toBe(2);
    expect(verifyLedger(db).ok).toBe(true);
    // The app keeps working on the restored ledger through the same connection.
    await must(router, 'transactions.adjust', { clientId: clients[1], direction: 'in', credits: 1, reason: 'x' });
    db.close();
  });

  it('restore drill: backup and restore while another process keeps posting', async () => {
    const path = join(tempDir('bk-drill'), 'ledger.db');
    const app = await openLedgerDatabase(path);
    const router = createRouter({ db: app });
    await seed(router, 4);
    /** A writer child; `reached(n)` resolves once it reports n committed writes (or pauses there). */
    const run = (tag: string, n: number, pause?: number) => {
      const lines: unknown[] = [];
      let committed = 0;
      const waits: { n: number; done: () => void }[] = [];
      const child = startChild(writer, [path, 'writes', tag, String(n), ...(pause ? [String(pause)] : [])], (l) => {
        const value = JSON.parse(l) as { committed?: number; paused?: number };
        const reached = value.committed ?? value.paused;
        if (reached === undefined) lines.push(value);
        else committed = Math.max(committed, reached);
        for (const w of waits.filter((w) => committed >= w.n)) w.done();
      });
      const reached = (at: number) =>
        new Promise<void>((done) => (committed >= at ? done() : waits.push({ n: at, done })));
      return { child, lines, reached };
    };
    // The first writer stops at a barrier after 50 commits: the backup is taken while it is
    // alive, connected and mid-stream, on any machine speed.
    const first = run('load1', 300, 50);
    await first.reached(50);
    const taken = await must<BackupInfo>(router, 'backup.create', {});
    expect(first.child.exitCode, 'the writer should still be running during the backup').toBeNull();
    release(first.child);
    const second = run('load2', 200);
    // Restore once the second writer has committed after the backup (so the safety backup
    // must hold more than the backup), while it may still be posting.
    await second.reached(25);
    const report = await must<RestoreReport>(router, 'backup.restore', { fileName: taken.fileName });
    expect(report.restored.checkedEntries).toBe(taken.checkedEntries);
    await exited(first.child);
    await exited(second.child);
    for (const w of [first, second]) expect((w.lines[0] as { refused: unknown[] }).refused).toEqual([]);
    expect(app.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyLedger(app).problems).toEqual([]);
    expect(halfDone(app.sqlite)).toEqual(NOTHING_HALF_DONE);
    // The safety backup holds the ledger as it was just before the restore, and verifies.
    expect(report.safetyBackup!.checkedEntries).toBeGreaterThan(taken.checkedEntries);
    app.close();
  });

  it('CLI: backup --out, then restore --from over a damaged file (the damaged one is kept aside)', async () => {
    const dir = tempDir('bk-cli');
    const path = join(dir, 'ledger.db');
    const db = await openLedgerDatabase(path);
    await seed(createRouter({ db }), 2);
    db.close();
    const cli = (...args: string[]) => runCli('--db', path, ...args);
    const out = join(dir, 'copy.db');
    const made = await cli('backup', '--out', out);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ ok: true, value: { path: out, checkedEntries: 2 } });
    expect((await cli('backup', '--out', out)).code).toBe(2); // never overwrites
    // Damage the live file (the header page's b-tree), then restore.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 100);
    closeSync(fd);
    expect((await cli('verify')).code).toBe(2);
    const restored = await cli('restore', '--from', out);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ ok: true, value: { checkedEntries: 2, safetyBackup: null } });
    expect(readdirSync(defaultBackupDir(path)).some((f) => f.startsWith('damaged-'))).toBe(true);
    const verified = await cli('verify');
    expect(verified.code).toBe(0);
    expect(existsSync(`${path}.restoring`)).toBe(false);
  });
});
