/**
 * The team server for e2e (PRODUCT F14): a throw-away PostgreSQL cluster (the same helper the
 * PostgreSQL unit tests use), a fresh database, the first admin (see firstAdmin), and `npm run server` on 127.0.0.1 with port 0, waited for by the line it
 * prints ("Credit Desk server on http://H:P/"), never by a sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Channel, Input, Output } from '../shared/contract';
import type { SignIn } from '../shared/contract.users';
import type { Result } from '../shared/result';
import { startPgCluster, type PgCluster } from '../tests/support/pg-cluster';

export interface TeamServer {
  url: string;
  dbUrl: string;
  /** Calls a channel as the holder of `token` (null: nobody signed in). */
  call<C extends Channel>(token: string | null, channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** Signs in through the API; fails the test when refused. */
  signIn(username: string, password: string): Promise<SignIn>;
  stop(): Promise<void>;
}

/** A PostgreSQL cluster for the whole spec file. */
export function startCluster(): Promise<PgCluster> {
  return startPgCluster();
}

/**
 * Makes the first admin the way a team does (README, "Team server"): the command line holds the
 * database's credentials and may call any channel, so `cli --db URL call users.create JSON`.
 */
async function firstAdmin(dbUrl: string, admin: { username: string; password: string; displayName: string }) {
  const input = JSON.stringify({ ...admin, role: 'admin' });
  const child = spawn(process.execPath, ['scripts/door.mjs', 'cli', '--db', dbUrl, 'call', 'users.create', input], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`cli call users.create exited with ${code}: ${out}`);
}

/** Starts the team server on a fresh database of `cluster` with a first admin. */
export async function startTeamServer(
  cluster: PgCluster,
  admin: { username: string; password: string; displayName: string },
): Promise<TeamServer> {
  const db = await cluster.createDatabase();
  await firstAdmin(db.url, admin);
  // What `npm run server` runs, from the bundle global setup built (as the browser-mode fixture does).
  const args = ['scripts/door.mjs', 'server', '--db', db.url, '--host', '127.0.0.1', '--port', '0'];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the team server did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Credit Desk server on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the team server exited with ${code}: ${stderr}`));
    });
  });
  const call = async <C extends Channel>(token: string | null, channel: C, input: Input<C>) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${url}api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return (await res.json()) as Result<Output<C>>;
  };
  return {
    url,
    dbUrl: db.url,
    call,
    async signIn(username, password) {
      const result = await call(null, 'auth.login', { username, password });
      if (!result.ok) throw new Error(`auth.login refused for ${username}: ${result.error.message}`);
      return result.value;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
