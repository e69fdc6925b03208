/**
 * F2 "editing changes only future purchases", seen from a payment that was started before a
 * price change and arrives after it (a late card payment, a sync catching up after a week
 * offline): it buys the package as it was when the client paid.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { balanceOf, newClient, newPackage } from '../support/fixtures';
import { forEachEngine, type EngineLedger } from '../support/engines';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  it('a payment at an earlier price of the package credits that earlier version; a price it never had is refused', async () => {
    const clientId = await newClient(l);
    const pkg = await newPackage(l, { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' });
    await l.ok('packages.update', { packageId: pkg.id, name: 'Starter 120', credits: 120, price: '12.00' });
    await l.ok('packages.update', {
      packageId: pkg.id,
      currency: 'EUR',
      price: '11.00',
      credits: 110,
      name: 'Starter (EUR)',
    });

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
    const today = await pay('pi_now', '11.00', 'EUR');
    expect(today.ok && today.value).toMatchObject({ purchase: { credits: 110, packageName: 'Starter (EUR)' } });
    // Earlier prices buy what was on offer at that price, snapshot and memo included.
    const first = await pay('pi_first', '10.00', 'USD');
    expect(first.ok && first.value).toMatchObject({
      purchase: { credits: 100, packageName: 'Starter 100', amount: '10.00', currency: 'USD' },
      transaction: { credits: 100, memo: 'Starter 100 (10.00 USD)' },
    });
    const second = await pay('pi_second', '12.00', 'USD');
    expect(second.ok && second.value).toMatchObject({ purchase: { credits: 120, packageName: 'Starter 120' } });
    expect(await balanceOf(l, clientId)).toBe(110 + 100 + 120);

    // A price the package never had is still refused, naming the field, and credits nothing.
    const before = await l.dump();
    expect(
      (await l.refused('purchases.record', { ...paymentInput(clientId, pkg.id), amount: '9.99' }, 'VALIDATION_ERROR'))
        .details,
    ).toMatchObject({
      field: 'amount',
    });
    expect(
      (
        await l.refused(
          'purchases.record',
          { ...paymentInput(clientId, pkg.id), amount: '12.00', currency: 'GBP' },
          'VALIDATION_ERROR',
        )
      ).details,
    ).toMatchObject({ field: 'currency' });
    expect(await l.dump()).toBe(before);
  });

  function paymentInput(clientId: number, packageId: number) {
    return { clientId, packageId, provider: 'paypal', providerPaymentId: 'PAY-X', amount: '11.00', currency: 'EUR' };
  }
});
