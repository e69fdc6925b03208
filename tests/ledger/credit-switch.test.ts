/** F1 "Allow Credit Payment": exactly three client-side actions are refused while it is off. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../support/ledger';
import { balanceOf, fundedClient, paymentId } from '../support/fixtures';

let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
});
afterEach(() => l.close());

function switchOff() {
  expect(l.ok('settings.update', { creditPaymentsEnabled: false }).creditPaymentsEnabled).toBe(false);
}

describe('with credit payments switched off', () => {
  it('refuses buying a service, paying an invoice and submitting a request, writing nothing', () => {
    const { clientId, pkg, service } = fundedClient(l, 500);
    const invoice = l.ok('invoices.create', { clientId, amount: '2.00', currency: 'USD' });
    switchOff();
    const before = l.dump();
    l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'CREDIT_PAYMENTS_DISABLED');
    l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'CREDIT_PAYMENTS_DISABLED');
    l.refused('requests.submit', { clientId, packageId: pkg.id, method: 'bank_transfer' }, 'CREDIT_PAYMENTS_DISABLED');
    expect(l.dump()).toBe(before);
    expect(balanceOf(l, clientId)).toBe(500);
  });

  it('still records provider payments, decides pending requests, adjusts and reads', () => {
    const { clientId, pkg } = fundedClient(l, 0);
    const toAccept = l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'bank_transfer' });
    const toReject = l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
    switchOff();

    const purchase = l.ok('purchases.record', {
      clientId,
      packageId: pkg.id,
      provider: 'paypal',
      providerPaymentId: paymentId('PAY'),
      amount: '10.00',
      currency: 'USD',
    });
    expect(purchase.transaction.balanceAfter).toBe(100);
    expect(l.ok('requests.accept', { requestId: toAccept.id }).transaction.balanceAfter).toBe(200);
    expect(l.ok('requests.reject', { requestId: toReject.id, reason: 'No payment' }).request.status).toBe('rejected');
    expect(l.ok('transactions.adjust', { clientId, direction: 'out', credits: 30, reason: 'Fix' }).balanceAfter).toBe(
      170,
    );
    expect(l.ok('transactions.adjust', { clientId, direction: 'in', credits: 5, reason: 'Fix' }).balanceAfter).toBe(
      175,
    );

    expect(balanceOf(l, clientId)).toBe(175);
    expect(l.ok('transactions.list', { clientId }).items).toHaveLength(4);
    expect(l.ok('rates.quote', { amount: '1.00', currency: 'USD' }).credits).toBe(10);
    expect(l.ok('requests.list', {}).items).toHaveLength(2);
    expect(l.ok('ledger.verify', {}).ok).toBe(true);
  });

  it('works again once switched back on, with balances preserved', () => {
    const { clientId, service } = fundedClient(l, 100);
    switchOff();
    l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'CREDIT_PAYMENTS_DISABLED');
    l.ok('settings.update', { creditPaymentsEnabled: true });
    expect(balanceOf(l, clientId)).toBe(100);
    expect(l.ok('services.buyWithCredits', { clientId, serviceId: service.id }).transaction.balanceAfter).toBe(64);
  });
});

describe('settings', () => {
  it('start with credit payments on and UTC, and update only the fields given', () => {
    expect(l.ok('settings.get', {})).toEqual({ creditPaymentsEnabled: true, agencyName: 'My Agency', timeZone: 'UTC' });
    const after = l.ok('settings.update', { agencyName: 'Brightline', timeZone: 'Europe/Paris' });
    expect(after).toEqual({ creditPaymentsEnabled: true, agencyName: 'Brightline', timeZone: 'Europe/Paris' });
    expect(l.ok('settings.get', {})).toEqual(after);
  });

  it('refuse a time zone that is not IANA and an empty agency name, naming the field', () => {
    expect(l.refused('settings.update', { timeZone: 'Mars/Olympus' }, 'VALIDATION_ERROR').details?.field).toBe(
      'timeZone',
    );
    expect(l.refused('settings.update', { agencyName: '  ' }, 'VALIDATION_ERROR').details?.field).toBe('agencyName');
    expect(l.refused('settings.update', { creditPaymentsEnabled: 'no' }, 'VALIDATION_ERROR').details?.field).toBe(
      'creditPaymentsEnabled',
    );
  });
});
