/**
 * Browser mode's door: the renderer and the API served over HTTP on 127.0.0.1 only.
 * Same router and validation as the desktop app. Every API request must carry the per-run
 * token that the page receives in its HTML (401 without it); a request from another Origin
 * is refused (403); no permissive CORS headers are ever sent.
 *
 *   POST /api/<channel>   body: JSON input   header: x-credit-desk-token
 *   → 200 {"ok":true,"value":…} | {"ok":false,"error":…}
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Router } from './router';

/** The Content-Security-Policy of the app's page (browser mode and Electron alike). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets element styles at run time; scripts stay strictly same-origin.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Header that carries the per-run token. */
export const TOKEN_HEADER = 'x-credit-desk-token';
const MAX_BODY_BYTES = 1_000_000;

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

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the server; resolves with it and its URL once it listens. */
export async function startHttpDoor(options: HttpDoorOptions): Promise<{ server: Server; url: string }> {
  const root = normalize(options.staticDir);
  const indexPath = join(root, 'index.html');
  let origin = '';

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'Use POST.' }));
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return send(res, 403, JSON.stringify({ error: 'Requests from other sites are refused.' }));
    }
    if (!sameToken(req.headers[TOKEN_HEADER], options.token)) {
      return send(
        res,
        401,
        JSON.stringify({ error: 'Missing or wrong token: open the URL printed by npm run browser.' }),
      );
    }
    const body = await readBody(req);
    if (body === null) return send(res, 413, JSON.stringify({ error: 'The request is too large.' }));
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
    const result = await options.router.call(channel, input, { actor: options.actor });
    send(res, 200, JSON.stringify(result));
  }

  function page(res: ServerResponse, path: string): void {
    if (path === '/' || path === '/index.html' || extname(path) === '') {
      if (!existsSync(indexPath)) return send(res, 503, 'The renderer is not built.', 'text/plain; charset=utf-8');
      // The token reaches only our own page: other origins cannot read this response.
      const html = readFileSync(indexPath, 'utf8').replace(
        '</head>',
        `<meta name="credit-desk-token" content="${options.token}"></head>`,
      );
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
    const file = normalize(join(root, decodeURIComponent(path)));
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

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = url.pathname.startsWith('/api/')
      ? api(req, res, url.pathname.slice('/api/'.length))
      : Promise.resolve(req.method === 'GET' || req.method === 'HEAD' ? page(res, url.pathname) : send(res, 405, '{}'));
    handle.catch((error: unknown) => {
      console.error('credit-desk: request failed:', error);
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ error: 'The request failed; see the terminal for details.' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return { server, url: `${origin}/` };
}
