/**
 * The event loop during a verified backup (issue 10, "no freeze, ever"): `backup.create` on the
 * big fixture (SQLite's online backup, then integrity_check and ledger.verify on the copy),
 * while the same process keeps posting purchases through the router, one after another, as the
 * app would while staff work. perf_hooks.monitorEventLoopDelay records how late the event loop
 * ran (max and p99: the stall the window would show), and the longest gap between two commits
 * says whether postings kept committing. Target: no stall over 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openLedgerDatabase } from '../electron/db/open';
import { createRouter } from '../electron/ipc/router';
import { RESULTS_DIR, type Fixture } from './fixture';
import { now, round } from './stats';

const ACTOR = 'bench';

export async function backupStall(fixture: Fixture) {
  const dir = mkdtempSync(join(RESULTS_DIR, 'stall-'));
  const db = await openLedgerDatabase(fixture.path);
  // As the app and browser mode run it (openLedgerCheckingAfter): checkpoints in a worker.
  db.checkpointer?.useWorker();
  try {
    const router = createRouter({ db, backupDir: dir });
    const stamp = Date.now();
    const clients = fixture.scale.clients;
    const post = (i: number) =>
      router.call(
        'purchases.record',
        {
          clientId: 1 + ((i * 104729) % clients),
          packageId: fixture.packageId,
          provider: 'stripe',
          providerPaymentId: `stall_${stamp}_${i}`,
          amount: '100.00',
          currency: 'USD',
        },
        { actor: ACTOR },
      );
    // Warm the posting path, so its first compilation is not counted as a stall.
    const WARMUP = 20;
    for (let i = 0; i < WARMUP; i++) {
      const r = await post(i);
      if (!r.ok) throw new Error(`purchases.record refused: ${r.error.code} ${r.error.message}`);
    }

    const delay = monitorEventLoopDelay({ resolution: 5 });
    let running = true;
    let commits = 0;
    let refused = 0;
    let lastCommit = now();
    let maxGap = 0;
    const posting = (async () => {
      for (let i = WARMUP; running; i++) {
        const r = await post(i);
        const t = now();
        if (r.ok) commits++;
        else refused++;
        maxGap = Math.max(maxGap, t - lastCommit);
        lastCommit = t;
        // One turn of the event loop between postings, as separate user actions would have.
        await new Promise((done) => setImmediate(done));
      }
    })();
    delay.enable();
    const t = now();
    const backup = await router.call('backup.create', {}, { actor: ACTOR });
    const backupMs = now() - t;
    // A stall at the end of the backup shows as the time since the last commit.
    maxGap = Math.max(maxGap, now() - lastCommit);
    running = false;
    await posting;
    delay.disable();
    if (!backup.ok) throw new Error(`backup.create refused: ${backup.error.code} ${backup.error.message}`);
    const info = backup.value as { checkedEntries: number; sizeBytes: number };
    return {
      backupMs: round(backupMs, 0),
      checkedEntries: info.checkedEntries,
      sizeMiB: round(info.sizeBytes / 2 ** 20, 1),
      maxStallMs: round(delay.max / 1e6, 1),
      p99StallMs: round(delay.percentile(99) / 1e6, 1),
      meanStallMs: round(delay.mean / 1e6, 2),
      commits,
      refused,
      maxGapBetweenCommitsMs: round(maxGap, 1),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
