/** On SQLite and on PostgreSQL (tests/support/engines.ts). The error contract: strict inputs naming the field, NOT_FOUND, and "a refused call writes nothing"; F12 clients. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client, Page } from '../../shared/dto';
import { ERROR_CODES, type ErrorCode } from '../../shared/result';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { balanceOf, fundedClient, newClient } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  describe('input validation', () => {
    it.each([
      ['clients.create', { name: 'A', nickname: 'x' }],
      ['settings.update', { creditPaymentsEnabled: true, theme: 'dark' }],
      ['rates.set', { currency: 'USD', creditsPerUnit: '10', effectiveFrom: '2026-01-01' }],
      ['transactions.list', { clientId: 1, offset: 10 }],
      ['ledger.verify', { deep: true }],
    ])('%s refuses an unknown field and names it', async (channel, input) => {
      if (channel === 'transactions.list') await newClient(l);
      const unknown = Object.keys(input).at(-1)!;
      const error = await l.refused(channel, input, 'VALIDATION_ERROR');
      expect(error.details?.field).toBe(unknown);
      expect(error.message).toContain(unknown);
    });

    it('names the offending field and writes for people, not programmers', async () => {
      const error = await l.refused('clients.create', { name: 'A', email: 'not-an-email' }, 'VALIDATION_ERROR');
      expect(error.details?.field).toBe('email');
      expect(error.message).not.toMatch(/zod|invalid_type|undefined|\[object/i);
      expect((await l.refused('clients.create', {}, 'VALIDATION_ERROR')).details?.field).toBe('name');
      expect((await l.refused('clients.get', { clientId: 0 }, 'VALIDATION_ERROR')).details?.field).toBe('clientId');
      expect((await l.refused('clients.get', { clientId: '1' }, 'VALIDATION_ERROR')).details?.field).toBe('clientId');
      for (const notAnObject of ['Alice', [], 7]) {
        const whole = await l.refused('clients.create', notAnObject, 'VALIDATION_ERROR');
        expect(whole.details?.field).toBe('');
        expect(whole.message).toBe('The input must be a JSON object of named fields.');
      }
    });

    it('an unknown channel is NOT_FOUND', async () => {
      expect((await l.refused('ledger.drop', {}, 'NOT_FOUND')).details?.channel).toBe('ledger.drop');
    });
  });

  describe('a refused call writes nothing', () => {
    it('across every kind of refusal, the database is byte-for-byte the same', async () => {
      const { clientId, pkg, service } = await fundedClient(l, 40);
      const pending = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
      const decided = await l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
      await l.ok('requests.reject', { requestId: decided.id, reason: 'No payment' });
      const invoice = await l.ok('invoices.create', { clientId, amount: '100.00', currency: 'USD' });
      const archived = await l.ok('packages.create', { name: 'Old', credits: 5, currency: 'USD', price: '1.00' });
      await l.ok('packages.archive', { packageId: archived.id });
      const eurService = await l.ok('services.create', { name: 'EU', price: '1.00', currency: 'EUR' });
      const before = await l.dump();

      const refusals: [string, unknown, ErrorCode][] = [
        ['clients.create', { name: 'A', extra: 1 }, 'VALIDATION_ERROR'],
        ['clients.update', { clientId: 999, name: 'B' }, 'NOT_FOUND'],
        ['services.buyWithCredits', { clientId, serviceId: eurService.id }, 'NO_ACTIVE_RATE'],
        ['invoices.payWithCredits', { invoiceId: invoice.id }, 'INSUFFICIENT_CREDITS'],
        ['requests.accept', { requestId: decided.id }, 'REQUEST_NOT_PENDING'],
        ['requests.submit', { clientId, packageId: archived.id, method: 'crypto' }, 'PACKAGE_ARCHIVED'],
        ['rates.deactivate', { rateId: 999 }, 'NOT_FOUND'],
        ['transactions.adjust', { clientId, direction: 'out', credits: 41, reason: 'x' }, 'INSUFFICIENT_CREDITS'],
        ['invoices.create', { clientId, number: invoice.number, amount: '1.00', currency: 'USD' }, 'CONFLICT'],
      ];
      for (const [channel, input, code] of refusals) await l.refused(channel, input, code);
      await l.ok('settings.update', { creditPaymentsEnabled: false });
      const switchedOff = await l.dump();
      await l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'CREDIT_PAYMENTS_DISABLED');
      expect(await l.dump()).toBe(switchedOff);
      await l.ok('settings.update', { creditPaymentsEnabled: true });

      // A role below the channel's (a team server's caller) is refused before anything runs.
      const beforeForbidden = await l.dump();
      const forbidden = await l.router.call(
        'transactions.adjust',
        { clientId, direction: 'in', credits: 1, reason: 'x' },
        {
          actor: 'clerk',
          role: 'clerk',
        },
      );
      expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
      expect(await l.dump()).toBe(beforeForbidden);

      // Every code of the closed list was exercised above or in the switch check; UNAUTHENTICATED
      // belongs to the team server's door and FOUR_EYES_REQUIRED to the four-eyes rule (tests/auth).
      const seen = new Set([
        ...refusals.map(([, , code]) => code),
        'CREDIT_PAYMENTS_DISABLED',
        'INVOICE_NOT_PAYABLE',
        'FORBIDDEN',
        'UNAUTHENTICATED',
        'FOUR_EYES_REQUIRED',
      ]);
      expect([...ERROR_CODES].filter((code) => !seen.has(code))).toEqual([]);
      await l.ok('invoices.void', { invoiceId: invoice.id });
      const voided = await l.dump();
      await l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'INVOICE_NOT_PAYABLE');
      expect(await l.dump()).toBe(voided);

      expect(before.length).toBeGreaterThan(1000);
      expect((await l.ok('requests.list', { status: 'pending' })).items.map((r) => r.id)).toEqual([pending.id]);
      expect(await balanceOf(l, clientId)).toBe(40);
    });
  });

  describe('clients (F12)', () => {
    it('need only a name; email and company are optional; the balance starts at zero', async () => {
      expect(await l.ok('clients.create', { name: '  Walk-in  ' })).toMatchObject({
        name: 'Walk-in',
        email: null,
        company: null,
        balance: 0,
      });
      const full = await l.ok('clients.create', { name: 'Amelia', email: 'a@northwind.example', company: 'Northwind' });
      expect(await l.ok('clients.get', { clientId: full.id })).toEqual(full);
      expect(await l.ok('clients.update', { clientId: full.id, company: '', email: null })).toMatchObject({
        name: 'Amelia',
        company: null,
        email: null,
      });
      await l.refused('clients.get', { clientId: 999 }, 'NOT_FOUND');
    });

    it('are listed by name with balances, searched by name, email or company, in keyset pages', async () => {
      const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo 50%'];
      for (const name of names) await l.ok('clients.create', { name, company: name === 'Bravo' ? 'Acme' : null });
      await l.ok('transactions.adjust', { clientId: 2, direction: 'in', credits: 7, reason: 'x' });
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Client> = await l.ok('clients.list', { limit: 2, ...(cursor === null ? {} : { cursor }) });
        all.push(...page.items.map((c) => c.name));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(all).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo 50%']);
      expect((await l.ok('clients.list', { query: 'alp' })).items).toMatchObject([{ name: 'Alpha', balance: 7 }]);
      expect((await l.ok('clients.list', { query: 'acme' })).items.map((c) => c.name)).toEqual(['Bravo']);
      expect((await l.ok('clients.list', { query: '50%' })).items.map((c) => c.name)).toEqual(['echo 50%']);
      expect((await l.ok('clients.list', { query: '%' })).items.map((c) => c.name)).toEqual(['echo 50%']);
    });
  });
});
