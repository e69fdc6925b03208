/**
 * The poller's lifecycle with an injected clock, sleep and randomness (no real waiting): interval
 * with jitter, exponential back-off with a cap between failed passes, Retry-After beyond the
 * in-pass limit, single flight, stop with an AbortSignal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncPoller } from '../../electron/sync/poller';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { EnvSecretStore } from '../../electron/sync/secrets';
import { FakeStripe, paidSession } from './fakes/stripe';
import { captureLogs, seededLedger, STRIPE_KEY, type Seeded } from './helpers';

describe('poller lifecycle', () => {
  let fake: FakeStripe;
  let ledger: Seeded;
  let logs: ReturnType<typeof captureLogs>;
  let now: number;

  beforeEach(async () => {
    fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    ledger = await seededLedger();
    logs = captureLogs();
    now = Date.parse('2026-11-26T12:00:00Z');
  });
  afterEach(async () => {
    logs.restore();
    await fake.close();
    ledger.db.close();
  });

  /** A poller on a fake clock; its sleep advances the clock and stops after `maxSleeps` long sleeps. */
  function scheduled(maxSleeps: number, random = () => 0.5) {
    const stop = new AbortController();
    const waits: number[] = [];
    const poller = createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      clock: () => new Date(now),
      random,
      log: logs.log,
      intervalMs: 300_000,
      failureBackoffMs: 60_000,
      maxBackoffMs: 240_000,
      retry: { attempts: 2, baseMs: 10, maxMs: 10, maxRetryAfterMs: 5_000 },
      sleep: (ms) => {
        now += ms;
        if (ms >= 1000) {
          waits.push(ms);
          if (waits.length >= maxSleeps) stop.abort();
        }
        return Promise.resolve();
      },
    });
    return { poller, stop, waits };
  }

  it('waits the interval with jitter between successful passes', async () => {
    fake.sessions = [
      paidSession({
        created: Math.floor(now / 1000) - 60,
        metadata: { credit_desk_client_id: '1', credit_desk_package_id: '1' },
      }),
    ];
    const { poller, stop, waits } = scheduled(3, () => 1); // random 1 → +10 %
    await poller.start(stop.signal);
    expect(waits).toEqual([330_000, 330_000, 330_000]);
    const passes = fake.requests.filter((r) => r.path === '/v1/checkout/sessions').length;
    expect(passes).toBe(3);
    expect(await ledger.call('clients.get', { clientId: 1 })).toMatchObject({ balance: 100 });
    expect(poller.active()).toBe(false);
  });

  it('backs off exponentially up to the cap while the provider fails, then returns to the interval', async () => {
    fake.inject({ kind: 'status', status: 500 }, 8, '/v1/checkout/sessions'); // 4 passes × 2 attempts
    const { poller, stop, waits } = scheduled(6);
    await poller.start(stop.signal);
    // Equal jitter at random 0.5: ¾ of 60 s, 120 s, 240 s, then capped at 240 s; then success → 300 s.
    expect(waits).toEqual([45_000, 90_000, 180_000, 180_000, 300_000, 300_000]);
    const row = ledger.db.get(ledger.db.k.selectFrom('sync_state').selectAll().where('provider', '=', 'stripe'));
    expect(row).toMatchObject({ consecutive_failures: 0, last_error: null });
    expect(row?.errors_total).toBe(8);
  });

  it('a Retry-After longer than a pass may wait fails the pass and schedules the next run after it', async () => {
    fake.inject({ kind: 'status', status: 429, retryAfter: '600' }, 1, '/v1/checkout/sessions');
    const { poller, stop, waits } = scheduled(1);
    await poller.start(stop.signal);
    expect(waits[0]).toBe(600_000);
  });

  it('runs one pass at a time: a second "Sync now" joins the running one', async () => {
    fake.sessions = [
      paidSession({
        created: Math.floor(Date.now() / 1000) - 60,
        metadata: { credit_desk_client_id: '1', credit_desk_package_id: '1' },
      }),
    ];
    // The provider holds its answer until the test lets it go: the second "Sync now" is pressed
    // while the first pass is known to be waiting on the network (an event, not a delay).
    let requested!: () => void;
    const firstRequest = new Promise<void>((resolve) => (requested = resolve));
    let release!: () => void;
    const answer = new Promise<void>((resolve) => (release = resolve));
    fake.onRequest = () => {
      requested();
      return answer;
    };
    const poller = createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      log: logs.log,
    });
    const first = poller.run('stripe');
    await firstRequest;
    const second = poller.run();
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.joined).toBe(false);
    expect(b.joined).toBe(true);
    expect(b.passes).toEqual(a.passes);
    expect(fake.requests.filter((r) => r.path === '/v1/checkout/sessions')).toHaveLength(1);
    expect(poller.running()).toBeNull();
  });

  it('offline is a failed pass that is tried again later, never an exception', async () => {
    const origin = fake.origin;
    await fake.close();
    const poller = createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: origin },
      log: logs.log,
      sleep: () => Promise.resolve(),
    });
    const pass = (await poller.run('stripe')).passes[0]!;
    // Four tries at the payments stream; then Refunds and Disputes get one each (not four).
    expect(pass).toMatchObject({ ok: false, errors: 6 });
    expect(pass.error).toMatch(/Could not reach Stripe/);
    const status = (await ledger.call('sync.status', {})) as {
      providers: { provider: string; lastError: string; consecutiveFailures: number }[];
    };
    expect(status.providers.find((p) => p.provider === 'stripe')).toMatchObject({ consecutiveFailures: 1 });
  });

  it('a provider without credentials is not polled, and an explicit run says what is missing', async () => {
    const poller = createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({}),
      env: {},
      log: logs.log,
    });
    expect(await poller.run()).toEqual({ passes: [], joined: false });
    const pass = (await poller.run('paypal')).passes[0]!;
    expect(pass.error).toMatch(/PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET/);
  });
});
