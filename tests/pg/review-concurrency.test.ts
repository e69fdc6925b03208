/**
 * Closing review items (PRODUCT F16) on PostgreSQL with several writers at once: a refund and a
 * chargeback of one payment, reversed at the same moment by two staff members, never take back
 * more than the payment bought; the same item reversed from 8 calls at once is reversed once
 * and the other calls are CONFLICT.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import type { AsyncDb } from '../../electron/db/async-db';
import { createRouter, type Router } from '../../electron/ipc/router';
import { syncHandlers } from '../../electron/sync/handlers';
import { createSyncPoller, type SyncPoller } from '../../electron/sync/poller';
import { EnvSecretStore } from '../../electron/sync/secrets';
import type { Page } from '../../shared/dto';
import type { SyncReviewItem } from '../../shared/dto.sync';
import { describeWithPostgres } from '../support/pg-cluster';
import { FakeStripe, paidSession, stripeId } from '../sync/fakes/stripe';
import { captureLogs, recordingSleep, STRIPE_KEY } from '../sync/helpers';
import { freshLedgerUrl } from './support';

const unix = (ms: number) => Math.floor(ms / 1000);
const HOUR = 3600_000;

describeWithPostgres('sync.review.resolve on PostgreSQL, several writers', (cluster) => {
  let fake: FakeStripe;
  let db: AsyncDb;
  let logs: ReturnType<typeof captureLogs>;
  let p: SyncPoller;
  let router: Router;

  beforeEach(async () => {
    fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    db = await openAsyncLedger(await freshLedgerUrl(cluster()));
    logs = captureLogs();
    p = createSyncPoller({
      db,
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      log: logs.log,
      sleep: recordingSleep().sleep,
      random: () => 0.5,
    });
    router = createRouter({ db, sync: syncHandlers(p) });
  });
  afterEach(async () => {
    logs.restore();
    await fake.close();
    await db.close();
  });

  const value = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await router.call(channel, input, { actor: 'amy' });
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };

  /** Opens the pool's connections now, so concurrent calls below really overlap (a new connection takes a SCRAM handshake). */
  async function warmPool(): Promise<void> {
    await Promise.all(Array.from({ length: 10 }, () => db.read((q) => q.get(q.k.selectFrom('settings').select('id')))));
  }

  /** Client 1 with 500 credits besides one credited Stripe payment of 100 credits; its payment intent. */
  async function creditedPayment(): Promise<string> {
    await value('clients.create', { name: 'Northwind' });
    await value('packages.create', { name: 'Starter', credits: 100, currency: 'USD', price: '10.00' });
    await value('transactions.adjust', { clientId: 1, direction: 'in', credits: 500, reason: 'Opening' });
    const s = paidSession({
      created: unix(Date.now() - 2 * HOUR),
      metadata: { credit_desk_client_id: '1', credit_desk_package_id: '1' },
    });
    fake.sessions.push(s);
    expect((await p.run('stripe')).passes[0]).toMatchObject({ credited: 1 });
    return s.payment_intent!;
  }

  it('a full refund and a lost chargeback of one payment, reversed at once: 100 credits taken, not 200', async () => {
    const pi = await creditedPayment();
    const created = unix(Date.now() - HOUR);
    fake.refunds.push({
      id: stripeId('re'),
      object: 'refund',
      created,
      amount: 1000,
      currency: 'usd',
      payment_intent: pi,
      status: 'succeeded',
    });
    fake.disputes.push({
      id: stripeId('dp'),
      object: 'dispute',
      created,
      amount: 1000,
      currency: 'usd',
      payment_intent: pi,
      status: 'lost',
    });
    expect((await p.run('stripe')).passes[0]).toMatchObject({ reviews: 2 });
    const items = (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'open' })).items;
    expect(items.map((i) => i.reversal?.credits)).toEqual([100, 100]);
    await warmPool();

    const results = await Promise.all(
      items.map((i) =>
        router.call('sync.review.resolve', { reviewId: i.id, action: 'reverse', reason: 'Refunded' }, { actor: 'amy' }),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(await value('clients.get', { clientId: 1 })).toMatchObject({ balance: 500 });
    const closed = (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'closed' })).items;
    expect(closed.map((i) => i.reversal!.credits).reduce((a, b) => a + b, 0)).toBe(100);
    expect(await value('ledger.verify', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('one item reversed from 8 calls at once: taken back once, the other 7 are CONFLICT', async () => {
    const pi = await creditedPayment();
    fake.refunds.push({
      id: stripeId('re'),
      object: 'refund',
      created: unix(Date.now() - HOUR),
      amount: 1000,
      currency: 'usd',
      payment_intent: pi,
      status: 'succeeded',
    });
    expect((await p.run('stripe')).passes[0]).toMatchObject({ reviews: 1 });
    await warmPool();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        router.call('sync.review.resolve', { reviewId: 1, action: 'reverse', reason: 'Refunded' }, { actor: 'amy' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(Array(7).fill('CONFLICT'));
    expect(await value('clients.get', { clientId: 1 })).toMatchObject({ balance: 500 });
  }, 120_000);
});
