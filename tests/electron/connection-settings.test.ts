/**
 * The desktop's connection settings: the pure parser (policy/connection.ts) with a clear error
 * naming the field, the preload's arguments, and connection.json read and written under a real
 * temporary folder (connection-settings.ts), including the CA file's check.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONNECTION_FILE_NAME,
  loadConnectionSettings,
  saveConnectionSettings,
  validateConnectionSettings,
} from '../../electron/platform/connection-settings';
import {
  connectionArguments,
  connectionFromArguments,
  parseConnectionSettings,
  parseServerUrl,
} from '../../electron/platform/policy/connection';
import { certificateAuthority, hasOpenssl } from '../support/certificates';
import { tempDir } from '../reliability/helpers';

const field = (result: { ok: boolean; error?: { details?: Record<string, unknown> } }) =>
  result.ok ? null : result.error?.details?.field;

describe('parseServerUrl', () => {
  it('accepts https URLs and normalises them to end in a slash', () => {
    expect(parseServerUrl('https://credit-desk.example.com')).toEqual({
      ok: true,
      value: 'https://credit-desk.example.com/',
    });
    expect(parseServerUrl(' https://credit-desk.example.com:8443/desk ')).toEqual({
      ok: true,
      value: 'https://credit-desk.example.com:8443/desk/',
    });
  });

  it('accepts plain http only for this computer', () => {
    for (const url of ['http://127.0.0.1:8787/', 'http://localhost:8787', 'http://[::1]:8787/']) {
      expect(parseServerUrl(url).ok, url).toBe(true);
    }
    const refused = parseServerUrl('http://example.com');
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { field: 'url' } } });
    expect(!refused.ok && refused.error.message).toContain('https://');
    expect(parseServerUrl('http://127.0.0.2/').ok).toBe(false);
    expect(parseServerUrl('http://localhost.evil.test/').ok).toBe(false);
  });

  it.each([
    ['', 'required'],
    [undefined, 'required'],
    [42, 'required'],
    ['credit-desk.example.com', 'not a valid URL'],
    ['ftp://credit-desk.example.com/', 'https://'],
    ['file:///etc/passwd', 'https://'],
    ['https://ada:secret@credit-desk.example.com/', 'user name or password'],
    ['https://credit-desk.example.com/?token=1', 'query'],
    ['https://credit-desk.example.com/#x', 'fragment'],
    ['https://credit-desk.example.com/?', 'query'],
  ])('refuses %j naming the url field', (url, words) => {
    const result = parseServerUrl(url);
    expect(field(result)).toBe('url');
    expect(!result.ok && result.error.message).toContain(words);
  });
});

describe('parseConnectionSettings', () => {
  it('reads the two modes', () => {
    expect(parseConnectionSettings({ mode: 'local' })).toEqual({ ok: true, value: { mode: 'local' } });
    expect(parseConnectionSettings({ mode: 'server', url: 'https://d.example.com' })).toEqual({
      ok: true,
      value: { mode: 'server', url: 'https://d.example.com/' },
    });
    expect(parseConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: '' })).toEqual({
      ok: true,
      value: { mode: 'server', url: 'https://d.example.com/' },
    });
    expect(parseConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: '/etc/ca.pem' })).toEqual({
      ok: true,
      value: { mode: 'server', url: 'https://d.example.com/', caFile: '/etc/ca.pem' },
    });
  });

  it('names the field that is wrong', () => {
    expect(field(parseConnectionSettings(null))).toBe('mode');
    expect(field(parseConnectionSettings([]))).toBe('mode');
    expect(field(parseConnectionSettings({ mode: 'cloud' }))).toBe('mode');
    expect(field(parseConnectionSettings({ mode: 'server' }))).toBe('url');
    expect(field(parseConnectionSettings({ mode: 'server', url: 'http://example.com' }))).toBe('url');
    expect(field(parseConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: 7 }))).toBe('caFile');
    expect(field(parseConnectionSettings({ mode: 'local', token: 'x' }))).toBe('token');
  });
});

describe('the preload arguments', () => {
  it('round-trip the mode and the server URL', () => {
    const settings = { mode: 'server', url: 'https://d.example.com/' } as const;
    expect(connectionFromArguments(['electron', ...connectionArguments(settings)])).toEqual({
      mode: 'server',
      serverUrl: 'https://d.example.com/',
    });
    expect(connectionFromArguments(connectionArguments({ mode: 'local' }))).toEqual({ mode: 'local', serverUrl: null });
  });

  it('fall back to local for anything odd', () => {
    expect(connectionFromArguments([])).toEqual({ mode: 'local', serverUrl: null });
    expect(connectionFromArguments(['--credit-desk-connection=server'])).toEqual({ mode: 'local', serverUrl: null });
    expect(
      connectionFromArguments(['--credit-desk-connection=server', '--credit-desk-server=http://evil.example/']),
    ).toEqual({ mode: 'local', serverUrl: null });
  });
});

describe('connection.json', () => {
  it('is local when there is no file, and round-trips what was saved', () => {
    const dir = tempDir('connection');
    expect(loadConnectionSettings(dir)).toEqual({ ok: true, value: { mode: 'local' } });
    saveConnectionSettings(dir, { mode: 'server', url: 'https://d.example.com/' });
    expect(JSON.parse(readFileSync(join(dir, CONNECTION_FILE_NAME), 'utf8'))).toEqual({
      mode: 'server',
      url: 'https://d.example.com/',
    });
    expect(existsSync(join(dir, `${CONNECTION_FILE_NAME}.tmp`))).toBe(false);
    expect(loadConnectionSettings(dir)).toEqual({ ok: true, value: { mode: 'server', url: 'https://d.example.com/' } });
  });

  it('reports a damaged or wrong file instead of guessing', () => {
    const dir = tempDir('connection-bad');
    writeFileSync(join(dir, CONNECTION_FILE_NAME), '{"mode":');
    expect(loadConnectionSettings(dir)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('not valid JSON') },
    });
    writeFileSync(join(dir, CONNECTION_FILE_NAME), '{"mode":"server","url":"http://example.com/"}');
    expect(field(loadConnectionSettings(dir))).toBe('url');
  });

  it.skipIf(!hasOpenssl && process.env.CI === undefined)(
    'checks the CA file: it must exist and hold a PEM certificate',
    () => {
      const dir = tempDir('connection-ca');
      const ca = certificateAuthority(dir, 'desk-ca');
      const ok = validateConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: ca.cert });
      expect(ok).toEqual({ ok: true, value: { mode: 'server', url: 'https://d.example.com/', caFile: ca.cert } });

      const missing = validateConnectionSettings({
        mode: 'server',
        url: 'https://d.example.com',
        caFile: join(dir, 'none.pem'),
      });
      expect(field(missing)).toBe('caFile');
      expect(!missing.ok && missing.error.message).toContain('cannot be read');

      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'just some notes');
      const notPem = validateConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: text });
      expect(!notPem.ok && notPem.error.message).toContain('does not hold a PEM certificate');

      const broken = join(dir, 'broken.pem');
      writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      expect(field(validateConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: broken }))).toBe(
        'caFile',
      );
      expect(
        field(validateConnectionSettings({ mode: 'server', url: 'https://d.example.com', caFile: 'ca.pem' })),
      ).toBe('caFile');
    },
  );
});
