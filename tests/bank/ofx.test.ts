/** OFX/QFX 1.x (SGML) and 2.x (XML). */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../electron/bank/parse';
import { importKeys } from '../../electron/bank/import-key';
import { fixture, refusal } from './helpers';

describe('OFX 1.x SGML with unclosed tags, two bank accounts and a credit card', () => {
  const { format, rows } = parseStatement('export.ofx', fixture('ofx/ofx1-sgml-two-accounts.ofx'));

  it('reads every statement with its own account', () => {
    expect(format).toBe('ofx');
    expect(rows.map((r) => [r.accountId, r.direction, r.amount, r.bankId])).toEqual([
      ['121000248/000111222', 'credit', '35.10', '202604020001'],
      ['121000248/000111222', 'debit', '1250.00', '202604030001'],
      ['121000248/000333444', 'credit', '35.10', '202604020001'],
      ['4111XXXXXXXX1111', 'credit', '20.00', 'CC-1'],
    ]);
  });

  it('reads the date in the bank time zone, NAME, MEMO with entities, CHECKNUM', () => {
    expect(rows[0]).toMatchObject({
      bookingDate: '2026-04-02',
      payerName: 'NORTHWIND STUDIO',
      remittance: 'Credits BANK-0042 & thanks',
      currency: 'USD',
      sourceLocation: 'line 40',
    });
    expect(rows[1]!.entryReference).toBe('1043');
  });

  it('the same FITID in two accounts gives two different import keys', () => {
    const keys = importKeys(rows);
    expect(keys[0]!.key).not.toBe(keys[2]!.key);
    expect(keys.every((k) => k.basis === 'bank_id' && k.occurrence === 1)).toBe(true);
  });

  it('reads a whole statement written on one line', () => {
    const oneLine =
      'OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>77' +
      '</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260101<TRNAMT>5.5<FITID>A</STMTTRN>' +
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260102<TRNAMT>-1<FITID>B</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>' +
      '</BANKMSGSRSV1></OFX>';
    const { rows: r } = parseStatement('x.qfx', Buffer.from(oneLine));
    expect(r.map((x) => [x.accountId, x.direction, x.amount])).toEqual([
      ['77', 'credit', '5.50'],
      ['77', 'debit', '1.00'],
    ]);
  });
});

describe('OFX 2.x XML', () => {
  const { rows } = parseStatement('export.qfx', fixture('ofx/ofx2-xml.qfx'));

  it('reads a decimal comma, PAYEE, BANKACCTTO, REFNUM, DTAVAIL and UTF-8 names', () => {
    expect(rows[0]).toEqual({
      accountId: '30004/FR7630004000031234567890143',
      direction: 'credit',
      reversal: false,
      amount: '49.90',
      currency: 'EUR',
      bookingDate: '2026-05-02',
      valueDate: '2026-05-03',
      bankReference: 'FR-0001',
      entryReference: 'VIR-88',
      endToEndId: null,
      remittance: 'Facture F-2026-5 <prepaid>',
      payerName: 'Café Lumière SARL',
      payerAccount: 'FR1420041010050500013M02606',
      bankId: 'FR-0001',
      sourceLocation: 'line 26',
    });
  });

  it('takes <CURRENCY> as the amount currency, and a DELETE correction as a reversal', () => {
    expect(rows[1]).toMatchObject({ currency: 'USD', amount: '100.00', remittance: null });
    expect(rows[2]).toMatchObject({ reversal: true, bankId: 'FR-0003' });
  });
});

describe('OFX refusals', () => {
  it.each([
    ['no TRNAMT', '<TRNTYPE>CREDIT<DTPOSTED>20260101<FITID>A', 'TRNAMT'],
    ['a bad TRNAMT', '<TRNTYPE>CREDIT<DTPOSTED>20260101<TRNAMT>12a<FITID>A', 'TRNAMT'],
    ['a bad date', '<TRNTYPE>CREDIT<DTPOSTED>2026-01-01<TRNAMT>1<FITID>A', 'date'],
  ])('refuses %s, with the line', (_what, trn, words) => {
    const text = `OFXHEADER:100\n\n<OFX>\n<STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>1</BANKACCTFROM>\n<STMTTRN>${trn}</STMTTRN></STMTRS></OFX>`;
    const e = refusal(() => parseStatement('x.ofx', Buffer.from(text)));
    expect(e).toMatchObject({ code: 'MALFORMED', format: 'ofx', location: 'line 5' });
    expect(e.message).toContain(words);
  });

  it('refuses a statement without an account', () => {
    const e = refusal(() =>
      parseStatement('x.ofx', Buffer.from('OFXHEADER:100\n\n<OFX><STMTRS><CURDEF>USD</STMTRS></OFX>')),
    );
    expect(e.message).toContain('ACCTID');
  });
});

describe('OFX encodings', () => {
  const sgml = (name: string) =>
    `OFXHEADER:100\nDATA:OFXSGML\nENCODING:USASCII\nCHARSET:1252\n\n<OFX><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>1` +
    `</BANKACCTFROM><STMTTRN><TRNAMT>1<DTPOSTED>20260101<FITID>F<NAME>${name}</STMTTRN></STMTRS></OFX>`;

  it('reads CHARSET:1252 files in Windows-1252, and UTF-8 text behind the same header as UTF-8', () => {
    const cp1252 = Buffer.from(sgml('Caf\xe9 \x80'), 'latin1');
    expect(parseStatement('a.ofx', cp1252).rows[0]!.payerName).toBe('Café €');
    expect(parseStatement('b.ofx', Buffer.from(sgml('Café €'), 'utf8')).rows[0]!.payerName).toBe('Café €');
  });

  it('holds OFX 2.x to the UTF-8 it declares', () => {
    const text = fixture('ofx/ofx2-xml.qfx').toString('utf8');
    const bytes = Buffer.from(text.replace('Café', 'Caf\xe9'), 'latin1');
    expect(refusal(() => parseStatement('c.qfx', bytes)).code).toBe('ENCODING');
  });
});
