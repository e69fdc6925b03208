/**
 * Issue 10 "no freeze, ever": work that reads the whole ledger runs in worker threads, so the
 * main thread (the window, the HTTP door, the poller) keeps answering. On a generated ledger
 * of NO_FREEZE_ENTRIES entries (200,000 by default; the bench runs the same at a million):
 * while a verified backup or `ledger.verify` runs, the main thread never spends long in one
 * turn of its event loop and postings keep committing (the 50 ms wall-clock target is the
 * bench's). Also: the two verify workers report exactly what one pass reports, tampering
 * included; the start-up check runs after the ledger is usable and holds writes until it
 * passes.
 *
 * How a stall is judged. Wall clock (monitorEventLoopDelay) is what a user feels, but on a
 * machine shared with other jobs the scheduler and the disk alone hold a thread 50–200 ms
 * (measured here beside other test files, and on CI: 212 ms with a quiet 20 ms baseline a
 * moment before), so it is a figure for the bench (`npm run bench -- --only stall`), never a
 * threshold here. What the test asserts is the main thread's own CPU time per turn of the
 * event loop (process.threadCpuUsage), which the neighbours do not change, as a ratio in the
 * same run: the longest turn must stay under half of what one `ledger.verify` of the same
 * ledger costs on the calling thread. Were the work on the main thread, one turn would cost
 * all of it.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, defaultBackupDir } from '../../electron/backup/backup.service';
import { openLedgerCheckingAfter, openLedgerDatabase } from '../../electron/db/open';
import { isHealthy, quickCheck } from '../../electron/db/integrity';
import { createRouter } from '../../electron/ipc/router';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { verifyLedgerOffThread } from '../../electron/workers/verify-off-thread';
import type { Db } from '../../electron/db/database';
import type { VerifyReport } from '../../shared/dto';
import { writeBigLedger, type BigLedger } from '../support/big-ledger';

const ENTRIES = Number(process.env['NO_FREEZE_ENTRIES'] ?? 200_000);
const CLIENTS = 2_000;

const root = mkdtempSync(join(tmpdir(), 'credit-desk-no-freeze-'));
let big: BigLedger;
/** Main-thread CPU of one `ledger.verify` of the big ledger on the calling thread. */
let inlineVerifyCpuMs: number;

