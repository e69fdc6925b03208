/** F7 spending (Buy with Credit, Pay with Credit) and the F12 service catalogue and invoices. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, rows, type TestLedger } from '../support/ledger';
import { balanceOf, fundedClient, newService } from '../support/fixtures';

let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
});
afterEach(() => l.close());

describe('buying a service with credits', () => {
  it('deducts the converted price and records an order', () => {
    const { clientId, service } = fundedClient(l, 100);
    const { order, transaction } = l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
    expect(order).toMatchObject({ clientId, serviceId: service.id, serviceName: 'Logo refresh', credits: 36 });
    expect(transaction).toMatchObject({ type: 'service_purchase', direction: 'out', credits: 36, balanceAfter: 64 });
    expect(transaction.reference).toContain(String(order.id));
    expect(balanceOf(l, clientId)).toBe(64);
  });

  it('refuses INSUFFICIENT_CREDITS with needed and available, writing nothing', () => {
    const { clientId, service } = fundedClient(l, 35);
    const before = l.dump();
    const error = l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'INSUFFICIENT_CREDITS');
    expect(error.details).toMatchObject({ needed: 36, available: 35 });
    expect(l.dump()).toBe(before);
    expect(rows(l.db, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 0 }]);
  });

  it('can spend the balance down to exactly zero, and no further', () => {
    const { clientId, service } = fundedClient(l, 72);
    l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
    expect(l.ok('services.buyWithCredits', { clientId, serviceId: service.id }).transaction.balanceAfter).toBe(0);
    expect(
      l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'INSUFFICIENT_CREDITS').details,
    ).toMatchObject({ needed: 36, available: 0 });
  });

  it('refuses an inactive service, an unknown service or client, and a currency with no rate', () => {
    const { clientId } = fundedClient(l, 1000);
    const retired = l.ok('services.create', { name: 'Old', price: '1.00', currency: 'USD', active: false });
    expect(
      l.refused('services.buyWithCredits', { clientId, serviceId: retired.id }, 'VALIDATION_ERROR').details?.field,
    ).toBe('serviceId');
    l.refused('services.buyWithCredits', { clientId, serviceId: 999 }, 'NOT_FOUND');
    const eur = newService(l, '5.00', 'EUR', 'SEO audit');
    l.refused('services.buyWithCredits', { clientId: 999, serviceId: eur.id }, 'NOT_FOUND');
    expect(
      l.refused('services.buyWithCredits', { clientId, serviceId: eur.id }, 'NO_ACTIVE_RATE').details,
    ).toMatchObject({
      currency: 'EUR',
    });
    expect(balanceOf(l, clientId)).toBe(1000);
  });

  it('a price change applies to later orders only: each order keeps its price snapshot', () => {
    const { clientId, service } = fundedClient(l, 1000);
    const first = l.ok('services.buyWithCredits', { clientId, serviceId: service.id }).order;
    l.ok('services.update', { serviceId: service.id, price: '5.00', name: 'Logo refresh v2' });
    const second = l.ok('services.buyWithCredits', { clientId, serviceId: service.id }).order;
    expect([first.price, first.credits, first.serviceName]).toEqual(['3.51', 36, 'Logo refresh']);
    expect([second.price, second.credits, second.serviceName]).toEqual(['5.00', 50, 'Logo refresh v2']);
  });
});

describe('paying an invoice with credits', () => {
  it('pays it in full, marks it paid, stores the conversion, and never pays it twice', () => {
    const { clientId } = fundedClient(l, 100);
    const invoice = l.ok('invoices.create', { clientId, amount: '3.51', currency: 'USD' });
    expect(invoice).toMatchObject({ clientId, amount: '3.51', currency: 'USD', status: 'unpaid', number: 'INV-00001' });
    const paid = l.ok('invoices.payWithCredits', { invoiceId: invoice.id });
    expect(paid.invoice).toMatchObject({ status: 'paid', paidAt: '2026-03-01T09:00:00.000Z' });
    expect(paid.transaction).toMatchObject({
      type: 'invoice_payment',
      direction: 'out',
      credits: 36,
      exactCredits: '35.1',
      balanceAfter: 64,
    });
    const before = l.dump();
    expect(
      l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'INVOICE_NOT_PAYABLE').details,
    ).toMatchObject({ status: 'paid' });
    expect(l.dump()).toBe(before);
    expect(balanceOf(l, clientId)).toBe(64);
  });

  it('refuses a void invoice, and voiding a paid one', () => {
    const { clientId } = fundedClient(l, 100);
    const a = l.ok('invoices.create', { clientId, amount: '1.00', currency: 'USD' });
    expect(l.ok('invoices.void', { invoiceId: a.id }).status).toBe('void');
    l.refused('invoices.payWithCredits', { invoiceId: a.id }, 'INVOICE_NOT_PAYABLE');
    const b = l.ok('invoices.create', { clientId, amount: '1.00', currency: 'USD' });
    l.ok('invoices.payWithCredits', { invoiceId: b.id });
    l.refused('invoices.void', { invoiceId: b.id }, 'INVOICE_NOT_PAYABLE');
    expect(balanceOf(l, clientId)).toBe(90);
  });

  it('an invoice the balance cannot cover stays unpaid: INSUFFICIENT_CREDITS, nothing written', () => {
    const { clientId } = fundedClient(l, 10);
    const invoice = l.ok('invoices.create', { clientId, amount: '1.01', currency: 'USD' });
    const before = l.dump();
    expect(
      l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'INSUFFICIENT_CREDITS').details,
    ).toMatchObject({ needed: 11, available: 10 });
    expect(l.dump()).toBe(before);
    expect(l.ok('invoices.list', { status: 'unpaid' }).items.map((i) => i.id)).toEqual([invoice.id]);
  });

  it('refuses unknown invoices and clients, duplicate numbers, and amounts finer than the currency', () => {
    const { clientId } = fundedClient(l, 0);
    l.refused('invoices.payWithCredits', { invoiceId: 999 }, 'NOT_FOUND');
    l.refused('invoices.create', { clientId: 999, amount: '1.00', currency: 'USD' }, 'NOT_FOUND');
    l.ok('invoices.create', { clientId, number: 'A-1', amount: '1.00', currency: 'USD' });
    expect(
      l.refused('invoices.create', { clientId, number: 'A-1', amount: '2.00', currency: 'USD' }, 'CONFLICT').details,
    ).toMatchObject({ field: 'number' });
    expect(
      l.refused('invoices.create', { clientId, amount: '1.5', currency: 'JPY' }, 'VALIDATION_ERROR').details?.field,
    ).toBe('amount');
    l.refused('invoices.create', { clientId, amount: '0.00', currency: 'USD' }, 'VALIDATION_ERROR');
  });
});

describe('the service catalogue', () => {
  it('lists active services, inactive ones on request, and validates price per currency', () => {
    const a = newService(l, '100', 'JPY', 'Stamp');
    const b = l.ok('services.create', { name: 'Old', price: '1.000', currency: 'KWD', active: false });
    expect(l.ok('services.list', {}).items.map((s) => s.id)).toEqual([a.id]);
    expect(l.ok('services.list', { includeInactive: true }).items.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(l.ok('services.update', { serviceId: b.id, active: true })).toMatchObject({ active: true, price: '1.000' });
    l.refused('services.create', { name: 'X', price: '1.5', currency: 'JPY' }, 'VALIDATION_ERROR');
    l.refused('services.update', { serviceId: a.id, price: '1.5' }, 'VALIDATION_ERROR');
    l.refused('services.update', { serviceId: 999, name: 'Y' }, 'NOT_FOUND');
  });
});
