/**
 * The connected desktop's network: one in-memory session used only by the main process to
 * reach the team server (remote/forward.ts). The page's own session keeps refusing every
 * request (hardening.ts); this one lets through exactly the server's origin
 * (policy/server-origin.ts), sends no Origin header, and trusts the server's certificate only
 * as policy/server-certificate.ts decides: the system's trust store, or the admin's CA file.
 */
import { session, type Session } from 'electron';
import { chainOf, decideServerCertificate } from './policy/server-certificate';
import { isServerRequest, serverOriginOf, withoutOrigin } from './policy/server-origin';

/** No "persist:" prefix: cookies and caches of this session stay in memory, never on disk. */
const PARTITION = 'credit-desk-team-server';

/** Chromium's verify-proc answers: accept, refuse. */
const ACCEPT = 0;
const REFUSE = -2;

export function createServerSession(serverUrl: string, caPem: string | undefined): Session {
  const ses = session.fromPartition(PARTITION, { cache: false });
  const origin = serverOriginOf(serverUrl);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isServerRequest(details.url, origin);
    if (!allowed) console.error(`credit-desk: refused a request to ${details.url}: only ${origin} is allowed`);
    callback({ cancel: !allowed });
  });
  // The team server refuses a foreign Origin; a call from the main process has none to give.
  ses.webRequest.onBeforeSendHeaders((details, callback) =>
    callback({ requestHeaders: withoutOrigin(details.requestHeaders) }),
  );
  ses.setCertificateVerifyProc((request, callback) => {
    const verdict = decideServerCertificate({
      hostname: request.hostname,
      verificationResult: request.verificationResult,
      chain: chainOf(request.certificate),
      caPem,
      now: new Date(),
    });
    if (!verdict.trusted) {
      console.error(`credit-desk: refused the certificate of ${request.hostname}: ${verdict.reason}`);
    }
    callback(verdict.trusted ? ACCEPT : REFUSE);
  });
  // Nothing shows a page in this session; should anything ever ask, the answer is no.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  return ses;
}
