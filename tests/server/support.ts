/**
 * Real team-server processes for the server tests: `node scripts/door.mjs server …` (what `npm
 * run server` runs) on 127.0.0.1 with a free port, ready when it prints its URL line; users made
 * through the router on the same database, as `cli … call users.create` makes them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:https';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import { createRouter } from '../../electron/ipc/router';
import type { Result } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { REPO_ROOT, run } from '../support/cli';

/** A password every test user shares: long enough for the rule, never expected in any output. */
export const PASSWORD = 'Correct-Horse-Battery-Staple-42';

/** A running server process and everything it wrote. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves when stderr/stdout has a line containing `text` (now or later). */
  waitFor(text: string): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>;
}

/** Builds the door bundles once (concurrent first runs would each build). */
export async function buildDoors(): Promise<void> {
  const built = await run(process.execPath, ['scripts/door.mjs', 'build']);
  if (built.code !== 0) throw new Error(`door build failed: ${built.stderr}`);
}

/** Starts `npm run server -- --db DB --port 0 --no-build ARGS…`; resolves once it prints its URL. */
export function startServer(db: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['scripts/door.mjs', 'server', '--db', db, '--host', '127.0.0.1', '--port', '0', '--no-build', ...args],
    { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const onData = (chunk: string) => {
    output += chunk;
    for (const w of [...waiters]) {
      if (output.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', onData);
  child.stderr!.setEncoding('utf8').on('data', onData);
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then((code) => reject(new Error(`server exited (${code}) before "${text}":\n${output}`)));
    });
  return waitFor('Credit Desk server on ').then(() => {
    const url = /Credit Desk server on (\S+)/.exec(output)![1]!;
    return {
      url,
      child,
      output: () => output,
      waitFor,
      stop: () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        return exited;
      },
    };
  });
}

/** Creates users on the ledger at `db` (a path or URL) through the router, as the CLI does. */
export async function addUsers(db: string, users: { username: string; role: Role }[]): Promise<number[]> {
  const ledger = await openAsyncLedger(db);
  try {
    const router = createRouter({ db: ledger });
    const ids: number[] = [];
    for (const user of users) {
      const result = await router.call('users.create', { ...user, password: PASSWORD }, { actor: 'setup' });
      if (!result.ok) throw new Error(`users.create ${user.username}: ${JSON.stringify(result.error)}`);
      ids.push((result.value as { id: number }).id);
    }
    return ids;
  } finally {
    await ledger.close();
  }
}

/** An HTTP reply: status, parsed JSON body and the raw text. */
export interface Reply<T = unknown> {
  status: number;
  body: Result<T>;
  text: string;
}

/** Self-signed certificates are accepted by the test client (the test made them). */
const insecureTls = new Agent({ rejectUnauthorized: false });

/** POST /api/<channel> with an optional bearer token (or any Authorization header value). */
export async function post<T = unknown>(
  url: string,
  channel: string,
  input: unknown,
  token?: string,
  authorization = token === undefined ? undefined : `Bearer ${token}`,
): Promise<Reply<T>> {
  const body = typeof input === 'string' ? input : JSON.stringify(input);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  if (url.startsWith('https:')) return postTls(`${url}api/${channel}`, headers, body);
  const response = await fetch(`${url}api/${channel}`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Result<T>, text };
}

function postTls<T>(target: string, headers: Record<string, string>, body: string): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'POST', headers, agent: insecureTls }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Result<T>, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs in; returns the token. */
export async function login(url: string, username: string, password = PASSWORD): Promise<string> {
  const reply = await post<{ token: string }>(url, 'auth.login', { username, password });
  if (!reply.body.ok) throw new Error(`sign-in of ${username} refused: ${reply.text}`);
  return reply.body.value.token;
}

/** The value of a call that must succeed with 200. */
export async function must<T>(url: string, token: string, channel: string, input: unknown): Promise<T> {
  const reply = await post<T>(url, channel, input, token);
  if (reply.status !== 200 || !reply.body.ok) throw new Error(`${channel} refused (${reply.status}): ${reply.text}`);
  return reply.body.value;
}
