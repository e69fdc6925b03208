/** The import key: the bank's id when there is one, else a content hash; occurrence numbers for twins. */
import { describe, expect, it } from 'vitest';
import { baseImportKey, importKeys } from '../../electron/bank/import-key';
import { parseStatement } from '../../electron/bank/parse';
import type { BankRow } from '../../electron/bank/types';
import { fixture } from './helpers';

const row: BankRow = {
  accountId: 'DE89370400440532013000',
  direction: 'credit',
  reversal: false,
  amount: '10.00',
  currency: 'EUR',
  bookingDate: '2026-03-02',
  valueDate: '2026-03-03',
  bankReference: null,
  entryReference: null,
  endToEndId: null,
  remittance: 'Invoice 7',
  payerName: 'Contoso',
  payerAccount: 'DE44500105175407324931',
  bankId: null,
  sourceLocation: 'line 1',
};

describe('baseImportKey', () => {
  it('uses account + the bank id when there is one', () => {
    expect(baseImportKey({ ...row, bankId: ' TX-1 ' })).toEqual({
      key: 'DE89370400440532013000|id|TX-1',
      basis: 'bank_id',
    });
  });

  it('hashes account, date, signed amount, currency, counterparty and remittance otherwise', () => {
    const base = baseImportKey(row);
    expect(base.basis).toBe('hash');
    expect(base.key).toMatch(/^DE89370400440532013000\|sha256\|[0-9a-f]{64}$/);
    // Where a row was found, and how its text was spaced, are not part of what it is.
    expect(baseImportKey({ ...row, sourceLocation: 'line 99', remittance: ' Invoice   7 ' }).key).toBe(base.key);
    for (const change of [
      { accountId: 'OTHER' },
      { bookingDate: '2026-03-04' },
      { direction: 'debit' as const },
      { amount: '10.01' },
      { currency: 'USD' },
      { payerName: 'Fabrikam' },
      { payerAccount: null },
      { remittance: 'Invoice 8' },
    ]) {
      expect(baseImportKey({ ...row, ...change }).key).not.toBe(base.key);
    }
  });

  it('falls back to the value date when there is no booking date', () => {
    expect(baseImportKey({ ...row, bookingDate: null }).key).toBe(
      baseImportKey({ ...row, bookingDate: '2026-03-03', valueDate: null }).key,
    );
  });
});

describe('importKeys', () => {
  it('numbers genuine twins within one file, and gives a re-read of the file the same keys', () => {
    const { rows } = parseStatement('umsatz.sta', fixture('mt940/mt940-de-latin1.sta'));
    const keys = importKeys(rows);
    expect(keys.map((k) => k.occurrence)).toEqual([1, 1, 1, 1, 2, 1]);
    expect(keys[3]!.key).toBe(keys[4]!.key);
    expect(keys[3]!.basis).toBe('hash');
    expect(importKeys(parseStatement('again.sta', fixture('mt940/mt940-de-latin1.sta')).rows)).toEqual(keys);
  });

  it('prefers the transaction-level AcctSvcrRef, then entry-level (+ detail position), then NtryRef', () => {
    const { rows } = parseStatement('s.xml', fixture('camt/camt053-v02-batch.xml'));
    expect(importKeys(rows).map((k) => k.key.split('|').slice(1).join('|'))).toEqual([
      'id|TX-REF-0001',
      'id|BATCH-7781#1',
      'id|BATCH-7781#2',
      'id|BATCH-7781#3',
      'id|DEBIT-5521',
      'id|RETURN-0099',
      'id|NR-555',
    ]);
  });
});
