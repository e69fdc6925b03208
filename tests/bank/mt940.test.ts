/** MT940 on fixtures in the shapes German, Dutch and British banks export. */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../electron/bank/parse';
import { parseMt940Details } from '../../electron/bank/mt940.details';
import { fixture, refusal } from './helpers';

describe('German export: block wrappers, CRLF, Latin-1, two statements, structured :86:', () => {
  const { format, rows } = parseStatement('umsatz.sta', fixture('mt940/mt940-de-latin1.sta'));

  it('reads every :61: of both statements, with the line it starts on', () => {
    expect(format).toBe('mt940');
    expect(rows.map((r) => r.sourceLocation)).toEqual(['line 6', 'line 9', 'line 12', 'line 21', 'line 23', 'line 25']);
    expect(rows.every((r) => r.accountId === '37040044/0532013000' && r.currency === 'EUR')).toBe(true);
  });

  it('reads the entry date, a funds code, the // bank reference and the SEPA subfields', () => {
    expect(rows[0]).toEqual({
      accountId: '37040044/0532013000',
      direction: 'credit',
      reversal: false,
      amount: '250.00',
      currency: 'EUR',
      bookingDate: '2026-03-02',
      valueDate: '2026-03-02',
      bankReference: '8832-00001',
      entryReference: null, // NONREF
      endToEndId: 'E2E-NW-2026-17',
      // ?21 is a full 27 characters, cut mid-word: joined without a space.
      remittance: 'Credit request BANK-0042 prepaid credits',
      payerName: 'Northwind Studio GmbH',
      payerAccount: 'DE44500105175407324931',
      bankId: '8832-00001',
      sourceLocation: 'line 6',
    });
  });

  it('decodes Latin-1 bytes (the file is not UTF-8) and keeps the customer reference', () => {
    expect(rows[1]).toMatchObject({
      direction: 'debit',
      amount: '99.95',
      bookingDate: null,
      valueDate: '2026-03-02',
      entryReference: 'ORDER5521',
      remittance: 'Order 5521 Bürobedarf',
      payerName: 'Office Supplies AG',
    });
  });

  it('RD is a reversed debit (money back in), RC a reversed credit (money out); "5," is 5.00', () => {
    expect(rows[2]).toMatchObject({ direction: 'credit', reversal: true, amount: '250.00' });
    expect(rows[5]).toMatchObject({ direction: 'debit', reversal: true, amount: '5.00', remittance: null });
  });

  it('keeps genuine twins of the second statement as two rows', () => {
    expect(rows[3]).toEqual({ ...rows[4], sourceLocation: 'line 21' });
    expect(rows[3]).toMatchObject({ amount: '1234.50', payerName: 'Müller & Söhne OHG', bankId: null });
  });
});

describe('Dutch export: slash codes, a New Year entry date, an IBAN with a currency suffix', () => {
  const { rows } = parseStatement('mt940.txt', fixture('mt940/mt940-nl.txt'));

  it('reads ING-style /CNTP/ and /REMI/USTD//, and books the entry date in the next year', () => {
    expect(rows[0]).toMatchObject({
      accountId: 'NL91ABNA0417164300',
      amount: '75.00',
      valueDate: '2025-12-31',
      bookingDate: '2026-01-02',
      endToEndId: 'CD-REQ-0077',
      payerName: 'J. de Vries',
      payerAccount: 'NL02ABNA0123456789',
      remittance: 'Credits request CD REQ 0077',
      bankId: '20260102-77',
    });
  });

  it('reads ABN-style /IBAN/ /NAME/ /REMI/ across a line break, and drops EREF NOTPROVIDED', () => {
    expect(rows[1]).toMatchObject({
      direction: 'debit',
      payerName: 'Jan Jansen',
      payerAccount: 'NL20INGB0001234567',
      remittance: 'Terugbetaling',
      endToEndId: null,
    });
  });
});

describe('free text and odd shapes', () => {
  it('joins a free-text :86: over several lines, and reads C with funds code D', () => {
    const { rows } = parseStatement('gb.txt', fixture('mt940/mt940-freetext.txt'));
    expect(rows).toEqual([
      expect.objectContaining({
        accountId: 'GB29NWBK60161331926819',
        direction: 'credit',
        amount: '42.10',
        currency: 'GBP',
        remittance: 'FASTER PAYMENT FROM ACME WIDGETS LTD REF INV 2026 41 THANK YOU',
        entryReference: 'PAYREF123',
      }),
    ]);
  });

  it('books a January value date with a December entry date in the year before', () => {
    const text = ':20:X\n:25:A\n:60F:C251231EUR0,00\n:61:2601021231D3,00NMSCNONREF\n:62F:C260102EUR3,00\n';
    expect(parseStatement('x.sta', Buffer.from(text)).rows[0]).toMatchObject({
      valueDate: '2026-01-02',
      bookingDate: '2025-12-31',
    });
  });

  it('reads ?-subfields with another separator and without SEPA keywords', () => {
    expect(parseMt940Details(['051~00UEBERWEISUNG~20Rechnung 4711~21Kunde 12~32ACME GmbH'])).toEqual({
      remittance: 'Rechnung 4711 Kunde 12',
      payerName: 'ACME GmbH',
      payerAccount: null,
      endToEndId: null,
    });
  });

  it.each([
    ['a :61: before the account', ':20:X\n:60F:C260101EUR0,00\n:61:260101C1,00NTRFNONREF\n', 'line 3', ':25:'],
    ['a :61: before the opening balance', ':20:X\n:25:ACC\n:61:260101C1,00NTRFNONREF\n', 'line 3', ':60F:'],
    ['a :61: with a dot decimal', ':20:X\n:25:A\n:60F:C260101EUR0,00\n:61:260101C1.00NTRFNONREF\n', 'line 4', ':61:'],
    [
      'a :61: with an impossible date',
      ':20:X\n:25:A\n:60F:C260101EUR0,00\n:61:261301C1,00NTRFNONREF\n',
      'line 4',
      'date',
    ],
    ['a bad opening balance', ':20:X\n:25:A\n:60F:X\n', 'line 3', 'opening balance'],
    [
      'too many decimals for the currency',
      ':20:X\n:25:A\n:60F:C260101JPY0,\n:61:260101C1,50NTRFNONREF\n',
      'line 4',
      'JPY',
    ],
  ])('refuses %s, with the line', (_what, text, line, words) => {
    const e = refusal(() => parseStatement('x.sta', Buffer.from(text)));
    expect(e).toMatchObject({ code: 'MALFORMED', format: 'mt940', location: line });
    expect(e.message).toContain(words);
  });
});
