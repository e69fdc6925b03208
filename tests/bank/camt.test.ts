/** camt.053 and camt.054 on fixtures written with the quirks banks produce. */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../electron/bank/parse';
import { camtDocument, fixture, refusal } from './helpers';

describe('camt.053 v.02 with a batch, a debit, a reversal and a pending entry', () => {
  const parsed = parseStatement('statement.xml', fixture('camt/camt053-v02-batch.xml'));
  const rows = parsed.rows;

  it('reports the format and version, and skips the pending entry', () => {
    expect(parsed.format).toBe('camt.053');
    expect(parsed.version).toBe('001.02');
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.accountId === 'DE89370400440532013000')).toBe(true);
  });

  it('reads a single credit: structured reference, transaction-level AcctSvcrRef, end-to-end id, payer', () => {
    expect(rows[0]).toEqual({
      accountId: 'DE89370400440532013000',
      direction: 'credit',
      reversal: false,
      amount: '250.00',
      currency: 'EUR',
      bookingDate: '2026-03-02',
      valueDate: '2026-03-02',
      bankReference: 'TX-REF-0001',
      entryReference: '0001',
      endToEndId: 'E2E-NW-2026-17',
      remittance: 'RF18 5390 0754 7034',
      payerName: 'Northwind Studio GmbH',
      payerAccount: 'DE44500105175407324931',
      bankId: 'TX-REF-0001',
      sourceLocation: 'Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]',
    });
  });

  it('splits a batch entry into one row per transaction detail, each with its own amount', () => {
    const batch = rows.slice(1, 4);
    expect(batch.map((r) => r.amount)).toEqual(['10.00', '20.00', '30.00']);
    expect(batch.map((r) => r.payerName)).toEqual(['Müller & Söhne', 'Contoso Ltd', 'Fabrikam']);
    expect(batch.map((r) => r.remittance)).toEqual(['Credit request BANK-0042', 'Invoice 2026/03/7 thank you', null]);
    // The entry-level reference is shared: the detail's position makes each bank id unique.
    expect(batch.map((r) => r.bankId)).toEqual(['BATCH-7781#1', 'BATCH-7781#2', 'BATCH-7781#3']);
    expect(batch.every((r) => r.bankReference === 'BATCH-7781' && r.valueDate === '2026-03-03')).toBe(true);
    expect(batch[0]!.endToEndId).toBeNull(); // NOTPROVIDED is no id
  });

  it('takes the creditor as the counterparty of a debit', () => {
    expect(rows[4]).toMatchObject({
      direction: 'debit',
      amount: '99.95',
      payerName: 'Office Supplies AG',
      payerAccount: 'CH9300762011623852957',
    });
  });

  it('marks a reversal, and keeps missing dates and details as null', () => {
    expect(rows[5]).toMatchObject({ direction: 'credit', reversal: true, valueDate: null, bankId: 'RETURN-0099' });
    expect(rows[6]).toMatchObject({
      remittance: 'Cash deposit branch 12',
      entryReference: 'NR-555',
      bankReference: null,
      bankId: 'NR-555',
      sourceLocation: 'Stmt[1]/Ntry[5]',
    });
  });
});

describe('camt.053 v.08 with a namespace prefix', () => {
  const { rows, version } = parseStatement('x.xml', fixture('camt/camt053-v08-prefixed.xml'));

  it('reads Sts/Cd, Pty/Nm, DtTm dates, an Othr/Id account and JPY without decimals', () => {
    expect(version).toBe('001.08');
    expect(rows[0]).toMatchObject({
      accountId: '0012-3456789',
      amount: '5000',
      currency: 'JPY',
      bookingDate: null,
      valueDate: '2026-03-31',
      payerName: 'Yamada Taro',
      payerAccount: '9988-776655',
      remittance: 'REQ 77 CD-7781',
      bankId: 'JP-T-1',
    });
  });

  it('falls back to the ultimate debtor, and leaves the bank id null when the file has none', () => {
    expect(rows.slice(1).map((r) => [r.amount, r.payerName, r.bankId])).toEqual([
      ['700', 'Ultimate Payer KK', null],
      ['500', null, null],
    ]);
  });
});

