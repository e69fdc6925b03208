import { syncHandlers } from '../../electron/sync/handlers';
/**
 * Stripe against a fake API on 127.0.0.1: faults within a pass are retried, a failed pass is
 * retried later, and once the faults stop the credited set equals the set of succeeded, matching
 * package payments at the fake, with no duplicates and no secret in any log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncPoller, type SyncPoller } from '../../electron/sync/poller';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { EnvSecretStore } from '../../electron/sync/secrets';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { FakeStripe, paidSession, stripeId, type StripeSession } from './fakes/stripe';
import { captureLogs, credited, recordingSleep, seededLedger, STRIPE_KEY, type Seeded, callerFor } from './helpers';
import type { SyncRunResult } from '../../shared/dto.sync';
import type { Page } from '../../shared/dto';
import type { UnmatchedPayment } from '../../shared/dto.sync';

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

describe('Stripe sync against the fake', () => {
  let fake: FakeStripe;
  let ledger: Seeded;
  let logs: ReturnType<typeof captureLogs>;
  const now = new Date();
  const hoursAgo = (h: number) => unix(new Date(now.getTime() - h * 3600_000));

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

  function poller(over: { key?: string; sleep?: (ms: number) => Promise<void> } = {}): SyncPoller {
    return createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: over.key ?? STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      log: logs.log,
      sleep: over.sleep ?? recordingSleep().sleep,
      random: () => 0.5,
      requestTimeoutMs: 250,
      pageSize: 3,
    });
  }

  function meta(client: number | null, pkg: number | null): Record<string, string> {
    return {
      ...(client === null ? {} : { credit_desk_client_id: String(client) }),
      ...(pkg === null ? {} : { credit_desk_package_id: String(pkg) }),
    };
  }

  it('converges through 429, 5xx, timeouts, truncated JSON and repeated items; no secret in any log', async () => {
    const good: StripeSession[] = [];
    for (let i = 0; i < 14; i++) good.push(paidSession({ created: hoursAgo(40 - i), metadata: meta(1, 1) }));
    good.push(
      paidSession({
        created: hoursAgo(20),
        metadata: meta(null, 1),
        customer_details: { email: 'Finance@Contoso.example', name: null },
      }),
      paidSession({ created: hoursAgo(19), metadata: meta(1, 2), amount_total: 2500, currency: 'eur' }),
      // Archived package: still credited (the customer paid its price).
      paidSession({ created: hoursAgo(18), metadata: meta(2, 3), amount_total: 1000, currency: 'jpy' }),
      // No payment intent: the session id is the payment id.
      paidSession({ created: hoursAgo(17), metadata: meta(2, 1), payment_intent: null }),
    );
    const unmatched = [
      paidSession({ created: hoursAgo(16), metadata: meta(1, 1), amount_total: 900 }),
      paidSession({ created: hoursAgo(15), metadata: meta(99, 1) }),
      paidSession({
        created: hoursAgo(14),
        metadata: meta(null, 1),
        customer_details: { email: 'dup@example.com', name: null },
      }),
      paidSession({ created: hoursAgo(13), metadata: meta(1, 2), amount_total: 2500, currency: 'usd' }),
      paidSession({ created: hoursAgo(12), metadata: meta(1, 77) }),
      paidSession({ created: hoursAgo(11), metadata: {} }),
    ];
    const notPaid = [paidSession({ created: hoursAgo(10), metadata: meta(1, 1), payment_status: 'unpaid' })];
    fake.sessions = [...good, ...unmatched, ...notPaid];
    fake.repeatAcrossPages = true;
    fake
      .inject({ kind: 'status', status: 429, retryAfter: '2' })
      .inject({ kind: 'status', status: 500 })
      .inject({ kind: 'hang' })
      .inject({ kind: 'status', status: 502 })
      .inject({ kind: 'truncate' })
      .inject({ kind: 'status', status: 503 })
      .inject({ kind: 'status', status: 500 })
      .inject({ kind: 'status', status: 502 })
      .inject({ kind: 'status', status: 503 });

    const sleeps = recordingSleep();
    const p = poller({ sleep: sleeps.sleep });
    const results: SyncRunResult[] = [];
    for (let i = 0; i < 6 && !(results.at(-1)?.passes[0]?.ok ?? false); i++) results.push(await p.run('stripe'));
    const last = results.at(-1)!.passes[0]!;
    expect(last.ok).toBe(true);
    expect(results.length).toBeGreaterThan(1); // four faults in a row failed a pass, and the next one caught up
    expect(results[0]!.passes[0]!.ok).toBe(false);
    expect(sleeps.calls).toContain(2000); // Retry-After honoured
    expect(fake.faults).toHaveLength(0);

    const expected = new Map(
      good.map((s) => {
        const m = s.metadata;
        const client = m.credit_desk_client_id ?? '2';
        return [s.payment_intent ?? s.id, `${client}/${m.credit_desk_package_id}`];
      }),
    );
    expect(credited(ledger.db)).toEqual(expected);
    const entries = ledger.db.all(ledger.db.k.selectFrom('ledger_entries').select('purchase_id'));
    expect(entries).toHaveLength(expected.size);
    expect(verifyLedger(ledger.db)).toMatchObject({ ok: true });

    const queue = (await ledger.call('sync.unmatched.list', { status: 'pending' })) as Page<UnmatchedPayment>;
    expect(queue.items.map((u) => u.reason).sort()).toEqual(
      [
        'amount_mismatch',
        'unknown_client',
        'ambiguous_client',
        'currency_mismatch',
        'unknown_package',
        'missing_reference',
      ].sort(),
    );
    expect(queue.items.find((u) => u.reason === 'amount_mismatch')).toMatchObject({ amount: '9.00', currency: 'USD' });

    // A second pass over the same window changes nothing.
    const again = (await p.run('stripe')).passes[0]!;
    expect(again).toMatchObject({ ok: true, credited: 0, unmatched: 0 });
    expect(credited(ledger.db)).toEqual(expected);

    const everything = logs.lines.join('\n');
    expect(everything).not.toContain(STRIPE_KEY);
    expect(everything).toMatch(/429/);
  });

  it('picks up a payment that appears late and back-dated, and a refund of a credited payment becomes a review item', async () => {
    const first = paidSession({ created: hoursAgo(5), metadata: meta(1, 1) });
    fake.sessions = [first];
    const p = poller();
    expect((await p.run('stripe')).passes[0]).toMatchObject({ ok: true, credited: 1 });
    // Paid now, but created 20 hours ago: before the cursor, inside Stripe's 24-hour overlap.
    const late = paidSession({ created: hoursAgo(20), metadata: meta(2, 1) });
    fake.sessions.push(late);
    fake.refunds.push({
      id: stripeId('re'),
      object: 'refund',
      created: hoursAgo(1),
      amount: 1000,
      currency: 'usd',
      payment_intent: first.payment_intent!,
      status: 'succeeded',
    });
    const second = (await p.run('stripe')).passes[0]!;
    expect(second).toMatchObject({ ok: true, credited: 1, duplicates: 1, reviews: 1 });
    expect(credited(ledger.db).get(late.payment_intent!)).toBe('2/1');
    const reviews = (await ledger.call('sync.review.list', {})) as Page<{
      kind: string;
      providerPaymentId: string;
      amount: string;
    }>;
    expect(reviews.items).toEqual([
      expect.objectContaining({ kind: 'refund', providerPaymentId: first.payment_intent, amount: '10.00' }),
    ]);
    // No automatic debit: the client keeps the credits until staff decide.
    expect(await ledger.call('clients.get', { clientId: 1 })).toMatchObject({ balance: 100 });
    // Seen again: still one review item.
    expect((await p.run('stripe')).passes[0]).toMatchObject({ reviews: 0 });
  });

  it('a wrong key fails the pass at once (no retries), says so, and never logs the key', async () => {
    fake.sessions = [paidSession({ created: hoursAgo(1), metadata: meta(1, 1) })];
    const wrong = 'sk_test_WRONGwrongWRONGwrong0000000000009999';
    const result = (await poller({ key: wrong }).run('stripe')).passes[0]!;
    expect(result).toMatchObject({ ok: false, errors: 1, credited: 0 });
    expect(result.error).toMatch(/refused the secret key/);
    expect(fake.requests).toHaveLength(1);
    const status = (await ledger.call('sync.status', {})) as {
      providers: { lastError: string; consecutiveFailures: number }[];
    };
    expect(JSON.stringify(status)).not.toContain(wrong);
    expect(logs.lines.join('\n')).not.toContain(wrong);
    expect(logs.lines.join('\n')).not.toContain('WRONGwrong');
  });

  it('staff resolve (credited once, idempotent) and dismiss; decisions are final and survive later passes', async () => {
    const short = paidSession({ created: hoursAgo(3), metadata: meta(1, 1), amount_total: 900 });
    const stranger = paidSession({ created: hoursAgo(2), metadata: meta(42, 1) });
    fake.sessions = [short, stranger];
    const p = poller();
    await p.run('stripe');
    const call = callerFor(ledger.db, p);
    const queue = ((await call('sync.unmatched.list', {})) as Page<UnmatchedPayment>).items;
    const shortItem = queue.find((u) => u.providerPaymentId === short.payment_intent)!;
    const strangerItem = queue.find((u) => u.providerPaymentId === stranger.payment_intent)!;

    const router = (await import('../../electron/ipc/router')).createRouter({ db: ledger.db, sync: syncHandlers(p) });
    const wrongPackage = await router.call(
      'sync.unmatched.resolve',
      { unmatchedId: shortItem.id, clientId: 1, packageId: 1 },
      { actor: 'amy' },
    );
    expect(wrongPackage).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'packageId' } },
    });

    const promo = (await call('packages.create', { name: 'Promo', credits: 100, currency: 'USD', price: '9.00' })) as {
      id: number;
    };
    const resolved = (await call('sync.unmatched.resolve', {
      unmatchedId: shortItem.id,
      clientId: 1,
      packageId: promo.id,
    })) as {
      item: UnmatchedPayment;
      transaction: { credits: number };
    };
    expect(resolved.item).toMatchObject({
      status: 'resolved',
      resolvedClientId: 1,
      resolvedPackageId: promo.id,
      decidedBy: 'test',
    });
    expect(resolved.transaction.credits).toBe(100);
    const repeat = (await call('sync.unmatched.resolve', {
      unmatchedId: shortItem.id,
      clientId: 1,
      packageId: promo.id,
    })) as typeof resolved;
    expect(repeat.item.purchaseId).toBe(resolved.item.purchaseId);
    expect(
      await router.call(
        'sync.unmatched.resolve',
        { unmatchedId: shortItem.id, clientId: 2, packageId: promo.id },
        { actor: 'amy' },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const dismissed = (await call('sync.unmatched.dismiss', {
      unmatchedId: strangerItem.id,
      reason: 'Not our customer; refunded at Stripe',
    })) as UnmatchedPayment;
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: 'Not our customer; refunded at Stripe' });
    expect(
      await router.call(
        'sync.unmatched.resolve',
        { unmatchedId: strangerItem.id, clientId: 1, packageId: 1 },
        { actor: 'amy' },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await router.call('sync.unmatched.dismiss', { unmatchedId: 999, reason: 'x' }, { actor: 'amy' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // Later passes see both payments again: nothing is credited twice or re-queued.
    expect((await p.run('stripe')).passes[0]).toMatchObject({ ok: true, credited: 0, unmatched: 0, duplicates: 2 });
    expect(await ledger.call('clients.get', { clientId: 1 })).toMatchObject({ balance: 100 });
    expect(await call('sync.unmatched.list', { status: 'pending' })).toMatchObject({ items: [] });
  });

  it('a queued payment is credited by a later pass once staff add the missing client', async () => {
    const s = paidSession({
      created: hoursAgo(2),
      metadata: meta(null, 1),
      customer_details: { email: 'new@client.example', name: null },
    });
    fake.sessions = [s];
    const p = poller();
    expect((await p.run('stripe')).passes[0]).toMatchObject({ unmatched: 1 });
    await ledger.call('clients.create', { name: 'New Client', email: 'new@client.example' });
    expect((await p.run('stripe')).passes[0]).toMatchObject({ credited: 1 });
    expect(((await ledger.call('sync.unmatched.list', {})) as Page<UnmatchedPayment>).items[0]).toMatchObject({
      status: 'resolved',
      decidedBy: 'sync',
    });
  });

  it('sync.configure stores the key outside the database and replies masked; sync.status never shows it', async () => {
    const p = createSyncPoller({ db: asyncDbOf(ledger.db), secrets: new EnvSecretStore({}), env: {}, log: logs.log });
    const router = (await import('../../electron/ipc/router')).createRouter({ db: ledger.db, sync: syncHandlers(p) });
    const configured = await router.call(
      'sync.configure',
      { provider: 'stripe', secretKey: STRIPE_KEY, apiBase: fake.origin, enabled: true },
      { actor: 'amy' },
    );
    expect(configured).toMatchObject({
      ok: true,
      value: { configured: true, apiBase: fake.origin, credentials: [{ name: 'secretKey', masked: 'sk_test_…0042' }] },
    });
    expect(JSON.stringify(configured)).not.toContain(STRIPE_KEY);
    const status = await router.call('sync.status', {}, { actor: 'amy' });
    expect(JSON.stringify(status)).not.toContain(STRIPE_KEY);
    const dump = ledger.db.sqlite.serialize().toString('latin1');
    expect(dump).not.toContain(STRIPE_KEY);
    const audit = ledger.db.all(ledger.db.k.selectFrom('audit_log').select('after_json').where('entity', '=', 'sync'));
    expect(audit.map((a) => a.after_json).join()).toContain('sk_test_…0042'); // the audit log keeps the masked form
    const bad = await router.call('sync.configure', { provider: 'stripe', clientId: 'x' }, { actor: 'amy' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { field: 'clientId' } } });
    const plainHttp = await router.call(
      'sync.configure',
      { provider: 'stripe', apiBase: 'http://stripe.example.com' },
      { actor: 'amy' },
    );
    expect(plainHttp).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { field: 'apiBase' } } });
  });
});
