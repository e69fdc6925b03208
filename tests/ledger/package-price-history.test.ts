/**
 * F2 "editing changes only future purchases", seen from a payment that was started before a
 * price change and arrives after it (a late card payment, a sync catching up after a week
 * offline): it buys the package as it was when the client paid.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { balanceOf, newClient, newPackage } from '../support/fixtures';
import { openTestLedger, type TestLedger } from '../support/ledger';

let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
});
afterEach(() => l.close());

it('a payment at an earlier price of the package credits that earlier version; a price it never had is refused', () => {
  const clientId = newClient(l);
  const pkg = newPackage(l, { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' });
  l.ok('packages.update', { packageId: pkg.id, name: 'Starter 120', credits: 120, price: '12.00' });
  l.ok('packages.update', { packageId: pkg.id, currency: 'EUR', price: '11.00', credits: 110, name: 'Starter (EUR)' });

  const pay = (id: string, amount: string, currency: string) =>
    l.call('purchases.record', {
      clientId,
      packageId: pkg.id,
      provider: 'stripe',
      providerPaymentId: id,
      amount,
      currency,
    });

  // Today's price buys today's package.
  const today = pay('pi_now', '11.00', 'EUR');
  expect(today.ok && today.value).toMatchObject({ purchase: { credits: 110, packageName: 'Starter (EUR)' } });
  // Earlier prices buy what was on offer at that price, snapshot and memo included.
  const first = pay('pi_first', '10.00', 'USD');
  expect(first.ok && first.value).toMatchObject({
    purchase: { credits: 100, packageName: 'Starter 100', amount: '10.00', currency: 'USD' },
    transaction: { credits: 100, memo: 'Starter 100 (10.00 USD)' },
  });
  const second = pay('pi_second', '12.00', 'USD');
  expect(second.ok && second.value).toMatchObject({ purchase: { credits: 120, packageName: 'Starter 120' } });
  expect(balanceOf(l, clientId)).toBe(110 + 100 + 120);

  // A price the package never had is still refused, naming the field, and credits nothing.
  const before = l.dump();
  expect(
    l.refused('purchases.record', { ...paymentInput(clientId, pkg.id), amount: '9.99' }, 'VALIDATION_ERROR').details,
  ).toMatchObject({
    field: 'amount',
  });
  expect(
    l.refused(
      'purchases.record',
      { ...paymentInput(clientId, pkg.id), amount: '12.00', currency: 'GBP' },
      'VALIDATION_ERROR',
    ).details,
  ).toMatchObject({ field: 'currency' });
  expect(l.dump()).toBe(before);
});

function paymentInput(clientId: number, packageId: number) {
  return { clientId, packageId, provider: 'paypal', providerPaymentId: 'PAY-X', amount: '11.00', currency: 'EUR' };
}
