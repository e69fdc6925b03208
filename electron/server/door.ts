/**
 * The team server's HTTP(S) door: browser mode's handler (electron/ipc/http.ts) with sign-in
 * tokens instead of a per-run token (PRODUCT F14).
 *
 * - Every channel but auth.login needs `Authorization: Bearer <token>`; a missing, wrong,
 *   expired or ended token, or a disabled user, is HTTP 401 with the contract's
 *   `{ok:false,error:{code:'UNAUTHENTICATED'}}`, before the body is read.
 * - The signed-in user's role goes to the router (FORBIDDEN → 403) and their username is the
 *   caller's actor, so every entry, decision and audit row records it.
 * - The page is told it is served by a team server: `<meta name="credit-desk-mode"
 *   content="server">` in its head (and no token: the person signs in).
 * - TLS: TLS 1.2 or later only.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AppError, type Result } from '../../shared/result';
import { authenticate } from '../auth/auth.service';
import { authCall } from '../auth/context';
import type { AsyncDb } from '../db/async-db';
import { createDoorHandler, loopbackHosts, type DoorRefusal } from '../ipc/http';
import type { CallerContext, Router } from '../ipc/router';
import { isLoopback } from './args';

/** The marker the page reads to know it must show the sign-in screen. */
export const SERVER_MODE_META = { 'credit-desk-mode': 'server' } as const;

/** Options for {@link startServerDoor}. */
export interface ServerDoorOptions {
  router: Router;
  /** The database sessions are checked against (the router's). */
  db: AsyncDb;
  staticDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  tls: { cert: string; key: string } | null;
  /**
   * A TLS reverse proxy is in front (`--allow-plain-http`): the page is loaded from the proxy's
   * https name, which the proxy passes as Host or X-Forwarded-Host.
   */
  behindProxy?: boolean;
  clock?: () => Date;
}

/** The channel anyone may call: it is how a token is obtained. */
const OPEN_CHANNELS = new Set(['auth.login']);

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([^\s]+)$/i.exec(header.trim()) : null;
  return match?.[1];
}

/** The HTTP status of a router result: the contract's two door-level refusals, else 200. */
export function statusOf(result: Result<unknown>): number {
  if (result.ok) return 200;
  if (result.error.code === 'UNAUTHENTICATED') return 401;
  if (result.error.code === 'FORBIDDEN') return 403;
  return 200;
}

/** Starts the server; resolves with it and its URL once it listens. */
export async function startServerDoor(options: ServerDoorOptions): Promise<{ server: Server; url: string }> {
  const clock = options.clock ?? (() => new Date());
  const behindProxy = options.behindProxy === true;

  /**
   * The origins our own page's requests carry: the scheme and the name the page was loaded from,
   * whatever name the team reaches the server by. Behind a proxy that is the proxy's https name
   * (a cross-site page cannot add X-Forwarded-Host: a custom header needs a CORS preflight,
   * which this server never grants).
   */
  function ownOrigins(req: IncomingMessage): Set<string> {
    const names = [req.headers.host];
    const forwarded = req.headers['x-forwarded-host'];
    if (behindProxy && typeof forwarded === 'string') names.push(forwarded.split(',')[0]!.trim());
    const schemes = options.tls !== null || behindProxy ? ['https'] : ['http'];
    if (behindProxy) schemes.push('http');
    return new Set(names.filter((n) => n !== undefined).flatMap((n) => schemes.map((s) => `${s}://${n}`)));
  }
  let hosts: Set<string> | null = null;

  async function authorize(req: IncomingMessage, channel: string): Promise<CallerContext | DoorRefusal> {
    if (OPEN_CHANNELS.has(channel)) return { actor: 'anonymous' };
    try {
      const session = await authenticate(authCall(options.db, 'server', clock()), bearerToken(req));
      const { username, role } = session.user;
      return { actor: username, username, role, session };
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
        return { status: 401, body: { ok: false, error: error.toApiError() } };
      }
      throw error;
    }
  }

  const handler = createDoorHandler({
    router: options.router,
    staticDir: options.staticDir,
    pageMeta: SERVER_MODE_META,
    authorize,
    statusOf,
    // On a loopback address, only our own names (DNS rebinding, as in browser mode). Beyond it
    // the team reaches the server by whatever name its DNS or proxy gives; the page holds no
    // secret, and every API call needs a token only a signed-in page has.
    servesHost: (host) => hosts === null || behindProxy || hosts.has(host ?? ''),
    ownOrigin: (origin, req) => ownOrigins(req).has(origin),
  });
  const server =
    options.tls === null
      ? createHttpServer(handler)
      : createHttpsServer(
          { cert: readFileSync(options.tls.cert), key: readFileSync(options.tls.key), minVersion: 'TLSv1.2' },
          handler,
        );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host.replace(/^\[|\]$/g, ''), () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  if (isLoopback(options.host)) hosts = loopbackHosts(port).add(`${shownHost}:${port}`);
  return { server, url: `${options.tls === null ? 'http' : 'https'}://${shownHost}:${port}/` };
}
