/**
 * A tiny base for fake payment providers: a real node:http server on 127.0.0.1 with a request
 * log and a queue of injected faults (status codes with Retry-After, hangs, truncated JSON,
 * slow replies). Used by the sync tests and reusable by end-to-end tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault applied to the next matching request instead of (or before) the normal reply. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Never answers (the client's timeout must fire). */
  | { kind: 'hang' }
  /** Answers 200 with the real JSON cut in half (a complete HTTP message with unreadable JSON). */
  | { kind: 'truncate' }
  /** Answers normally after a delay. */
  | { kind: 'delay'; ms: number };

/** One request as the fake saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: string;
  /** The fault applied, if any. */
  fault: Fault['kind'] | null;
  status: number | null;
}

/** What a route returns: status and JSON body. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export abstract class FakeServer {
  private server: Server | undefined;
  /** Faults consumed in order by requests whose path matches (all requests when `path` is omitted). */
  readonly faults: { path?: string; fault: Fault }[] = [];
  readonly requests: SeenRequest[] = [];
  /**
   * Faults that never run out, by path: a broken endpoint (a key without a permission, a server
   * error that lasts, a page that can never be read) while the rest of the API works.
   */
  readonly standing = new Map<string, Fault>();
  /** Called for every request before it is answered (e.g. to kill a client mid-pass). */
  onRequest: ((req: SeenRequest) => void | Promise<void>) | undefined;
  /** Added before every reply (a slow provider). */
  latencyMs = 0;
  /** Caps the page size a client asks for (the provider decides its pages; total_pages / has_more are authoritative). */
  pageSizeCap = Number.POSITIVE_INFINITY;

  /** Queues `count` copies of a fault for requests to `path` (or any path). */
  inject(fault: Fault, count = 1, path?: string): this {
    for (let i = 0; i < count; i++) this.faults.push(path === undefined ? { fault } : { path, fault });
    return this;
  }

  protected abstract route(req: SeenRequest): Reply;

  /** Starts listening on 127.0.0.1 and returns the origin, e.g. http://127.0.0.1:43121. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.origin;
  }

  get origin(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (address === null || address === undefined) throw new Error('the fake server is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    if (this.server === undefined) return;
    const server = this.server;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: Buffer.concat(chunks).toString('utf8'),
      fault: null,
      status: null,
    };
    this.requests.push(seen);
    await this.onRequest?.(seen);
    const index = this.faults.findIndex((f) => f.path === undefined || f.path === seen.path);
    const fault = index === -1 ? this.standing.get(seen.path) : this.faults.splice(index, 1)[0]!.fault;
    seen.fault = fault?.kind ?? null;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (fault?.kind === 'hang') return; // closeAllConnections() ends it
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status') {
      seen.status = fault.status;
      const body = fault.body ?? JSON.stringify({ error: { type: 'api_error', message: `Injected ${fault.status}` } });
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
      });
      res.end(body);
      return;
    }
    let reply: Reply;
    try {
      reply = this.route(seen);
    } catch (error) {
      reply = { status: 500, body: { error: { type: 'api_error', message: String(error) } } };
    }
    seen.status = reply.status;
    let text = JSON.stringify(reply.body);
    if (fault?.kind === 'truncate') text = text.slice(0, Math.floor(text.length / 2));
    if (res.destroyed) return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  }
}
