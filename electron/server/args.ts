/**
 * `npm run server` options. The one rule that is not plain parsing: beyond the loopback
 * address the server listens only with TLS (passwords and session tokens cross the network),
 * unless `--allow-plain-http` says a TLS reverse proxy in front does that part.
 */

export const USAGE =
  'usage: npm run server -- --db PATH_OR_URL [--host H] [--port P] [--tls-cert FILE --tls-key FILE] ' +
  '[--allow-plain-http] [--no-build]';

/** What {@link parseServerArgs} found. */
export interface ServerArgs {
  db: string;
  host: string;
  port: number;
  tls: { cert: string; key: string } | null;
  allowPlainHttp: boolean;
  build: boolean;
}

/** A command line the server refuses; main prints the message and exits 2. */
export class ServerArgsError extends Error {}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function parseServerArgs(argv: string[]): ServerArgs {
  const args = { db: '', host: '127.0.0.1', port: 8080, cert: '', key: '', allowPlainHttp: false, build: true };
  const value = (i: number, name: string): string => {
    const v = argv[i];
    if (v === undefined || v === '' || v.startsWith('--')) throw new ServerArgsError(`${name} needs a value. ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') args.db = value(++i, a);
    else if (a === '--host') args.host = value(++i, a);
    else if (a === '--port') {
      const port = Number(value(++i, a));
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new ServerArgsError(`--port needs a number from 0 to 65535. ${USAGE}`);
      args.port = port;
    } else if (a === '--tls-cert') args.cert = value(++i, a);
    else if (a === '--tls-key') args.key = value(++i, a);
    else if (a === '--allow-plain-http') args.allowPlainHttp = true;
    else if (a === '--no-build') args.build = false;
    else throw new ServerArgsError(`unknown option ${a}. ${USAGE}`);
  }
  if (args.db === '') throw new ServerArgsError(`--db is required (a SQLite file or a postgres:// URL). ${USAGE}`);
  if ((args.cert === '') !== (args.key === '')) {
    throw new ServerArgsError('--tls-cert and --tls-key go together: give both files or neither.');
  }
  const tls = args.cert === '' ? null : { cert: args.cert, key: args.key };
  if (tls === null && !isLoopback(args.host) && !args.allowPlainHttp) {
    throw new ServerArgsError(
      `refusing to listen on ${args.host} without TLS: passwords and session tokens would cross the network ` +
        'in the clear. Give --tls-cert FILE --tls-key FILE, or --allow-plain-http when a TLS reverse proxy ' +
        'in front of this server terminates TLS.',
    );
  }
  return { db: args.db, host: args.host, port: args.port, tls, allowPlainHttp: args.allowPlainHttp, build: args.build };
}
