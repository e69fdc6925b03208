/**
 * The desktop app's connection settings: this computer's ledger, or a team server (its URL,
 * and optionally the CA file of a private certificate authority). Pure and shared: the
 * settings dialog checks what is typed with the same rules the main process applies before it
 * saves (electron/platform/connection-settings.ts, which also reads the CA file).
 *
 * The URL must be https — plain http only for this computer itself (127.0.0.1, localhost,
 * [::1]), where nothing crosses a network — with no user name, password, query or fragment.
 */
import { fail, ok, type Result } from './result';

/** What connection.json holds. */
export type ConnectionSettings = { mode: 'local' } | { mode: 'server'; url: string; caFile?: string };

/** The parts of a WHATWG URL used here (shared/ compiles without DOM or Node types). */
interface ParsedUrl {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  search: string;
  hash: string;
  href: string;
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/** Hosts plain http is allowed for: this computer. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

function refuse(field: string, message: string): Result<never> {
  return fail('VALIDATION_ERROR', message, { field });
}

/** The server URL, normalised (ending in '/'), or a refusal naming the `url` field. */
export function parseServerUrl(raw: unknown): Result<string> {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('url', 'The server URL is required.');
  let url: ParsedUrl;
  try {
    url = new WhatwgUrl(raw.trim());
  } catch {
    return refuse('url', 'The server URL is not a valid URL (for example https://credit-desk.example.com/).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('url', 'The server URL must start with https://.');
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    return refuse(
      'url',
      'The server URL must use https://: plain http is allowed only for a server on this computer (127.0.0.1, localhost).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'url',
      'The server URL must not contain a user name or password; people sign in on the sign-in screen.',
    );
  }
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
    return refuse('url', 'The server URL must not contain a query (?…) or a fragment (#…).');
  }
  const href = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return ok(href);
}

/** Parses what connection.json or the settings dialog holds; the CA file's contents are checked elsewhere. */
export function parseConnectionSettings(value: unknown): Result<ConnectionSettings> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return refuse('mode', 'The connection settings must be an object.');
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['mode', 'url', 'caFile'].includes(key)) return refuse(key, `"${key}" is not a connection setting.`);
  }
  if (record.mode === 'local') return ok({ mode: 'local' });
  if (record.mode !== 'server') return refuse('mode', 'The mode must be "local" or "server".');
  const url = parseServerUrl(record.url);
  if (!url.ok) return url;
  if (record.caFile === undefined || record.caFile === null || record.caFile === '') {
    return ok({ mode: 'server', url: url.value });
  }
  if (typeof record.caFile !== 'string') return refuse('caFile', 'The CA file must be a file path.');
  return ok({ mode: 'server', url: url.value, caFile: record.caFile });
}
