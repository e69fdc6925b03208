/**
 * `cli sync --provider stripe` as the README shows it: one JSON summary with each stream's
 * outcome (`streams`), exit 0 when the pass completed and 1 when any stream failed, even when
 * only a review stream did (payments are still credited).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { cli, run } from '../support/cli';
import { tempDir } from '../support/ledger';
import { FakeStripe, paidSession, permissionDenied } from '../sync/fakes/stripe';
import { STRIPE_KEY } from '../sync/helpers';

vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let cleanup: () => void;
let fake: FakeStripe;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('credit-desk-cli-sync-'));
  fake = new FakeStripe(STRIPE_KEY);
  await fake.start();
});
afterAll(async () => {
  await fake.close();
  cleanup();
});

it('prints each stream’s outcome; a refunds 403 exits 1 while the payment is credited', async () => {
  const db = join(dir, 'sync.db');
  for (const [channel, input] of [
    ['clients.create', '{"name":"Northwind"}'],
    ['packages.create', '{"name":"Starter","credits":100,"currency":"USD","price":"10.00"}'],
  ] as const) {
    expect((await cli('--db', db, 'call', channel, input)).code).toBe(0);
  }
  fake.sessions.push(
    paidSession({
      created: Math.floor(Date.now() / 1000) - 60,
      metadata: { credit_desk_client_id: '1', credit_desk_package_id: '1' },
    }),
  );
  fake.standing.set('/v1/refunds', permissionDenied('rak_refund_read'));
  const env = { ...process.env, STRIPE_SECRET_KEY: STRIPE_KEY, CREDIT_DESK_STRIPE_API_BASE: fake.origin };
  const sync = await run(
    process.execPath,
    ['scripts/door.mjs', 'cli', '--db', db, 'sync', '--provider', 'stripe'],
    env,
  );
  expect(sync.code, sync.stderr).toBe(1);
  const lines = sync.stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(summary).toMatchObject({ provider: 'stripe', ok: false, credited: 1 });
  expect(summary.streams).toEqual([
    { stream: 'sessions', ok: true, skipped: false, error: null },
    {
      stream: 'refunds',
      ok: false,
      skipped: false,
      error: expect.stringContaining('give it the Refunds read permission') as unknown,
    },
    { stream: 'disputes', ok: true, skipped: false, error: null },
  ]);
  const balance = await cli('--db', db, 'call', 'clients.get', '{"clientId":1}');
  expect(JSON.parse(balance.stdout)).toMatchObject({ ok: true, value: { balance: 100 } });
});
