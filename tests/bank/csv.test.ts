/** CSV: the column mapping, the preview and the guess, on exports shaped like German and US banks'. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../electron/bank/parse';
import { guessCsvMapping, previewCsv } from '../../electron/bank/csv.guess';
import { checkCsvMapping, csvDate, type CsvMapping } from '../../electron/bank/csv.mapping';
import { tokenizeCsv } from '../../electron/bank/csv.tokenize';
import { fixture, refusal } from './helpers';

const GERMAN: CsvMapping = {
  accountId: 'DE89370400440532013000',
  delimiter: ';',
  headerRows: 3,
  decimalSeparator: ',',
  thousandsSeparator: '.',
  dateFormat: 'DD.MM.YYYY',
  columns: {
    bookingDate: 'Buchungstag',
    valueDate: 'valuta', // header names match case-insensitively
    payerName: 'Auftraggeber',
    payerAccount: 'IBAN',
    remittance: 'Verwendungszweck',
    amount: 'Betrag',
    currency: 'Währung',
  },
};

const US: CsvMapping = {
  accountId: 'US-CHK-1',
  delimiter: ',',
  headerRows: 1,
  decimalSeparator: '.',
  thousandsSeparator: ',',
  dateFormat: 'MM/DD/YYYY',
  columns: { transactionId: 0, bookingDate: 1, remittance: 2, payerName: 3, credit: 4, debit: 5, currency: 6 },
};

describe('a German export: BOM, ";", lines before the header, decimal comma, a quoted newline', () => {
  const { format, rows } = parseStatement('umsaetze.csv', fixture('csv/csv-de-semicolon.csv'), { csvMapping: GERMAN });

  it('reads every row with the line it starts on, skipping blank lines at the end', () => {
    expect(format).toBe('csv');
    expect(rows.map((r) => [r.sourceLocation, r.direction, r.amount, r.bookingDate, r.valueDate])).toEqual([
      ['line 5', 'credit', '1250.00', '2026-03-02', '2026-03-02'],
      ['line 6', 'debit', '99.95', '2026-03-02', '2026-03-03'],
      ['line 8', 'credit', '0.50', '2026-03-03', null],
    ]);
  });

  it('reads names, accounts without spaces, and remittance with an embedded newline and quotes', () => {
    expect(rows[0]).toMatchObject({
      accountId: 'DE89370400440532013000',
      payerName: 'Northwind Studio GmbH',
      payerAccount: 'DE44500105175407324931',
      remittance: 'Credit request BANK-0042',
      currency: 'EUR',
      bankId: null,
    });
    expect(rows[1]!.remittance).toBe('Order 5521 Büromaterial "express"');
    expect(rows[2]!.remittance).toBe('Rechnung; 77');
  });
});

describe('a US export: credit and debit columns, quoted thousands, transaction ids', () => {
  const { rows } = parseStatement('activity.csv', fixture('csv/csv-us-credit-debit.csv'), { csvMapping: US });

  it('takes the direction from the column, whatever the debit column sign', () => {
    expect(rows.map((r) => [r.bankId, r.direction, r.amount, r.bookingDate])).toEqual([
      ['T-1001', 'credit', '1250.00', '2026-04-02'],
      ['T-1002', 'debit', '42.10', '2026-04-03'],
      ['T-1003', 'credit', '0.10', '2026-04-13'],
      ['T-1004', 'debit', '2.50', '2026-04-14'],
    ]);
  });
});

describe('guessing a mapping and previewing', () => {
  it('guesses the German mapping from the file', () => {
    const text = fixture('csv/csv-de-semicolon.csv')
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    expect(guessCsvMapping(text, 'DE89370400440532013000')).toEqual({
      ...GERMAN,
      fixedCurrency: null,
      columns: {
        bookingDate: 0,
        valueDate: 1,
        amount: 5,
        credit: null,
        debit: null,
        currency: 6,
        reference: null,
        transactionId: null,
        payerName: 2,
        payerAccount: 3,
        remittance: 4,
      },
    });
  });

  it('guesses the US layout: ",", MM/DD/YYYY (a day above 12 settles it), thousands ","', () => {
    const preview = previewCsv(fixture('csv/csv-us-credit-debit.csv'), null, { accountId: 'US-CHK-1', limit: 2 });
    expect(preview.guessed).toMatchObject({
      delimiter: ',',
      headerRows: 1,
      decimalSeparator: '.',
      thousandsSeparator: ',',
      dateFormat: 'MM/DD/YYYY',
      columns: {
        transactionId: 0,
        bookingDate: 1,
        remittance: 2,
        payerName: 3,
        credit: 4,
        debit: 5,
        currency: 6,
        amount: null,
      },
    });
    expect(preview.header).toEqual(['Transaction ID', 'Date', 'Description', 'Payer', 'Credit', 'Debit', 'Currency']);
    expect(preview.sample).toHaveLength(3);
    expect(preview.rows.map((r) => r.amount)).toEqual(['1250.00', '42.10']);
    expect(preview.problem).toBeNull();
  });

  it('says what is missing when the file has no currency column, and reads rows once one is given', () => {
    const bytes = Buffer.from('Date,Amount,Details\n2026-01-05,10.00,CD-1\n2026-01-06,-3.00,fee\n');
    const first = previewCsv(bytes);
    expect(first.rows).toEqual([]);
    expect(first.problem).toContain('fixedCurrency');
    const second = previewCsv(bytes, { ...first.guessed, accountId: 'A', fixedCurrency: 'EUR' });
    expect(second.rows.map((r) => [r.direction, r.amount, r.currency, r.remittance])).toEqual([
      ['credit', '10.00', 'EUR', 'CD-1'],
      ['debit', '3.00', 'EUR', 'fee'],
    ]);
  });

  it('lists lines that cannot be read instead of failing the preview', () => {
    const bytes = Buffer.from('Date;Amount\n01.02.2026;5,00\nyesterday;1,00\n');
    const preview = previewCsv(bytes, {
      ...US,
      delimiter: ';',
      decimalSeparator: ',',
      thousandsSeparator: '',
      dateFormat: 'DD.MM.YYYY',
      fixedCurrency: 'EUR',
      columns: { bookingDate: 0, amount: 1 },
    });
    expect(preview.rows).toHaveLength(1);
    expect(preview.errors).toEqual([{ line: 3, message: '"yesterday" is not a DD.MM.YYYY date' }]);
  });
});

describe('encodings', () => {
  it('reads UTF-16LE with a BOM (Excel\'s "Unicode text"), tab-separated', () => {
    const text = 'Datum\tBetrag\tName\n02.03.2026\t12,50\tJürgen Groß\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const mapping: CsvMapping = {
      ...GERMAN,
      delimiter: '\t',
      headerRows: 1,
      fixedCurrency: 'EUR',
      columns: { bookingDate: 0, amount: 1, payerName: 2 },
    };
    const { rows } = parseStatement('u.txt', bytes, { csvMapping: mapping });
    expect(rows[0]).toMatchObject({ amount: '12.50', payerName: 'Jürgen Groß' });
  });

  it('reads Windows-1252 bytes when the file is not valid UTF-8', () => {
    const bytes = Buffer.from('Datum;Betrag;Name\n02.03.2026;1;M\xfcller \x80\n', 'latin1');
    const mapping: CsvMapping = {
      ...GERMAN,
      headerRows: 1,
      fixedCurrency: 'EUR',
      columns: { bookingDate: 0, amount: 1, payerName: 2 },
    };
    expect(parseStatement('l.csv', bytes, { csvMapping: mapping }).rows[0]!.payerName).toBe('Müller €');
  });
});

describe('refusals', () => {
  it('asks for a mapping before reading a CSV file', () => {
    expect(refusal(() => parseStatement('x.csv', fixture('csv/csv-us-credit-debit.csv'))).code).toBe(
      'CSV_MAPPING_REQUIRED',
    );
  });

  it('names the first bad line and how many more there are', () => {
    const bytes = Buffer.from('Date,Amount\n2026-01-01,1.00\n2026-01-02,abc\n2026-13-01,1.00\n');
    const mapping: CsvMapping = {
      ...US,
      fixedCurrency: 'USD',
      dateFormat: 'YYYY-MM-DD',
      columns: { bookingDate: 0, amount: 1 },
    };
    const e = refusal(() => parseStatement('x.csv', bytes, { csvMapping: mapping }));
    expect(e).toMatchObject({ code: 'MALFORMED', format: 'csv', location: 'line 3' });
    expect(e.message).toContain('"abc" is not an amount');
    expect(e.message).toContain('1 more');
  });

  it('refuses an unterminated quote at the line it opened (a truncated file)', () => {
    const e = refusal(() => tokenizeCsv('a,b\n1,"open\nstill open', ','));
    expect(e).toMatchObject({ code: 'MALFORMED', location: 'line 2' });
  });

  it.each([
    [{ accountId: ' ' }, 'accountId'],
    [{ delimiter: ';;' }, 'delimiter'],
    [{ headerRows: -1 }, 'headerRows'],
    [{ thousandsSeparator: '.', decimalSeparator: '.' }, 'thousandsSeparator'],
    [{ dateFormat: 'D/M/Y' }, 'dateFormat'],
    [{ columns: { bookingDate: 0 } }, 'columns'],
    [{ columns: { bookingDate: 0, amount: 1, credit: 2 } }, 'columns'],
    [{ columns: { bookingDate: 0, amount: 1 }, fixedCurrency: 'EURO' }, 'fixedCurrency'],
  ])('refuses the mapping %j naming %s', (change, field) => {
    const e = refusal(() => checkCsvMapping({ ...US, ...change } as CsvMapping));
    expect(e.code).toBe('CSV_MAPPING_INVALID');
    expect(e.message.startsWith(field)).toBe(true);
  });

  it('refuses a column name the header does not have', () => {
    const e = refusal(() =>
      parseStatement('x.csv', fixture('csv/csv-de-semicolon.csv'), {
        csvMapping: { ...GERMAN, columns: { ...GERMAN.columns, amount: 'Umsatz' } },
      }),
    );
    expect(e.code).toBe('CSV_MAPPING_INVALID');
    expect(e.message).toContain('"Umsatz"');
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-02', 'YYYY-MM-DD', '2026-03-02'],
    ['2.3.2026', 'DD.MM.YYYY', '2026-03-02'],
    ['02/03/2026', 'DD/MM/YYYY', '2026-03-02'],
    ['03/02/2026', 'MM/DD/YYYY', '2026-03-02'],
    ['02-03-2026', 'DD-MM-YYYY', '2026-03-02'],
    ['20260302', 'YYYYMMDD', '2026-03-02'],
    ['02.03.26', 'DD.MM.YY', '2026-03-02'],
    ['2026-03-02 14:00:00', 'YYYY-MM-DD', '2026-03-02'],
    ['13/13/2026', 'MM/DD/YYYY', null],
    ['2026-03-02', 'DD.MM.YYYY', null],
  ] as const)('%s as %s → %s', (raw, format, expected) => {
    expect(csvDate(raw, format)).toBe(expected);
  });
});

describe('tokenizer', () => {
  // Any text a bank may put in a cell: delimiters, quotes, CR, LF, CRLF, accents.
  const cell = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', ';', ',', '"', '\n', '\r\n', 'ü', '1', '\t'),
    maxLength: 12,
  });

  it('reads back every field a writer quoted, embedded newlines and quotes included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (table) => {
        const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
        const text = table.map((r) => r.map(quote).join(';')).join('\r\n');
        expect(tokenizeCsv(text, ';').map((r) => r.fields)).toEqual(table);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it("counts a record's line from where it starts, after fields spanning lines", () => {
    const records = tokenizeCsv('a;"x\ny\nz"\nb;c\n\nd;e', ';');
    expect(records.map((r) => [r.fields[0], r.line])).toEqual([
      ['a', 1],
      ['b', 4],
      ['d', 6],
    ]);
  });
});
