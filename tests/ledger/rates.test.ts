/** F3 conversion rates (one active per currency, atomic replacement, history) and F4 conversion. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { fundedClient, newService } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  describe('one active rate per currency', () => {
    it('is enforced by the database itself: a raw second active row is refused', async () => {
      await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      const insert = (currency: string) =>
        l.exec(
          `INSERT INTO conversion_rates (currency, credits_per_unit, active, active_from, active_to, created_by)
         VALUES (?, '11', 1, '2026-01-01T00:00:00.000Z', NULL, 'sneaky')`,
          currency,
        );
      await expect(insert('USD')).rejects.toThrow(/unique/i);
      // A second active rate for another currency, or a retired one for USD, is fine.
      await insert('EUR');
      await l.exec(
        `INSERT INTO conversion_rates (currency, credits_per_unit, active, active_from, active_to, created_by)
       VALUES ('USD', '9', 0, '2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', 'history')`,
      );
    });

    it('setting a new rate retires the old one at the same instant and keeps the history', async () => {
      const first = await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      l.clock.advance(3_600_000);
      const second = await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '11.5' });
      expect(second).toMatchObject({ currency: 'USD', creditsPerUnit: '11.5', active: true, activeTo: null });
      expect(second.activeFrom).toBe('2026-03-01T10:00:00.000Z');

      expect((await l.ok('rates.list', { currency: 'USD' })).items).toEqual([second]);
      const history = (await l.ok('rates.list', { currency: 'USD', includeHistory: true })).items;
      expect(history).toEqual([second, { ...first, active: false, activeTo: second.activeFrom }]);
      expect(await l.ok('rates.quote', { amount: '1.00', currency: 'USD' })).toMatchObject({
        rateId: second.id,
        credits: 12,
      });
    });

    it('re-entering the rate already in force changes nothing', async () => {
      const first = await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      expect(await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10.000' })).toEqual(first);
      expect(await l.rows('SELECT id FROM conversion_rates')).toHaveLength(1);
    });

    it('lists active rates of every currency, retired ones only with includeHistory', async () => {
      await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      await l.ok('rates.set', { currency: 'EUR', creditsPerUnit: '9' });
      await l.ok('rates.set', { currency: 'GBP', creditsPerUnit: '12' });
      await l.ok('rates.set', { currency: 'EUR', creditsPerUnit: '9.5' });
      const active = (await l.ok('rates.list', {})).items;
      expect(active.map((r) => [r.currency, r.creditsPerUnit])).toEqual([
        ['EUR', '9.5'],
        ['GBP', '12'],
        ['USD', '10'],
      ]);
      expect((await l.ok('rates.list', { includeHistory: true })).items).toHaveLength(4);
      // Paging one at a time through the history visits every rate once.
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await l.ok('rates.list', { includeHistory: true, limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen.sort()).toEqual([1, 2, 3, 4]);
    });

    it('deactivating leaves no active rate, so spending in that currency gives NO_ACTIVE_RATE', async () => {
      const { clientId, service } = await fundedClient(l, 100);
      const rate = (await l.ok('rates.list', { currency: 'USD' })).items[0]!;
      expect(await l.ok('rates.deactivate', { currency: 'USD' })).toMatchObject({ id: rate.id, active: false });
      expect((await l.ok('rates.list', { currency: 'USD' })).items).toEqual([]);
      const error = await l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'NO_ACTIVE_RATE');
      expect(error.details?.currency).toBe('USD');
      await l.refused('rates.quote', { amount: '1.00', currency: 'USD' }, 'NO_ACTIVE_RATE');
      await l.refused('rates.deactivate', { currency: 'USD' }, 'NOT_FOUND');
      await l.refused('rates.deactivate', { rateId: rate.id }, 'CONFLICT');
      await l.refused('rates.deactivate', { rateId: 999 }, 'NOT_FOUND');
    });

    it('refuses zero, negative, exponent and non-decimal rates, and needs exactly one of currency/rateId', async () => {
      for (const creditsPerUnit of ['0', '0.000', '-1', '1e2', 'ten', '10,5']) {
        expect(
          (await l.refused('rates.set', { currency: 'USD', creditsPerUnit }, 'VALIDATION_ERROR')).details?.field,
        ).toBe('creditsPerUnit');
      }
      await l.refused('rates.set', { currency: 'usd', creditsPerUnit: '10' }, 'VALIDATION_ERROR');
      await l.refused('rates.deactivate', {}, 'VALIDATION_ERROR');
      await l.refused('rates.deactivate', { currency: 'USD', rateId: 1 }, 'VALIDATION_ERROR');
    });
  });

  describe('conversion (F4)', () => {
    it.each([
      ['3.51', 36, '35.1'],
      ['3.50', 35, '35'],
      ['0.01', 1, '0.1'],
    ])('$%s at 10 credits per dollar costs %i credits (exact %s)', async (amount, credits, exactCredits) => {
      const rate = await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      expect(await l.ok('rates.quote', { amount, currency: 'USD' })).toEqual({
        amount,
        currency: 'USD',
        credits,
        exactCredits,
        creditsPerUnit: '10',
        rateId: rate.id,
      });
    });

    it('works for 0- and 3-digit currencies: ¥1000 at 0.07 is 70, KWD 1.001 at 33.3 is 33.3333 → 34', async () => {
      await l.ok('rates.set', { currency: 'JPY', creditsPerUnit: '0.07' });
      await l.ok('rates.set', { currency: 'KWD', creditsPerUnit: '33.3' });
      expect(await l.ok('rates.quote', { amount: '1000', currency: 'JPY' })).toMatchObject({
        credits: 70,
        exactCredits: '70',
      });
      expect(await l.ok('rates.quote', { amount: '1.001', currency: 'KWD' })).toMatchObject({
        credits: 34,
        exactCredits: '33.3333',
      });
      await l.refused('rates.quote', { amount: '10.5', currency: 'JPY' }, 'VALIDATION_ERROR');
    });

    it('every debit stores the amount, the rate, the exact product and the credits charged', async () => {
      const { clientId, service } = await fundedClient(l, 100);
      const rate = (await l.ok('rates.list', { currency: 'USD' })).items[0]!;
      const { transaction, order } = await l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
      expect(transaction).toMatchObject({
        direction: 'out',
        type: 'service_purchase',
        credits: 36,
        balanceAfter: 64,
        amount: '3.51',
        currency: 'USD',
        creditsPerUnit: '10',
        exactCredits: '35.1',
        rateId: rate.id,
      });
      expect(order).toMatchObject({ serviceId: service.id, credits: 36, price: '3.51', currency: 'USD' });
      expect(
        await l.rows(
          'SELECT amount_minor, credits_per_unit, exact_credits, credits FROM ledger_entries WHERE id = ?',
          transaction.id,
        ),
      ).toEqual([{ amount_minor: 351, credits_per_unit: '10', exact_credits: '35.1', credits: 36 }]);
    });

    it('a debit uses the rate in force when it is made, not a later one', async () => {
      const { clientId } = await fundedClient(l, 1000);
      const service = await newService(l, '10.00');
      const before = (await l.ok('services.buyWithCredits', { clientId, serviceId: service.id })).transaction;
      await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '12' });
      const after = (await l.ok('services.buyWithCredits', { clientId, serviceId: service.id })).transaction;
      expect([before.credits, before.creditsPerUnit, after.credits, after.creditsPerUnit]).toEqual([
        100,
        '10',
        120,
        '12',
      ]);
      expect(after.rateId).not.toBe(before.rateId);
    });
  });

  describe('conversions too large to charge', () => {
    // 10¹² USD at 10¹⁵ − 1 credits per dollar is ~10²⁷ credits: no balance can ever hold that,
    // and a JS number cannot even say it exactly. It must be refused, not rounded to a float.
    it('a quote beyond the largest credit figure is refused, naming the amount', async () => {
      await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '999999999999999' });
      const error = await l.refused('rates.quote', { amount: '1000000000000', currency: 'USD' }, 'VALIDATION_ERROR');
      expect(error.details?.field).toBe('amount');
    });

    it('buying a service or paying an invoice that converts beyond it is refused and writes nothing', async () => {
      const { clientId } = await fundedClient(l, 1_000_000_000_000_000);
      await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '999999999999999' });
      const service = await newService(l, '1000000000000.00');
      const invoice = await l.ok('invoices.create', { clientId, amount: '9007199.25', currency: 'USD' });
      const before = await l.dump();
      const buy = await l.call('services.buyWithCredits', { clientId, serviceId: service.id });
      const pay = await l.call('invoices.payWithCredits', { invoiceId: invoice.id });
      for (const result of [buy, pay]) {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(['VALIDATION_ERROR', 'INSUFFICIENT_CREDITS']).toContain(result.error.code);
          for (const value of Object.values(result.error.details ?? {})) {
            if (typeof value === 'number') expect(Number.isSafeInteger(value)).toBe(true);
          }
        }
      }
      expect(await l.dump()).toBe(before);
    });
  });
});
