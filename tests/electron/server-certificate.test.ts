/**
 * The connected desktop's certificate decision (policy/server-certificate.ts) with real
 * certificates made by `openssl`: Chromium's OK is accepted; otherwise only a chain that the
 * admin's CA signed, for the right host, within its dates.
 */
import { describe, expect, it } from 'vitest';
import { chainOf, decideServerCertificate } from '../../electron/platform/policy/server-certificate';
import { certificateAuthority, hasOpenssl, selfSigned, signedBy } from '../support/certificates';
import { tempDir } from '../reliability/helpers';

const run = hasOpenssl || process.env.CI !== undefined;
const UNTRUSTED = 'net::ERR_CERT_AUTHORITY_INVALID';

describe.skipIf(!run)('decideServerCertificate', () => {
  const dir = tempDir('server-cert');
  const ca = run ? certificateAuthority(dir, 'desk-ca') : undefined!;
  const otherCa = run ? certificateAuthority(dir, 'other-ca') : undefined!;
  const good = run ? signedBy(dir, 'good', 'ledger.example.test', ca) : undefined!;
  const byIp = run ? signedBy(dir, 'by-ip', '127.0.0.1', ca) : undefined!;
  const foreign = run ? signedBy(dir, 'foreign', 'ledger.example.test', otherCa) : undefined!;
  const self = run ? selfSigned(dir, 'self', 'ledger.example.test') : undefined!;
  const expired = run ? signedBy(dir, 'expired', 'ledger.example.test', ca, { expired: true }) : undefined!;
  const now = new Date();
  const facts = (chain: string[], hostname = 'ledger.example.test') => ({
    hostname,
    verificationResult: UNTRUSTED,
    chain,
    caPem: ca.pem,
    now,
  });

  it("accepts what Chromium verified against the system's trust store, CA file or not", () => {
    expect(decideServerCertificate({ ...facts([self.pem]), verificationResult: 'OK' })).toEqual({
      trusted: true,
      by: 'system',
    });
    const { caPem: _unused, ...withoutCa } = facts([self.pem]);
    expect(decideServerCertificate({ ...withoutCa, verificationResult: 'OK' })).toMatchObject({ trusted: true });
  });

  it('accepts a certificate the CA file signed, for its host name or address', () => {
    expect(decideServerCertificate(facts([good.pem]))).toEqual({ trusted: true, by: 'caFile' });
    expect(decideServerCertificate(facts([good.pem, ca.pem]))).toEqual({ trusted: true, by: 'caFile' });
    expect(decideServerCertificate(facts([byIp.pem], '127.0.0.1'))).toEqual({ trusted: true, by: 'caFile' });
  });

  it('refuses anything the system refused when no CA file was given', () => {
    const { caPem: _unused, ...withoutCa } = facts([good.pem]);
    expect(decideServerCertificate(withoutCa)).toMatchObject({
      trusted: false,
      reason: expect.stringContaining(UNTRUSTED),
    });
  });

  it("refuses another CA's certificate, even with that CA in the chain", () => {
    expect(decideServerCertificate(facts([foreign.pem]))).toMatchObject({ trusted: false });
    expect(decideServerCertificate(facts([foreign.pem, otherCa.pem]))).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('not issued by the CA'),
    });
  });

  it('refuses a self-signed certificate', () => {
    expect(decideServerCertificate(facts([self.pem]))).toMatchObject({ trusted: false });
  });

  it('refuses a certificate for another host', () => {
    expect(decideServerCertificate(facts([good.pem], 'evil.example.test'))).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('not for evil.example.test'),
    });
    expect(decideServerCertificate(facts([good.pem], 'ledger.example.test.evil.test'))).toMatchObject({
      trusted: false,
    });
    expect(decideServerCertificate(facts([byIp.pem], '127.0.0.2'))).toMatchObject({ trusted: false });
  });

  it('refuses an expired certificate, and any certificate after its end date', () => {
    expect(decideServerCertificate(facts([expired.pem]))).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('expired'),
    });
    const later = new Date(now.getTime() + 30 * 86_400_000);
    expect(decideServerCertificate({ ...facts([good.pem]), now: later })).toMatchObject({ trusted: false });
  });

  it('refuses when the CA file holds a server certificate, not a CA, or nothing readable', () => {
    expect(decideServerCertificate({ ...facts([good.pem]), caPem: good.pem })).toMatchObject({ trusted: false });
    expect(decideServerCertificate({ ...facts([good.pem]), caPem: 'not a certificate' })).toMatchObject({
      trusted: false,
    });
    expect(decideServerCertificate(facts(['garbage']))).toMatchObject({ trusted: false });
    expect(decideServerCertificate(facts([]))).toMatchObject({ trusted: false });
  });

  it("reads Electron's Certificate structure into a chain, stopping at a self-issued root", () => {
    const root = { data: ca.pem } as { data: string; issuerCert?: unknown };
    root.issuerCert = root;
    expect(chainOf({ data: good.pem, issuerCert: root })).toEqual([good.pem, ca.pem]);
    expect(chainOf({ data: self.pem })).toEqual([self.pem]);
  });
});
