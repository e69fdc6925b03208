/**
 * Two (and more) processes on one file (issue 6 item 2): the app and the CLI share the
 * ledger. Writes take the write lock up front (BEGIN IMMEDIATE) and wait on the busy
 * timeout, so no SQLITE_BUSY (nor the CONFLICT it would become) reaches anyone; no credit is
 * lost or doubled; the same request accepted from several processes at once is credited
 * once; several processes creating the same new file at once all succeed.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerDatabase } from '../../electron/db/open';
import { migrations } from '../../migrations';
import { createRouter } from '../../electron/ipc/router';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { cli } from '../support/cli';
import { bundleChild, exited, halfDone, must, NOTHING_HALF_DONE, release, seed, startChild, tempDir } from './helpers';

let script = '';
beforeAll(async () => {
  script = await bundleChild('tests/reliability/writer-child.ts');
});
afterAll(() => rmSync(script, { force: true }));

/**
 * Runs writer children to the end and returns each one's result lines (progress lines left
 * out). Children that wait at the stdin barrier are released together once every one of them
 * has printed "ready": they start racing at the same moment however slowly they started.
 */
async function runChildren(argsList: string[][]): Promise<unknown[][]> {
  let waiting = argsList.length;
  const children: ChildProcess[] = [];
  const results = argsList.map((args) => {
    const lines: unknown[] = [];
    const child = startChild(script, args, (line) => {
      if (line === 'ready') {
        if (--waiting === 0) children.forEach(release);
        return;
      }
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!('committed' in value)) lines.push(value);
    });
    children.push(child);
    return { child, lines };
  });
  return Promise.all(
    results.map(async ({ child, lines }) => {
      const { code } = await exited(child);
      if (code !== 0) throw new Error(`child failed: ${(child as unknown as { stderrText(): string }).stderrText()}`);
      return lines;
    }),
  );
}

const balances = (db: Awaited<ReturnType<typeof openLedgerDatabase>>): Record<string, number> =>
  Object.fromEntries(
    (
      db.sqlite.prepare('SELECT client_id, balance FROM client_balances').all() as {
        client_id: number;
        balance: number;
      }[]
    ).map((r) => [r.client_id, r.balance]),
  );

