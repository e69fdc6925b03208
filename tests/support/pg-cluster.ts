/**
 * A throw-away PostgreSQL cluster for tests, never a server started by hand: `initdb` into a
 * temporary folder, `pg_ctl start` on a free port on 127.0.0.1 (and a Unix socket in the same
 * folder), a login role with a password, a template database, and a fresh database per test
 * copied from the template (`CREATE DATABASE x TEMPLATE y`, a file copy: fast). Stopped with
 * `-m immediate` and deleted afterwards, also when tests fail or the worker exits early.
 *
 * As root (CI), initdb and pg_ctl refuse to run, so both run as the `postgres` OS user through
 * `runuser`, in a folder that user owns. Binaries come from `pg_config --bindir` or
 * /usr/lib/postgresql/<newest>/bin (Debian's `postgresql` package).
 *
 * Authentication: the superuser (`postgres`) connects over the socket with `trust`; the test
 * role connects over TCP with a SCRAM password, so the URLs the tests use are the kind a team
 * would use, and a wrong password would fail.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

/** The OS user that runs the server when the tests run as root. */
const PG_OS_USER = 'postgres';
const SUPERUSER = 'postgres';
export const TEST_ROLE = 'credit_desk_test';
export const TEMPLATE_DB = 'credit_desk_template';

/**
 * Where initdb, pg_ctl and postgres live, or null when PostgreSQL is not installed. `PG_BINDIR`
 * names the folder on machines that keep it elsewhere (e.g. Homebrew's).
 */
export function findPgBinDir(): string | null {
  const hasServer = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const named = process.env.PG_BINDIR;
  if (named !== undefined && named !== '') return hasServer(named) ? named : null;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (hasServer(dir)) return dir;
  } catch {
    // No pg_config (libpq-dev absent): look where Debian installs the server.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (hasServer(join(root, v, 'bin'))) return join(root, v, 'bin');
  return null;
}

/** A free TCP port on 127.0.0.1 (the kernel's choice; a rare race is handled by retrying the start). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject()));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Runs a PostgreSQL tool, as the postgres OS user when we are root; its output on failure. It
 * runs in the cluster's folder: the checkout may sit where the postgres user cannot enter.
 */
