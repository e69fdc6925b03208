/**
 * Hostile and broken files: each is refused with a StatementError saying why (and where, when
 * there is a where), never a crash, never an entity resolved, never a huge file decoded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../electron/bank/parse';
import { StatementError } from '../../electron/bank/errors';
import { MAX_STATEMENT_BYTES } from '../../electron/bank/text';
import { camtDocument, fixture, refusal } from './helpers';

describe('XML attacks', () => {
  it('refuses a billion-laughs entity bomb before any expansion', () => {
    const e = refusal(() => parseStatement('bomb.xml', fixture('hostile/billion-laughs.xml')));
    expect(e).toMatchObject({ code: 'UNSAFE_XML', location: 'line 2', format: 'camt.053' });
  });

  it('refuses external entities (XXE), in any case and wherever the DOCTYPE is', () => {
    expect(refusal(() => parseStatement('x.xml', fixture('hostile/xxe.xml')))).toMatchObject({
      code: 'UNSAFE_XML',
      location: 'line 3',
    });
    expect(refusal(() => parseStatement('x.xml', fixture('hostile/xxe-parameter.xml'))).code).toBe('UNSAFE_XML');
  });

  it('refuses a DOCTYPE or entity declaration in an OFX file too (2.x XML or 1.x SGML), expanding nothing', () => {
    const ofx2 = fixture('ofx/ofx2-xml.qfx')
      .toString('utf8')
      .replace('<OFX>', '<!DOCTYPE OFX [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<OFX>');
    expect(refusal(() => parseStatement('x.qfx', Buffer.from(ofx2)))).toMatchObject({
      code: 'UNSAFE_XML',
      format: 'ofx',
      location: expect.stringMatching(/^line \d+$/) as string,
    });
    const ofx1 = fixture('ofx/ofx1-sgml-two-accounts.ofx')
      .toString('latin1')
      .replace('<OFX>', '<!ENTITY lol "lol"><OFX>');
    expect(refusal(() => parseStatement('x.ofx', Buffer.from(ofx1, 'latin1'))).code).toBe('UNSAFE_XML');
  });

  it('refuses a DOCTYPE hidden in a UTF-16 file', () => {
    const text = fixture('hostile/xxe.xml').toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(refusal(() => parseStatement('x.xml', bytes)).code).toBe('UNSAFE_XML');
  });

  it('leaves an undeclared entity reference as literal text, never expanding it', () => {
    const xml = camtDocument(
      '053',
      '02',
      '<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlNtryInf>&lol9; &amp;#65;</AddtlNtryInf></Ntry>',
    );
    expect(parseStatement('x.xml', Buffer.from(xml)).rows[0]!.remittance).toBe('&lol9; &#65;');
  });

  it('refuses absurdly deep nesting with an error, not a stack overflow', () => {
    const deep = '<a>'.repeat(20_000) + '</a>'.repeat(20_000);
    const xml = camtDocument('053', '02', '').replace('<Id>S</Id>', `<Id>S</Id>${deep}`);
    const e = refusal(() => parseStatement('deep.xml', Buffer.from(xml)));
    expect(e.format).toBe('camt.053');
  });
});

describe('other formats nested or repeated absurdly', () => {
  it('refuses an OFX file nested a million aggregates deep with an error, not a crash', () => {
    const text = `OFXHEADER:100\n\n<OFX>${'<STMTRS>'.repeat(1_000_000)}</OFX>`;
    expect(refusal(() => parseStatement('deep.ofx', Buffer.from(text))).format).toBe('ofx');
  });

  it('reads a CSV line of 200,000 stray quotes and a row of 100,000 columns in linear time', () => {
    const mapping = {
      accountId: 'A',
      delimiter: ';',
      headerRows: 0,
      decimalSeparator: '.' as const,
      thousandsSeparator: '' as const,
      dateFormat: 'YYYY-MM-DD' as const,
      fixedCurrency: 'EUR',
      columns: { bookingDate: 0, amount: 1, remittance: 2 },
    };
    const text = `2026-01-01;1.00;x${'"'.repeat(200_000)}\n2026-01-02;2.00;${';'.repeat(100_000)}\n`;
    const { rows } = parseStatement('x.csv', Buffer.from(text), { csvMapping: mapping });
    expect(rows.map((r) => r.amount)).toEqual(['1.00', '2.00']);
    expect(rows[0]!.remittance!.length).toBe(200_001);
  });

  it('reads an MT940 :86: of a thousand continuation lines as one field', () => {
    const text = `:20:X\n:25:A\n:60F:C260101EUR0,00\n:61:260101C1,00NTRFNONREF\n:86:${'x'.repeat(65)}\n${'y\n'.repeat(1000)}:62F:C260101EUR1,00\n`;
    expect(parseStatement('x.sta', Buffer.from(text)).rows[0]!.remittance!.length).toBeGreaterThan(1000);
  });
});

describe('size', () => {
  it('refuses a 200 MB file before decoding it, with the heap staying small', () => {
    // Uninitialised memory is enough: the size is checked before a byte is read.
    const big = Buffer.allocUnsafeSlow(200 * 1024 * 1024);
    big.write('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">');
    const before = process.memoryUsage().heapUsed;
    const e = refusal(() => parseStatement('huge.xml', big));
    const grown = process.memoryUsage().heapUsed - before;
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toContain('200 MB');
    // Decoding it would have put 200+ MB of string on the heap.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses one byte over the limit and an empty file', () => {
    expect(refusal(() => parseStatement('x.csv', Buffer.allocUnsafeSlow(MAX_STATEMENT_BYTES + 1))).code).toBe(
      'TOO_LARGE',
    );
    expect(refusal(() => parseStatement('x.csv', Buffer.alloc(0))).code).toBe('EMPTY');
  });
});

describe('binary and unknown files', () => {
  // A fixed pseudo-random sequence: the same junk on every run.
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 1103515245 + 12345) % 251));

  it.each([
    ['random bytes', junk, 'binary'],
    ['a ZIP archive', Buffer.from('PK\x03\x04rest-of-zip', 'latin1'), 'ZIP'],
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'PDF'],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), 'gzip'],
    ['an old Excel file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'Excel'],
    ['NUL bytes', Buffer.from(':20:X\n\0\0\0'), 'NUL'],
  ])('refuses %s as BINARY', (_what, bytes, words) => {
    const e = refusal(() => parseStatement('statement.xml', bytes));
    expect(e.code).toBe('BINARY');
    expect(e.message).toContain(words);
  });

  it.each([
    ['plain text', 'Dear customer, your statement is attached.'],
    ['a camt.052 report', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"/>'],
    ['a payment order (pain.001)', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>'],
    ['only spaces', '   \n  '],
  ])('refuses %s as UNKNOWN_FORMAT', (_what, text) => {
    expect(refusal(() => parseStatement('statement.dat', Buffer.from(text))).code).toBe('UNKNOWN_FORMAT');
  });
});

describe('encodings', () => {
  it('refuses Latin-1 bytes in a file that declares UTF-8, naming the line', () => {
    const utf8 = Buffer.from(
      camtDocument(
        '053',
        '02',
        '<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlNtryInf>Müller</AddtlNtryInf></Ntry>',
      ),
    );
    const at = utf8.indexOf(Buffer.from('ü'));
    // "ü" as the single Latin-1 byte 0xFC instead of UTF-8's C3 BC.
    const bytes = Buffer.concat([utf8.subarray(0, at), Buffer.from([0xfc]), utf8.subarray(at + 2)]);
    const e = refusal(() => parseStatement('x.xml', bytes));
    expect(e.code).toBe('ENCODING');
    expect(e.location).toBe('line 5');
    expect(e.message).toContain('UTF-8');
  });

  it('reads the same bytes when the file declares ISO-8859-1', () => {
    const text = camtDocument(
      '053',
      '02',
      '<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlNtryInf>Müller</AddtlNtryInf></Ntry>',
    ).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(parseStatement('x.xml', Buffer.from(text, 'latin1')).rows[0]!.remittance).toBe('Müller');
  });

  it('reads UTF-16 (LE and BE, with a BOM) and UTF-8 with a BOM', () => {
    const text = camtDocument(
      '054',
      '08',
      '<Ntry><Amt Ccy="EUR">2</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlNtryInf>Ķēķis</AddtlNtryInf></Ntry>',
    );
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const bytes of [le, be, bom8]) expect(parseStatement('x.xml', bytes).rows[0]!.remittance).toBe('Ķēķis');
  });

  it('explains UTF-16 without a byte-order mark', () => {
    const e = refusal(() => parseStatement('x.csv', Buffer.from('Date;Amount\n', 'utf16le')));
    expect(e).toMatchObject({ code: 'BINARY' });
    expect(e.message).toContain('UTF-16');
  });

  it('refuses an encoding it does not know', () => {
    const text = camtDocument('053', '02', '').replace('encoding="UTF-8"', 'encoding="EBCDIC-CP-US"');
    expect(refusal(() => parseStatement('x.xml', Buffer.from(text))).code).toBe('ENCODING');
  });
});

describe('truncated files', () => {
  it('says a cut-off camt file is truncated, with the last line', () => {
    const full = fixture('camt/camt053-v02-batch.xml');
    const e = refusal(() => parseStatement('x.xml', full.subarray(0, Math.floor(full.length * 0.6))));
    expect(e.code).toBe('MALFORMED');
    expect(e.message).toContain('truncated');
    expect(e.location).toMatch(/^line \d+$/);
  });

  it('says a cut-off MT940 or OFX file is truncated', () => {
    const sta = fixture('mt940/mt940-nl.txt');
    expect(refusal(() => parseStatement('x.sta', sta.subarray(0, sta.indexOf(':62F:')))).message).toContain(
      'truncated',
    );
    const ofx = fixture('ofx/ofx2-xml.qfx');
    expect(refusal(() => parseStatement('x.qfx', ofx.subarray(0, ofx.length - 40))).message).toContain('truncated');
  });

  const files = [
    'camt/camt053-v02-batch.xml',
    'camt/camt053-v08-prefixed.xml',
    'camt/camt054-v04.xml',
    'mt940/mt940-de-latin1.sta',
    'mt940/mt940-nl.txt',
    'ofx/ofx1-sgml-two-accounts.ofx',
    'ofx/ofx2-xml.qfx',
  ];

  it.each(files)('%s cut or damaged anywhere: rows or a StatementError, nothing else', (name) => {
    const bytes = fixture(name);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length }),
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (cut, flips) => {
          const damaged = Buffer.from(bytes.subarray(0, cut));
          for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value;
          try {
            parseStatement(name, damaged);
          } catch (e) {
            if (!(e instanceof StatementError)) throw e;
          }
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });
});