describe('several processes on one ledger file', () => {
  it('concurrent writers: every write succeeds, no credit lost or doubled', async () => {
    const path = join(tempDir('conc-writes'), 'ledger.db');
    const app = await openLedgerDatabase(path);
    const router = createRouter({ db: app });
    await seed(router, 5);
    const before = balances(app);
    const WRITERS = 4;
    const EACH = 120;
    const children = runChildren(Array.from({ length: WRITERS }, (_, i) => [path, 'writes', `w${i}`, String(EACH)]));
    // Meanwhile the app keeps writing through its own connection, between event-loop turns.
    const appCredited: Record<number, number> = {};
    const appRefused: unknown[] = [];
    let appDone = false;
    const appLoop = (async () => {
      for (let n = 0; !appDone || n < 60; n++) {
        const clientId = Number(Object.keys(before)[n % 5]);
        const result = await router.call(
          'transactions.adjust',
          { clientId, direction: 'in', credits: 3, reason: `app-${n}` },
          { actor: 'app' },
        );
        if (result.ok) appCredited[clientId] = (appCredited[clientId] ?? 0) + 3;
        else appRefused.push(result.error);
        await new Promise((r) => setImmediate(r));
        if (n > 2000) break;
      }
    })();
    const summaries = (await children).map(
      (lines) => lines[0] as { ok: number; credited: Record<string, number>; refused: unknown[] },
    );
    appDone = true;
    await appLoop;

    expect(summaries.flatMap((s) => s.refused)).toEqual([]);
    expect(appRefused).toEqual([]);
    expect(summaries.map((s) => s.ok)).toEqual(Array(WRITERS).fill(EACH));
    const expected: Record<string, number> = { ...before };
    for (const credited of [...summaries.map((s) => s.credited), appCredited]) {
      for (const [clientId, credits] of Object.entries(credited))
        expected[clientId] = (expected[clientId] ?? 0) + credits;
    }
    expect(balances(app)).toEqual(expected);
    expect((app.sqlite.prepare('SELECT count(*) AS n FROM purchases').get() as { n: number }).n).toBe(
      (WRITERS * EACH) / 2,
    );
    expect(verifyLedger(app).problems).toEqual([]);
    expect(halfDone(app.sqlite)).toEqual(NOTHING_HALF_DONE);
    app.close();
  });

  it('the same request accepted from several processes at the same moment is credited once', async () => {
    const path = join(tempDir('conc-accept'), 'ledger.db');
    const app = await openLedgerDatabase(path);
    const router = createRouter({ db: app });
    const { clients, packageId } = await seed(router, 2);
    const ROUNDS = 6;
    for (let round = 0; round < ROUNDS; round++) {
      const request = await must<{ id: number }>(router, 'requests.submit', {
        clientId: clients[round % 2],
        packageId,
        method: 'bank_transfer',
        paymentReference: `r${round}`,
      });
      const before = balances(app);
      // Three processes, released together once all three have started.
      const results = (await runChildren([0, 1, 2].map((i) => [path, 'accept', `p${i}`, String(request.id)]))).map(
        (lines) => lines[0] as { ok: boolean; error?: { code: string } },
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual([
        'REQUEST_NOT_PENDING',
        'REQUEST_NOT_PENDING',
      ]);
      const clientId = clients[round % 2]!;
      expect(balances(app)[clientId]).toBe(before[clientId]! + 100);
      expect(
        (
          app.sqlite.prepare('SELECT count(*) AS n FROM ledger_entries WHERE request_id = ?').get(request.id) as {
            n: number;
          }
        ).n,
      ).toBe(1);
    }
    expect(verifyLedger(app).problems).toEqual([]);
    app.close();
  });

  it('the app and the real CLI accept the same request: one ok, one REQUEST_NOT_PENDING', async () => {
    const path = join(tempDir('conc-cli'), 'ledger.db');
    const app = await openLedgerDatabase(path);
    const router = createRouter({ db: app });
    const { clients, packageId } = await seed(router, 1);
    const request = await must<{ id: number }>(router, 'requests.submit', {
      clientId: clients[0],
      packageId,
      method: 'crypto',
      paymentReference: '0xabc',
    });
    // The real command line, started the way `npm run cli` runs it (tests/support/cli).
    const fromCliRun = cli('--db', path, 'call', 'requests.accept', JSON.stringify({ requestId: request.id }));
    // The app tries while the CLI starts up, as a person clicking Accept would once.
    const fromApp = await router.call('requests.accept', { requestId: request.id }, { actor: 'app' });
    const fromCli = JSON.parse((await fromCliRun).stdout) as { ok: boolean; error?: { code: string } };
    const codes = [fromApp, fromCli].map((r) => (r.ok ? 'ok' : r.error?.code)).sort();
    expect(codes).toEqual(['REQUEST_NOT_PENDING', 'ok']);
    expect(
      (
        app.sqlite.prepare('SELECT count(*) AS n FROM ledger_entries WHERE request_id = ?').get(request.id) as {
          n: number;
        }
      ).n,
    ).toBe(1);
    expect(verifyLedger(app).problems).toEqual([]);
    app.close();
  });

  it('several processes creating and migrating the same new file at once all succeed', async () => {
    const dir = tempDir('conc-open');
    for (let round = 0; round < 6; round++) {
      const path = join(dir, `ledger-${round}.db`);
      const results = await runChildren([0, 1, 2].map((i) => [path, 'open', `o${i}`]));
      expect(results.map((lines) => lines[0])).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      const db = await openLedgerDatabase(path);
      // Each migration recorded exactly once, whoever applied it.
      expect((db.sqlite.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n).toBe(
        Object.keys(migrations).length,
      );
      db.close();
    }
  });
});
