/**
 * PayPal against a fake REST API on 127.0.0.1: OAuth2 then Transaction Search in windows of at
 * most 31 days, pages out of order and repeated, faults retried, token renewal, the 3-hour
 * overlap for late data, a wrong client secret, refunds → review items.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncPoller, type SyncPoller } from '../../electron/sync/poller';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { EnvSecretStore } from '../../electron/sync/secrets';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { FakePayPal, paypalPayment, paypalRefund, type PayPalTransaction } from './fakes/paypal';
import { captureLogs, credited, PAYPAL_ID, PAYPAL_SECRET, recordingSleep, seededLedger, type Seeded } from './helpers';
import type { Page } from '../../shared/dto';
import type { UnmatchedPayment } from '../../shared/dto.sync';

describe('PayPal sync against the fake', () => {
  let fake: FakePayPal;
  let ledger: Seeded;
  let logs: ReturnType<typeof captureLogs>;
  const now = new Date();
  const ago = (hours: number) => new Date(now.getTime() - hours * 3600_000);

  beforeEach(async () => {
    fake = new FakePayPal(PAYPAL_ID, PAYPAL_SECRET);
    await fake.start();
    ledger = await seededLedger();
    logs = captureLogs();
  });
  afterEach(async () => {
    logs.restore();
    await fake.close();
    ledger.db.close();
  });

  function poller(
    over: { secret?: string; sleep?: (ms: number) => Promise<void>; lookbackDays?: number } = {},
  ): SyncPoller {
    return createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ PAYPAL_CLIENT_ID: PAYPAL_ID, PAYPAL_CLIENT_SECRET: over.secret ?? PAYPAL_SECRET }),
      env: { CREDIT_DESK_PAYPAL_API_BASE: fake.origin },
      log: logs.log,
      sleep: over.sleep ?? recordingSleep().sleep,
      random: () => 0.5,
      requestTimeoutMs: 250,
      pageSize: 4,
      initialLookbackMs: (over.lookbackDays ?? 30) * 24 * 3600_000,
    });
  }

  it('converges across 31-day windows, shuffled and repeated pages and faults; no secret in any log', async () => {
    const good: PayPalTransaction[] = [];
    // 50 days of history: the first pass needs two windows.
    for (let i = 0; i < 18; i++)
      good.push(paypalPayment({ at: ago(24 * 49 - i * 60), clientId: 1 + (i % 2), packageId: 1 }));
    good.push(paypalPayment({ at: ago(30), clientId: 1, packageId: 2, value: '25.00', currency: 'EUR' }));
    good.push(paypalPayment({ at: ago(29), clientId: 2, packageId: 3, value: '1000', currency: 'JPY' }));
    const others = [
      paypalPayment({ at: ago(28), clientId: 1, packageId: 1, value: '9.99' }),
      paypalPayment({ at: ago(27), clientId: 1, packageId: 1, currency: 'GBP' }),
      paypalPayment({ at: ago(26), custom: 'order-77' }),
      paypalPayment({ at: ago(25), clientId: 55, packageId: 1 }),
      paypalPayment({ at: ago(24), clientId: 1, packageId: 1, status: 'P' }),
      paypalPayment({ at: ago(23), clientId: 1, packageId: 1, status: 'D' }),
    ];
    fake.transactions = [...good, ...others];
    fake.order = 'shuffled';
    fake.repeatAcrossPages = true;
    fake
      .inject({ kind: 'status', status: 503 }, 1, '/v1/oauth2/token')
      .inject({ kind: 'status', status: 429, retryAfter: '3' }, 1, '/v1/reporting/transactions')
      .inject({ kind: 'truncate' }, 1, '/v1/reporting/transactions')
      .inject({ kind: 'hang' }, 1, '/v1/reporting/transactions')
      .inject({ kind: 'status', status: 500 }, 1, '/v1/reporting/transactions')
      .inject({ kind: 'status', status: 502 }, 3, '/v1/reporting/transactions');

    const sleeps = recordingSleep();
    const p = poller({ sleep: sleeps.sleep, lookbackDays: 50 });
    let outcome = (await p.run('paypal')).passes[0]!;
    for (let i = 0; i < 5 && !outcome.ok; i++) {
      if (i === 1) fake.expireTokens(); // the client must fetch a new token on 401
      outcome = (await p.run('paypal')).passes[0]!;
    }
    expect(outcome.ok).toBe(true);
    expect(fake.faults).toHaveLength(0);
    expect(sleeps.calls).toContain(3000);

    const searches = fake.requests.filter((r) => r.path === '/v1/reporting/transactions' && r.status === 200);
    for (const r of searches) {
      const span = Date.parse(r.query.get('end_date')!) - Date.parse(r.query.get('start_date')!);
      expect(span).toBeLessThanOrEqual(31 * 24 * 3600_000);
      expect(r.query.get('fields')).toBe('all');
    }
    expect(new Set(searches.map((r) => r.query.get('start_date'))).size).toBeGreaterThan(1);

    const expected = new Map(
      good.map((t) => {
        const [, client, pkg] = t.transaction_info.custom_field!.split(':');
        return [t.transaction_info.transaction_id, `${client}/${pkg}`];
      }),
    );
    expect(credited(ledger.db)).toEqual(expected);
    expect(verifyLedger(ledger.db)).toMatchObject({ ok: true });
    const queue = (await ledger.call('sync.unmatched.list', {})) as Page<UnmatchedPayment>;
    expect(queue.items.map((u) => u.reason).sort()).toEqual(
      ['amount_mismatch', 'currency_mismatch', 'missing_reference', 'unknown_client'].sort(),
    );

    // An expired token is renewed once and the pass still completes.
    fake.expireTokens();
    const tokensBefore = fake.requests.filter((r) => r.path === '/v1/oauth2/token').length;
    expect((await p.run('paypal')).passes[0]).toMatchObject({ ok: true, credited: 0 });
    expect(fake.requests.filter((r) => r.path === '/v1/oauth2/token').length).toBe(tokensBefore + 1);

    const everything = logs.lines.join('\n');
    for (const secret of [PAYPAL_SECRET, Buffer.from(`${PAYPAL_ID}:${PAYPAL_SECRET}`).toString('base64')]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/A21AA[0-9a-f]{8}/); // access tokens stay out of logs too
  });

  it('keeps the cursor at PayPal’s last refresh and reads late, back-dated payments within the 3-hour overlap', async () => {
    const refreshed = ago(1);
    fake.lastRefreshed = () => refreshed;
    fake.transactions = [paypalPayment({ at: ago(10), clientId: 1, packageId: 1 })];
    const p = poller();
    expect((await p.run('paypal')).passes[0]).toMatchObject({ ok: true, credited: 1 });
    const state = ledger.db.get(
      ledger.db.k.selectFrom('sync_streams').select('cursor').where('provider', '=', 'paypal'),
    );
    expect(state?.cursor).toBe(new Date(Math.floor(refreshed.getTime() / 1000) * 1000).toISOString());
    // Appears only now, dated 2 hours before the cursor.
    const late = paypalPayment({ at: ago(3), clientId: 2, packageId: 1 });
    fake.transactions.push(late);
    const refund = paypalRefund(fake.transactions[0]!.transaction_info.transaction_id, ago(0.5));
    fake.transactions.push(refund);
    fake.lastRefreshed = undefined;
    expect((await p.run('paypal')).passes[0]).toMatchObject({ ok: true, credited: 1, reviews: 1 });
    expect(credited(ledger.db).get(late.transaction_info.transaction_id)).toBe('2/1');
    expect(await ledger.call('sync.review.list', { status: 'open' })).toMatchObject({
      items: [{ kind: 'refund', eventId: refund.transaction_info.transaction_id, amount: '10.00', currency: 'USD' }],
    });
  });

  it('a wrong client secret fails the pass without retries and without logging the secret', async () => {
    fake.transactions = [paypalPayment({ at: ago(2), clientId: 1, packageId: 1 })];
    const wrong = 'EFs3WrongWrongWrongWrongWrong000000000';
    const result = (await poller({ secret: wrong }).run('paypal')).passes[0]!;
    expect(result).toMatchObject({ ok: false, errors: 1 });
    expect(result.error).toMatch(/refused the client ID or secret/);
    expect(fake.requests).toHaveLength(1);
    expect(logs.lines.join('\n')).not.toContain(wrong);
    const row = ledger.db.get(ledger.db.k.selectFrom('sync_state').selectAll().where('provider', '=', 'paypal'));
    expect(row).toMatchObject({ consecutive_failures: 1 });
    expect(row?.next_run_at).not.toBeNull();
    const stream = ledger.db.get(ledger.db.k.selectFrom('sync_streams').selectAll().where('provider', '=', 'paypal'));
    expect(stream).toMatchObject({ cursor: null, error_kind: 'auth' });
  });
});
