/**
 * The team server's transport rules (PRODUCT F14): with a certificate it serves HTTPS with TLS
 * 1.2 or later only (a TLS 1.1 client is refused in the handshake); beyond the loopback address
 * it refuses to start without TLS unless told a TLS proxy is in front. The certificate is a
 * throw-away self-signed one made with the `openssl` command (tests/support/certificates.ts).
 */
import { join } from 'node:path';
import { connect, type SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, selfSigned } from '../support/certificates';
import { run } from '../support/cli';
import { tempDir } from '../reliability/helpers';
import { addUsers, buildDoors, login, must, startServer, type ServerProcess } from './support';

const dir = tempDir('server-tls');
const dbPath = join(dir, 'ledger.db');
const cert = join(dir, 'server.pem');
const key = join(dir, 'server.key');
let server: ServerProcess;
let port = 0;

beforeAll(async () => {
  if (!hasOpenssl && process.env.CI === undefined) return;
  selfSigned(dir, 'server', '127.0.0.1');
  await buildDoors();
  server = await startServer(dbPath, ['--tls-cert', cert, '--tls-key', key]);
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.stop();
});

/** The protocol a client limited to `min`…`max` agrees on, or the handshake's error. */
function handshake(min: SecureVersion, max: SecureVersion): Promise<{ protocol: string | null } | { error: string }> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      rejectUnauthorized: false,
      minVersion: min,
      maxVersion: max,
      // Let this client offer old protocols at all (OpenSSL 3's default security level would not).
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol() });
      socket.destroy();
    });
    socket.once('error', (error) => resolve({ error: error.message }));
  });
}

/** The `openssl` command makes the certificate; without it the block is skipped, except in CI. */
if (!hasOpenssl && process.env.CI === undefined) {
  console.warn('Skipping the team server TLS tests: the openssl command is missing (apt-get install openssl).');
}

describe.skipIf(!hasOpenssl && process.env.CI === undefined)('team server TLS', () => {
  it('prints its https URL and serves the API over TLS', async () => {
    expect(server.url).toBe(`https://127.0.0.1:${port}/`);
    await addUsers(dbPath, [{ username: 'ada', role: 'admin' }]);
    const token = await login(server.url, 'ada');
    expect(await must(server.url, token, 'auth.me', {})).toMatchObject({ user: { username: 'ada' } });
  });

  it('accepts TLS 1.2 and 1.3 and refuses TLS 1.1 and 1.0 in the handshake', async () => {
    expect(await handshake('TLSv1.2', 'TLSv1.2')).toEqual({ protocol: 'TLSv1.2' });
    expect(await handshake('TLSv1.3', 'TLSv1.3')).toEqual({ protocol: 'TLSv1.3' });
    for (const old of ['TLSv1.1', 'TLSv1'] as const) {
      const outcome = await handshake('TLSv1', old);
      expect(outcome, old).toHaveProperty('error');
      // The server said no (a protocol-version alert), not this client failing to offer it.
      expect((outcome as { error: string }).error, old).toMatch(/protocol version|unsupported protocol/i);
    }
  });

  it('refuses to listen beyond loopback without TLS (exit 2, naming the options)', async () => {
    const refused = await run(process.execPath, [
      'scripts/door.mjs',
      'server',
      '--db',
      dbPath,
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--no-build',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--tls-cert');
    expect(refused.stderr).toContain('--allow-plain-http');
    expect(refused.stdout).toBe('');
    const half = await run(process.execPath, ['scripts/door.mjs', 'server', '--db', dbPath, '--tls-cert', cert]);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--tls-key');
  });
});
