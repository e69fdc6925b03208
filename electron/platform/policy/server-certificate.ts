/**
 * Whether the desktop app trusts the team server's certificate (the connected desktop's
 * session.setCertificateVerifyProc asks this for every TLS handshake). Pure: node:crypto only.
 *
 * Accepted when Chromium's own verification passed (the operating system's trust store, host
 * name and dates included), or, when the admin gave a CA file, when the chain the server
 * presented leads to that CA by valid signatures, every certificate on the way is within its
 * dates, and the server's certificate names the host. Anything else is refused.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** What the decision is made from (Electron's verify-proc request, reduced to plain data). */
export interface ServerCertificateFacts {
  /** The host the app connected to (a name, or an address; IPv6 with or without brackets). */
  hostname: string;
  /** Chromium's verdict: 'OK', or an error such as 'net::ERR_CERT_AUTHORITY_INVALID'. */
  verificationResult: string;
  /** The chain the server presented, as PEM: its own certificate first, then each issuer. */
  chain: readonly string[];
  /** The admin's CA file's text (PEM), when one was given. */
  caPem?: string;
  now: Date;
}

/** The verdict, with the reason for the log when refused. */
export type CertificateVerdict = { trusted: true; by: 'system' | 'caFile' } | { trusted: false; reason: string };

function parse(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function inDates(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}

/** `child` carries `issuer`'s name as its issuer and `issuer`'s signature. */
function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function namesHost(cert: X509Certificate, hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? cert.checkHost(host, { subject: 'never' }) !== undefined : cert.checkIP(host) !== undefined;
}

/** Does the chain lead to the CA? Walks from the server's certificate through the intermediates it sent. */
function leadsToCa(chain: readonly X509Certificate[], ca: X509Certificate, now: Date): boolean {
  for (let i = 0; i < chain.length; i += 1) {
    const current = chain[i]!;
    if (!inDates(current, now)) return false;
    if (issuedBy(current, ca)) return true;
    const next = chain[i + 1];
    // An intermediate must be a CA and must have signed the certificate before it.
    if (next === undefined || !next.ca || !issuedBy(current, next)) return false;
  }
  return false;
}

/** The decision; see the file comment. */
export function decideServerCertificate(facts: ServerCertificateFacts): CertificateVerdict {
  if (facts.verificationResult === 'OK') return { trusted: true, by: 'system' };
  if (facts.caPem === undefined) {
    return { trusted: false, reason: `the system does not trust it (${facts.verificationResult})` };
  }
  const ca = parse(facts.caPem);
  if (ca === undefined || !ca.ca) return { trusted: false, reason: 'the CA file does not hold a CA certificate' };
  if (!inDates(ca, facts.now)) return { trusted: false, reason: 'the CA certificate is outside its validity dates' };
  const chain = facts.chain.map(parse);
  const leaf = chain[0];
  if (leaf === undefined || chain.some((c) => c === undefined)) {
    return { trusted: false, reason: 'the server presented no readable certificate' };
  }
  const certificates = chain as X509Certificate[];
  if (!namesHost(leaf, facts.hostname)) {
    return { trusted: false, reason: `the certificate is not for ${facts.hostname}` };
  }
  if (!inDates(leaf, facts.now)) return { trusted: false, reason: 'the certificate has expired or is not yet valid' };
  if (!leadsToCa(certificates, ca, facts.now)) {
    return { trusted: false, reason: 'the certificate was not issued by the CA in the CA file' };
  }
  return { trusted: true, by: 'caFile' };
}

/** The PEM chain of Electron's Certificate structure: the certificate, then its issuers (no repeats). */
export function chainOf(certificate: { data: string; issuerCert?: unknown }): string[] {
  const chain: string[] = [];
  let current: { data: string; issuerCert?: unknown } | undefined = certificate;
  // A self-signed root may be its own issuerCert; stop at a repeat, and at ten links.
  while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current.data)) {
    chain.push(current.data);
    current = current.issuerCert as { data: string; issuerCert?: unknown } | undefined;
  }
  return chain;
}
