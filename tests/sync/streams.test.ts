/**
 * The defect of issue 11: with a key that may read Checkout Sessions but not Refunds (or with
 * the refunds endpoint broken for any lasting reason), every later pass used to "resume the
 * unfinished pass" at the refunds stream and never read sessions again, so no card payment was
 * credited. Now each stream keeps its own place and payments are read first every pass: while
 * refunds answer 403, 500 forever, or a page that cannot be read, new paid sessions keep arriving
 * pass after pass and each is credited exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../electron/ipc/router';
import { syncHandlers } from '../../electron/sync/handlers';
import { createSyncPoller, type SyncPoller } from '../../electron/sync/poller';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { EnvSecretStore } from '../../electron/sync/secrets';
import type { Fault } from './fakes/server';
import { FakeStripe, paidSession, permissionDenied } from './fakes/stripe';
import {
  callerFor,
  captureLogs,
  credited,
  PAYPAL_ID,
  PAYPAL_SECRET,
  recordingSleep,
  seededLedger,
  STRIPE_KEY,
  type Seeded,
} from './helpers';
import { FakePayPal } from './fakes/paypal';
import type { SyncStatus } from '../../shared/dto.sync';
import { verifyLedger } from '../../electron/ledger/verify.service';

const unix = (ms: number) => Math.floor(ms / 1000);

describe('independent streams: a failing review stream never starves payments', () => {
  let fake: FakeStripe;
  let ledger: Seeded;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(async () => {
    fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    ledger = await seededLedger();
    logs = captureLogs();
  });
  afterEach(async () => {
    logs.restore();
    await fake.close();
    ledger.db.close();
  });

  function poller(sleeps = recordingSleep()): SyncPoller {
    return createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      log: logs.log,
      sleep: sleeps.sleep,
      random: () => 0.5,
      requestTimeoutMs: 500,
      pageSize: 2,
    });
  }

  const requestsTo = (path: string) => fake.requests.filter((r) => r.path === path).length;

  /** Five passes; before each, three new paid sessions arrive (pages of two: the session stream pages). */
  async function passesWithNewSessions(p: SyncPoller) {
    const expected = new Map<string, string>();
    const summaries = [];
    for (let pass = 0; pass < 5; pass++) {
      for (let i = 0; i < 3; i++) {
        const s = paidSession({
          created: unix(Date.now()) - 60 - i,
          metadata: { credit_desk_client_id: String(1 + (i % 2)), credit_desk_package_id: '1' },
        });
        fake.sessions.push(s);
        expected.set(s.payment_intent!, `${1 + (i % 2)}/1`);
      }
      const summary = (await p.run('stripe')).passes[0]!;
      summaries.push(summary);
      // Every new session is credited in the pass that first sees it.
      expect(summary.credited).toBe(3);
      expect(credited(ledger.db)).toEqual(expected);
    }
    // Credited once each: one ledger entry per payment, balances add up.
    expect(ledger.db.all(ledger.db.k.selectFrom('ledger_entries').select('id'))).toHaveLength(15);
    expect(await ledger.call('clients.get', { clientId: 1 })).toMatchObject({ balance: 1000 });
    expect(await ledger.call('clients.get', { clientId: 2 })).toMatchObject({ balance: 500 });
    expect(verifyLedger(ledger.db)).toMatchObject({ ok: true });
    return summaries;
  }

  async function status(p: SyncPoller) {
    const s = (await callerFor(ledger.db, p)('sync.status', {})) as SyncStatus;
    return s.providers.find((x) => x.provider === 'stripe')!;
  }

  it('refunds answer 403: payments are credited every pass; the refunds stream says what to do and is not retried', async () => {
    fake.standing.set('/v1/refunds', permissionDenied('rak_refund_read'));
    const p = poller();
    const summaries = await passesWithNewSessions(p);
    for (const s of summaries) {
      expect(s.ok).toBe(false);
      expect(s.streams).toEqual([
        { stream: 'sessions', ok: true, skipped: false, error: null },
        {
          stream: 'refunds',
          ok: false,
          skipped: false,
          error: expect.stringContaining('cannot read Refunds') as unknown,
        },
        { stream: 'disputes', ok: true, skipped: false, error: null },
      ]);
    }
    // One try a pass: a permission error is not passing trouble.
    expect(requestsTo('/v1/refunds')).toBe(5);
    const stripe = await status(p);
    expect(stripe.lastError).toBe(
      'The Stripe key cannot read Refunds (403): give it the Refunds read permission, or ignore refunds on the Sync page.',
    );
    // The payments stream is healthy, so the provider is not backed off.
    expect(stripe.consecutiveFailures).toBe(0);
    expect(stripe.streams.map((s) => [s.stream, s.state])).toEqual([
      ['sessions', 'ok'],
      ['refunds', 'permission'],
      ['disputes', 'ok'],
    ]);

    // "…or ignore refunds": staff switch the stream off; it is no longer asked and the pass is clean.
    const router = createRouter({ db: ledger.db, sync: syncHandlers(p) });
    const off = await router.call(
      'sync.configure',
      { provider: 'stripe', streams: { refunds: false } },
      { actor: 'amy' },
    );
    expect(off).toMatchObject({ ok: true });
    const before = requestsTo('/v1/refunds');
    const quiet = (await p.run('stripe')).passes[0]!;
    expect(quiet).toMatchObject({ ok: true, error: null });
    expect(quiet.streams[1]).toEqual({ stream: 'refunds', ok: true, skipped: true, error: null });
    expect(requestsTo('/v1/refunds')).toBe(before);
    expect((await status(p)).streams[1]).toMatchObject({ state: 'off', enabled: false });
  });

  const lasting: [string, Fault][] = [
    ['500 forever', { kind: 'status', status: 500 }],
    [
      'a page that can never be read',
      { kind: 'status', status: 200, body: '{"object":"list","data":"not a list","has_more":false}' },
    ],
    ['truncated JSON every time', { kind: 'truncate' }],
  ];

  it.each(lasting)('refunds fail with %s: payments are credited every pass, each once', async (_name, fault) => {
    fake.standing.set('/v1/refunds', fault);
    const sleeps = recordingSleep();
    const p = poller(sleeps);
    const summaries = await passesWithNewSessions(p);
    for (const s of summaries) {
      expect(s.streams.map((x) => x.ok)).toEqual([true, false, true]);
      expect(s.streams[1]!.error).toMatch(/Stripe/);
    }
    // Passing trouble is retried within the pass (four tries), never at the cost of payments.
    expect(requestsTo('/v1/refunds')).toBe(20);
    const stripe = await status(p);
    expect(stripe.consecutiveFailures).toBe(0);
    expect(stripe.nextRunAt === null || Date.parse(stripe.nextRunAt) > 0).toBe(true);
    expect(stripe.streams[1]).toMatchObject({ stream: 'refunds', state: 'failing', consecutiveFailures: 5 });

    // The endpoint recovers: the refunds stream reads from its own cursor, and a refund of a
    // payment credited meanwhile becomes a review item.
    fake.standing.delete('/v1/refunds');
    const paid = [...credited(ledger.db).keys()][0]!;
    fake.refunds.push({
      id: 're_recovered000000000000',
      object: 'refund',
      created: unix(Date.now()) - 30,
      amount: 1000,
      currency: 'usd',
      payment_intent: paid,
      status: 'succeeded',
    });
    const healed = (await p.run('stripe')).passes[0]!;
    expect(healed).toMatchObject({ ok: true, credited: 0, reviews: 1 });
    expect((await status(p)).streams[1]).toMatchObject({ state: 'ok', lastError: null });
  });

  it('a failing payments stream backs the provider off, and the review streams get one try each', async () => {
    fake.standing.set('/v1/checkout/sessions', { kind: 'status', status: 503 });
    const p = poller();
    const summary = (await p.run('stripe')).passes[0]!;
    expect(summary.streams.map((s) => s.ok)).toEqual([false, true, true]);
    expect(requestsTo('/v1/checkout/sessions')).toBe(4);
    expect(requestsTo('/v1/refunds')).toBe(1);
    expect(await status(p)).toMatchObject({ consecutiveFailures: 1 });
  });
});

