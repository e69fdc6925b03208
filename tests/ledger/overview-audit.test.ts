import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fundedClient, newClient } from '../support/fixtures';
import { forEachEngine, type EngineLedger } from '../support/engines';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  describe('overview.get', () => {
    it('adds up the stored balances, ranks the largest and lists the latest entries across clients', async () => {
      const { clientId: a, pkg } = await fundedClient(l, 100);
      const b = await newClient(l, 'Lisbon Labs');
      await l.ok('transactions.adjust', { clientId: b, direction: 'in', credits: 250, reason: 'Opening balance' });
      await newClient(l, 'Walk-in customer');
      await l.ok('requests.submit', { clientId: a, packageId: pkg.id, method: 'crypto', paymentReference: '0xabc' });
      l.clock.advance(1000);
      await l.ok('transactions.adjust', { clientId: a, direction: 'out', credits: 30, reason: 'Correction' });

      const overview = await l.ok('overview.get', {});
      expect(overview.totalOutstanding).toBe(70 + 250);
      expect(overview.clientCount).toBe(3);
      // Clients with nothing are not "largest balances".
      expect(overview.topClients.map((c) => [c.id, c.balance])).toEqual([
        [b, 250],
        [a, 70],
      ]);
      expect(overview.pendingRequests).toBe(1);
      expect(overview.recentActivity.map((e) => [e.clientId, e.direction, e.credits])).toEqual([
        [a, 'out', 30],
        [b, 'in', 250],
        [a, 'in', 100],
      ]);
      expect(overview.recentActivity[0]?.clientName).toBe('Northwind Studio');
    });

    it('is all zeros on an empty ledger', async () => {
      expect(await l.ok('overview.get', {})).toEqual({
        totalOutstanding: 0,
        clientCount: 0,
        topClients: [],
        pendingRequests: 0,
        recentActivity: [],
      });
    });
  });

  describe('audit.list', () => {
    it('shows who changed a rate and a setting, with before and after, newest first and paged', async () => {
      await l.ok('rates.set', { currency: 'EUR', creditsPerUnit: '9' }, 'maria');
      await l.ok('rates.set', { currency: 'EUR', creditsPerUnit: '9.5' }, 'tom');
      await l.ok('settings.update', { creditPaymentsEnabled: false }, 'maria');

      const first = await l.ok('audit.list', { limit: 2 });
      expect(first.items.map((r) => [r.entity, r.action, r.actor])).toEqual([
        ['settings', 'update', 'maria'],
        ['rate', 'replace', 'tom'],
      ]);
      expect(first.items[1]?.before).toMatchObject({ creditsPerUnit: '9', active: true });
      expect(first.items[1]?.after).toMatchObject({ creditsPerUnit: '9.5', active: true });
      expect(first.nextCursor).not.toBeNull();
      const second = await l.ok('audit.list', { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((r) => [r.entity, r.action])).toEqual([['rate', 'set']]);
      expect(second.nextCursor).toBeNull();

      expect((await l.ok('audit.list', { entity: 'settings' })).items).toHaveLength(1);
      expect((await l.refused('audit.list', { entity: 'ledger' }, 'VALIDATION_ERROR')).details).toMatchObject({
        field: 'entity',
      });
    });
  });
});