function runPgTool(binDir: string, tool: string, args: string[], cwd: string): string {
  const file = join(binDir, tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', PG_OS_USER, '--', file, ...args]] : [file, args];
  try {
    return execFileSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? ''}${e.stdout ?? ''}${e.message}`);
  }
}

/** A fresh database made for one test. */
export interface PgDatabase {
  name: string;
  /** postgres://ROLE:PASSWORD@127.0.0.1:PORT/NAME */
  url: string;
}

/** A running throw-away cluster. */
export interface PgCluster {
  readonly port: number;
  readonly dir: string;
  readonly binDir: string;
  readonly role: string;
  readonly password: string;
  /** The connection URL of `database` for the test role. */
  urlFor(database: string): string;
  /** Runs SQL as the superuser (over the socket) in `database` (default `postgres`). */
  admin<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
    database?: string,
  ): Promise<pg.QueryResult<R>>;
  /** A new database owned by the test role, copied from `template` (default: the empty template). */
  createDatabase(template?: string): Promise<PgDatabase>;
  /** Makes `name` a template: fills it with `fill(url)` once, then later databases copy it. */
  createTemplate(name: string, fill: (url: string) => Promise<void>): Promise<void>;
  /** Stops the server (immediate) and deletes its folder. Safe to call twice. */
  stop(): void;
}

const running = new Set<PgCluster>();
let exitHookInstalled = false;

/** A worker that exits without running afterAll still takes its servers down. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const cluster of running) cluster.stop();
  });
}

/** Starts a new cluster; throws with initdb's or the server log's words when it cannot. */
export async function startPgCluster(binDir = findPgBinDir()): Promise<PgCluster> {
  if (binDir === null) throw new Error(pgMissingMessage());
  const dir = mkdtempSync(join(tmpdir(), 'cd-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pwfile = join(dir, 'superuser-password');
  const password = randomBytes(12).toString('hex');
  writeFileSync(pwfile, `${randomBytes(12).toString('hex')}\n`, { mode: 0o600 });
  if (isRoot()) {
    const { uid, gid } = osUserIds(PG_OS_USER);
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  let stopped = false;
  let port = 0;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    running.delete(cluster);
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        runPgTool(binDir, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
      } catch {
        // Already gone: the folder is deleted below either way.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const cluster: PgCluster = {
    get port() {
      return port;
    },
    dir,
    binDir,
    role: TEST_ROLE,
    password,
    urlFor: (database) => `postgres://${TEST_ROLE}:${password}@127.0.0.1:${port}/${database}`,
    admin: async (text, values, database = 'postgres') => {
      const client = new pg.Client({ host: dir, port, user: SUPERUSER, database });
      await client.connect();
      try {
        return await client.query(text, values);
      } finally {
        await client.end();
      }
    },
    createDatabase: async (template = TEMPLATE_DB) => {
      const name = `t_${randomBytes(6).toString('hex')}`;
      // FILE_COPY: for a small template, copying its files beats WAL-logging every block (PG 15's default).
      await cluster.admin(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY OWNER ${TEST_ROLE}`);
      return { name, url: cluster.urlFor(name) };
    },
    createTemplate: async (name, fill) => {
      await cluster.admin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} OWNER ${TEST_ROLE}`);
      await fill(cluster.urlFor(name));
      // A template must have no open connections when it is copied; fill() closed its own.
      await cluster.admin(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
    },
    stop,
  };
  running.add(cluster);
  installExitHook();
  try {
    runPgTool(
      binDir,
      'initdb',
      [
        '-D',
        data,
        '-U',
        SUPERUSER,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C',
      ],
      dir,
    );
    // A port can be taken between choosing it and binding it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // fsync off: a throw-away cluster needs no durability. A short deadlock timeout makes the
      // deadlock tests fast; max_connections covers many pools and child processes at once.
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c deadlock_timeout=50ms -c max_connections=200`;
      try {
        runPgTool(binDir, 'pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start'], dir);
        break;
      } catch (error) {
        if (attempt >= 3) {
          const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
          throw new Error(`${(error as Error).message}\nserver log:\n${tail}`);
        }
      }
    }
    await cluster.admin(`CREATE ROLE ${TEST_ROLE} LOGIN PASSWORD '${password}'`);
    await cluster.admin(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${TEST_ROLE} IS_TEMPLATE true`);
    return cluster;
  } catch (error) {
    stop();
    throw error;
  }
}

function osUserIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (line === undefined) throw new Error(`running as root, but there is no '${name}' OS user to run PostgreSQL as`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Why PostgreSQL tests cannot run here. */
export function pgMissingMessage(): string {
  return (
    'PostgreSQL server binaries (initdb, pg_ctl) were not found via PG_BINDIR, `pg_config --bindir` or ' +
    "/usr/lib/postgresql/*/bin. Install Debian's `postgresql` package (apt-get install postgresql)."
  );
}

/**
 * A describe block with its own cluster, started before its tests and stopped after them
 * (whether they passed or not). Where PostgreSQL is not installed the block is skipped with a
 * message, except in CI (env CI set), where a missing PostgreSQL is a failure.
 */
export function describeWithPostgres(name: string, body: (cluster: () => PgCluster) => void): void {
  const binDir = findPgBinDir();
  if (binDir === null && process.env.CI === undefined) {
    console.warn(`Skipping "${name}": ${pgMissingMessage()} (In CI this is a failure.)`);
    describe.skip(name, () => body(() => notStarted()));
    return;
  }
  describe(name, () => {
    let cluster: PgCluster | undefined;
    beforeAll(async () => {
      cluster = await startPgCluster(binDir);
    });
    afterAll(() => cluster?.stop());
    body(() => cluster ?? notStarted());
  });
}

function notStarted(): never {
  throw new Error('the PostgreSQL test cluster is not running');
}
