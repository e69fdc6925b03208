/** The error contract: strict inputs naming the field, NOT_FOUND, and "a refused call writes nothing"; F12 clients. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client, Page } from '../../shared/dto';
import { ERROR_CODES, type ErrorCode } from '../../shared/result';
import { openTestLedger, type TestLedger } from '../support/ledger';
import { balanceOf, fundedClient, newClient } from '../support/fixtures';

let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
});
afterEach(() => l.close());

describe('input validation', () => {
  it.each([
    ['clients.create', { name: 'A', nickname: 'x' }],
    ['settings.update', { creditPaymentsEnabled: true, theme: 'dark' }],
    ['rates.set', { currency: 'USD', creditsPerUnit: '10', effectiveFrom: '2026-01-01' }],
    ['transactions.list', { clientId: 1, offset: 10 }],
    ['ledger.verify', { deep: true }],
  ])('%s refuses an unknown field and names it', (channel, input) => {
    if (channel === 'transactions.list') newClient(l);
    const unknown = Object.keys(input).at(-1)!;
    const error = l.refused(channel, input, 'VALIDATION_ERROR');
    expect(error.details?.field).toBe(unknown);
    expect(error.message).toContain(unknown);
  });

  it('names the offending field and writes for people, not programmers', () => {
    const error = l.refused('clients.create', { name: 'A', email: 'not-an-email' }, 'VALIDATION_ERROR');
    expect(error.details?.field).toBe('email');
    expect(error.message).not.toMatch(/zod|invalid_type|undefined|\[object/i);
    expect(l.refused('clients.create', {}, 'VALIDATION_ERROR').details?.field).toBe('name');
    expect(l.refused('clients.get', { clientId: 0 }, 'VALIDATION_ERROR').details?.field).toBe('clientId');
    expect(l.refused('clients.get', { clientId: '1' }, 'VALIDATION_ERROR').details?.field).toBe('clientId');
    expect(l.refused('clients.create', 'Alice', 'VALIDATION_ERROR').details?.field).toBe('');
  });

  it('an unknown channel is NOT_FOUND', () => {
    expect(l.refused('ledger.drop', {}, 'NOT_FOUND').details?.channel).toBe('ledger.drop');
  });
});

describe('a refused call writes nothing', () => {
  it('across every kind of refusal, the database is byte-for-byte the same', () => {
    const { clientId, pkg, service } = fundedClient(l, 40);
    const pending = l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
    const decided = l.ok('requests.submit', { clientId, packageId: pkg.id, method: 'crypto' });
    l.ok('requests.reject', { requestId: decided.id, reason: 'No payment' });
    const invoice = l.ok('invoices.create', { clientId, amount: '100.00', currency: 'USD' });
    const archived = l.ok('packages.create', { name: 'Old', credits: 5, currency: 'USD', price: '1.00' });
    l.ok('packages.archive', { packageId: archived.id });
    const eurService = l.ok('services.create', { name: 'EU', price: '1.00', currency: 'EUR' });
    const before = l.dump();

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
    for (const [channel, input, code] of refusals) l.refused(channel, input, code);
    l.ok('settings.update', { creditPaymentsEnabled: false });
    const switchedOff = l.dump();
    l.refused('services.buyWithCredits', { clientId, serviceId: service.id }, 'CREDIT_PAYMENTS_DISABLED');
    expect(l.dump()).toBe(switchedOff);
    l.ok('settings.update', { creditPaymentsEnabled: true });

    // Every code of the closed list was exercised above or in the switch check.
    const seen = new Set([...refusals.map(([, , code]) => code), 'CREDIT_PAYMENTS_DISABLED', 'INVOICE_NOT_PAYABLE']);
    expect([...ERROR_CODES].filter((code) => !seen.has(code))).toEqual([]);
    l.ok('invoices.void', { invoiceId: invoice.id });
    const voided = l.dump();
    l.refused('invoices.payWithCredits', { invoiceId: invoice.id }, 'INVOICE_NOT_PAYABLE');
    expect(l.dump()).toBe(voided);

    expect(before.length).toBeGreaterThan(1000);
    expect(l.ok('requests.list', { status: 'pending' }).items.map((r) => r.id)).toEqual([pending.id]);
    expect(balanceOf(l, clientId)).toBe(40);
  });
});

describe('clients (F12)', () => {
  it('need only a name; email and company are optional; the balance starts at zero', () => {
    expect(l.ok('clients.create', { name: '  Walk-in  ' })).toMatchObject({
      name: 'Walk-in',
      email: null,
      company: null,
      balance: 0,
    });
    const full = l.ok('clients.create', { name: 'Amelia', email: 'a@northwind.example', company: 'Northwind' });
    expect(l.ok('clients.get', { clientId: full.id })).toEqual(full);
    expect(l.ok('clients.update', { clientId: full.id, company: '', email: null })).toMatchObject({
      name: 'Amelia',
      company: null,
      email: null,
    });
    l.refused('clients.get', { clientId: 999 }, 'NOT_FOUND');
  });

  it('are listed by name with balances, searched by name, email or company, in keyset pages', () => {
    const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo 50%'];
    for (const name of names) l.ok('clients.create', { name, company: name === 'Bravo' ? 'Acme' : null });
    l.ok('transactions.adjust', { clientId: 2, direction: 'in', credits: 7, reason: 'x' });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Client> = l.ok('clients.list', { limit: 2, ...(cursor === null ? {} : { cursor }) });
      all.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(all).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo 50%']);
    expect(l.ok('clients.list', { query: 'alp' }).items).toMatchObject([{ name: 'Alpha', balance: 7 }]);
    expect(l.ok('clients.list', { query: 'acme' }).items.map((c) => c.name)).toEqual(['Bravo']);
    expect(l.ok('clients.list', { query: '50%' }).items.map((c) => c.name)).toEqual(['echo 50%']);
    expect(l.ok('clients.list', { query: '%' }).items.map((c) => c.name)).toEqual(['echo 50%']);
  });
});