beforeAll(async () => {
  big = await writeBigLedger(join(root, 'big.db'), CLIENTS, ENTRIES);
  const db = await openLedgerDatabase(big.path);
  try {
    const mark = process.threadCpuUsage();
    expect(verifyLedger(db)).toMatchObject({ ok: true });
    const used = process.threadCpuUsage(mark);
    inlineVerifyCpuMs = (used.user + used.system) / 1000;
  } finally {
    db.close();
  }
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The main thread keeps posting one adjustment per turn of the event loop until stopped, and
 * records the most CPU time this thread spent in one turn (its own posting included).
 */
function keepPosting(db: Db) {
  const router = createRouter({ db });
  let commits = 0;
  let maxTurnCpuMs = 0;
  let done = false;
  const posting = (async () => {
    let mark = process.threadCpuUsage();
    while (!done) {
      const r = await router.call(
        'transactions.adjust',
        { clientId: 1 + (commits % CLIENTS), direction: 'in', credits: 1, reason: 'posted during the work' },
        { actor: 'tester' },
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      commits++;
      await new Promise((resolve) => setImmediate(resolve));
      const turn = process.threadCpuUsage(mark);
      maxTurnCpuMs = Math.max(maxTurnCpuMs, (turn.user + turn.system) / 1000);
      mark = process.threadCpuUsage();
    }
  })();
  return {
    result: () => ({ commits, maxTurnCpuMs }),
    stop: async () => {
      done = true;
      await posting;
    },
  };
}

/**
 * Runs `work` while the main thread keeps posting; returns the work's value, the longest
 * event-loop stall (wall clock), the most main-thread CPU in one turn and how many postings
 * committed meanwhile. The same loop is first measured without the work for `baselineMs`.
 */
async function whilePosting<T>(db: Db, work: () => Promise<T>, baselineMs = 1500) {
  const measure = async <V>(run: () => Promise<V>) => {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    const posting = keepPosting(db);
    histogram.enable();
    try {
      const value = await run();
      return { value, maxStallMs: histogram.max / 1e6, ...posting.result() };
    } finally {
      histogram.disable();
      await posting.stop();
    }
  };
  // The baseline ends on an event (a timer), not on a sleep that synchronises anything.
  const baseline = await measure(() => new Promise((resolve) => setTimeout(resolve, baselineMs)));
  const during = await measure(work);
  return { ...during, baselineStallMs: baseline.maxStallMs };
}

function expectNoFreeze(run: { maxStallMs: number; baselineStallMs: number; maxTurnCpuMs: number; commits: number }) {
  const said =
    `most main-thread CPU in one turn ${run.maxTurnCpuMs.toFixed(1)} ms against ${inlineVerifyCpuMs.toFixed(1)} ms ` +
    `for one verify on this thread; longest wall-clock stall ${run.maxStallMs.toFixed(1)} ms ` +
    `(${run.baselineStallMs.toFixed(1)} ms without the work); ${run.commits} postings`;
  expect(run.maxTurnCpuMs, said).toBeLessThan(inlineVerifyCpuMs / 2);
  expect(run.commits, said).toBeGreaterThan(10);
}

describe('whole-ledger work runs off the main thread', () => {
  it('a verified backup of the large ledger: no long turn on the main thread, postings keep committing', async () => {
    const db = await openLedgerDatabase(big.path);
    try {
      const dir = defaultBackupDir(big.path);
      const run = await whilePosting(db, () =>
        createBackup(db.sqlite, { dir, kind: 'manual', now: new Date('2026-12-05T08:00:00Z') }),
      );
      expect(run.value.checkedEntries).toBeGreaterThanOrEqual(ENTRIES);
      expect(run.value.checkedClients).toBe(CLIENTS);
      expectNoFreeze(run);
      // Everything posted meanwhile is in the ledger, and it still verifies.
      expect(verifyLedger(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  }, 300_000);

  it('ledger.verify of the large ledger on two workers: no long turn on the main thread, the same report as one pass', async () => {
    const db = await openLedgerDatabase(big.path);
    try {
      const router = createRouter({ db });
      const run = await whilePosting(db, () => router.call('ledger.verify', {}, { actor: 'tester' }));
      expect(run.value).toMatchObject({ ok: true, value: { ok: true, problems: [], checkedClients: CLIENTS } });
      expect((run.value as { value: VerifyReport }).value.checkedEntries).toBeGreaterThanOrEqual(ENTRIES);
      expectNoFreeze(run);
    } finally {
      db.close();
    }
  }, 300_000);

  it('the two verify workers name exactly the problems one pass names', async () => {
    const path = join(root, 'tampered.db');
    await writeBigLedger(path, 7, 400);
    const db = await openLedgerDatabase(path);
    try {
      db.sqlite.exec('DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete');
      // Clients 2 and 3 (one in each worker's half): an edited amount, a removed entry.
      db.sqlite.prepare('UPDATE ledger_entries SET credits = credits + 1 WHERE client_id = 2 AND seq = 5').run();
      db.sqlite.prepare('DELETE FROM ledger_entries WHERE client_id = 3 AND seq = 7').run();
      db.sqlite.prepare('UPDATE client_balances SET balance = balance + 9 WHERE client_id = 6').run();
      const onePass = verifyLedger(db);
      expect(onePass.ok).toBe(false);
      expect(new Set(onePass.problems.map((p) => p.clientId))).toEqual(new Set([2, 3, 6]));
      expect(await verifyLedgerOffThread(path)).toEqual(onePass);
      expect(await verifyLedgerOffThread(path, 3)).toEqual(onePass);
    } finally {
      db.close();
    }
  });
});

describe('start-up: usable first, checked right after', () => {
  it("opens before quick_check; a door's write waits for the check, a write that does not wait is refused", async () => {
    const path = join(root, 'startup.db');
    copyFileSync(big.path, path);
    const { db, checked } = await openLedgerCheckingAfter(path);
    try {
      const router = createRouter({ db });
      // The check is still running: reads are answered, a write that does not wait for the check
      // (the poller's own transactions) is refused…
      expect(await router.call('clients.get', { clientId: 1 }, { actor: 'tester' })).toMatchObject({ ok: true });
      await expect(
        asyncDbOf(db).write((tx) => tx.run(tx.k.insertInto('settings').values({} as never))),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      // …and a door's write waits for it, then goes through.
      const created = router.call('clients.create', { name: 'Waited' }, { actor: 'tester' });
      expect(await checked).toBeNull();
      expect(await created).toMatchObject({ ok: true, value: { name: 'Waited' } });
    } finally {
      db.close();
    }
  }, 120_000);

  it('a file that fails quick_check after opening refuses every write and names the latest verified backup', async () => {
    const path = join(root, 'damaged.db');
    copyFileSync(big.path, path);
    const healthy = await openLedgerDatabase(path);
    const backup = await createBackup(healthy.sqlite, {
      dir: defaultBackupDir(path),
      kind: 'daily',
      now: new Date('2026-12-01T00:00:00Z'),
    });
    healthy.close();
    // A b-tree page header overwritten in the middle of the file (the entries' pages): the
    // schema and the migrations still read, quick_check does not pass.
    const pages = statSync(path).size / 4096;
    for (let page = Math.floor(pages / 2); ; page++) {
      expect(page).toBeLessThan(pages);
      const fd = openSync(path, 'r+');
      try {
        writeSync(fd, Buffer.alloc(16, 0xa5), 0, 16, page * 4096);
      } finally {
        closeSync(fd);
      }
      if (!isHealthy(quickCheck(path))) break;
    }
    const { db, checked } = await openLedgerCheckingAfter(path);
    try {
      const problem = await checked;
      expect(problem).toMatchObject({ problem: 'damaged', latestBackup: { fileName: backup.fileName } });
      const router = createRouter({ db });
      const refused = await router.call('clients.create', { name: 'Into a damaged file' }, { actor: 'tester' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect((refused as { error: { message: string } }).error.message).toContain(backup.fileName);
    } finally {
      db.close();
    }
  }, 120_000);
});
