/**
 * What the team server's page tells the app, and the browser-mode protections it keeps: the
 * page carries `<meta name="credit-desk-mode" content="server">` (the sign-in screen's cue) and
 * no token, with the same CSP and no-framing headers; a request from another site is refused
 * (403) before any sign-in check; no CORS header is ever sent.
 */
import type { Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/database';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { openLedgerDatabase } from '../../electron/db/open';
import { CONTENT_SECURITY_POLICY } from '../../electron/ipc/http';
import { createRouter } from '../../electron/ipc/router';
import { startServerDoor } from '../../electron/server/door';
import { tempDir } from '../reliability/helpers';

const dir = tempDir('server-page');
let db: Db;
let server: Server;
let url = '';

beforeAll(async () => {
  db = await openLedgerDatabase(join(dir, 'ledger.db'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html><head><title>x</title></head><body></body></html>');
  ({ server, url } = await startServerDoor({
    router: createRouter({ db }),
    db: asyncDbOf(db),
    staticDir,
    host: '127.0.0.1',
    port: 0,
    tls: null,
  }));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  db.close();
});

describe('team server page', () => {
  it('marks the page as served by a team server, with the app page headers and no token', async () => {
    const response = await fetch(url);
    const html = await response.text();
    expect(html).toContain('<meta name="credit-desk-mode" content="server"></head>');
    expect(html).not.toContain('credit-desk-token');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses another site (403) before looking at the token', async () => {
    const port = new URL(url).port;
    for (const origin of [
      'http://evil.example',
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${Number(port) + 1}`,
    ]) {
      const reply = await fetch(`${url}api/auth.login`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: '{"username":"x","password":"y"}',
      });
      expect(reply.status, origin).toBe(403);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
    const own = await fetch(`${url}api/auth.me`, { method: 'POST', headers: { origin: url.slice(0, -1) } });
    expect(own.status).toBe(401);
  });
});
