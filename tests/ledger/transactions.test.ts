/** F8 the client's credits tab and F9 adjustments: history, running balances, paging, filters. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEntry, Page } from '../../shared/dto';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { balanceOf, buyPackage, fundedClient } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  const HOUR = 3_600_000;

  /** Every entry of a client, walking the pages with `limit`, newest first. */
  async function walk(clientId: number, limit: number, filters: Record<string, unknown> = {}): Promise<LedgerEntry[]> {
    const all: LedgerEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<LedgerEntry> = await l.ok('transactions.list', {
        clientId,
        limit,
        ...filters,
        ...(cursor === null ? {} : { cursor }),
      });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      all.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10_000);
    return all;
  }

  describe('transaction history', () => {
    it('is newest first with the running balance after every entry', async () => {
      const { clientId, pkg, service } = await fundedClient(l, 0);
      await buyPackage(l, clientId, pkg);
      l.clock.advance(HOUR);
      await l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
      l.clock.advance(HOUR);
      await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 6, reason: 'Goodwill' });
      const items = (await l.ok('transactions.list', { clientId })).items;
      expect(items.map((e) => [e.type, e.direction, e.credits, e.balanceAfter])).toEqual([
        ['adjustment', 'in', 6, 70],
        ['service_purchase', 'out', 36, 64],
        ['package_purchase', 'in', 100, 100],
      ]);
      expect(items.map((e) => e.createdAt)).toEqual([
        '2026-03-01T11:00:00.000Z',
        '2026-03-01T10:00:00.000Z',
        '2026-03-01T09:00:00.000Z',
      ]);
      expect(items[0]).toMatchObject({ memo: 'Goodwill', actor: 'tester', clientId });
      expect(await balanceOf(l, clientId)).toBe(items[0]!.balanceAfter);
    });

    it('pages through 1,234 entries by keyset with no duplicates or gaps, even with equal timestamps', async () => {
      const { clientId } = await fundedClient(l, 0);
      for (let i = 1; i <= 1234; i++) {
        // Several entries share each millisecond: the id breaks ties in the cursor.
        if (i % 3 === 0) l.clock.advance(1);
        await l.ok('transactions.adjust', { clientId, direction: 'in', credits: i, reason: `#${i}` });
      }
      for (const limit of [7, 500]) {
        const entries = await walk(clientId, limit);
        expect(entries.map((e) => e.memo)).toEqual(Array.from({ length: 1234 }, (_, i) => `#${1234 - i}`));
        for (let i = 0; i < entries.length - 1; i++) {
          expect(entries[i]!.balanceAfter - entries[i]!.credits).toBe(entries[i + 1]!.balanceAfter);
        }
      }
      expect((await l.ok('transactions.list', { clientId })).items).toHaveLength(50);
      expect((await l.ok('transactions.list', { clientId, limit: 500 })).items).toHaveLength(500);
      expect((await l.refused('transactions.list', { clientId, limit: 501 }, 'VALIDATION_ERROR')).details?.field).toBe(
        'limit',
      );
      expect(
        (await l.refused('transactions.list', { clientId, cursor: 'not-a-cursor' }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('cursor');
    });

    it('filters by entry type, paging within the filter', async () => {
      const { clientId, pkg, service } = await fundedClient(l, 0);
      for (let i = 0; i < 5; i++) {
        await buyPackage(l, clientId, pkg);
        await l.ok('services.buyWithCredits', { clientId, serviceId: service.id });
      }
      await l.ok('transactions.adjust', { clientId, direction: 'out', credits: 1, reason: 'Fix' });
      const spends = await walk(clientId, 2, { types: ['service_purchase'] });
      expect(spends).toHaveLength(5);
      expect(new Set(spends.map((e) => e.type))).toEqual(new Set(['service_purchase']));
      const mixed = (await l.ok('transactions.list', { clientId, types: ['adjustment', 'package_purchase'] })).items;
      expect(mixed.map((e) => e.type).sort()).toEqual([...Array(5).fill('package_purchase'), 'adjustment'].sort());
      await l.refused('transactions.list', { clientId, types: ['refund'] }, 'VALIDATION_ERROR');
    });

    it('filters by date as a day in the agency time zone, `to` including the whole day', async () => {
      const { clientId } = await fundedClient(l, 0);
      await l.ok('settings.update', { timeZone: 'America/New_York' });
      // New York is UTC-5 in early March (DST starts 2026-03-08).
      const at = async (iso: string, memo: string) => {
        l.clock.set(iso);
        await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 1, reason: memo });
      };
      await at('2026-03-02T04:59:59.999Z', 'Mar 1 late evening NY');
      await at('2026-03-02T05:00:00.000Z', 'Mar 2 midnight NY');
      await at('2026-03-03T04:59:00.000Z', 'Mar 2 late evening NY');
      await at('2026-03-03T05:00:00.000Z', 'Mar 3 NY');
      const memos = async (filters: Record<string, unknown>) =>
        (await l.ok('transactions.list', { clientId, ...filters })).items.map((e) => e.memo);
      expect(await memos({ from: '2026-03-02', to: '2026-03-02' })).toEqual([
        'Mar 2 late evening NY',
        'Mar 2 midnight NY',
      ]);
      expect(await memos({ to: '2026-03-01' })).toEqual(['Mar 1 late evening NY']);
      expect(await memos({ from: '2026-03-03' })).toEqual(['Mar 3 NY']);
      // Instants are used as given; an instant `to` includes that moment.
      expect(await memos({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-03T04:59:00.000Z' })).toEqual([
        'Mar 2 late evening NY',
        'Mar 2 midnight NY',
      ]);
      expect(
        (await l.refused('transactions.list', { clientId, from: '2026-02-30' }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('from');
      // A period that ends before it starts is refused the same way as on statements.
      expect(
        (await l.refused('transactions.list', { clientId, from: '2026-03-03', to: '2026-03-02' }, 'VALIDATION_ERROR'))
          .details,
      ).toMatchObject({ field: 'from' });
    });

    it('refuses an unknown client', async () => {
      await l.refused('transactions.list', { clientId: 999 }, 'NOT_FOUND');
    });
  });

  describe('adjustments', () => {
    it('are new In/Out entries with the reason as memo and the actor recorded', async () => {
      const { clientId } = await fundedClient(l, 0);
      const credit = await l.ok(
        'transactions.adjust',
        { clientId, direction: 'in', credits: 50, reason: 'Goodwill' },
        'maria',
      );
      const debit = await l.ok(
        'transactions.adjust',
        { clientId, direction: 'out', credits: 20, reason: 'Duplicate' },
        'tom',
      );
      expect(credit).toMatchObject({
        type: 'adjustment',
        direction: 'in',
        balanceAfter: 50,
        memo: 'Goodwill',
        actor: 'maria',
      });
      expect(debit).toMatchObject({
        type: 'adjustment',
        direction: 'out',
        balanceAfter: 30,
        memo: 'Duplicate',
        actor: 'tom',
      });
    });

    it('need a reason and whole positive credits', async () => {
      const { clientId } = await fundedClient(l, 10);
      const before = await l.dump();
      expect(
        (await l.refused('transactions.adjust', { clientId, direction: 'in', credits: 5 }, 'VALIDATION_ERROR')).details
          ?.field,
      ).toBe('reason');
      await l.refused(
        'transactions.adjust',
        { clientId, direction: 'in', credits: 5, reason: ' ' },
        'VALIDATION_ERROR',
      );
      await l.refused(
        'transactions.adjust',
        { clientId, direction: 'in', credits: 0, reason: 'x' },
        'VALIDATION_ERROR',
      );
      await l.refused(
        'transactions.adjust',
        { clientId, direction: 'in', credits: 2.5, reason: 'x' },
        'VALIDATION_ERROR',
      );
      await l.refused(
        'transactions.adjust',
        { clientId, direction: 'up', credits: 1, reason: 'x' },
        'VALIDATION_ERROR',
      );
      await l.refused('transactions.adjust', { clientId: 999, direction: 'in', credits: 1, reason: 'x' }, 'NOT_FOUND');
      expect(await l.dump()).toBe(before);
    });

    it('an Out beyond the balance is INSUFFICIENT_CREDITS and writes nothing', async () => {
      const { clientId } = await fundedClient(l, 10);
      const before = await l.dump();
      const error = await l.refused(
        'transactions.adjust',
        { clientId, direction: 'out', credits: 11, reason: 'Too much' },
        'INSUFFICIENT_CREDITS',
      );
      expect(error.details).toMatchObject({ needed: 11, available: 10 });
      expect(await l.dump()).toBe(before);
    });
  });
});
