/**
 * The import key that makes re-importing a statement add nothing (PRODUCT F15): the account plus
 * the bank's own id for the transaction when the file has one, else a SHA-256 of what describes
 * it (account, date, signed amount, currency, counterparty, remittance). Two rows of one file
 * with the same key are genuine twins (two equal transfers on one day with no bank id): the
 * occurrence number (1, 2, …, in file order) keeps both, and an overlapping statement holding
 * the same twins produces the same keys and occurrences, so neither is imported twice.
 */
import { createHash } from 'node:crypto';
import type { BankRow } from './types';

/** A row's identity for de-duplication. */
export interface ImportKey {
  /** "<account>|id|<bank id>" or "<account>|sha256|<hex>". */
  key: string;
  /** 1 for the first row with this key in the file, 2 for its twin, … */
  occurrence: number;
  /** Whether the key rests on the bank's own id or on a hash of the row's content. */
  basis: 'bank_id' | 'hash';
}

function norm(s: string | null): string {
  return s === null ? '' : s.replace(/\s+/g, ' ').trim();
}

/** The key of one row, without its occurrence number. */
export function baseImportKey(row: BankRow): Pick<ImportKey, 'key' | 'basis'> {
  if (row.bankId !== null && row.bankId.trim() !== '') {
    return { key: `${row.accountId}|id|${row.bankId.trim()}`, basis: 'bank_id' };
  }
  const described = JSON.stringify([
    row.accountId,
    row.bookingDate ?? row.valueDate ?? '',
    `${row.direction === 'debit' ? '-' : ''}${row.amount}`,
    row.currency,
    `${norm(row.payerName)}|${norm(row.payerAccount)}`,
    norm(row.remittance),
  ]);
  return { key: `${row.accountId}|sha256|${createHash('sha256').update(described).digest('hex')}`, basis: 'hash' };
}

/** Keys for every row of one file, in order, with occurrence numbers for twins. */
export function importKeys(rows: readonly BankRow[]): ImportKey[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = baseImportKey(row);
    const occurrence = (seen.get(base.key) ?? 0) + 1;
    seen.set(base.key, occurrence);
    return { ...base, occurrence };
  });
}
