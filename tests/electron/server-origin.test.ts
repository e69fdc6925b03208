// The connected desktop's network allow-list (policy/server-origin.ts): the server's origin, nothing else.
import { describe, expect, it } from 'vitest';
import { isServerRequest, serverOriginOf, withoutOrigin } from '../../electron/platform/policy/server-origin';

const ORIGIN = serverOriginOf('https://server.example.com/');

describe('isServerRequest', () => {
  it("lets through the server's own origin, any path", () => {
    expect(ORIGIN).toBe('https://server.example.com');
    expect(isServerRequest('https://server.example.com/api/auth.login', ORIGIN)).toBe(true);
    expect(isServerRequest('https://server.example.com:443/api/clients.list', ORIGIN)).toBe(true);
    expect(isServerRequest('https://SERVER.example.com/api/auth.me', ORIGIN)).toBe(true);
  });

  it.each([
    'https://server.example.com.evil.test/api/auth.login',
    'https://evil.test/https://server.example.com/',
    'https://server@evil.test/',
    'https://server.example.com@evil.test/',
    'https://user:pass@server.example.com/api/auth.me',
    'https://server.example.com:8443/api/auth.me',
    'http://server.example.com/api/auth.me',
    'wss://server.example.com/',
    'ws://server.example.com/',
    'https://sub.server.example.com/',
    'https://example.com/',
    'https://dashboard.stripe.com/',
    'file:///etc/passwd',
    'app://credit-desk/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isServerRequest(url, ORIGIN)).toBe(false);
  });

  it('tells ports and schemes apart for a loopback server over plain http', () => {
    const local = serverOriginOf('http://127.0.0.1:8787/');
    expect(isServerRequest('http://127.0.0.1:8787/api/auth.me', local)).toBe(true);
    expect(isServerRequest('http://127.0.0.1:8788/api/auth.me', local)).toBe(false);
    expect(isServerRequest('https://127.0.0.1:8787/api/auth.me', local)).toBe(false);
    expect(isServerRequest('http://localhost:8787/api/auth.me', local)).toBe(false);
  });

  it('refuses everything when the server origin is not http(s)', () => {
    expect(isServerRequest('app://credit-desk/index.html', 'app://credit-desk')).toBe(false);
    expect(isServerRequest('https://server.example.com/', 'garbage')).toBe(false);
  });
});

describe('withoutOrigin', () => {
  it('drops an Origin header whatever its case, and keeps the rest', () => {
    expect(
      withoutOrigin({
        Origin: 'null',
        origin: 'app://credit-desk',
        Authorization: 'Bearer x',
        'Content-Type': 'application/json',
      }),
    ).toEqual({
      Authorization: 'Bearer x',
      'Content-Type': 'application/json',
    });
  });
});
