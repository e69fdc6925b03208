/**
 * Issue 10 item 4: WAL checkpoints are off the commit path. SQLite's automatic checkpoint is
 * off on the ledger's connection; a PASSIVE checkpoint runs in a worker once the connection is
 * idle, the commit that reaches the bound (a long batch with no idle moment) starts one, closing
 * checkpoints what this connection wrote, and the file stays WAL with synchronous=FULL. The
 * crash tests (crash.test.ts) check that nothing committed is lost with this policy.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Checkpointer, DEFAULT_CHECKPOINT_POLICY, type CheckpointResult } from '../../electron/db/checkpoint';
import { openConnection } from '../../electron/db/connection';
import { Db } from '../../electron/db/database';
import { openLedgerCheckingAfter, openLedgerDatabase } from '../../electron/db/open';
import { createRouter } from '../../electron/ipc/router';

const root = mkdtempSync(join(tmpdir(), 'credit-desk-checkpoint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function post(db: Db, n: number): Promise<void> {
  const router = createRouter({ db });
  const client = await router.call('clients.create', { name: 'Walden' }, { actor: 'tester' });
  if (!client.ok) throw new Error(client.error.message);
  const clientId = (client.value as { id: number }).id;
  for (let i = 0; i < n; i++) {
    const r = await router.call(
      'transactions.adjust',
      { clientId, direction: 'in', credits: 1, reason: 'checkpoint test' },
      { actor: 'tester' },
    );
    if (!r.ok) throw new Error(r.error.message);
  }
}

describe('WAL checkpoints', () => {
  it('the ledger connection never checkpoints inside a commit; it does when idle', async () => {
    const path = join(root, 'idle.db');
    (await openLedgerDatabase(path)).close();
    // As the app opens it: checkpoints in a worker thread.
    const opened = await openLedgerCheckingAfter(path);
    expect(await opened.checked).toBeNull();
    const db = opened.db;
    try {
      expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      const checkpointer = db.checkpointer!;
      const idle = new Promise<CheckpointResult>((resolve) => {
        checkpointer.onCheckpoint = (cause, result) => {
          if (cause === 'idle') resolve(result);
        };
      });
      // Past SQLite's default of a checkpoint every 1,000 WAL pages, in one turn of the loop.
      await post(db, 400);
      expect(checkpointer.counts).toEqual({ idle: 0, bound: 0, close: 0 });
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(1000 * 4096);
      // Once the event loop is idle, one PASSIVE checkpoint (in a worker thread) copies the whole WAL back.
      const result = await idle;
      expect(result.busy).toBe(0);
      expect(result.checkpointed).toBe(result.log);
      expect(checkpointer.counts.idle).toBe(1);
    } finally {
      db.close();
    }
  });

  it('a long batch with no idle moment checkpoints at the bound, and closing checkpoints the rest', () => {
    const path = join(root, 'bound.db');
    const sqlite = openConnection(path);
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const checkpointer = new Checkpointer(sqlite, { ...DEFAULT_CHECKPOINT_POLICY, maxCommits: 100, inWorker: false });
    const db = new Db(sqlite, checkpointer);
    const causes: string[] = [];
    checkpointer.onCheckpoint = (cause) => causes.push(cause);
    for (let i = 0; i < 250; i++) db.write(() => db.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run(`row ${i}`));
    expect(causes).toEqual(['bound', 'bound']);
    db.close();
    expect(causes).toEqual(['bound', 'bound', 'close']);
    const reopened = openConnection(path);
    try {
      expect(reopened.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 250 });
    } finally {
      reopened.close();
    }
  });
});
