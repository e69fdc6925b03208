/**
 * The connected desktop's forwarder (electron/remote/forward.ts) against a real team server
 * process on 127.0.0.1: a sign-in keeps the token in the main process (the page gets an empty
 * one), calls carry it, a viewer's refused write comes back FORBIDDEN with the server's body,
 * sign-out forgets it and the next call is UNAUTHENTICATED, malformed input never leaves the
 * computer, and a server that is down (or redirects) is a rejected call naming the server.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteRouter, ServerUnreachableError, type FetchLike } from '../../electron/remote/forward';
import { tempDir } from '../reliability/helpers';
import { addUsers, buildDoors, PASSWORD, startServer, type ServerProcess } from '../server/support';

const dir = tempDir('remote-forward');
const dbPath = join(dir, 'ledger.db');
let server: ServerProcess;
const caller = { actor: 'ignored' };

/** Node's fetch, recording every request's URL and headers. */
const sent: { url: string; headers: Record<string, string> }[] = [];
const recordingFetch: FetchLike = (url, init) => {
  sent.push({ url, headers: init.headers });
  return fetch(url, init);
};

beforeAll(async () => {
  await buildDoors();
  const first = await startServer(dbPath);
  await first.stop();
  await addUsers(dbPath, [
    { username: 'ada', role: 'admin' },
    { username: 'vera', role: 'viewer' },
  ]);
  server = await startServer(dbPath);
});
afterAll(async () => {
  await server?.stop();
});

