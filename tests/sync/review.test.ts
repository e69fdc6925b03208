/**
 * Closing review items (PRODUCT F16, `sync.review.resolve`) against the fake providers: a
 * refund of a credited payment is reversed once (an Out "refund reversal" linked to the purchase
 * and the item, in one transaction with closing it), a partial refund in proportion rounded down
 * with the exact figure stored, INSUFFICIENT_CREDITS leaves the item open, resolving twice is
 * CONFLICT, a won dispute closes itself, and statements, the ledger CSV and the history show the
 * reversal with its reference. PayPal's T1107, T1106, T1201 and T1202 the same way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../electron/ipc/router';
import { syncHandlers } from '../../electron/sync/handlers';
import { createSyncPoller, type SyncPoller } from '../../electron/sync/poller';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { EnvSecretStore } from '../../electron/sync/secrets';
import { FakePayPal, paypalPayment, paypalReversal } from './fakes/paypal';
import { FakeStripe, paidSession, stripeId, type StripeReversal } from './fakes/stripe';
import {
  captureLogs,
  PAYPAL_ID,
  PAYPAL_SECRET,
  recordingSleep,
  seededLedger,
  STRIPE_KEY,
  type Seeded,
} from './helpers';
import type { LedgerEntry, Page } from '../../shared/dto';
import type { SyncReviewItem } from '../../shared/dto.sync';
import type { Statement } from '../../shared/statements';
import { verifyLedger } from '../../electron/ledger/verify.service';

const unix = (ms: number) => Math.floor(ms / 1000);
const HOUR = 3600_000;

describe('sync.review.resolve (Stripe)', () => {
  let fake: FakeStripe;
  let ledger: Seeded;
  let logs: ReturnType<typeof captureLogs>;
  let p: SyncPoller;
  let router: Router;

  beforeEach(async () => {
    fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    ledger = await seededLedger();
    logs = captureLogs();
    p = createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ STRIPE_SECRET_KEY: STRIPE_KEY }),
      env: { CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      log: logs.log,
      sleep: recordingSleep().sleep,
      random: () => 0.5,
    });
    router = createRouter({ db: ledger.db, sync: syncHandlers(p) });
  });
  afterEach(async () => {
    logs.restore();
    await fake.close();
    ledger.db.close();
  });

  const call = (channel: string, input: unknown, actor = 'amy') => router.call(channel, input, { actor });
  const value = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const balance = async (clientId: number) => (await value<{ balance: number }>('clients.get', { clientId })).balance;
  const openItems = async () => (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'open' })).items;

  /** A paid session for `client`/`pkg` credited by a pass; returns its payment intent. */
  async function creditedPayment(client: number, pkg: number, amount: number, currency: string): Promise<string> {
    const s = paidSession({
      created: unix(Date.now() - 2 * HOUR),
      metadata: { credit_desk_client_id: String(client), credit_desk_package_id: String(pkg) },
      amount_total: amount,
      amount_subtotal: amount,
      currency,
    });
    fake.sessions.push(s);
    expect((await p.run('stripe')).passes[0]).toMatchObject({ credited: 1 });
    return s.payment_intent!;
  }

  function refund(pi: string, amount: number, currency = 'usd', id = stripeId('re')): StripeReversal {
    const r: StripeReversal = {
      id,
      object: 'refund',
      created: unix(Date.now() - HOUR),
      amount,
      currency,
      payment_intent: pi,
      status: 'succeeded',
    };
    fake.refunds.push(r);
    return r;
  }

  it('reverses a full refund once, linked to the purchase and the item; a second pass does not bring it back', async () => {
    const pi = await creditedPayment(1, 1, 1000, 'usd');
    const re = refund(pi, 1000);
    expect((await p.run('stripe')).passes[0]).toMatchObject({ reviews: 1 });
    const [item] = await openItems();
    expect(item).toMatchObject({
      kind: 'refund',
      eventId: re.id,
      clientName: 'Northwind',
      clientBalance: 100,
      purchaseCredits: 100,
      purchaseAmount: '10.00',
      reversal: { credits: 100, exact: '100' },
    });

    const done = await value<{ item: SyncReviewItem; transaction: LedgerEntry }>('sync.review.resolve', {
      reviewId: item!.id,
      action: 'reverse',
      reason: 'Client refunded at Stripe',
    });
    expect(done.transaction).toMatchObject({
      direction: 'out',
      type: 'refund_reversal',
      credits: 100,
      balanceAfter: 0,
      reference: `Refund ${re.id} of Stripe ${pi}`,
      memo: 'Client refunded at Stripe',
      actor: 'amy',
      amount: '10.00',
      currency: 'USD',
      exactCredits: '100',
    });
    expect(done.item).toMatchObject({
      status: 'closed',
      resolution: 'reversed',
      resolutionReason: 'Client refunded at Stripe',
      resolvedBy: 'amy',
      reversalEntryId: done.transaction.id,
      reversal: { credits: 100, exact: '100' },
    });
    expect(await balance(1)).toBe(0);

    // Resolving again either way: CONFLICT, and nothing more is taken.
    for (const action of ['reverse', 'keep']) {
      expect(await call('sync.review.resolve', { reviewId: item!.id, action, reason: 'again' })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { field: 'reviewId', resolution: 'reversed' } },
      });
    }
    // Later passes see the refund again: the item stays closed, no new one appears.
    expect((await p.run('stripe')).passes[0]).toMatchObject({ ok: true, reviews: 0 });
    expect(await openItems()).toEqual([]);
    expect((await value<Page<SyncReviewItem>>('sync.review.list', {})).items).toHaveLength(1);
    expect(await balance(1)).toBe(0);

    // The history, the statement and the accountant's CSV show the reversal with its reference.
    const history = (await value<Page<LedgerEntry>>('transactions.list', { clientId: 1 })).items;
    expect(history.map((e) => e.type)).toEqual(['refund_reversal', 'package_purchase']);
    const filtered = await value<Page<LedgerEntry>>('transactions.list', { clientId: 1, types: ['refund_reversal'] });
    expect(filtered.items).toHaveLength(1);
    const statement = await value<Statement>('statements.get', { clientId: 1 });
    expect(statement.lines.at(-1)).toMatchObject({
      type: 'refund_reversal',
      reference: `Refund ${re.id} of Stripe ${pi}`,
      creditsOut: 100,
      balance: 0,
    });
    const csv = (await router.call('ledger.export', {}, { actor: 'amy' })) as { ok: true; value: { content: string } };
    expect(csv.value.content).toContain(`Refund reversal,Refund ${re.id} of Stripe ${pi}`);
    const statementCsv = (await router.call('statements.export', { clientId: 1, format: 'csv' }, { actor: 'amy' })) as {
      ok: true;
      value: { content: string };
    };
    expect(statementCsv.value.content).toContain(`Refund ${re.id} of Stripe ${pi}`);
    // The task channel itself: the whole ledger verified in worker threads.
    expect(await router.call('ledger.verify', {}, { actor: 'amy' })).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a partial refund reverses in proportion, rounded down in the client’s favour, with the exact figure stored', async () => {
    // Pro: 300 credits for EUR 25.00; EUR 7.77 refunded → 300 × 7.77 / 25 = 93.24 → 93.
    const pi = await creditedPayment(2, 2, 2500, 'eur');
    refund(pi, 777, 'eur');
    await p.run('stripe');
    const [item] = await openItems();
    expect(item!.reversal).toEqual({ credits: 93, exact: '93.24' });
    const done = await value<{ transaction: LedgerEntry }>('sync.review.resolve', {
      reviewId: item!.id,
      action: 'reverse',
      reason: 'Partial refund',
    });
    expect(done.transaction).toMatchObject({ credits: 93, exactCredits: '93.24', amount: '7.77', currency: 'EUR' });
    expect(await balance(2)).toBe(207);

    // A third of a payment never ends as a decimal: the fraction is kept exactly.
    const odd = await value<{ id: number }>('packages.create', {
      name: 'Odd',
      credits: 100,
      currency: 'USD',
      price: '30.00',
    });
    const pi2 = await creditedPayment(2, odd.id, 3000, 'usd');
    refund(pi2, 1000);
    await p.run('stripe');
    const [third] = await openItems();
    expect(third!.reversal).toEqual({ credits: 33, exact: '100/3' });
    const t = await value<{ item: SyncReviewItem; transaction: LedgerEntry }>('sync.review.resolve', {
      reviewId: third!.id,
      action: 'reverse',
      reason: 'A third refunded',
    });
    expect(t.transaction).toMatchObject({ credits: 33, exactCredits: '33.333333333333' });
    expect(t.item.reversal).toEqual({ credits: 33, exact: '100/3' });
  });

  it('refuses with INSUFFICIENT_CREDITS when the credits were spent: the item stays open; keep needs a reason', async () => {
    const pi = await creditedPayment(1, 1, 1000, 'usd');
    refund(pi, 1000);
    await p.run('stripe');
    await value('transactions.adjust', { clientId: 1, direction: 'out', credits: 60, reason: 'Spent on a service' });
    const [item] = await openItems();
    expect(item).toMatchObject({ clientBalance: 40, reversal: { credits: 100 } });
    const refused = await call('sync.review.resolve', { reviewId: item!.id, action: 'reverse', reason: 'Refunded' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_CREDITS', details: { needed: 100, available: 40 } },
    });
    expect(!refused.ok && refused.error.message).toMatch(/takes back 100 credits.*only 40/);
    expect(await openItems()).toHaveLength(1);
    expect(await balance(1)).toBe(40);
    expect(ledger.db.all(ledger.db.k.selectFrom('ledger_entries').select('id'))).toHaveLength(2);

    expect(await call('sync.review.resolve', { reviewId: item!.id, action: 'keep', reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'reason' } },
    });
    expect(await call('sync.review.resolve', { reviewId: item!.id, action: 'undo', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'action' } },
    });
    expect(await call('sync.review.resolve', { reviewId: 999, action: 'keep', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const kept = await value<{ item: SyncReviewItem; transaction: null }>('sync.review.resolve', {
      reviewId: item!.id,
      action: 'keep',
      reason: 'Credits already used; refund was goodwill',
      idempotencyKey: 'keep-1',
    });
    expect(kept).toMatchObject({
      transaction: null,
      item: { status: 'closed', resolution: 'kept', resolutionReason: 'Credits already used; refund was goodwill' },
    });
    // The same action repeated with its key returns the first result; without it, CONFLICT.
    expect(
      await value('sync.review.resolve', {
        reviewId: item!.id,
        action: 'keep',
        reason: 'Credits already used; refund was goodwill',
        idempotencyKey: 'keep-1',
      }),
    ).toEqual(kept);
    expect(await call('sync.review.resolve', { reviewId: item!.id, action: 'keep', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await balance(1)).toBe(40);
  });

  it('a refund and then a chargeback of one payment never take back more than it bought', async () => {
    const pi = await creditedPayment(1, 1, 1000, 'usd');
    refund(pi, 500);
    await p.run('stripe');
    const [half] = await openItems();
    await value('sync.review.resolve', { reviewId: half!.id, action: 'reverse', reason: 'Half refunded' });
    fake.disputes.push({
      id: stripeId('dp'),
      object: 'dispute',
      created: unix(Date.now() - HOUR),
      amount: 1000,
      currency: 'usd',
      payment_intent: pi,
      status: 'lost',
    });
    await p.run('stripe');
    const [dispute] = await openItems();
    expect(dispute).toMatchObject({ kind: 'dispute', reversal: { credits: 50, exact: '100' } });
    const r = await value<{ transaction: LedgerEntry }>('sync.review.resolve', {
      reviewId: dispute!.id,
      action: 'reverse',
      reason: 'Chargeback lost',
    });
    expect(r.transaction).toMatchObject({ credits: 50, reference: expect.stringMatching(/^Dispute dp_/) as unknown });
    expect(await balance(1)).toBe(0);
  });

  it('a dispute the merchant won closes by itself, even weeks after its window was read', async () => {
    const session = paidSession({
      created: unix(Date.now() - 80 * HOUR),
      metadata: { credit_desk_client_id: '1', credit_desk_package_id: '1' },
    });
    const pi = session.payment_intent!;
    const dp: StripeReversal = {
      id: stripeId('dp'),
      object: 'dispute',
      // Created three days ago: later passes read only the last day again, so only the re-read by id sees it end.
      created: unix(Date.now() - 72 * HOUR),
      amount: 1000,
      currency: 'usd',
      payment_intent: pi,
      status: 'needs_response',
    };
    fake.sessions.push(session);
    fake.disputes.push(dp);
    // Payments first: the session is credited before the disputes stream looks for its payment.
    expect((await p.run('stripe')).passes[0]).toMatchObject({ credited: 1, reviews: 1 });
    expect(await openItems()).toMatchObject([{ kind: 'dispute', providerStatus: 'needs_response' }]);
    dp.status = 'under_review';
    await p.run('stripe');
    expect(await openItems()).toMatchObject([{ providerStatus: 'under_review' }]);
    dp.status = 'won';
    await p.run('stripe');
    expect(fake.requests.some((r) => r.path === `/v1/disputes/${dp.id}`)).toBe(true);
    expect(await openItems()).toEqual([]);
    const [closed] = (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'closed' })).items;
    expect(closed).toMatchObject({ resolution: 'dispute_won', providerStatus: 'won', reversal: null });
    expect(await balance(1)).toBe(100);
  });
});