describe('permission errors say what to do and are not retried', () => {
  let logs: ReturnType<typeof captureLogs>;
  let ledger: Seeded;
  beforeEach(async () => {
    ledger = await seededLedger();
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
    ledger.db.close();
  });

  it('Stripe: a key that cannot read Checkout Sessions says no card payment is credited until it can', async () => {
    const fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    try {
      fake.standing.set('/v1/checkout/sessions', permissionDenied('rak_checkout_session_read'));
      const p = createSyncPoller({
        db: asyncDbOf(ledger.db),
        secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
        env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
        log: logs.log,
        sleep: recordingSleep().sleep,
      });
      const pass = (await p.run('stripe')).passes[0]!;
      expect(pass.streams[0]).toEqual({
        stream: 'sessions',
        ok: false,
        skipped: false,
        error:
          'The Stripe key cannot read Checkout Sessions (403): give the restricted key the Checkout Sessions read permission. Until then no card payment is credited.',
      });
      expect(fake.requests.filter((r) => r.path === '/v1/checkout/sessions')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('PayPal: an app without Transaction Search says which permission to grant, after one request', async () => {
    const fake = new FakePayPal(PAYPAL_ID, PAYPAL_SECRET);
    await fake.start();
    try {
      fake.standing.set('/v1/reporting/transactions', {
        kind: 'status',
        status: 403,
        body: '{"name":"NOT_AUTHORIZED","message":"Authorization failed due to insufficient permissions."}',
      });
      const p = createSyncPoller({
        db: asyncDbOf(ledger.db),
        secrets: new EnvSecretStore({ PAYPAL_CLIENT_ID: PAYPAL_ID, PAYPAL_CLIENT_SECRET: PAYPAL_SECRET }),
        env: { CREDIT_DESK_PAYPAL_API_BASE: fake.origin },
        log: logs.log,
        sleep: recordingSleep().sleep,
      });
      const pass = (await p.run('paypal')).passes[0]!;
      expect(pass).toMatchObject({ ok: false, errors: 1 });
      expect(pass.error).toMatch(/^The PayPal app cannot use Transaction Search \(403\): give the REST app/);
      expect(fake.requests.filter((r) => r.path === '/v1/reporting/transactions')).toHaveLength(1);
      const stream = ledger.db.get(ledger.db.k.selectFrom('sync_streams').selectAll().where('provider', '=', 'paypal'));
      expect(stream).toMatchObject({ error_kind: 'permission', consecutive_failures: 1 });
    } finally {
      await fake.close();
    }
  });
});
