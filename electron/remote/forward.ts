/**
 * The connected desktop's router: every call the window makes over IPC is checked here
 * exactly as the local router checks it (a known channel, input valid against the contract),
 * then forwarded to the team server as `POST <server>/api/<channel>` with the signed-in
 * person's bearer token. Pure apart from the injected `fetch` (main.ts passes the dedicated
 * session's `fetch`: Chromium's network stack and certificate checks), so it is tested under
 * plain Node against a real team server.
 *
 * The token lives only here, in memory: set from a successful auth.login reply, forgotten on
 * auth.logout and on any 401, never written anywhere. The page never sees it (auth.login's
 * reply reaches the page with an empty token), so nothing in the page can leak it.
 */
import { inputSchema, isChannel } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { validationError, type Router } from '../ipc/router';

/** The part of the Fetch API the forwarder uses (a session's `fetch`, or Node's in tests). */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; redirect: 'error'; signal?: AbortSignal },
) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** The team server could not be reached or did not answer as one: the page gets a rejected call. */
export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
  constructor(
    readonly server: string,
    reason: string,
  ) {
    super(`The team server ${server} could not be reached: ${reason}`);
  }
}

/** What {@link createRemoteRouter} needs. */
export interface RemoteRouterOptions {
  /** The server's URL as the connection settings hold it (ending in '/'). */
  serverUrl: string;
  fetch: FetchLike;
  /** How long one call may take before it is given up (default two minutes: exports are big). */
  timeoutMs?: number;
}

/** The router, plus whether a token is held (for tests and the log). */
export interface RemoteRouter extends Router {
  signedIn(): boolean;
}

function isResult(value: unknown): value is Result<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const record = value as { ok?: unknown; error?: { code?: unknown } };
  return record.ok === true || (record.ok === false && typeof record.error?.code === 'string');
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

export function createRemoteRouter(options: RemoteRouterOptions): RemoteRouter {
  const server = options.serverUrl;
  let token: string | null = null;

  async function post(
    channel: string,
    input: unknown,
    bearer: string | null,
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    let response: Awaited<ReturnType<FetchLike>>;
    let text: string;
    try {
      response = await options.fetch(new URL(`api/${channel}`, server).href, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        // The API never redirects; a proxy or portal that does is not the server the admin named.
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
      text = await response.text();
    } catch (error) {
      throw new ServerUnreachableError(server, describe(error));
    }
    return { status: response.status, body: parseBody(text) };
  }

  return {
    signedIn: () => token !== null,
    async call(channel, rawInput) {
      // The same first checks as the local router: nothing malformed leaves this computer.
      if (!isChannel(channel)) return fail('NOT_FOUND', `There is no action called "${channel}".`, { channel });
      const parsed = inputSchema(channel).safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error, rawInput).toApiError() };

      const bearer = token;
      // Signing out forgets the token first: even if the server cannot be told, this desktop
      // no longer holds a session for whoever sits down next.
      if (channel === 'auth.logout') token = null;
      const { status, body } = await post(channel, rawInput ?? {}, bearer);
      if (status === 401) {
        if (channel !== 'auth.login') token = null;
        return isResult(body) && !body.ok ? body : fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
      }
      if (status === 403) {
        if (isResult(body) && !body.ok) return body;
        // The door's own refusal (a foreign Origin: a proxy adding one) says why in {error}.
        const said = (body as { error?: unknown } | undefined)?.error;
        return fail('FORBIDDEN', typeof said === 'string' ? said : 'The team server refused this action.');
      }
      if (!isResult(body)) {
        const said = (body as { error?: unknown } | undefined)?.error;
        throw new ServerUnreachableError(
          server,
          typeof said === 'string'
            ? `it answered HTTP ${status}: ${said}`
            : `it answered HTTP ${status}, not as a Credit Desk server does`,
        );
      }
      if (channel === 'auth.login' && body.ok) {
        const signIn = body.value as { token?: unknown };
        if (typeof signIn.token !== 'string') {
          throw new ServerUnreachableError(server, 'its sign-in reply held no token');
        }
        token = signIn.token;
        // The page shows who signed in; the token itself stays in this process.
        return { ok: true, value: { ...(body.value as object), token: '' } };
      }
      return body;
    },
  };
}
