/**
 * Browser mode is not a way in (issue 6 item 7): the HTTP door listens on 127.0.0.1 only,
 * refuses requests without the token (401) or from another Origin (403) or for another
 * host name (421, DNS rebinding), never sends CORS headers (preflight included), never
 * echoes the token in an error, and serves nothing outside its static folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { startHttpDoor, TOKEN_HEADER } from '../../electron/ipc/http';
import { createRouter } from '../../electron/ipc/router';
import { fileFingerprint, tempDir } from './helpers';

const TOKEN = 'f'.repeat(24) + '0123456789abcdef01234567';
const dir = tempDir('door');
const dbPath = join(dir, 'ledger.db');
let db: Db;
let server: Server;
let port = 0;

beforeAll(async () => {
  db = await openLedgerDatabase(dbPath);
  const staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body>app</body></html>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  const started = await startHttpDoor({ router: createRouter({ db }), staticDir, token: TOKEN, actor: 'browser' });
  server = started.server;
  port = new URL(started.url).port === '' ? 80 : Number(new URL(started.url).port);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  db.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent exactly as given (no URL normalisation by a client library). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const origin = () => `http://127.0.0.1:${port}`;
const api = (headers: Record<string, string>, body = '{}') =>
  raw('POST', '/api/settings.update', { 'content-type': 'application/json', ...headers }, body);

function noCors(reply: Reply): void {
  for (const name of Object.keys(reply.headers)) expect(name.startsWith('access-control-')).toBe(false);
}

describe('browser mode HTTP door', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = server.address();
    expect(typeof address === 'object' && address !== null ? address.address : address).toBe('127.0.0.1');
  });

  it('refuses a call without the token, with a wrong one, or with one of the wrong length (401), writing nothing', async () => {
    const before = fileFingerprint(db.sqlite, dbPath);
    const update = JSON.stringify({ agencyName: 'Hijacked' });
    for (const headers of [
      {} as Record<string, string>,
      { [TOKEN_HEADER]: '' },
      { [TOKEN_HEADER]: TOKEN.slice(0, -1) + '0' },
      { [TOKEN_HEADER]: TOKEN + 'x' },
      { [TOKEN_HEADER]: TOKEN.toUpperCase() },
      { authorization: `Bearer ${TOKEN}` },
    ]) {
      const reply = await api(headers, update);
      expect(reply.status).toBe(401);
      expect(reply.body).not.toContain(TOKEN);
      expect(reply.body).not.toContain(TOKEN.slice(0, 16));
      noCors(reply);
    }
    expect(fileFingerprint(db.sqlite, dbPath)).toBe(before);
  });

  it('refuses another Origin (403) even with the right token, and never echoes the token', async () => {
    const before = fileFingerprint(db.sqlite, dbPath);
    for (const other of [
      'http://evil.example',
      'null',
      `http://localhost:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      `${origin()}.evil.example`,
    ]) {
      const reply = await api({ [TOKEN_HEADER]: TOKEN, origin: other }, JSON.stringify({ agencyName: 'Hijacked' }));
      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain(TOKEN);
      noCors(reply);
    }
    expect(fileFingerprint(db.sqlite, dbPath)).toBe(before);
    // The right token from our own origin works.
    const ok = await api({ [TOKEN_HEADER]: TOKEN, origin: origin() });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  });

  it('refuses other host names (DNS rebinding) before serving the page or its token', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `[::1]:${port}`]) {
      const page = await raw('GET', '/', { host });
      expect(page.status).toBe(421);
      expect(page.body).not.toContain(TOKEN);
      const call = await api({ host, [TOKEN_HEADER]: TOKEN });
      expect(call.status).toBe(421);
    }
  });

  it('sends no CORS headers, preflight included', async () => {
    const preflight = await raw('OPTIONS', '/api/settings.update', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': TOKEN_HEADER,
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    noCors(preflight);
    const ownPreflight = await raw('OPTIONS', '/', { origin: origin(), 'access-control-request-method': 'GET' });
    noCors(ownPreflight);
    noCors(await raw('GET', '/', { origin: 'http://evil.example' }));
    noCors(await api({ [TOKEN_HEADER]: TOKEN, origin: origin() }));
  });

  it('serves the page with its token and strict headers only to its own host', async () => {
    const page = await raw('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`content="${TOKEN}"`);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    noCors(page);
    expect((await raw('GET', '/assets/app.js')).status).toBe(200);
  });

  it('refuses static path traversal, plain or encoded, and survives malformed escapes', async () => {
    for (const path of [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/app.js%00.html',
      '//etc/passwd',
      '/%',
      '/%E0%A4%A',
      '/assets/%ff.js',
    ]) {
      const reply = await raw('GET', path);
      expect([200, 400, 404], `${path} → ${reply.status}`).toContain(reply.status);
      // 200 only for the app's own page (a client-side route such as "//etc/passwd").
      if (reply.status === 200) expect(reply.body).toContain('<body>app</body>');
      expect(reply.body).not.toContain('outside the static folder');
      expect(reply.body).not.toContain('"name": "credit-desk"');
    }
    // Still serving after the malformed ones.
    expect((await raw('GET', '/assets/app.js')).status).toBe(200);
  });

  it('answers a too-large body with 413 instead of dropping the connection', async () => {
    const reply = await api({ [TOKEN_HEADER]: TOKEN, origin: origin() }, `{"agencyName":"${'x'.repeat(1_100_000)}"}`);
    expect(reply.status).toBe(413);
  });

  it('lets a statement file larger than 1 MB through to bank.import, and no other channel', async () => {
    // 1.5 MB of junk in base64: past the door's general limit, refused by the parser as unreadable.
    const content = Buffer.alloc(1_500_000, 7).toString('base64');
    const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN, origin: origin() };
    const reply = await raw('POST', '/api/bank.import', headers, JSON.stringify({ fileName: 'big.xml', content }));
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body) as { ok: boolean; error?: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('VALIDATION_ERROR');
    const other = await raw('POST', '/api/clients.create', headers, JSON.stringify({ name: content }));
    expect(other.status).toBe(413);
  });
});
