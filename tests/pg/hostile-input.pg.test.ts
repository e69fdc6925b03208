/**
 * Hostile input on PostgreSQL (issue 12 item 4): every channel of the contract through the
 * router over a PostgreSQL ledger, with the same arbitraries as the SQLite suite
 * (tests/support/hostile-inputs.ts, used by tests/reliability/hostile-input.test.ts). Pass: no
 * throw, a refusal is a contract error (VALIDATION_ERROR naming the field, or a data-level code
 * such as NOT_FOUND), and after every refused call the engine-neutral snapshot (every table's
 * rows by primary key, one json_agg query) is what it was; read-only channels leave it unchanged
 * even when they succeed. The one refusal that writes by design is a failed sign-in (its
 * attempt row, PRODUCT F14).
 *
 * Inputs per channel: HOSTILE_PG_RUNS (200 by default; the SQLite suite runs 1,000). The
 * validation path is the same code on both engines and is hammered there; what this file adds
 * is that PostgreSQL refuses what reaches it (types, ranges, text it stores) the same way, and
 * every input costs round trips. 200 keep the file within about a minute on the two-core CI
 * machine, which is close to its 25-minute budget. A task channel (`ledger.verify`) gets
 * TASK_RUNS. The HTTP door is not repeated here: it is engine-independent and covered over SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../shared/contract';
import { ERROR_CODES, type Result } from '../../shared/result';
import type { AsyncDb } from '../../electron/db/async-db';
import { openPostgresLedger } from '../../electron/db/pg/open';
import { createRouter, type Router } from '../../electron/ipc/router';
import { seed } from '../reliability/helpers';
import { snapshotOf } from '../support/engines';
import { HANG_GUARD_MS, inputs } from '../support/hostile-inputs';
import { describeWithPostgres } from '../support/pg-cluster';
import { freshLedgerUrl } from './support';

const RUNS = Number(process.env.HOSTILE_PG_RUNS ?? 200);
const TASK_RUNS = 50;
const runsFor = (channel: Channel) => ('task' in contract[channel] ? Math.min(RUNS, TASK_RUNS) : RUNS);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

describeWithPostgres('hostile input on PostgreSQL', (cluster) => {
  let db: AsyncDb;
  let router: Router;
  const backupDir = mkdtempSync(join(tmpdir(), 'cd-hostile-pg-'));
  const started = Date.now();
  let total = 0;

  beforeAll(async () => {
    db = await openPostgresLedger(await freshLedgerUrl(cluster()));
    router = createRouter({ db, backupDir });
    await seed(router, 3);
  });
  afterAll(async () => {
    console.log(`hostile input on PostgreSQL: ${total} inputs in ${Math.round((Date.now() - started) / 1000)} s`);
    await db?.close();
    rmSync(backupDir, { recursive: true, force: true });
  });

  /** Rows a refused sign-in may write: its attempt, and the audit row of a lock. */
  const signInRecords = async () => {
    const count = async (table: 'login_attempts' | 'audit_log') =>
      Number((await db.get(db.k.selectFrom(table).select((e) => e.fn.countAll().as('n'))))!.n);
    return (await count('login_attempts')) + (await count('audit_log'));
  };

  /** Checks one outcome; returns the snapshot to compare the next call against. */
  async function judge(channel: Channel, input: unknown, result: Result<unknown>, before: string): Promise<string> {
    total++;
    const after = await snapshotOf(db);
    if (result.ok) {
      if (!contract[channel].mutates) expect(after, `${channel} read changed the database`).toBe(before);
      return after;
    }
    expect(ERROR_CODES).toContain(result.error.code);
    expect(typeof result.error.message).toBe('string');
    if (result.error.code === 'VALIDATION_ERROR') {
      const field = result.error.details?.field;
      expect(typeof field, `${channel}: ${JSON.stringify(result.error)}`).toBe('string');
      if (isPlainObject(input) && field === '')
        expect(result.error.details?.fields, `${channel}: ${JSON.stringify(result.error)}`).toContain('');
    }
    if (channel === 'auth.login' && result.error.code === 'UNAUTHENTICATED') {
      // By design the failed attempt is recorded (the lockout rule's memory): that row only.
      expect(await signInRecords()).toBeGreaterThan(0);
      return after;
    }
    expect(after, `${channel} refused ${JSON.stringify(result.error)} but changed the database`).toBe(before);
    return after;
  }

  it.each(CHANNELS)(
    `%s refuses hostile input through the router on PostgreSQL`,
    async (channel) => {
      let before = await snapshotOf(db);
      await fc.assert(
        fc.asyncProperty(inputs(channel), async (input) => {
          const result = await router.call(channel, input, { actor: 'hostile' });
          before = await judge(channel, input, result, before);
        }),
        { numRuns: runsFor(channel), seed: 20261126, endOnFailure: true },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    HANG_GUARD_MS,
  );
});
