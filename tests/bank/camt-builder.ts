/** Small camt.053 files for the service tests and the e2e: one entry per transfer, as banks send them. */

/** One transfer in a generated statement. */
export interface Transfer {
  /** The bank's AcctSvcrRef; left out, the import key falls back to a hash of the row. */
  ref?: string;
  amount: string;
  currency?: string;
  direction?: 'credit' | 'debit';
  reversal?: boolean;
  date?: string;
  payer?: string;
  remittance?: string;
}

function entry(t: Transfer): string {
  const ccy = t.currency ?? 'EUR';
  const date = t.date ?? '2026-03-02';
  const party = t.direction === 'debit' ? 'Cdtr' : 'Dbtr';
  return (
    `<Ntry><Amt Ccy="${ccy}">${t.amount}</Amt><CdtDbtInd>${t.direction === 'debit' ? 'DBIT' : 'CRDT'}</CdtDbtInd>` +
    (t.reversal === true ? '<RvslInd>true</RvslInd>' : '') +
    `<Sts>BOOK</Sts><BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt>` +
    `<NtryDtls><TxDtls>` +
    (t.ref === undefined ? '' : `<Refs><AcctSvcrRef>${t.ref}</AcctSvcrRef></Refs>`) +
    (t.payer === undefined ? '' : `<RltdPties><${party}><Nm>${t.payer}</Nm></${party}></RltdPties>`) +
    (t.remittance === undefined ? '' : `<RmtInf><Ustrd>${t.remittance}</Ustrd></RmtInf>`) +
    `</TxDtls></NtryDtls></Ntry>\n`
  );
}

/** A camt.053.001.08 statement of account LV80BANK0000435195001 holding `transfers` in order. */
export function camt053(transfers: readonly Transfer[], statementId = 'S-1'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n` +
    `<BkToCstmrStmt><GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>2026-03-03T06:00:00Z</CreDtTm></GrpHdr>\n` +
    `<Stmt><Id>${statementId}</Id><Acct><Id><IBAN>LV80BANK0000435195001</IBAN></Id><Ccy>EUR</Ccy></Acct>\n` +
    transfers.map(entry).join('') +
    `</Stmt></BkToCstmrStmt>\n</Document>\n`
  );
}

/** The file as `bank.import` takes it: base64 of its bytes. */
export function base64(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64');
}
