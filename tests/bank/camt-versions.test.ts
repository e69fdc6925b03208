/** Every camt.053 and camt.054 version from 001.02 to 001.13: the namespace differs, the reading does not. */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../electron/bank/parse';
import { detectFormat } from '../../electron/bank/detect';
import { camtDocument } from './helpers';

const VERSIONS = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13'];

// Party names moved into Pty from v.08 on; both shapes are written so each version sees its own.
function body(version: string): string {
  const party = Number(version) >= 8 ? '<Dbtr><Pty><Nm>Payer Ltd</Nm></Pty></Dbtr>' : '<Dbtr><Nm>Payer Ltd</Nm></Dbtr>';
  const status = Number(version) >= 8 ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>';
  return (
    `<Ntry><NtryRef>N${version}</NtryRef><Amt Ccy="EUR">42.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>${status}` +
    `<BookgDt><Dt>2026-02-0${Number(version) % 9 || 1}</Dt></BookgDt><AcctSvcrRef>A${version}</AcctSvcrRef>` +
    `<NtryDtls><TxDtls><Refs><EndToEndId>E${version}</EndToEndId></Refs><RltdPties>${party}</RltdPties>` +
    `<RmtInf><Ustrd>REF-${version}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`
  );
}

describe.each(['053', '054'] as const)('camt.%s', (format) => {
  it.each(VERSIONS)(`reads version 001.%s`, (version) => {
    const bytes = Buffer.from(camtDocument(format, version, body(version)));
    expect(detectFormat('any.name', bytes)).toBe(`camt.${format}`);
    const parsed = parseStatement('any.name', bytes);
    expect(parsed).toMatchObject({ format: `camt.${format}`, version: `001.${version}` });
    expect(parsed.rows).toEqual([
      expect.objectContaining({
        amount: '42.00',
        direction: 'credit',
        payerName: 'Payer Ltd',
        remittance: `REF-${version}`,
        endToEndId: `E${version}`,
        entryReference: `N${version}`,
        bankId: `A${version}`,
      }),
    ]);
  });
});
