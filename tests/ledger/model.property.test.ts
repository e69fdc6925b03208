/**
 * Model-based test: 1,000 random sequences of every mutating command, each on its own fresh
 * copy of a migrated ledger, run beside the in-memory model of tests/support/ledger-model.ts.
 * After every step: the outcome (ok or error code) is the model's; each stored balance equals
 * Σin − Σout of its entries, equals the last running balance, equals the model and is never
 * negative; every accepted request has exactly one entry (others none); every provider
 * payment was credited exactly once.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { ledgerOver, testClock, type TestLedger } from '../support/ledger';
import { INITIAL_RATES, LedgerModel, PACKAGES, SERVICES, type Expected } from '../support/ledger-model';

type Command =
  | { kind: 'createClient' }
  | { kind: 'purchase'; client: number; pkg: number; provider: 'stripe' | 'paypal'; payment: number }
  | { kind: 'submit'; client: number; pkg: number }
  | { kind: 'accept' | 'reject'; request: number }
  | { kind: 'buy'; client: number; service: number }
  | { kind: 'invoice'; client: number; amount: [string, string] }
  | { kind: 'pay'; invoice: number }
  | { kind: 'adjust'; client: number; direction: 'in' | 'out'; credits: number; repeatWithKey: boolean }
  | { kind: 'switch'; on: boolean }
  | { kind: 'rate'; currency: string; rate: string }
  | { kind: 'deactivate'; currency: string };

const ref = fc.nat({ max: 9 }); // resolved against what exists when the step runs
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'createClient' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      client: ref,
      pkg: fc.integer({ min: 1, max: PACKAGES.length }),
      provider: fc.constantFrom('stripe' as const, 'paypal' as const),
      payment: fc.nat({ max: 4 }), // a small pool, so the same payment is often seen twice
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      client: ref,
      pkg: fc.integer({ min: 1, max: PACKAGES.length }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'reject' as const), request: ref }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      client: ref,
      service: fc.integer({ min: 1, max: SERVICES.length }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('invoice' as const),
      client: ref,
      amount: fc.constantFrom<[string, string]>(
        ['3.51', 'USD'],
        ['0.01', 'USD'],
        ['12.00', 'USD'],
        ['7', 'JPY'],
        ['1.001', 'KWD'],
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pay' as const), invoice: ref }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      client: ref,
      direction: fc.constantFrom('in' as const, 'out' as const),
      credits: fc.integer({ min: 1, max: 150 }),
      repeatWithKey: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('switch' as const), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      currency: fc.constantFrom('USD', 'JPY', 'KWD'),
      rate: fc.constantFrom('10', '11.5', '0.333333333333', '0.07', '33.3'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deactivate' as const), currency: fc.constantFrom('USD', 'JPY', 'KWD') }),
  },
);

let template: Buffer;
beforeAll(async () => {
  const l = ledgerOver(await openLedgerDatabase(':memory:'), testClock());
  for (const [currency, creditsPerUnit] of Object.entries(INITIAL_RATES))
    l.ok('rates.set', { currency, creditsPerUnit });
  for (const p of PACKAGES) {
    l.ok('packages.create', { name: `Package ${p.id}`, credits: p.credits, currency: p.currency, price: p.price });
    if (p.archived) l.ok('packages.archive', { packageId: p.id });
  }
  for (const s of SERVICES) l.ok('services.create', { name: `Service ${s.id}`, price: s.price, currency: s.currency });
  template = l.db.sqlite.serialize();
  l.close();
});

/** A fresh private copy of the template ledger: cheap enough for one per sequence. */
function freshLedger(): TestLedger {
  const sqlite = new Database(template);
  sqlite.pragma('foreign_keys = ON');
  return ledgerOver(new Db(sqlite), testClock());
}

/** An id that exists most of the time, and one past the end otherwise (→ NOT_FOUND). */
const pick = (raw: number, count: number) => (raw % (count + 1)) + 1;

