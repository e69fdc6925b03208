/**
 * Where a ledger lives, from the one string every door takes (`--db`, browser mode, the
 * server, the desktop app's connection settings; PRODUCT F13): a `postgres://` or
 * `postgresql://` URL means a PostgreSQL database, anything else is a SQLite file path.
 *
 * Credentials are never printed or logged: {@link maskedLocation} is the only form of a
 * location that may reach a message, a log line or the screen.
 */

/** A SQLite file (or `:memory:`) or a PostgreSQL connection URL. */
export type DbLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/** A location string that names no usable database; the doors treat it as a usage error (exit 2). */
export class DbLocationError extends Error {
  override readonly name = 'DbLocationError';
}

const POSTGRES_SCHEME = /^postgres(ql)?:\/\//i;
// Two letters at least, so a Windows drive ("C://ledger.db") is still a path.
const ANY_URL_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;

/** Reads `--db`'s value. Throws {@link DbLocationError} for an empty value, a malformed PostgreSQL URL or another URL scheme. */
export function parseDbLocation(value: string): DbLocation {
  if (value.trim() === '')
    throw new DbLocationError('the database location is empty: give a file path or a postgres:// URL');
  if (POSTGRES_SCHEME.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      // The message must not repeat the value: it may hold a password.
      throw new DbLocationError(
        'the PostgreSQL URL is malformed (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)',
      );
    }
    if (url.pathname.replace(/^\//, '') === '' && !url.searchParams.has('dbname')) {
      throw new DbLocationError(`the PostgreSQL URL names no database (${maskUrl(value)})`);
    }
    return { engine: 'postgres', url: value };
  }
  if (ANY_URL_SCHEME.test(value)) {
    const scheme = value.slice(0, value.indexOf(':'));
    throw new DbLocationError(
      `'${scheme}://' is not a supported database: use a SQLite file path or a postgres:// or postgresql:// URL`,
    );
  }
  return { engine: 'sqlite', path: value };
}

/** The location as it may be shown: the file path, or the URL with any password replaced by `***`. */
export function maskedLocation(location: DbLocation): string {
  return location.engine === 'sqlite' ? location.path : maskUrl(location.url);
}

/** A PostgreSQL URL with the password (in the user part or a `password=` parameter) replaced by `***`. */
export function maskUrl(value: string): string {
  const masked = value.replace(/([?&]password=)[^&#]*/gi, '$1***');
  try {
    const url = new URL(masked);
    if (url.password === '') return masked;
    url.password = '***';
    return url.href;
  } catch {
    // Unparseable: cut out anything between "scheme://user:" and "@" so no secret can slip through.
    return masked.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
  }
}

/** The password a PostgreSQL URL carries (in its user part or a `password=` parameter), raw and decoded. */
function passwordsIn(value: string): string[] {
  const found = new Set<string>();
  for (const m of value.matchAll(/[?&]password=([^&#]*)/gi)) found.add(m[1]!);
  try {
    const url = new URL(value);
    if (url.password !== '') found.add(url.password);
    const param = url.searchParams.get('password');
    if (param !== null && param !== '') found.add(param);
  } catch {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(value);
    if (m?.[1]) found.add(m[1]);
  }
  for (const raw of [...found]) {
    try {
      found.add(decodeURIComponent(raw));
    } catch {
      // Not percent-encoded text: the raw form is enough.
    }
  }
  return [...found].filter((p) => p !== '');
}

/**
 * `text` (an error message, a log line) with every PostgreSQL URL in it masked and, as a last
 * line of defence, every occurrence of `location`'s password replaced by `***`: a driver or a
 * library may repeat part of the connection string in words of its own.
 */
export function maskSecrets(text: string, location?: string): string {
  let masked = text.replace(/postgres(?:ql)?:\/\/[^\s"'<>]+/gi, (url) => maskUrl(url));
  if (location !== undefined && POSTGRES_SCHEME.test(location)) {
    for (const password of passwordsIn(location).sort((a, b) => b.length - a.length))
      masked = masked.split(password).join('***');
  }
  return masked;
}
