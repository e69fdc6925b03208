/** Format detection: content first, the file name only when the content does not tell. */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../electron/bank/detect';
import { parseStatement } from '../../electron/bank/parse';
import { fixture } from './helpers';

describe('detectFormat', () => {
  it.each([
    ['camt/camt053-v02-batch.xml', 'download.txt', 'camt.053'],
    ['camt/camt053-v08-prefixed.xml', 'noextension', 'camt.053'],
    ['camt/camt054-v04.xml', 'n.xml', 'camt.054'],
    ['mt940/mt940-de-latin1.sta', 'export.csv', 'mt940'],
    ['mt940/mt940-nl.txt', 'x.txt', 'mt940'],
    ['ofx/ofx1-sgml-two-accounts.ofx', 'x.txt', 'ofx'],
    ['ofx/ofx2-xml.qfx', 'x.xml', 'ofx'],
    ['csv/csv-de-semicolon.csv', 'umsatz.csv', 'csv'],
    ['csv/csv-us-credit-debit.csv', 'no-extension', 'csv'],
  ])('%s named %s is %s', (path, name, format) => {
    expect(detectFormat(name, fixture(path))).toBe(format);
  });

  it('uses the name when the content is ambiguous', () => {
    expect(detectFormat('a.sta', Buffer.from('garbage'))).toBe('mt940');
    expect(detectFormat('a.QFX', Buffer.from('garbage'))).toBe('ofx');
    expect(detectFormat('a.csv', Buffer.from('one column only'))).toBe('csv');
    expect(detectFormat('a.dat', Buffer.from('one column only'))).toBeNull();
  });

  it('sniffs UTF-16 content', () => {
    const text = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.13"/>';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(detectFormat('x', bytes)).toBe('camt.053');
  });

  it('does not take other XML for a statement', () => {
    expect(detectFormat('x.xml', Buffer.from('<?xml version="1.0"?><html/>'))).toBeNull();
  });
});

describe('the accounts a file covers', () => {
  it.each([
    ['camt/camt053-v02-batch.xml', [{ accountId: 'DE89370400440532013000', currency: 'EUR' }]],
    ['camt/camt054-v04.xml', [{ accountId: 'LV80BANK0000435195001', currency: 'EUR' }]],
    ['mt940/mt940-de-latin1.sta', [{ accountId: '37040044/0532013000', currency: 'EUR' }]],
    [
      'ofx/ofx1-sgml-two-accounts.ofx',
      [
        { accountId: '121000248/000111222', currency: 'USD' },
        { accountId: '121000248/000333444', currency: 'USD' },
        { accountId: '4111XXXXXXXX1111', currency: 'USD' },
      ],
    ],
  ])('%s', (path, accounts) => {
    expect(parseStatement(path, fixture(path)).accounts).toEqual(accounts);
  });
});
