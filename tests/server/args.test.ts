/** `npm run server` options (electron/server/args.ts): the TLS rule beyond loopback and plain parsing. */
import { describe, expect, it } from 'vitest';
import { isLoopback, parseServerArgs, ServerArgsError } from '../../electron/server/args';

describe('server options', () => {
  it('defaults to 127.0.0.1:8080 without TLS', () => {
    expect(parseServerArgs(['--db', 'x.db'])).toEqual({
      db: 'x.db',
      host: '127.0.0.1',
      port: 8080,
      tls: null,
      allowPlainHttp: false,
      build: true,
    });
  });

  it('knows the loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', '::', 'desk.example', '127.0.0.1.nip.io']) {
      expect(isLoopback(host), host).toBe(false);
    }
  });

  it('beyond loopback needs TLS, or --allow-plain-http for a TLS proxy in front', () => {
    expect(() => parseServerArgs(['--db', 'x.db', '--host', '0.0.0.0'])).toThrow(/--tls-cert.*--allow-plain-http/s);
    expect(parseServerArgs(['--db', 'x.db', '--host', '0.0.0.0', '--allow-plain-http']).allowPlainHttp).toBe(true);
    expect(parseServerArgs(['--db', 'x.db', '--host', '0.0.0.0', '--tls-cert', 'c', '--tls-key', 'k']).tls).toEqual({
      cert: 'c',
      key: 'k',
    });
  });

  it('refuses what it cannot use', () => {
    for (const argv of [
      [],
      ['--db'],
      ['--db', 'x.db', '--port', '65536'],
      ['--db', 'x.db', '--port', '1.5'],
      ['--db', 'x.db', '--tls-cert', 'c'],
      ['--db', 'x.db', '--tls-key', 'k'],
      ['--db', 'x.db', '--verbose'],
    ]) {
      expect(() => parseServerArgs(argv), argv.join(' ')).toThrow(ServerArgsError);
    }
  });
});
