/**
 * The HTTP doors: browser mode (this file's startHttpDoor: 127.0.0.1 only, a per-run token in
 * the page) and the team server (electron/server/: sign-in tokens, TLS) share one request
 * handler, {@link createDoorHandler}: the same router and validation as the desktop app, the
 * same page headers (CSP, no framing), the same body limit, and the same refusals of another
 * site's requests. A request from another Origin is refused (403); no permissive CORS headers
 * are ever sent. What differs between the doors is how a caller is recognised
 * ({@link DoorOptions.authorize}), what the page is told ({@link DoorOptions.pageMeta}) and
 * which Host names are served.
 *
 *   POST /api/<channel>   body: JSON input   header: x-credit-desk-token (browser mode)
 *   → 200 {"ok":true,"value":…} | {"ok":false,"error":…}
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Result } from '../../shared/result';
import { MAX_BANK_FILE_BYTES } from '../../shared/contract.bank';
import { CONTENT_SECURITY_POLICY } from '../platform/policy/csp';
import type { CallerContext, Router } from './router';

/** The Content-Security-Policy of the app's page: one policy for browser mode and Electron alike. */
export { CONTENT_SECURITY_POLICY };

/** Header that carries the per-run token. */
export const TOKEN_HEADER = 'x-credit-desk-token';
const MAX_BODY_BYTES = 1_000_000;
/**
 * `bank.import` (and `bank.csvPreview`, which reads the same file) carries a whole statement file in base64 (4 bytes for every 3), up to the
 * contract's file limit, plus room for the other fields. Only a caller the door has already
 * let in (token checked) gets this far, so the larger limit is not open to anyone else.
 */
const MAX_BANK_IMPORT_BODY_BYTES = Math.ceil((MAX_BANK_FILE_BYTES * 4) / 3) + 64 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Options for {@link startHttpDoor}. */
export interface HttpDoorOptions {
  router: Router;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  token: string;
  actor: string;
  /** 0 picks a free port. */
  port?: number;
}

/** An API request the door will not pass to the router: the HTTP status and the JSON body. */
export interface DoorRefusal {
  status: number;
  body: unknown;
}

/** What a door plugs into {@link createDoorHandler}. */
export interface DoorOptions {
  router: Router;
  staticDir: string;
  /** `<meta name=… content=…>` tags added to the page's head (values are HTML-escaped). */
  pageMeta: Record<string, string>;
  /** Who calls `channel`, from the request's headers (the body is not read yet), or why not. */
  authorize(req: IncomingMessage, channel: string): Promise<CallerContext | DoorRefusal>;
  /** The HTTP status of a router result (200 unless the door says otherwise). */
  statusOf?(result: Result<unknown>): number;
  /** Whether the request's Host header names this server (DNS rebinding; see startHttpDoor). */
  servesHost(host: string | undefined): boolean;
  /** Whether a request sent with this Origin header (a browser sends one cross-site) comes from our own page. */
  ownOrigin(origin: string, req: IncomingMessage): boolean;
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

/** Compares a secret in constant time. */
export function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string' || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
}

/** Reads the body; null when it is larger than `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading, but let the caller answer 413 before the connection is dropped
        // (destroying the socket here would leave the client with a bare connection reset).
        req.off('data', onData);
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The request handler both HTTP doors serve (see the top of this file). */
export function createDoorHandler(options: DoorOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const root = normalize(options.staticDir);
  const indexPath = join(root, 'index.html');
  const meta = Object.entries(options.pageMeta)
    .map(([name, content]) => `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">`)
    .join('');
  const statusOf = options.statusOf ?? (() => 200);

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'Use POST.' }));
    const origin = req.headers.origin;
    if (origin !== undefined && !options.ownOrigin(origin, req)) {
      return send(res, 403, JSON.stringify({ error: 'Requests from other sites are refused.' }));
    }
    const caller = await options.authorize(req, channel);
    if ('status' in caller) {
      // The body is not read: ask the client not to reuse a connection with unread bytes on it.
      res.shouldKeepAlive = false;
      return send(res, caller.status, JSON.stringify(caller.body));
    }
    const body = await readBody(
      req,
      channel === 'bank.import' || channel === 'bank.csvPreview' ? MAX_BANK_IMPORT_BODY_BYTES : MAX_BODY_BYTES,
    );
    if (body === null) {
      res.shouldKeepAlive = false;
      res.once('finish', () => req.destroy());
      return send(res, 413, JSON.stringify({ error: 'The request is too large.' }));
    }
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return send(
        res,
        400,
        JSON.stringify({
          ok: false,
          error: { code: 'VALIDATION_ERROR', message: 'The request body is not valid JSON.', details: { field: '' } },
        }),
      );
    }
    const result = await options.router.call(channel, input, caller);
    send(res, statusOf(result), JSON.stringify(result));
  }

  function page(res: ServerResponse, path: string): void {
    if (path === '/' || path === '/index.html' || extname(path) === '') {
      if (!existsSync(indexPath)) return send(res, 503, 'The renderer is not built.', 'text/plain; charset=utf-8');
      // What the page is told (browser mode: its token) reaches only our own page: other
      // origins cannot read this response.
      const html = readFileSync(indexPath, 'utf8').replace('</head>', `${meta}</head>`);
      res.writeHead(200, {
        'content-type': TYPES['.html']!,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      });
      res.end(html);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // A malformed escape such as "/%" used to throw out of the request handler and stop
      // the whole server.
      return send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
    }
    if (decoded.includes('\0')) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    const file = normalize(join(root, decoded));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  return (req, res) => {
    if (!options.servesHost(req.headers.host)) {
      return send(res, 421, JSON.stringify({ error: 'This server does not answer to that host name.' }));
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = url.pathname.startsWith('/api/')
      ? api(req, res, url.pathname.slice('/api/'.length))
      : Promise.resolve(req.method === 'GET' || req.method === 'HEAD' ? page(res, url.pathname) : send(res, 405, '{}'));
    handle.catch((error: unknown) => {
      console.error('credit-desk: request failed:', error);
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ error: 'The request failed; see the terminal for details.' }));
    });
  };
}

/** The Host values a server on 127.0.0.1 answers to. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Starts browser mode's server; resolves with it and its URL once it listens. */
export async function startHttpDoor(options: HttpDoorOptions): Promise<{ server: Server; url: string }> {
  let allowedHosts = new Set<string>();
  let origin = '';
  const handler = createDoorHandler({
    router: options.router,
    staticDir: options.staticDir,
    pageMeta: { 'credit-desk-token': options.token },
    authorize: (req) =>
      Promise.resolve(
        sameSecret(req.headers[TOKEN_HEADER], options.token)
          ? { actor: options.actor }
          : { status: 401, body: { error: 'Missing or wrong token: open the URL printed by npm run browser.' } },
      ),
    // DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 is "same
    // origin" to the browser and could read the page and its token. Only our own host names
    // are served.
    servesHost: (host) => allowedHosts.has(host ?? ''),
    ownOrigin: (given) => given === origin,
  });
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  allowedHosts = loopbackHosts(port);
  origin = `http://127.0.0.1:${port}`;
  return { server, url: `${origin}/` };
}