describe('the connected desktop forwards calls to the team server', () => {
  it('signs in, holds the token itself, and forwards calls with it', async () => {
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: recordingFetch });
    expect(remote.signedIn()).toBe(false);
    const login = await remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller);
    expect(login).toMatchObject({ ok: true, value: { token: '', user: { username: 'ada', role: 'admin' } } });
    expect(remote.signedIn()).toBe(true);

    const created = await remote.call('clients.create', { name: 'Acme', idempotencyKey: randomUUID() }, caller);
    expect(created).toMatchObject({ ok: true, value: { name: 'Acme' } });
    const me = await remote.call('auth.me', {}, caller);
    expect(me).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });

    const last = sent.at(-1)!;
    expect(last.url).toBe(`${server.url}api/auth.me`);
    expect(last.headers.authorization).toMatch(/^Bearer \S{20,}$/);
    expect(Object.keys(last.headers).map((h) => h.toLowerCase())).not.toContain('origin');
    // The sign-in itself carried no token; the token the server issued is not in the page's reply.
    expect(sent.find((s) => s.url.endsWith('auth.login'))!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(login)).not.toContain(last.headers.authorization!.slice('Bearer '.length));
  });

  it('a wrong password is UNAUTHENTICATED and leaves nobody signed in', async () => {
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: recordingFetch });
    const refused = await remote.call('auth.login', { username: 'ada', password: 'not-the-password-at-all' }, caller);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(remote.signedIn()).toBe(false);
  });

  it("a viewer's write comes back FORBIDDEN with the server's details", async () => {
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: recordingFetch });
    expect(await remote.call('auth.login', { username: 'vera', password: PASSWORD }, caller)).toMatchObject({
      ok: true,
    });
    const refused = await remote.call('clients.create', { name: 'Nope', idempotencyKey: randomUUID() }, caller);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { channel: 'clients.create', role: 'viewer', requiredRole: 'clerk' } },
    });
    // Reads still work: the session is intact.
    expect(await remote.call('clients.list', {}, caller)).toMatchObject({ ok: true });
  });

  it('after sign-out the token is forgotten and the next call is UNAUTHENTICATED (401)', async () => {
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: recordingFetch });
    await remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller);
    expect(await remote.call('auth.logout', {}, caller)).toMatchObject({ ok: true, value: { signedOut: true } });
    expect(remote.signedIn()).toBe(false);
    const after = await remote.call('clients.list', {}, caller);
    expect(after).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(sent.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('a token the server no longer accepts is forgotten on its 401', async () => {
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: recordingFetch });
    await remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller);
    // The session is ended behind the forwarder's back (as an admin disabling the user would).
    const used = await remote.call('auth.me', {}, caller);
    expect(used.ok).toBe(true);
    const bearer = sent.at(-1)!.headers.authorization!;
    const ended = await fetch(`${server.url}api/auth.logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer },
      body: '{}',
    });
    expect(ended.status).toBe(200);
    expect(await remote.call('auth.me', {}, caller)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(remote.signedIn()).toBe(false);
  });

  it('refuses an unknown channel and malformed input without sending anything', async () => {
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: recordingFetch });
    const before = sent.length;
    expect(await remote.call('ledger.dropEverything', {}, caller)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await remote.call('clients.get', { clientId: 'one' }, caller)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'clientId' } },
    });
    expect(await remote.call('auth.me', { extra: 1 }, caller)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR' },
    });
    expect(sent.length).toBe(before);
  });

  it('a server that is down is a rejected call naming the server', async () => {
    // A port that was free a moment ago and has nobody listening now.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const down = `http://127.0.0.1:${port}/`;
    const remote = createRemoteRouter({ serverUrl: down, fetch: recordingFetch });
    const call = remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller);
    await expect(call).rejects.toBeInstanceOf(ServerUnreachableError);
    await expect(call).rejects.toThrow(`The team server ${down} could not be reached`);
  });

  it('a reply that is not the API (a wrong URL) is a rejected call, not a guessed result', async () => {
    const remote = createRemoteRouter({
      serverUrl: server.url,
      fetch: () => Promise.resolve({ status: 200, text: () => Promise.resolve('<html>a login portal</html>') }),
    });
    await expect(remote.call('auth.me', {}, caller)).rejects.toThrow(/not as a Credit Desk server does/);
  });

  it('a redirect is a failure, never followed to another address', async () => {
    const redirecting = createHttpServer((_req, res) => {
      res.writeHead(307, { location: `${server.url}api/auth.me` });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const { port } = redirecting.address() as { port: number };
    try {
      const remote = createRemoteRouter({ serverUrl: `http://127.0.0.1:${port}/`, fetch: recordingFetch });
      await expect(remote.call('auth.me', {}, caller)).rejects.toBeInstanceOf(ServerUnreachableError);
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  it('signing out forgets the token even when the server cannot be told', async () => {
    let reachable = true;
    const flaky: FetchLike = (url, init) =>
      reachable ? recordingFetch(url, init) : Promise.reject(new TypeError('fetch failed'));
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: flaky });
    await remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller);
    expect(remote.signedIn()).toBe(true);
    reachable = false;
    await expect(remote.call('auth.logout', {}, caller)).rejects.toBeInstanceOf(ServerUnreachableError);
    expect(remote.signedIn()).toBe(false);
    reachable = true;
    expect(await remote.call('auth.me', {}, caller)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it("a refusal the server words outside the API's shape (a body over its limit) names the status and reason", async () => {
    // The door's own refusals (400, 405, 413, a foreign Origin's 403 aside) carry {error: '…'}, not a Result.
    const remote = createRemoteRouter({
      serverUrl: server.url,
      fetch: () =>
        Promise.resolve({ status: 413, text: () => Promise.resolve('{"error":"The request body is too large."}') }),
    });
    await expect(remote.call('auth.me', {}, caller)).rejects.toThrow(
      'answered HTTP 413: The request body is too large.',
    );
  });

  it('why no Origin header may go out: the server refuses a foreign one (403, its reason kept)', async () => {
    const withOrigin: FetchLike = (url, init) =>
      fetch(url, { ...init, headers: { ...init.headers, origin: 'app://credit-desk' } });
    const remote = createRemoteRouter({ serverUrl: server.url, fetch: withOrigin });
    expect(await remote.call('auth.login', { username: 'ada', password: PASSWORD }, caller)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' },
    });
    expect(remote.signedIn()).toBe(false);
  });
});
