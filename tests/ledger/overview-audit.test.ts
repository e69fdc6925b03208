import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fundedClient, newClient } from '../support/fixtures';
import { openTestLedger, type TestLedger } from '../support/ledger';

let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
});
afterEach(() => l.close());

describe('overview.get', () => {
  it('adds up the stored balances, ranks the largest and lists the latest entries across clients', () => {
    const { clientId: a, pkg } = fundedClient(l, 100);
    const b = newClient(l, 'Lisbon Labs');
    l.ok('transactions.adjust', { clientId: b, direction: 'in', credits: 250, reason: 'Opening balance' });
    newClient(l, 'Walk-in customer');
    l.ok('requests.submit', { clientId: a, packageId: pkg.id, method: 'crypto', paymentReference: '0xabc' });
    l.clock.advance(1000);
    l.ok('transactions.adjust', { clientId: a, direction: 'out', credits: 30, reason: 'Correction' });

    const overview = l.ok('overview.get', {});
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

  it('is all zeros on an empty ledger', () => {
    expect(l.ok('overview.get', {})).toEqual({
      totalOutstanding: 0,
      clientCount: 0,
      topClients: [],
      pendingRequests: 0,
      recentActivity: [],
    });
  });
});

describe('audit.list', () => {
  it('shows who changed a rate and a setting, with before and after, newest first and paged', () => {
    l.ok('rates.set', { currency: 'EUR', creditsPerUnit: '9' }, 'maria');
    l.ok('rates.set', { currency: 'EUR', creditsPerUnit: '9.5' }, 'tom');
    l.ok('settings.update', { creditPaymentsEnabled: false }, 'maria');

    const first = l.ok('audit.list', { limit: 2 });
    expect(first.items.map((r) => [r.entity, r.action, r.actor])).toEqual([
      ['settings', 'update', 'maria'],
      ['rate', 'replace', 'tom'],
    ]);
    expect(first.items[1]?.before).toMatchObject({ creditsPerUnit: '9', active: true });
    expect(first.items[1]?.after).toMatchObject({ creditsPerUnit: '9.5', active: true });
    expect(first.nextCursor).not.toBeNull();
    const second = l.ok('audit.list', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => [r.entity, r.action])).toEqual([['rate', 'set']]);
    expect(second.nextCursor).toBeNull();

    expect(l.ok('audit.list', { entity: 'settings' }).items).toHaveLength(1);
    expect(l.refused('audit.list', { entity: 'ledger' }, 'VALIDATION_ERROR').details).toMatchObject({
      field: 'entity',
    });
  });
});
