/** F7 spending (Buy with Credit, Pay with Credit) and the F12 service catalogue and invoices. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { balanceOf, fundedClient, newService } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  describe('buying a service with credits', () => {
    it('deducts the converted price and records an order', async () => {
      const { clientId, service } = await fundedClient(l, 100);
      const { order, transaction } = await l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
      expect(order).toMatchObject({ clientId, serviceId: service.id, serviceName: 'Logo refresh', credits: 36 });
      expect(transaction).toMatchObject({ type: 'service_purchase', direction: 'out', credits: 36, balanceAfter: 64 });
      expect(transaction.reference).toContain(String(order.id));
      expect(await balanceOf(l, clientId)).toBe(64);
    });

    it('refuses INSUFFICIENT_CREDITS with needed and available, writing nothing', async () => {
      const { clientId, service } = await fundedClient(l, 35);
      const before = await l.dump();
      const error = await l.refused(
        'services.buyWithCredits',
        { clientId, serviceId: service.id },
        'INSUFFICIENT_CREDITS',
      );
      expect(error.details).toMatchObject({ needed: 36, available: 35 });
      expect(await l.dump()).toBe(before);
      expect(await l.rows('SELECT count(*) AS n FROM orders')).toEqual([{ n: 0 }]);
    });

    it('a refusal uses up no order number: the next order is #1 on both engines', async () => {
      // PostgreSQL sequences do not roll back, so the order must not be inserted before the
      // balance is known to cover it (found by an engine-to-engine CLI walk: Order #4 vs #3).
      const { clientId, service } = await fundedClient(l, 35);
      await l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'INSUFFICIENT_CREDITS');
      await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 1, reason: 'top up' });
      const { order, transaction } = await l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
      expect(order.id).toBe(1);
      expect(transaction.reference).toBe('Order #1');
    });

    it('can spend the balance down to exactly zero, and no further', async () => {
      const { clientId, service } = await fundedClient(l, 72);
      await l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
      expect(
        (await l.ok('services.buyWithCredits', { clientId, serviceId: service.id })).transaction.balanceAfter,
      ).toBe(0);
      expect(
        (await l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'INSUFFICIENT_CREDITS'))
          .details,
      ).toMatchObject({ needed: 36, available: 0 });
    });

    it('refuses an inactive service, an unknown service or client, and a currency with no rate', async () => {
      const { clientId } = await fundedClient(l, 1000);
      const retired = await l.ok('services.create', { name: 'Old', price: '1.00', currency: 'USD', active: false });
      expect(
        (await l.refused('services.buyWithCredits', { clientId, serviceId: retired.id }, 'VALIDATION_ERROR')).details
          ?.field,
      ).toBe('serviceId');
      await l.refused('services.buyWithCredits', { clientId, serviceId: 999 }, 'NOT_FOUND');
      const eur = await newService(l, '5.00', 'EUR', 'SEO audit');
      await l.refused('services.buyWithCredits', { clientId: 999, serviceId: eur.id }, 'NOT_FOUND');
      expect(
        (await l.refused('services.buyWithCredits', { clientId, serviceId: eur.id }, 'NO_ACTIVE_RATE')).details,
      ).toMatchObject({
        currency: 'EUR',
      });
      expect(await balanceOf(l, clientId)).toBe(1000);
    });

    it('a price change applies to later orders only: each order keeps its price snapshot', async () => {
      const { clientId, service } = await fundedClient(l, 1000);
      const first = (await l.ok('services.buyWithCredits', { clientId, serviceId: service.id })).order;
      await l.ok('services.update', { serviceId: service.id, price: '5.00', name: 'Logo refresh v2' });
      const second = (await l.ok('services.buyWithCredits', { clientId, serviceId: service.id })).order;
      expect([first.price, first.credits, first.serviceName]).toEqual(['3.51', 36, 'Logo refresh']);
      expect([second.price, second.credits, second.serviceName]).toEqual(['5.00', 50, 'Logo refresh v2']);
    });
  });

  describe('paying an invoice with credits', () => {
    it('pays it in full, marks it paid, stores the conversion, and never pays it twice', async () => {
      const { clientId } = await fundedClient(l, 100);
      const invoice = await l.ok('invoices.create', { clientId, amount: '3.51', currency: 'USD' });
      expect(invoice).toMatchObject({
        clientId,
        amount: '3.51',
        currency: 'USD',
        status: 'unpaid',
        number: 'INV-00001',
      });
      const paid = await l.ok('invoices.payWithCredits', { invoiceId: invoice.id });
      expect(paid.invoice).toMatchObject({ status: 'paid', paidAt: '2026-03-01T09:00:00.000Z' });
      expect(paid.transaction).toMatchObject({
        type: 'invoice_payment',
        direction: 'out',
        credits: 36,
        exactCredits: '35.1',
        balanceAfter: 64,
      });
      const before = await l.dump();
      expect(
        (await l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'INVOICE_NOT_PAYABLE')).details,
      ).toMatchObject({ status: 'paid' });
      expect(await l.dump()).toBe(before);
      expect(await balanceOf(l, clientId)).toBe(64);
    });

    it('refuses a void invoice, and voiding a paid one', async () => {
      const { clientId } = await fundedClient(l, 100);
      const a = await l.ok('invoices.create', { clientId, amount: '1.00', currency: 'USD' });
      expect((await l.ok('invoices.void', { invoiceId: a.id })).status).toBe('void');
      await l.refused('invoices.payWithCredits', { invoiceId: a.id }, 'INVOICE_NOT_PAYABLE');
      const b = await l.ok('invoices.create', { clientId, amount: '1.00', currency: 'USD' });
      await l.ok('invoices.payWithCredits', { invoiceId: b.id });
      await l.refused('invoices.void', { invoiceId: b.id }, 'INVOICE_NOT_PAYABLE');
      expect(await balanceOf(l, clientId)).toBe(90);
    });

    it('an invoice the balance cannot cover stays unpaid: INSUFFICIENT_CREDITS, nothing written', async () => {
      const { clientId } = await fundedClient(l, 10);
      const invoice = await l.ok('invoices.create', { clientId, amount: '1.01', currency: 'USD' });
      const before = await l.dump();
      expect(
        (await l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'INSUFFICIENT_CREDITS')).details,
      ).toMatchObject({ needed: 11, available: 10 });
      expect(await l.dump()).toBe(before);
      expect((await l.ok('invoices.list', { status: 'unpaid' })).items.map((i) => i.id)).toEqual([invoice.id]);
    });

    it('refuses unknown invoices and clients, duplicate numbers, and amounts finer than the currency', async () => {
      const { clientId } = await fundedClient(l, 0);
      await l.refused('invoices.payWithCredits', { invoiceId: 999 }, 'NOT_FOUND');
      await l.refused('invoices.create', { clientId: 999, amount: '1.00', currency: 'USD' }, 'NOT_FOUND');
      await l.ok('invoices.create', { clientId, number: 'A-1', amount: '1.00', currency: 'USD' });
      expect(
        (await l.refused('invoices.create', { clientId, number: 'A-1', amount: '2.00', currency: 'USD' }, 'CONFLICT'))
          .details,
      ).toMatchObject({ field: 'number' });
      expect(
        (await l.refused('invoices.create', { clientId, amount: '1.5', currency: 'JPY' }, 'VALIDATION_ERROR')).details
          ?.field,
      ).toBe('amount');
      await l.refused('invoices.create', { clientId, amount: '0.00', currency: 'USD' }, 'VALIDATION_ERROR');
    });
  });

  describe('the service catalogue', () => {
    it('lists active services, inactive ones on request, and validates price per currency', async () => {
      const a = await newService(l, '100', 'JPY', 'Stamp');
      const b = await l.ok('services.create', { name: 'Old', price: '1.000', currency: 'KWD', active: false });
      expect((await l.ok('services.list', {})).items.map((s) => s.id)).toEqual([a.id]);
      expect((await l.ok('services.list', { includeInactive: true })).items.map((s) => s.id)).toEqual([a.id, b.id]);
      expect(await l.ok('services.update', { serviceId: b.id, active: true })).toMatchObject({
        active: true,
        price: '1.000',
      });
      await l.refused('services.create', { name: 'X', price: '1.5', currency: 'JPY' }, 'VALIDATION_ERROR');
      await l.refused('services.update', { serviceId: a.id, price: '1.5' }, 'VALIDATION_ERROR');
      await l.refused('services.update', { serviceId: 999, name: 'Y' }, 'NOT_FOUND');
    });
  });
});