describe('sync.review.resolve (PayPal T1107, T1106, T1201, T1202)', () => {
  let fake: FakePayPal;
  let ledger: Seeded;
  let logs: ReturnType<typeof captureLogs>;

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

  it('refunds and reversals become review items closed the same way; a chargeback reversal closes its dispute', async () => {
    const p = createSyncPoller({
      db: asyncDbOf(ledger.db),
      secrets: new EnvSecretStore({ PAYPAL_CLIENT_ID: PAYPAL_ID, PAYPAL_CLIENT_SECRET: PAYPAL_SECRET }),
      env: { CREDIT_DESK_PAYPAL_API_BASE: fake.origin },
      log: logs.log,
      sleep: recordingSleep().sleep,
      random: () => 0.5,
    });
    const router = createRouter({ db: ledger.db, sync: syncHandlers(p) });
    const value = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await router.call(channel, input, { actor: 'amy' });
      if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
      return r.value as T;
    };
    const ago = (h: number) => new Date(Date.now() - h * HOUR);
    const payments = [1, 2, 3].map(() => paypalPayment({ at: ago(10), clientId: 1, packageId: 1 }));
    fake.transactions.push(...payments);
    expect((await p.run('paypal')).passes[0]).toMatchObject({ credited: 3 });
    const id = (i: number) => payments[i]!.transaction_info.transaction_id;
    const refund = paypalReversal(id(0), ago(2), 'T1107', '-2.50');
    const reversal = paypalReversal(id(1), ago(2), 'T1106');
    const chargeback = paypalReversal(id(2), ago(2), 'T1201');
    fake.transactions.push(refund, reversal, chargeback);
    expect((await p.run('paypal')).passes[0]).toMatchObject({ ok: true, reviews: 3 });
    const open = (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'open' })).items;
    expect(open.map((i) => [i.kind, i.reversal?.credits]).sort()).toEqual([
      ['dispute', 100],
      ['dispute', 100],
      ['refund', 25],
    ]);
    const refundItem = open.find((i) => i.kind === 'refund')!;
    const r = await value<{ transaction: LedgerEntry }>('sync.review.resolve', {
      reviewId: refundItem.id,
      action: 'reverse',
      reason: 'Partial refund at PayPal',
    });
    expect(r.transaction).toMatchObject({
      type: 'refund_reversal',
      credits: 25,
      reference: `Refund ${refund.transaction_info.transaction_id} of PayPal ${id(0)}`,
    });

    // The chargeback is reversed in the merchant's favour (T1202): its item closes by itself.
    fake.transactions.push(paypalReversal(id(2), ago(1), 'T1202', '10.00'));
    await p.run('paypal');
    const still = (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'open' })).items;
    expect(still.map((i) => i.eventId)).toEqual([reversal.transaction_info.transaction_id]);
    const won = (await value<Page<SyncReviewItem>>('sync.review.list', { status: 'closed' })).items.filter(
      (i) => i.resolution === 'dispute_won',
    );
    expect(won.map((i) => i.providerPaymentId)).toEqual([id(2), id(2)]);
    expect(await value('clients.get', { clientId: 1 })).toMatchObject({ balance: 275 });
    expect(verifyLedger(ledger.db)).toMatchObject({ ok: true });
  });
});
