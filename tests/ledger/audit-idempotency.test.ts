/** F9 audit log and actors, and the idempotencyKey promise on mutating channels. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { balanceOf, fundedClient, newClient, newPackage } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  interface AuditRow {
    at: string;
    actor: string;
    entity: string;
    entity_id: number | null;
    action: string;
    before_json: string | null;
    after_json: string | null;
  }

  const auditRows = async () =>
    (
      await l.rows<AuditRow>(
        'SELECT at, actor, entity, entity_id, action, before_json, after_json FROM audit_log ORDER BY id',
      )
    ).map((r) => ({
      ...r,
      before: r.before_json === null ? null : (JSON.parse(r.before_json) as Record<string, unknown>),
      after: r.after_json === null ? null : (JSON.parse(r.after_json) as Record<string, unknown>),
    }));

  describe('the audit log', () => {
    it('records settings changes with who, when, before and after; a no-op writes no row', async () => {
      l.clock.set('2026-04-01T12:00:00.000Z');
      await l.ok('settings.update', { creditPaymentsEnabled: false }, 'maria');
      await l.ok('settings.update', { creditPaymentsEnabled: false }, 'maria');
      const log = await auditRows();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        at: '2026-04-01T12:00:00.000Z',
        actor: 'maria',
        entity: 'settings',
        action: 'update',
        before: { creditPaymentsEnabled: true },
        after: { creditPaymentsEnabled: false },
      });
    });

    it('records package create, update, archive and unarchive', async () => {
      const pkg = await newPackage(l);
      l.clock.advance(1000);
      await l.ok('packages.update', { packageId: pkg.id, price: '12.00' }, 'tom');
      await l.ok('packages.archive', { packageId: pkg.id }, 'tom');
      await l.ok('packages.unarchive', { packageId: pkg.id }, 'maria');
      const log = await auditRows();
      expect(log.map((r) => [r.entity, r.entity_id, r.action, r.actor])).toEqual([
        ['package', pkg.id, 'create', 'tester'],
        ['package', pkg.id, 'update', 'tom'],
        ['package', pkg.id, 'archive', 'tom'],
        ['package', pkg.id, 'unarchive', 'maria'],
      ]);
      expect(log[0]).toMatchObject({ before: null, after: { price: '10.00' } });
      expect(log[1]).toMatchObject({
        at: '2026-03-01T09:00:01.000Z',
        before: { price: '10.00' },
        after: { price: '12.00' },
      });
      expect(log[2]).toMatchObject({ before: { archived: false }, after: { archived: true } });
    });

    it('records rate set, replace and deactivate', async () => {
      const first = await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' }, 'maria');
      const second = await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '11' }, 'tom');
      await l.ok('rates.deactivate', { currency: 'USD' }, 'maria');
      const log = await auditRows();
      expect(log.map((r) => [r.entity, r.entity_id, r.action, r.actor])).toEqual([
        ['rate', first.id, 'set', 'maria'],
        ['rate', second.id, 'replace', 'tom'],
        ['rate', second.id, 'deactivate', 'maria'],
      ]);
      expect(log[1]).toMatchObject({ before: { creditsPerUnit: '10' }, after: { creditsPerUnit: '11' } });
      expect(log[2]).toMatchObject({ before: { active: true }, after: { active: false } });
    });

    it('is append-only in the database', async () => {
      await l.ok('settings.update', { agencyName: 'X' });
      await expect(l.exec("UPDATE audit_log SET actor = 'nobody'")).rejects.toThrow(/append-only/);
      await expect(l.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    });
  });

  describe('the actor', () => {
    it('is recorded on every entry and on request decisions', async () => {
      const { clientId, pkg, service } = await fundedClient(l, 100);
      await l.ok('services.buyWithCredits', { clientId, serviceId: service.id }, 'ana');
      const request = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' }, 'bob');
      await l.ok('requests.accept', { requestId: request.id }, 'carla');
      expect(await l.rows('SELECT actor, type FROM ledger_entries ORDER BY id')).toEqual([
        { actor: 'tester', type: 'adjustment' },
        { actor: 'ana', type: 'service_purchase' },
        { actor: 'carla', type: 'request_approved' },
      ]);
      expect((await l.ok('requests.list', {})).items[0]).toMatchObject({ submittedBy: 'bob', decidedBy: 'carla' });
    });
  });

  describe('idempotencyKey', () => {
    it('a repeated adjustment returns the first result and posts once', async () => {
      const { clientId } = await fundedClient(l, 0);
      const input = { clientId, direction: 'in' as const, credits: 25, reason: 'Goodwill', idempotencyKey: 'k-1' };
      const first = await l.ok('transactions.adjust', input);
      l.clock.advance(5000);
      expect(await l.ok('transactions.adjust', input)).toEqual(first);
      expect(await balanceOf(l, clientId)).toBe(25);
    });

    it('a repeated purchase, acceptance and client creation act once', async () => {
      const { clientId, pkg, service } = await fundedClient(l, 100);
      const buy = { clientId, serviceId: service.id, idempotencyKey: 'buy-1' };
      expect(await l.ok('services.buyWithCredits', buy)).toEqual(await l.ok('services.buyWithCredits', buy));
      expect(await balanceOf(l, clientId)).toBe(64);

      const request = await l.ok('requests.submit', {
        clientId,
        packageId: pkg.id,
        method: 'crypto',
        idempotencyKey: 's-1',
      });
      expect(
        await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto', idempotencyKey: 's-1' }),
      ).toEqual(request);
      const accept = { requestId: request.id, idempotencyKey: 'a-1' };
      expect(await l.ok('requests.accept', accept)).toEqual(await l.ok('requests.accept', accept));
      expect(await balanceOf(l, clientId)).toBe(164);

      const create = { name: 'Once Ltd', idempotencyKey: 'c-1' };
      expect((await l.ok('clients.create', create)).id).toBe((await l.ok('clients.create', create)).id);
      expect(await l.rows("SELECT count(*) AS n FROM clients WHERE name = 'Once Ltd'")).toEqual([{ n: 1 }]);
    });

    it('the same key with different input, or on another channel, is CONFLICT and writes nothing', async () => {
      const { clientId } = await fundedClient(l, 0);
      await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 25, reason: 'x', idempotencyKey: 'k' });
      const before = await l.dump();
      const error = await l.refused(
        'transactions.adjust',
        { clientId, direction: 'in', credits: 26, reason: 'x', idempotencyKey: 'k' },
        'CONFLICT',
      );
      expect(error.details?.field).toBe('idempotencyKey');
      await l.refused('clients.create', { name: 'Y', idempotencyKey: 'k' }, 'CONFLICT');
      expect(await l.dump()).toBe(before);
    });

    it('a refused call does not use up its key: the retry acts once the problem is fixed', async () => {
      const { clientId, service } = await fundedClient(l, 0);
      const buy = { clientId, serviceId: service.id, idempotencyKey: 'retry-1' };
      await l.refused('services.buyWithCredits', buy, 'INSUFFICIENT_CREDITS');
      await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 40, reason: 'Top-up' });
      expect((await l.ok('services.buyWithCredits', buy)).transaction.balanceAfter).toBe(4);
    });

    it('is refused on read channels, which take no key', async () => {
      const clientId = await newClient(l);
      expect(
        (await l.refused('clients.get', { clientId, idempotencyKey: 'r' }, 'VALIDATION_ERROR')).details?.field,
      ).toBe('idempotencyKey');
    });
  });
});