describe('camt.054 notification', () => {
  it('reads Ntfctn entries with structured and referred-document remittance', () => {
    const { format, rows } = parseStatement('n.xml', fixture('camt/camt054-v04.xml'));
    expect(format).toBe('camt.054');
    expect(rows).toEqual([
      expect.objectContaining({
        accountId: 'LV80BANK0000435195001',
        amount: '1500.50',
        payerName: 'SIA Ozols un Bērzs',
        remittance: 'CD 42-17 INV-2026-0501 prepaid credits',
        endToEndId: 'INV-2026-0501',
        bankId: '7',
        sourceLocation: 'Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]',
      }),
    ]);
  });
});

describe('camt edge cases', () => {
  const entry = (inner: string) => `<Ntry>${inner}</Ntry>`;

  it('keeps a batch whose details carry no amounts as the one booked entry', () => {
    const xml = camtDocument(
      '053',
      '04',
      entry(
        '<Amt Ccy="EUR">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AcctSvcrRef>B1</AcctSvcrRef><NtryDtls>' +
          '<TxDtls><RmtInf><Ustrd>first</Ustrd></RmtInf></TxDtls><TxDtls><RmtInf><Ustrd>second</Ustrd></RmtInf></TxDtls>' +
          '</NtryDtls>',
      ),
    );
    const { rows } = parseStatement('b.xml', Buffer.from(xml));
    expect(rows).toEqual([expect.objectContaining({ amount: '30.00', remittance: 'first | second', bankId: 'B1' })]);
  });

  it('a detail may book the other way than its entry (TxDtls/CdtDbtInd)', () => {
    const xml = camtDocument(
      '053',
      '06',
      entry(
        '<Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><NtryDtls>' +
          '<TxDtls><Amt Ccy="EUR">7.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>' +
          '<TxDtls><Amt Ccy="EUR">2.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls></NtryDtls>',
      ),
    );
    const { rows } = parseStatement('b.xml', Buffer.from(xml));
    expect(rows.map((r) => [r.direction, r.amount])).toEqual([
      ['credit', '7.00'],
      ['debit', '2.00'],
    ]);
  });

  it('reads an envelope (BizMsgEnvlp with an AppHdr) around the Document', () => {
    const inner = camtDocument('053', '11', entry('<Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>')).replace(
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '',
    );
    const xml = `<?xml version="1.0"?><BizMsgEnvlp><AppHdr><MsgDefIdr>camt.053.001.11</MsgDefIdr></AppHdr>${inner}</BizMsgEnvlp>`;
    expect(parseStatement('e.xml', Buffer.from(xml)).rows[0]!.amount).toBe('1.00');
  });

  it.each([
    [
      'an amount with more decimals than the currency has',
      '<Amt Ccy="EUR">1.005</Amt><CdtDbtInd>CRDT</CdtDbtInd>',
      'Ntry[1]/Amt',
    ],
    ['a negative amount', '<Amt Ccy="EUR">-1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>', 'Ntry[1]/Amt'],
    ['an unknown currency', '<Amt Ccy="EUX">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>', 'Ntry[1]/Amt'],
    ['no amount', '<CdtDbtInd>CRDT</CdtDbtInd>', 'Ntry[1]/Amt'],
    ['a bad indicator', '<Amt Ccy="EUR">1</Amt><CdtDbtInd>CREDIT</CdtDbtInd>', 'Ntry[1]/CdtDbtInd'],
    [
      'a bad date',
      '<Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>02.03.2026</Dt></BookgDt>',
      'BookgDt',
    ],
  ])('refuses %s, naming the element', (_what, inner, where) => {
    const e = refusal(() => parseStatement('x.xml', Buffer.from(camtDocument('053', '02', entry(inner)))));
    expect(e.code).toBe('MALFORMED');
    expect(e.format).toBe('camt.053');
    expect(e.location).toContain(where);
    expect(e.message).toContain(e.location!);
  });

  it('refuses a statement without an account, and versions outside 001.02–001.13', () => {
    const noAccount = camtDocument('053', '02', '').replace(/<Acct>.*<\/Acct>/, '');
    expect(refusal(() => parseStatement('x.xml', Buffer.from(noAccount))).location).toBe('Stmt[1]/Acct');
    for (const v of ['01', '14']) {
      const e = refusal(() => parseStatement('x.xml', Buffer.from(camtDocument('053', v, ''))));
      expect(e.code).toBe('UNSUPPORTED_VERSION');
      expect(e.message).toContain(`001.${v}`);
    }
  });
});
