/**
 * The services through the router on PostgreSQL: real connections in parallel (the pool), the
 * posting path locking the client's balance row. 30 concurrent spends against a balance that
 * covers 10 succeed exactly 10 times, the rest are INSUFFICIENT_CREDITS, and the ledger verifies.
 */
import { expect, it } from 'vitest';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import { createRouter } from '../../electron/ipc/router';
import { describeWithPostgres } from '../support/pg-cluster';
import { freshLedgerUrl } from './support';

describeWithPostgres('services through the router on PostgreSQL', (cluster) => {
  it('30 concurrent spends against a balance covering 10: exactly 10 succeed; the ledger verifies', async () => {
    const db = await openAsyncLedger(await freshLedgerUrl(cluster()));
    try {
      const router = createRouter({ db });
      const ok = async (channel: string, input: unknown) => {
        const r = await router.call(channel, input, { actor: 'tester' });
        if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
        return r.value as { id: number };
      };
      await ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
      const service = await ok('services.create', { name: 'Logo refresh', price: '3.51', currency: 'USD' });
      const client = await ok('clients.create', { name: 'Northwind' });
      await ok('transactions.adjust', { clientId: client.id, direction: 'in', credits: 360, reason: 'Opening' });
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          router.call('services.buyWithCredits', { clientId: client.id, serviceId: service.id }, { actor: 'tester' }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(
        Array.from({ length: 20 }, () => 'INSUFFICIENT_CREDITS'),
      );
      expect(await ok('clients.get', { clientId: client.id })).toMatchObject({ balance: 0 });
      expect(await ok('ledger.verify', {})).toMatchObject({ ok: true, problems: [], checkedEntries: 11 });
    } finally {
      await db.close();
    }
  }, 120_000);

  it('the same idempotency key from 8 concurrent calls posts once and answers the same', async () => {
    const db = await openAsyncLedger(await freshLedgerUrl(cluster()));
    try {
      const router = createRouter({ db });
      const created = await router.call('clients.create', { name: 'Acme' }, { actor: 'tester' });
      if (!created.ok) throw new Error('clients.create refused');
      const clientId = (created.value as { id: number }).id;
      const input = { clientId, direction: 'in', credits: 5, reason: 'once', idempotencyKey: 'k-1' };
      const results = await Promise.all(
        Array.from({ length: 8 }, () => router.call('transactions.adjust', input, { actor: 'tester' })),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(new Set(results.map((r) => JSON.stringify(r)))).toHaveProperty('size', 1);
      expect(await router.call('clients.get', { clientId }, { actor: 'tester' })).toMatchObject({
        ok: true,
        value: { balance: 5 },
      });
    } finally {
      await db.close();
    }
  }, 120_000);
});
