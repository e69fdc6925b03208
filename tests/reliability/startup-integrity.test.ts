/**
 * Start-up integrity (issue 6 item 5): `quick_check` when the ledger opens; a damaged,
 * truncated, foreign or non-database file is refused with a typed error that says what is
 * wrong and names the latest verified backup, never replaced by an empty ledger, and left
 * byte-for-byte as it was. The CLI exits 2 with one line.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  closeSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/contract.backup';
import { createBackup, defaultBackupDir } from '../../electron/backup/backup.service';
import { Db } from '../../electron/db/database';
import { isHealthy, quickCheck } from '../../electron/db/integrity';
import { DatabaseFileError, openLedgerDatabase, type DatabaseProblem } from '../../electron/db/open';
import { fillDemo } from '../../electron/ledger/demo';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { ROOT, tempDir } from './helpers';

const PAGE = 4096;
const root = tempDir('startup');
const original = join(root, 'original', 'ledger.db');
let backup: BackupInfo;
let pages = 0;

beforeAll(async () => {
  mkdirSync(join(root, 'original'));
  const db = await openLedgerDatabase(original);
  // A fixed clock: the same data, hence the same page layout, on every run.
  await fillDemo(db, 'staff', new Date('2026-11-01T12:00:00Z'));
  backup = await createBackup(db.sqlite, {
    dir: defaultBackupDir(original),
    kind: 'daily',
    now: new Date('2026-11-02T00:00:00Z'),
  });
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  pages = statSync(original).size / PAGE;
});

/** A copy of the ledger and its backup folder, damaged by `damage`. */
function damagedCopy(name: string, damage: (path: string) => void): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'ledger-backups'), { recursive: true });
  const path = join(dir, 'ledger.db');
  copyFileSync(original, path);
  copyFileSync(backup.path, join(dir, 'ledger-backups', backup.fileName));
  copyFileSync(`${backup.path}.json`, join(dir, 'ledger-backups', `${backup.fileName}.json`));
  damage(path);
  return path;
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

const cases: [string, DatabaseProblem, (path: string) => void][] = [
  ['truncated to half', 'damaged', (p) => truncateSync(p, Math.floor(pages / 2) * PAGE)],
  ['truncated mid-page', 'damaged', (p) => truncateSync(p, statSync(p).size - PAGE * 3 - 1000)],
  ['truncated to nothing', 'missing-with-backups', (p) => truncateSync(p, 0)],
  ['zeroed header', 'not-sqlite', (p) => overwrite(p, 0, Buffer.alloc(100))],
  [
    'random bytes',
    'not-sqlite',
    (p) => writeFileSync(p, Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919 + 13) & 0xff))),
  ],
  [
    'foreign SQLite database',
    'foreign-sqlite',
    (p) => {
      writeFileSync(p, '');
      const other = new Database(p);
      other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')");
      other.close();
    },
  ],
  [
    'garbage in the middle of a page',
    'damaged',
    (p) => {
      // The first page whose middle holds b-tree structure (the page sweep below covers every page).
      for (let page = 1; page < pages; page++) {
        const probe = `${p}.probe`;
        copyFileSync(p, probe);
        overwrite(probe, page * PAGE + PAGE / 2 - 128, Buffer.alloc(256, 0xa5));
        if (!isHealthy(quickCheck(probe))) {
          copyFileSync(probe, p);
          return;
        }
      }
      throw new Error('no page to damage');
    },
  ],
];

const snapshot = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));

describe('opening a damaged ledger', () => {
  it.each(cases)('%s: refused, backup offered, file untouched', async (name, problem, damage) => {
    const path = damagedCopy(name.replace(/\W+/g, '-'), damage);
    const before = snapshot(path);
    const error = await openLedgerDatabase(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseFileError);
    const refusal = error as DatabaseFileError;
    expect(refusal.problem).toBe(problem);
    expect(refusal.latestBackup?.fileName).toBe(backup.fileName);
    expect(refusal.message).toContain(backup.fileName);
    expect(snapshot(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);

    // The CLI: exit 2, one line on stderr naming the backup, nothing on stdout, file unchanged.
    const cli = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'electron/cli.ts'), '--db', path, 'verify'],
      {
        cwd: ROOT,
      },
    ).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain(backup.fileName);
    expect(snapshot(path).equals(before)).toBe(true);
  });

  it('garbage in the middle of any page is refused at open, flagged by ledger.verify, or lands in unused space', () => {
    const dump = (path: string): string => {
      const s = new Database(path, { readonly: true });
      try {
        const tables = (
          s.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
        ).map((r) => r.name);
        return JSON.stringify(tables.map((t) => s.prepare(`SELECT * FROM "${t}"`).all()));
      } finally {
        s.close();
      }
    };
    const clean = dump(original);
    const outcome = { refusedAtOpen: 0, flaggedByVerify: 0, unusedSpace: 0, silent: [] as number[] };
    const dir = join(root, 'sweep');
    mkdirSync(dir);
    for (let page = 1; page < pages; page++) {
      const path = join(dir, `page-${page + 1}.db`);
      copyFileSync(original, path);
      overwrite(path, page * PAGE + PAGE / 2 - 128, Buffer.alloc(256, 0xa5));
      if (!isHealthy(quickCheck(path))) {
        outcome.refusedAtOpen++;
        continue;
      }
      const sqlite = new Database(path);
      const report = verifyLedger(new Db(sqlite));
      sqlite.close();
      if (!report.ok) outcome.flaggedByVerify++;
      else if (dump(path) === clean) outcome.unusedSpace++;
      else outcome.silent.push(page + 1);
    }
    console.log(`page sweep over ${pages - 1} pages: ${JSON.stringify(outcome)}`);
    expect(outcome.silent).toEqual([]);
    expect(outcome.refusedAtOpen).toBeGreaterThan(0);
  });
});
