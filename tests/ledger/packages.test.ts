/** F2 credit packages: validation per currency, snapshots on purchases and requests, archive. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { newClient, newPackage, paymentId } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  const base = { name: 'Starter', credits: 100, currency: 'USD', price: '10.00' };

  describe('creating a package', () => {
    it('stores name, credits, currency and price and returns the contract fields', async () => {
      const pkg = await l.ok('packages.create', base);
      expect(pkg).toMatchObject({ name: 'Starter', credits: 100, currency: 'USD', price: '10.00', archived: false });
      expect(pkg.id).toBeGreaterThan(0);
      expect(await l.rows('SELECT price_minor FROM credit_packages')).toEqual([{ price_minor: 1000 }]);
    });

    it.each([
      ['USD', '9.99', '9.99'],
      ['USD', '10', '10.00'],
      ['JPY', '1500', '1500'],
      ['KWD', '3.125', '3.125'],
    ])('accepts %s %s (at most the currency minor digits)', async (currency, price, shown) => {
      expect((await l.ok('packages.create', { ...base, currency, price })).price).toBe(shown);
    });

    it.each([
      ['USD', '9.999'],
      ['JPY', '1500.5'],
      ['JPY', '1500.0'],
      ['KWD', '3.1255'],
    ])('refuses %s %s: more decimals than the currency has', async (currency, price) => {
      expect(
        (await l.refused('packages.create', { ...base, currency, price }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('price');
    });

    it.each(['0', '0.00', '-1.00', '1e3', '1,000.00', ' 10', ''])('refuses the price %j', async (price) => {
      expect((await l.refused('packages.create', { ...base, price }, 'VALIDATION_ERROR')).details?.field).toBe('price');
    });

    it.each([0, -5, 1.5, '100'])('refuses %j credits (whole and above zero)', async (credits) => {
      expect((await l.refused('packages.create', { ...base, credits }, 'VALIDATION_ERROR')).details?.field).toBe(
        'credits',
      );
    });

    it.each(['usd', 'XXX', 'US', 'DOLLAR'])('refuses the currency %j (ISO 4217, upper case)', async (currency) => {
      expect((await l.refused('packages.create', { ...base, currency }, 'VALIDATION_ERROR')).details?.field).toBe(
        'currency',
      );
    });

    it('refuses a missing name', async () => {
      expect((await l.refused('packages.create', { ...base, name: ' ' }, 'VALIDATION_ERROR')).details?.field).toBe(
        'name',
      );
    });
  });

  describe('editing a package', () => {
    it('changes only future purchases and requests: earlier ones keep their snapshot', async () => {
      await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      const clientId = await newClient(l);
      const pkg = await newPackage(l);
      const first = await l.ok('purchases.record', {
        clientId,
        packageId: pkg.id,
        provider: 'stripe',
        providerPaymentId: paymentId(),
        amount: '10.00',
        currency: 'USD',
      });
      const pending = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'bank_transfer' });

      const edited = await l.ok('packages.update', {
        packageId: pkg.id,
        name: 'Starter XL',
        credits: 150,
        price: '12.50',
      });
      expect(edited).toMatchObject({ name: 'Starter XL', credits: 150, price: '12.50' });

      // The old price no longer buys the new terms: a late payment at it buys the package as it
      // was then (see package-price-history.test.ts)…
      const late = await l.ok('purchases.record', {
        clientId,
        packageId: pkg.id,
        provider: 'stripe',
        providerPaymentId: paymentId(),
        amount: '10.00',
        currency: 'USD',
      });
      expect(late.purchase).toMatchObject({ packageName: 'Starter 100', credits: 100, amount: '10.00' });
      // …and the new purchase gets the new terms, while the first keeps its own.
      const second = await l.ok('purchases.record', {
        clientId,
        packageId: pkg.id,
        provider: 'stripe',
        providerPaymentId: paymentId(),
        amount: '12.50',
        currency: 'USD',
      });
      expect(second.purchase).toMatchObject({ packageName: 'Starter XL', credits: 150, amount: '12.50' });
      expect(second.transaction.credits).toBe(150);
      expect(await l.rows('SELECT package_name, amount_minor, credits FROM purchases ORDER BY id')).toEqual([
        { package_name: 'Starter 100', amount_minor: 1000, credits: 100 },
        { package_name: 'Starter 100', amount_minor: 1000, credits: 100 },
        { package_name: 'Starter XL', amount_minor: 1250, credits: 150 },
      ]);
      expect(first.purchase.credits).toBe(100);

      // A request submitted before the edit is accepted on its own snapshot.
      const accepted = await l.ok('requests.accept', { requestId: pending.id });
      expect(accepted.request).toMatchObject({ packageName: 'Starter 100', credits: 100, amount: '10.00' });
      expect(accepted.transaction.credits).toBe(100);
    });

    it('checks the price against the new currency when only the currency changes', async () => {
      const pkg = await newPackage(l, { price: '3.51' });
      expect(
        (await l.refused('packages.update', { packageId: pkg.id, currency: 'JPY' }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('currency');
      expect((await l.ok('packages.update', { packageId: pkg.id, currency: 'JPY', price: '500' })).price).toBe('500');
    });

    it('refuses an unknown package with NOT_FOUND', async () => {
      await l.refused('packages.update', { packageId: 999, name: 'X' }, 'NOT_FOUND');
      await l.refused('packages.archive', { packageId: 999 }, 'NOT_FOUND');
    });
  });

  describe('archiving', () => {
    it('hides the package from the list, refuses new requests, and unarchiving restores it', async () => {
      const clientId = await newClient(l);
      const pkg = await newPackage(l);
      const pending = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
      expect((await l.ok('packages.archive', { packageId: pkg.id })).archived).toBe(true);

      expect((await l.ok('packages.list', {})).items).toEqual([]);
      expect((await l.ok('packages.list', { includeArchived: true })).items.map((p) => p.id)).toEqual([pkg.id]);
      const error = await l.refused(
        'requests.submit',
        { clientId, packageId: pkg.id, method: 'crypto' },
        'PACKAGE_ARCHIVED',
      );
      expect(error.details?.packageId).toBe(pkg.id);
      // A request submitted before the archive can still be decided: the client already paid.
      expect((await l.ok('requests.accept', { requestId: pending.id })).transaction.credits).toBe(100);

      expect((await l.ok('packages.unarchive', { packageId: pkg.id })).archived).toBe(false);
      expect((await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' })).status).toBe('pending');
    });

    it('never deletes a package: there is no channel for it and the row stays', async () => {
      const pkg = await newPackage(l);
      await l.ok('packages.archive', { packageId: pkg.id });
      expect(await l.call('packages.delete', { packageId: pkg.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await l.rows('SELECT id FROM credit_packages')).toEqual([{ id: pkg.id }]);
    });
  });
});
