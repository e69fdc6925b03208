/**
 * The connected desktop over TLS, against a real team server whose certificate a test CA
 * signed (made with `openssl`). Electron's verify proc cannot run here, so the fetch below does
 * what server-session.ts does with Chromium: it lets the handshake finish unverified, then asks
 * decideServerCertificate about the chain the server presented (with Node's own verdict against
 * its trust store standing in for Chromium's), and sends nothing when refused. The forwarder on
 * top is the real one.
 */
import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideServerCertificate } from '../../electron/platform/policy/server-certificate';
import { createRemoteRouter, ServerUnreachableError, type FetchLike } from '../../electron/remote/forward';
import { certificateAuthority, hasOpenssl, signedBy, type MadeCertificate } from '../support/certificates';
import { tempDir } from '../reliability/helpers';
import { addUsers, buildDoors, PASSWORD, startServer, type ServerProcess } from '../server/support';

const run = hasOpenssl || process.env.CI !== undefined;
const dir = tempDir('remote-tls');
const dbPath = join(dir, 'ledger.db');
let server: ServerProcess;
let ca: MadeCertificate;
let otherCa: MadeCertificate;
const caller = { actor: 'ignored' };

/** The presented chain as PEM, the server's own certificate first. */
function presentedChain(socket: TLSSocket): string[] {
  const chain: string[] = [];
  let current = socket.getPeerCertificate(true);
  while (current?.raw !== undefined && !chain.includes(new X509Certificate(current.raw).toString())) {
    chain.push(new X509Certificate(current.raw).toString());
    current = current.issuerCertificate;
  }
  return chain;
}

/** A fetch that trusts the server only as the desktop's certificate policy decides. */
function fetchTrusting(caPem: string | undefined): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      // A connection of its own (no keep-alive reuse), and the request is written only once
      // the certificate is trusted: on a refusal not even the headers leave.
      const req = request(url, { method: init.method, headers: init.headers, rejectUnauthorized: false, agent: false });
      req.once('socket', (socket) => {
        const tls = socket as TLSSocket;
        tls.once('secureConnect', () => {
          const verdict = decideServerCertificate({
            hostname: target.hostname,
            verificationResult: tls.authorized ? 'OK' : `net::${String(tls.authorizationError)}`,
            chain: presentedChain(tls),
            caPem,
            now: new Date(),
          });
          if (verdict.trusted) req.end(init.body);
          else req.destroy(new Error(`certificate refused: ${verdict.reason}`));
        });
      });
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, text: () => Promise.resolve(text) }));
      });
      req.once('error', reject);
    });
}

beforeAll(async () => {
  if (!run) return;
  ca = certificateAuthority(dir, 'team-ca');
  otherCa = certificateAuthority(dir, 'other-ca');
  const cert = signedBy(dir, 'team-server', '127.0.0.1', ca);
  await buildDoors();
  const first = await startServer(dbPath);
  await first.stop();
  await addUsers(dbPath, [{ username: 'ada', role: 'admin' }]);
  server = await startServer(dbPath, ['--tls-cert', cert.cert, '--tls-key', cert.key]);
});
afterAll(async () => {
  await server?.stop();
});

describe.skipIf(!run)('the connected desktop over TLS', () => {
  it("signs in and works when the admin's CA file signed the server's certificate", async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: fetchTrusting(ca.pem) });
    expect(await remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller)).toMatchObject({
      ok: true,
      value: { token: '', user: { username: 'ada' } },
    });
    expect(await remote.call('auth.me', {}, caller)).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
  });

  it('refuses the server, sending nothing, with no CA file or with another CA', async () => {
    for (const caPem of [undefined, otherCa.pem]) {
      const remote = createRemoteRouter({ serverUrl: server.url, fetch: fetchTrusting(caPem) });
      const call = remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller);
      await expect(call).rejects.toBeInstanceOf(ServerUnreachableError);
      await expect(call).rejects.toThrow(/certificate refused/);
      expect(remote.signedIn()).toBe(false);
    }
  });

  it('refuses the right certificate reached under another name', async () => {
    const other = server.url.replace('127.0.0.1', 'localhost');
    const remote = createRemoteRouter({ serverUrl: other, fetch: fetchTrusting(ca.pem) });
    await expect(remote.call('auth.me', {}, caller)).rejects.toThrow(/certificate is not for localhost/);
  });
});
