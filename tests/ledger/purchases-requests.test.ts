/** F5 automatic purchases (idempotent by provider + payment id) and F6 credit requests (exactly-once). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { balanceOf, newClient, newPackage } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  let clientId: number;
  let pkg: Awaited<ReturnType<typeof newPackage>>;
  beforeEach(async () => {
    l = await engine.open();
    clientId = await newClient(l);
    pkg = await newPackage(l);
  });
  afterEach(() => l.close());

  const payment = (over: Record<string, unknown> = {}) => ({
    clientId,
    packageId: pkg.id,
    provider: 'stripe',
    providerPaymentId: 'pi_123',
    amount: '10.00',
    currency: 'USD',
    ...over,
  });

  describe('purchases.record', () => {
    it('credits the client at once with a package_purchase In entry', async () => {
      const { purchase, transaction } = await l.ok('purchases.record', payment() as never);
      expect(purchase).toMatchObject({ clientId, packageId: pkg.id, provider: 'stripe', providerPaymentId: 'pi_123' });
      expect(transaction).toMatchObject({ direction: 'in', type: 'package_purchase', credits: 100, balanceAfter: 100 });
      expect(transaction.reference).toContain('pi_123');
      expect(await balanceOf(l, clientId)).toBe(100);
    });

    it('the same payment seen twice credits once and returns the first result', async () => {
      const first = await l.ok('purchases.record', payment() as never);
      l.clock.advance(60_000);
      const again = await l.ok('purchases.record', payment() as never);
      expect(again).toEqual(first);
      expect(await balanceOf(l, clientId)).toBe(100);
      expect(await l.rows('SELECT count(*) AS n FROM ledger_entries')).toEqual([{ n: 1 }]);
    });

    it('the same payment id at another provider is another payment', async () => {
      await l.ok('purchases.record', payment() as never);
      await l.ok('purchases.record', payment({ provider: 'paypal' }) as never);
      expect(await balanceOf(l, clientId)).toBe(200);
    });

    it('the same payment id with different client, package or amount is CONFLICT and credits nothing', async () => {
      await l.ok('purchases.record', payment() as never);
      const other = await newClient(l, 'Other');
      const otherPkg = await newPackage(l, { name: 'Big', credits: 500, price: '45.00' });
      const before = await l.dump();
      await l.refused('purchases.record', payment({ clientId: other }), 'CONFLICT');
      await l.refused('purchases.record', payment({ packageId: otherPkg.id, amount: '45.00' }), 'CONFLICT');
      await l.refused('purchases.record', payment({ amount: '10.01' }), 'CONFLICT');
      expect(await l.dump()).toBe(before);
    });

    it('refuses an amount or currency that does not match the package, and unknown records', async () => {
      const before = await l.dump();
      expect(
        (await l.refused('purchases.record', payment({ amount: '9.99' }), 'VALIDATION_ERROR')).details?.field,
      ).toBe('amount');
      expect(
        (await l.refused('purchases.record', payment({ currency: 'EUR' }), 'VALIDATION_ERROR')).details?.field,
      ).toBe('currency');
      await l.refused('purchases.record', payment({ provider: 'venmo' }), 'VALIDATION_ERROR');
      await l.refused('purchases.record', payment({ clientId: 999 }), 'NOT_FOUND');
      await l.refused('purchases.record', payment({ packageId: 999 }), 'NOT_FOUND');
      expect(await l.dump()).toBe(before);
    });

    it('the database refuses a second purchase row for the same provider payment', async () => {
      await l.ok('purchases.record', payment() as never);
      await expect(
        l.exec(
          `INSERT INTO purchases (client_id, package_id, package_name, provider, provider_payment_id, amount_minor,
           currency, credits, created_at) SELECT client_id, package_id, package_name, provider, provider_payment_id,
           amount_minor, currency, credits, created_at FROM purchases`,
        ),
      ).rejects.toThrow(/unique/i);
    });
  });

  describe('credit requests', () => {
    const submit = () =>
      l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'bank_transfer', paymentReference: 'BANK-0042' });

    it('submit records a pending request with the package snapshot and no credits', async () => {
      const request = await submit();
      expect(request).toMatchObject({
        clientId,
        packageId: pkg.id,
        method: 'bank_transfer',
        amount: '10.00',
        currency: 'USD',
        credits: 100,
        paymentReference: 'BANK-0042',
        status: 'pending',
        rejectionReason: null,
        submittedAt: '2026-03-01T09:00:00.000Z',
        decidedAt: null,
        decidedBy: null,
      });
      expect(await balanceOf(l, clientId)).toBe(0);
    });

    it('accept credits once, records who and when; accepting again is REQUEST_NOT_PENDING', async () => {
      const request = await submit();
      l.clock.advance(1000);
      const accepted = await l.ok('requests.accept', { requestId: request.id }, 'maria');
      expect(accepted.request).toMatchObject({
        status: 'accepted',
        decidedBy: 'maria',
        decidedAt: '2026-03-01T09:00:01.000Z',
      });
      expect(accepted.transaction).toMatchObject({
        type: 'request_approved',
        direction: 'in',
        credits: 100,
        actor: 'maria',
      });
      const before = await l.dump();
      const error = await l.refused('requests.accept', { requestId: request.id }, 'REQUEST_NOT_PENDING');
      expect(error.details).toMatchObject({ requestId: request.id, status: 'accepted' });
      await l.refused('requests.reject', { requestId: request.id, reason: 'late' }, 'REQUEST_NOT_PENDING');
      expect(await l.dump()).toBe(before);
      expect(await balanceOf(l, clientId)).toBe(100);
    });

    it('reject needs a reason, credits nothing, and a rejected request can never be accepted', async () => {
      const request = await submit();
      expect((await l.refused('requests.reject', { requestId: request.id }, 'VALIDATION_ERROR')).details?.field).toBe(
        'reason',
      );
      expect(
        (await l.refused('requests.reject', { requestId: request.id, reason: '   ' }, 'VALIDATION_ERROR')).details
          ?.field,
      ).toBe('reason');
      const rejected = await l.ok('requests.reject', { requestId: request.id, reason: 'No matching payment' }, 'tom');
      expect(rejected.request).toMatchObject({
        status: 'rejected',
        rejectionReason: 'No matching payment',
        decidedBy: 'tom',
      });
      const before = await l.dump();
      await l.refused('requests.accept', { requestId: request.id }, 'REQUEST_NOT_PENDING');
      await l.refused('requests.reject', { requestId: request.id, reason: 'again' }, 'REQUEST_NOT_PENDING');
      expect(await l.dump()).toBe(before);
      expect(await balanceOf(l, clientId)).toBe(0);
      expect(await l.rows('SELECT count(*) AS n FROM ledger_entries')).toEqual([{ n: 0 }]);
    });

    it('the database refuses to reopen a decided request and to post a second entry for it', async () => {
      const request = await submit();
      await l.ok('requests.accept', { requestId: request.id });
      await expect(
        l.exec("UPDATE credit_requests SET status = 'pending', decided_at = NULL WHERE id = ?", request.id),
      ).rejects.toThrow(/final/);
      const entry = await l.rows<{ id: number }>('SELECT id FROM ledger_entries WHERE request_id = ?', request.id);
      expect(entry).toHaveLength(1);
    });

    it('refuses unknown clients, packages and requests with NOT_FOUND and a bad method with VALIDATION_ERROR', async () => {
      await l.refused('requests.submit', { clientId: 999, packageId: pkg.id, method: 'crypto' }, 'NOT_FOUND');
      await l.refused('requests.submit', { clientId, packageId: 999, method: 'crypto' }, 'NOT_FOUND');
      await l.refused('requests.submit', { clientId, packageId: pkg.id, method: 'cash' }, 'VALIDATION_ERROR');
      await l.refused('requests.accept', { requestId: 999 }, 'NOT_FOUND');
      await l.refused('requests.reject', { requestId: 999, reason: 'x' }, 'NOT_FOUND');
    });

    it('lists newest first, filtered by status and client, in keyset pages', async () => {
      const other = await newClient(l, 'Other');
      const ids = [(await submit()).id, (await submit()).id, (await submit()).id];
      await l.ok('requests.submit', { clientId: other, packageId: pkg.id, method: 'crypto' });
      await l.ok('requests.accept', { requestId: ids[0]! });
      await l.ok('requests.reject', { requestId: ids[1]!, reason: 'x' });
      expect((await l.ok('requests.list', { status: 'pending', clientId })).items.map((r) => r.id)).toEqual([ids[2]]);
      expect((await l.ok('requests.list', { status: 'accepted' })).items.map((r) => r.id)).toEqual([ids[0]]);
      const page1 = await l.ok('requests.list', { clientId, limit: 2 });
      expect(page1.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
      const page2 = await l.ok('requests.list', { clientId, limit: 2, cursor: page1.nextCursor! });
      expect(page2).toMatchObject({ nextCursor: null });
      expect(page2.items.map((r) => r.id)).toEqual([ids[0]]);
    });
  });
});
