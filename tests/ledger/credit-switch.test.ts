/** F1 "Allow Credit Payment": exactly three client-side actions are refused while it is off. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { balanceOf, fundedClient, paymentId } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  async function switchOff() {
    expect((await l.ok('settings.update', { creditPaymentsEnabled: false })).creditPaymentsEnabled).toBe(false);
  }

  describe('with credit payments switched off', () => {
    it('refuses buying a service, paying an invoice and submitting a request, writing nothing', async () => {
      const { clientId, pkg, service } = await fundedClient(l, 500);
      const invoice = await l.ok('invoices.create', { clientId, amount: '2.00', currency: 'USD' });
      await switchOff();
      const before = await l.dump();
      await l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'CREDIT_PAYMENTS_DISABLED');
      await l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'CREDIT_PAYMENTS_DISABLED');
      await l.refused(
        'requests.submit',
        { clientId, packageId: pkg.id, method: 'bank_transfer' },
        'CREDIT_PAYMENTS_DISABLED',
      );
      expect(await l.dump()).toBe(before);
      expect(await balanceOf(l, clientId)).toBe(500);
    });

    it('still records provider payments, decides pending requests, adjusts and reads', async () => {
      const { clientId, pkg } = await fundedClient(l, 0);
      const toAccept = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'bank_transfer' });
      const toReject = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
      await switchOff();

      const purchase = await l.ok('purchases.record', {
        clientId,
        packageId: pkg.id,
        provider: 'paypal',
        providerPaymentId: paymentId('PAY'),
        amount: '10.00',
        currency: 'USD',
      });
      expect(purchase.transaction.balanceAfter).toBe(100);
      expect((await l.ok('requests.accept', { requestId: toAccept.id })).transaction.balanceAfter).toBe(200);
      expect((await l.ok('requests.reject', { requestId: toReject.id, reason: 'No payment' })).request.status).toBe(
        'rejected',
      );
      expect(
        (await l.ok('transactions.adjust', { clientId, direction: 'out', credits: 30, reason: 'Fix' })).balanceAfter,
      ).toBe(170);
      expect(
        (await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 5, reason: 'Fix' })).balanceAfter,
      ).toBe(175);

      expect(await balanceOf(l, clientId)).toBe(175);
      expect((await l.ok('transactions.list', { clientId })).items).toHaveLength(4);
      expect((await l.ok('rates.quote', { amount: '1.00', currency: 'USD' })).credits).toBe(10);
      expect((await l.ok('requests.list', {})).items).toHaveLength(2);
      expect((await l.ok('ledger.verify', {})).ok).toBe(true);
    });

    it('works again once switched back on, with balances preserved', async () => {
      const { clientId, service } = await fundedClient(l, 100);
      await switchOff();
      await l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'CREDIT_PAYMENTS_DISABLED');
      await l.ok('settings.update', { creditPaymentsEnabled: true });
      expect(await balanceOf(l, clientId)).toBe(100);
      expect(
        (await l.ok('services.buyWithCredits', { clientId, serviceId: service.id })).transaction.balanceAfter,
      ).toBe(64);
    });
  });

  describe('settings', () => {
    it('start with credit payments on and UTC, and update only the fields given', async () => {
      expect(await l.ok('settings.get', {})).toEqual({
        creditPaymentsEnabled: true,
        agencyName: 'My Agency',
        timeZone: 'UTC',
        language: 'en',
        fourEyes: false,
      });
      const after = await l.ok('settings.update', { agencyName: 'Brightline', timeZone: 'Europe/Paris' });
      expect(after).toEqual({
        creditPaymentsEnabled: true,
        agencyName: 'Brightline',
        timeZone: 'Europe/Paris',
        language: 'en',
        fourEyes: false,
      });
      expect(await l.ok('settings.get', {})).toEqual(after);
    });

    it('switch four eyes on and off (F14), audited like every settings change', async () => {
      expect((await l.ok('settings.update', { fourEyes: true })).fourEyes).toBe(true);
      expect((await l.ok('settings.get', {})).fourEyes).toBe(true);
      expect((await l.refused('settings.update', { fourEyes: 'yes' }, 'VALIDATION_ERROR')).details?.field).toBe(
        'fourEyes',
      );
      expect((await l.ok('settings.update', { fourEyes: false })).fourEyes).toBe(false);
      const audits = (await l.ok('audit.list', { entity: 'settings' })).items;
      expect(audits.map((a) => (a.after as { fourEyes: boolean }).fourEyes)).toEqual([false, true]);
    });

    it('refuse a time zone that is not IANA and an empty agency name, naming the field', async () => {
      expect(
        (await l.refused('settings.update', { timeZone: 'Mars/Olympus' }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('timeZone');
      expect((await l.refused('settings.update', { agencyName: '  ' }, 'VALIDATION_ERROR')).details?.field).toBe(
        'agencyName',
      );
      expect(
        (await l.refused('settings.update', { creditPaymentsEnabled: 'no' }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('creditPaymentsEnabled');
    });

    it('keep the agency’s statement language (F17): en or lv, anything else refused naming the field', async () => {
      expect((await l.ok('settings.update', { language: 'lv' })).language).toBe('lv');
      expect((await l.ok('settings.get', {})).language).toBe('lv');
      expect((await l.refused('settings.update', { language: 'de' }, 'VALIDATION_ERROR')).details?.field).toBe(
        'language',
      );
      expect((await l.ok('settings.get', {})).language).toBe('lv');
    });
  });
});
