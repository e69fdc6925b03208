/**
 * `bank.csvPreview` through the router on SQLite: the first rows of a CSV file as the import
 * would read them, with a guessed mapping, the account's saved one, or one being edited; an
 * unreadable file refused on `content`; and nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../electron/bank/csv.mapping';
import { fixture } from './helpers';
import { sqliteLedger, type EngineLedger } from './engines';

const US_FILE = fixture('csv/csv-us-credit-debit.csv').toString('base64');

/** The US fixture read with a mapping that differs from the guess: it takes amounts from "Debit" only. */
const SAVED: CsvMapping = {
  accountId: 'US-CHK-1',
  delimiter: ',',
  headerRows: 1,
  decimalSeparator: '.',
  thousandsSeparator: ',',
  dateFormat: 'MM/DD/YYYY',
  fixedCurrency: 'USD',
  columns: { bookingDate: 'Date', debit: 'Debit', reference: 'Transaction ID', payerName: 'Payer' },
};

/** Every table the preview could touch, counted. */
async function counts(l: EngineLedger) {
  const mappings = await l.db.get(
    l.db.k.selectFrom('bank_csv_mappings').select((e) => e.fn.countAll<number>().as('n')),
  );
  return {
    imports: await l.count('bank_imports'),
    transactions: await l.count('bank_transactions'),
    entries: await l.count('ledger_entries'),
    mappings: Number(mappings!.n),
  };
}

describe('bank.csvPreview on SQLite', () => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await sqliteLedger();
  });
  afterEach(async () => {
    await l.close();
  });

  it('guesses a mapping when the account has none and shows the rows it reads', async () => {
    const preview = await l.ok('bank.csvPreview', { content: US_FILE, csvAccountId: 'US-CHK-1' });
    expect(preview.source).toBe('guessed');
    expect(preview.mapping).toMatchObject({ accountId: 'US-CHK-1', delimiter: ',', dateFormat: 'MM/DD/YYYY' });
    expect(preview.problem).toBeNull();
    expect(preview.rows.length).toBeGreaterThan(1);
    expect(preview.rows.length).toBeLessThanOrEqual(20);
    expect(preview.rows[0]).toMatchObject({ direction: 'credit', amount: '1250.00', sourceLocation: 'line 2' });
  });

  it("reads with the account's saved mapping, which wins over the guess", async () => {
    await l.ok('bank.csvMappings.save', { mapping: SAVED, idempotencyKey: 'save-us-1' });
    const preview = await l.ok('bank.csvPreview', { content: US_FILE, csvAccountId: 'US-CHK-1' });
    expect(preview.source).toBe('saved');
    expect(preview.mapping).toMatchObject({ fixedCurrency: 'USD', columns: { debit: 'Debit' } });
    expect(preview.rows.every((r) => r.currency === 'USD')).toBe(true);
  });

  it('reads with the mapping being edited, and says what is missing from an incomplete one', async () => {
    const edited = await l.ok('bank.csvPreview', {
      content: US_FILE,
      mapping: { ...SAVED, fixedCurrency: 'EUR' },
    });
    expect(edited.source).toBe('given');
    expect(edited.rows.every((r) => r.currency === 'EUR')).toBe(true);
    const incomplete = await l.ok('bank.csvPreview', {
      content: US_FILE,
      mapping: { ...SAVED, fixedCurrency: null, columns: { bookingDate: 'Date', amount: 'Credit' } },
    });
    expect(incomplete.rows).toEqual([]);
    expect(incomplete.problem).toEqual(expect.any(String));
  });

  it('refuses an unreadable file naming content, and a stray field naming it', async () => {
    const junk = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x50, 0x4b, 0x03, 0x04, 0x00]).toString('base64');
    const error = await l.refused('bank.csvPreview', { content: junk }, 'VALIDATION_ERROR');
    expect(error.details).toMatchObject({ field: 'content' });
    const stray = await l.refused('bank.csvPreview', { content: US_FILE, sheet: 1 }, 'VALIDATION_ERROR');
    expect(JSON.stringify(stray)).toContain('sheet');
  });

  it('writes nothing', async () => {
    await l.ok('bank.csvMappings.save', { mapping: SAVED, idempotencyKey: 'save-us-2' });
    const before = await counts(l);
    await l.ok('bank.csvPreview', { content: US_FILE, csvAccountId: 'US-CHK-1' });
    await l.ok('bank.csvPreview', { content: US_FILE });
    await l.call('bank.csvPreview', { content: 'AAAA' });
    expect(await counts(l)).toEqual(before);
  });
});