/** Runs one command on both sides; returns [what the model expects, what the ledger did]. */
function step(l: TestLedger, m: LedgerModel, c: Command, n: number): [Expected, ReturnType<TestLedger['call']>] {
  l.clock.advance(60_000);
  switch (c.kind) {
    case 'createClient':
      return [m.createClient(), l.call('clients.create', { name: `Client ${n}` })];
    case 'purchase': {
      const clientId = pick(c.client, m.balances.length);
      const pkg = PACKAGES[c.pkg - 1]!;
      const input = { clientId, packageId: pkg.id, provider: c.provider, providerPaymentId: `p${c.payment}` };
      return [
        m.recordPurchase(clientId, pkg.id, c.provider, input.providerPaymentId),
        l.call('purchases.record', { ...input, amount: pkg.price, currency: pkg.currency }),
      ];
    }
    case 'submit': {
      const clientId = pick(c.client, m.balances.length);
      return [
        m.submitRequest(clientId, c.pkg),
        l.call('requests.submit', { clientId, packageId: c.pkg, method: 'crypto' }),
      ];
    }
    case 'accept':
    case 'reject': {
      const requestId = pick(c.request, m.requests.length);
      return c.kind === 'accept'
        ? [m.decide(requestId, true), l.call('requests.accept', { requestId })]
        : [m.decide(requestId, false), l.call('requests.reject', { requestId, reason: 'No payment found' })];
    }
    case 'buy': {
      const clientId = pick(c.client, m.balances.length);
      return [m.buyService(clientId, c.service), l.call('services.buyWithCredits', { clientId, serviceId: c.service })];
    }
    case 'invoice': {
      const clientId = pick(c.client, m.balances.length);
      const [amount, currency] = c.amount;
      return [m.createInvoice(clientId, amount, currency), l.call('invoices.create', { clientId, amount, currency })];
    }
    case 'pay': {
      const invoiceId = pick(c.invoice, m.invoices.length);
      return [m.payInvoice(invoiceId), l.call('invoices.payWithCredits', { invoiceId })];
    }
    case 'adjust': {
      const clientId = pick(c.client, m.balances.length);
      const input = { clientId, direction: c.direction, credits: c.credits, reason: 'Model test' };
      const expected = m.adjust(clientId, c.direction, c.credits);
      if (!c.repeatWithKey) return [expected, l.call('transactions.adjust', input)];
      // The same action sent twice under one key acts once and answers the same both times.
      const first = l.call('transactions.adjust', { ...input, idempotencyKey: `k${n}` });
      const second = l.call('transactions.adjust', { ...input, idempotencyKey: `k${n}` });
      expect(second).toEqual(first);
      return [expected, first];
    }
    case 'switch':
      return [m.setSwitch(c.on), l.call('settings.update', { creditPaymentsEnabled: c.on })];
    case 'rate':
      return [m.setRate(c.currency, c.rate), l.call('rates.set', { currency: c.currency, creditsPerUnit: c.rate })];
    case 'deactivate':
      return [m.deactivateRate(c.currency), l.call('rates.deactivate', { currency: c.currency })];
  }
}

function checkInvariants(l: TestLedger, m: LedgerModel): void {
  // Through the Db's statement cache: preparing four statements on every step would dominate the run.
  const q = <T>(sql: string) => l.db.statement(sql).all() as T[];
  const balances = q<{ stored: number; summed: number; last: number }>(
    `SELECT b.balance AS stored,
       (SELECT coalesce(sum(CASE e.direction WHEN 'in' THEN e.credits ELSE -e.credits END), 0)
          FROM ledger_entries e WHERE e.client_id = b.client_id) AS summed,
       coalesce((SELECT e.balance_after FROM ledger_entries e WHERE e.client_id = b.client_id
          ORDER BY e.seq DESC LIMIT 1), 0) AS last
     FROM client_balances b ORDER BY b.client_id`,
  );
  expect(balances).toEqual(m.balances.map((b) => ({ stored: b, summed: b, last: b })));
  expect(balances.every((b) => b.stored >= 0)).toBe(true);

  const requests = q<{ status: string; entries: number }>(
    `SELECT r.status, count(e.id) AS entries FROM credit_requests r
     LEFT JOIN ledger_entries e ON e.request_id = r.id GROUP BY r.id ORDER BY r.id`,
  );
  expect(requests).toEqual(m.requests.map((r) => ({ status: r.status, entries: r.status === 'accepted' ? 1 : 0 })));

  const payments = q<{ entries: number }>(
    `SELECT count(e.id) AS entries FROM purchases p LEFT JOIN ledger_entries e ON e.purchase_id = p.id GROUP BY p.id`,
  );
  expect(payments).toHaveLength(m.payments.size);
  expect(payments.every((p) => p.entries === 1)).toBe(true);

  const invoices = q<{ status: string }>('SELECT status FROM invoices ORDER BY id');
  expect(invoices.map((i) => i.status)).toEqual(m.invoices.map((i) => i.status));
}

// About 10 s on an idle two-core machine; the budget leaves room for a machine shared with other work.
const MODEL_BUDGET_MS = 180_000;

it(
  '1,000 random command sequences agree with the model after every step',
  () => {
    let steps = 0;
    const refusals = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40, size: 'max' }), (commands) => {
        const l = freshLedger();
        const m = new LedgerModel();
        try {
          commands.forEach((c, n) => {
            const [expected, actual] = step(l, m, c, n);
            const outcome = actual.ok ? { ok: true } : { ok: false, code: actual.error.code };
            expect(outcome, `step ${n}: ${JSON.stringify(c)}`).toEqual(expected);
            if (!actual.ok) refusals.add(actual.error.code);
            checkInvariants(l, m);
            steps++;
          });
        } finally {
          l.close();
        }
      }),
      { numRuns: 1000, seed: 4242 },
    );
    // The sequences reach deep enough to exercise every refusal the commands can produce.
    expect(steps).toBeGreaterThan(15_000);
    expect([...refusals].sort()).toEqual([
      'CONFLICT',
      'CREDIT_PAYMENTS_DISABLED',
      'INSUFFICIENT_CREDITS',
      'INVOICE_NOT_PAYABLE',
      'NOT_FOUND',
      'NO_ACTIVE_RATE',
      'PACKAGE_ARCHIVED',
      'REQUEST_NOT_PENDING',
    ]);
  },
  MODEL_BUDGET_MS,
);
